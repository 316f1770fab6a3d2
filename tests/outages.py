"""Outages for tests, made for real: a database that refuses connections, a Redis that is not
listening or never answers. Shared by the outage, Redis-outage and health tests."""

from __future__ import annotations

import runpy
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg2
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.test import override_settings


@contextmanager
def database_down() -> Iterator[None]:
    """The database refuses every connection inside the block and is back after it."""
    if connection.vendor == "postgresql":
        with _postgresql_refusing():
            yield
    else:
        with _sqlite_unreachable():
            yield


@contextmanager
def _postgresql_refusing() -> Iterator[None]:
    name = connection.settings_dict["NAME"]
    connection.close()
    admin = _maintenance_connection()
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false')
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            )
        yield
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true')
        admin.close()
        connection.close()


def _maintenance_connection():
    """A connection of its own to the server's ``postgres`` database, as the same user."""
    settings = connection.settings_dict
    admin = psycopg2.connect(
        dbname="postgres",
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
    )
    admin.autocommit = True
    return admin


@contextmanager
def _sqlite_unreachable() -> Iterator[None]:
    # The test database may live in memory, which closing would destroy: the open connection
    # is set aside (keeping it alive) while Django connects to a file it cannot open.
    name, kept = connection.settings_dict["NAME"], connection.connection
    connection.connection = None
    connection.settings_dict["NAME"] = "/nonexistent-folder/for-the-outage-test/db.sqlite3"
    try:
        yield
    finally:
        connection.settings_dict["NAME"] = name
        connection.connection = kept


@contextmanager
def database_at(port: int) -> Iterator[None]:
    """Django's connection goes to ``port`` on loopback inside the block."""
    settings, kept = connection.settings_dict, dict(connection.settings_dict)
    connection.close()
    settings.update(HOST="127.0.0.1", PORT=port)
    try:
        yield
    finally:
        settings.update(HOST=kept["HOST"], PORT=kept["PORT"])
        connection.close()


def production_caches(redis_url: str, monkeypatch, **environment: str) -> dict:
    """``CACHES`` exactly as config/settings.py builds it for ``REDIS_URL=redis_url``."""
    monkeypatch.setenv("REDIS_URL", redis_url)
    monkeypatch.delenv("REDIS_TIMEOUT", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(settings.BASE_DIR / "config" / "settings.py"))["CACHES"]


@contextmanager
def redis_at(port: int, monkeypatch) -> Iterator[float]:
    """The site's cache on Redis at ``port`` inside the block; yields the socket timeout."""
    configured = production_caches(f"redis://127.0.0.1:{port}/0", monkeypatch)
    # override_settings resets django.core.cache.caches (its setting_changed receiver), so
    # `cache` and django-ratelimit's caches[...] look the new one up on their next call.
    with override_settings(CACHES=configured):
        assert isinstance(caches["default"], RedisCache)
        yield configured["default"]["OPTIONS"]["socket_timeout"]


def closed_port() -> int:
    """A port on loopback that nothing listens on (connections are refused at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SilentServer:
    """A TCP server that accepts every connection and never answers: a hung Redis (or a
    database server that no longer answers)."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.05)
        self.port = self.server.getsockname()[1]
        self.connections: list[socket.socket] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                held, _address = self.server.accept()
            except TimeoutError:
                continue
            self.connections.append(held)  # held open, never read or answered

    def __enter__(self) -> SilentServer:
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stopping.set()
        self.thread.join()
        for held in self.connections:
            held.close()
        self.server.close()
