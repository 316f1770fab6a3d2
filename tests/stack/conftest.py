"""The production stack, for real: ``make serve`` (nginx in front of gunicorn) as a process.

One stack for the whole module, on a free port, with its own SECRET_KEY, its own database (a
SQLite file, or ``<DATABASE_URL's database>_stack`` on PostgreSQL, created and dropped here),
its own cache key prefix on Redis when REDIS_URL is set, and the demo content. At the end its
process group is stopped and nothing of it may be left running.

Without nginx the tests skip on a laptop and fail in CI (``make serve-deps`` installs it), as
the browser tests do without Chromium.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import pytest
import redis

ROOT = Path(__file__).resolve().parents[2]
# migrate, collectstatic and gunicorn's first workers on a busy 2-core CI machine.
START_SECONDS = 120
STOP_SECONDS = 20
# Few enough that a handful of stalled requests would block them all without the front.
WORKERS_WITH_REDIS = 2
# Without Redis each worker counts rate limits in its own memory: one worker counts exactly.
WORKERS_WITHOUT_REDIS = 1
RATE_LIMIT = 2  # comments per reader address in the window below
# django-ratelimit's windows are aligned to the clock: a day-long one cannot roll over (and
# reset the count) during the seconds a test takes, except once a day by a hair.
COMMENT_RATE_LIMIT = f"{RATE_LIMIT}/d"
NO_NGINX = "nginx not found: install it with `make serve-deps`; the stack tests did not run"


@dataclass
class Stack:
    """A running ``make serve``: where it answers and what it was started with."""

    port: int
    secret_key: str
    database_url: str
    run_dir: Path

    def comments(self) -> list[tuple[str, str]]:
        """(body, ip_hash) of every comment the stack stored, read from its own database."""
        query = "SELECT body, ip_hash FROM comments_comment ORDER BY id"
        if self.database_url.startswith("sqlite:"):
            with sqlite3.connect(urlsplit(self.database_url).path) as connection:
                return list(connection.execute(query))
        with psycopg2.connect(self.database_url) as connection, connection.cursor() as cursor:
            cursor.execute(query)
            return list(cursor.fetchall())


def _no_nginx(reason: str):
    """In CI a missing nginx is an error; on a developer's machine it is a loud skip."""
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{reason}. CI must run the stack tests.", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://", "pgsql://"))


class _Postgres:
    """A database of the stack's own beside the one DATABASE_URL names."""

    def __init__(self, url: str):
        parts = urlsplit(url)
        self.name = f"{parts.path.lstrip('/') or 'postgres'}_stack"
        self.url = urlunsplit(parts._replace(scheme="postgres", path=f"/{self.name}"))
        self.admin_url = urlunsplit(parts._replace(scheme="postgres", path="/postgres"))

    def _run(self, *statements: str) -> None:
        connection = psycopg2.connect(self.admin_url)
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        finally:
            connection.close()

    def create(self) -> None:
        self._run(
            f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)', f'CREATE DATABASE "{self.name}"'
        )

    def drop(self) -> None:
        self._run(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def _environment(work: Path, port: int, secret_key: str, database_url: str) -> dict[str, str]:
    """What the stack runs with: only what is set here, never the test run's settings."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "CI")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    redis_url = os.environ.get("REDIS_URL", "")
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_READ_ENV_FILE="0",  # a developer's .env stays out
        SECRET_KEY=secret_key,
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL=f"http://127.0.0.1:{port}",
        MEDIA_ROOT=str(work / "media"),
        STATIC_ROOT=str(work / "static"),
        COMMENT_MIN_SECONDS="0",
        COMMENT_RATE_LIMIT=COMMENT_RATE_LIMIT,
        WEB_CONCURRENCY=str(WORKERS_WITH_REDIS if redis_url else WORKERS_WITHOUT_REDIS),
        LOG_LEVEL="WARNING",
    )
    if redis_url:
        env.update(REDIS_URL=redis_url, CACHE_KEY_PREFIX=f"cms-stack-{uuid.uuid4().hex[:8]}")
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    # The same settings make serve uses; migrate and load_demo need DEBUG off's HTTPS switches.
    command_env = {**env, "DEBUG": "0", "SECURE_SSL_REDIRECT": "0"}
    subprocess.run(
        [sys.executable, "manage.py", *args, "-v", "0"],
        cwd=ROOT,
        env=command_env,
        check=True,
        capture_output=True,
    )


def _wait_until_up(process: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"make serve ended (exit {process.returncode}):\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
                connection.sendall(b"GET /robots.txt HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                if connection.recv(12).startswith(b"HTTP/1.1 200"):
                    return
        except OSError:
            pass
        time.sleep(0.25)
    pytest.fail(f"make serve did not answer within {START_SECONDS} s:\n{log.read_text()}")


def _run_dir(log: Path) -> Path:
    for line in log.read_text().splitlines():
        if line.startswith("run dir: "):
            return Path(line.removeprefix("run dir: ").split(";")[0])
    pytest.fail(f"make serve did not say its run directory:\n{log.read_text()}")


def _left_in_session(session: int) -> list[str]:
    """Every process of the session make started (its servers have process groups of their
    own, in the same session), as "pid command line"."""
    found = subprocess.run(["pgrep", "-a", "-s", str(session)], capture_output=True, text=True)
    return found.stdout.splitlines()


def _stop(process: subprocess.Popen) -> list[str]:
    """SIGTERM to make's process group, as Ctrl+C or a service manager would send; returns
    what of it is still running after that (and kills it, so nothing outlives the tests)."""
    session = process.pid  # start_new_session: make leads its own session and group
    os.killpg(session, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=STOP_SECONDS)
    deadline = time.monotonic() + STOP_SECONDS
    while (left := _left_in_session(session)) and time.monotonic() < deadline:
        time.sleep(0.2)
    for line in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(line.split()[0]), signal.SIGKILL)
    return left


def _forget_cache_keys(env: dict[str, str]) -> None:
    if "CACHE_KEY_PREFIX" not in env:
        return
    client = redis.Redis.from_url(env["REDIS_URL"])
    keys = list(client.scan_iter(match=f"{env['CACHE_KEY_PREFIX']}:*"))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture(scope="session")
def stack() -> Iterator[Stack]:
    check = subprocess.run(
        ["bash", "config/serve.sh", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    if check.returncode != 0:
        _no_nginx(f"{NO_NGINX} ({check.stderr.strip()})")

    # Run as root, nginx's workers are `nobody`: they must reach MEDIA_ROOT inside it.
    work = Path(tempfile.mkdtemp(prefix="cms-stack-"))
    work.chmod(0o711)
    base_url = os.environ.get("DATABASE_URL", "")
    postgres = _Postgres(base_url) if _is_postgres(base_url) else None
    database_url = postgres.url if postgres else f"sqlite:///{work / 'stack.sqlite3'}"
    port = _free_port()
    secret_key = secrets.token_urlsafe(64)
    env = _environment(work, port, secret_key, database_url)
    log = work / "serve.log"
    process = None
    try:
        if postgres:
            postgres.create()
        _manage(env, "migrate", "--noinput")
        _manage(env, "load_demo")
        with log.open("wb") as output:
            process = subprocess.Popen(
                ["make", "--no-print-directory", "serve", f"PORT={port}"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        _wait_until_up(process, port, log)
        run_dir = _run_dir(log)
        running = "\n".join(_left_in_session(process.pid))
        assert "nginx: master" in running and "gunicorn" in running, running
        yield Stack(port=port, secret_key=secret_key, database_url=database_url, run_dir=run_dir)

        left = _stop(process)
        process = None
        assert not left, "still running after make serve was stopped:\n" + "\n".join(left)
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        assert not run_dir.exists(), f"make serve left its run directory {run_dir}"
    finally:
        if process is not None:
            _stop(process)
        _forget_cache_keys(env)
        if postgres:
            postgres.drop()
        shutil.rmtree(work, ignore_errors=True)
