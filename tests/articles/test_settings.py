"""Start-up configuration, checked in fresh processes with exactly the environment given.

The test process itself runs with config.settings_test, which fills in SECRET_KEY and friends,
so each case here starts a new Python with a clean environment.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.html import parse

BASE_DIR = Path(__file__).resolve().parents[2]
REAL_SECRET = secrets.token_urlsafe(64)
SETUP = (
    "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; django.setup()"
)


def run(code_or_args: str | list[str], **environment: str) -> subprocess.CompletedProcess:
    """Run Python (``-c code`` or the given arguments) with only ``environment`` set."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONDONTWRITEBYTECODE": "1",
        "DJANGO_READ_ENV_FILE": "0",  # a developer's .env must not change what is tested
    }
    env.update(environment)
    args = ["-c", code_or_args] if isinstance(code_or_args, str) else code_or_args
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )


def settings_of(names: list[str], **environment: str) -> dict:
    """The values of some settings as config.settings computes them from ``environment``."""
    code = (
        f"{SETUP}\nimport json\nfrom django.conf import settings\n"
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}, default=str))"
    )
    result = run(code, **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("secret", [None, "", "too-short-to-be-secret"])
def test_production_without_a_real_secret_key_refuses_to_start(secret):
    environment = {"DEBUG": "0", "ALLOWED_HOSTS": "example.org"}
    if secret is not None:
        environment["SECRET_KEY"] = secret

    result = run(SETUP, **environment)

    assert result.returncode != 0
    assert "django.core.exceptions.ImproperlyConfigured: SECRET_KEY must be set" in result.stderr
    assert "token_urlsafe" in result.stderr  # says how to make one


def test_production_without_allowed_hosts_refuses_to_start():
    result = run(SETUP, DEBUG="0", SECRET_KEY=REAL_SECRET)

    assert result.returncode != 0
    assert "django.core.exceptions.ImproperlyConfigured: ALLOWED_HOSTS must list" in result.stderr


def test_debug_is_off_unless_set():
    result = run(SETUP)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_development_starts_without_secrets():
    values = settings_of(["DEBUG", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT"], DEBUG="1")

    assert values["DEBUG"] is True
    assert "127.0.0.1" in values["ALLOWED_HOSTS"]
    assert values["SECURE_SSL_REDIRECT"] is False


def test_production_with_real_values_passes_the_deploy_check():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="0",
        SECRET_KEY=REAL_SECRET,
        ALLOWED_HOSTS="beratung.example.org",
        SITE_URL="https://beratung.example.org",
        REDIS_URL="redis://127.0.0.1:6379/0",
        EMAIL_URL="smtp+tls://cms:secret@mail.example.org:587",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_warns_when_mail_would_only_be_printed():
    result = run(
        ["manage.py", "check", "--deploy"],
        DEBUG="0",
        SECRET_KEY=REAL_SECRET,
        ALLOWED_HOSTS="beratung.example.org",
        SITE_URL="https://beratung.example.org",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )

    assert "comments.W002" in result.stderr + result.stdout
    assert "EMAIL_URL" in result.stderr + result.stdout


def test_deploy_check_warns_that_rate_limits_count_per_process_without_redis():
    result = run(
        ["manage.py", "check", "--deploy"],
        DEBUG="0",
        SECRET_KEY=REAL_SECRET,
        ALLOWED_HOSTS="beratung.example.org",
        SITE_URL="https://beratung.example.org",
    )

    assert "comments.W001" in result.stderr + result.stdout
    assert "REDIS_URL" in result.stderr + result.stdout


def test_editor_mail_without_a_mail_server_stops_start_up():
    result = run(
        SETUP,
        DEBUG="0",
        SECRET_KEY=REAL_SECRET,
        ALLOWED_HOSTS="beratung.example.org",
        SITE_URL="https://beratung.example.org",
        EDITOR_EMAILS="redaktion@example.org",
    )

    assert result.returncode != 0
    assert "EMAIL_URL" in result.stderr


def test_production_defaults_are_https_only():
    values = settings_of(
        [
            "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
            "SECURE_HSTS_SECONDS", "ALLOWED_HOSTS",
        ],
        DEBUG="0", SECRET_KEY=REAL_SECRET, ALLOWED_HOSTS="a.example.org,b.example.org",
        SITE_URL="https://a.example.org",
    )  # fmt: skip

    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["ALLOWED_HOSTS"] == ["a.example.org", "b.example.org"]


def test_https_redirect_can_be_switched_off_for_plain_http_on_loopback():
    values = settings_of(
        ["SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"],
        DEBUG="0", SECRET_KEY=REAL_SECRET, ALLOWED_HOSTS="127.0.0.1", SITE_URL="http://127.0.0.1:8000",
        SECURE_SSL_REDIRECT="0", SECURE_HSTS_SECONDS="0",
    )  # fmt: skip

    assert values == {"SECURE_SSL_REDIRECT": False, "SECURE_HSTS_SECONDS": 0}


def test_without_database_url_the_database_is_sqlite_in_wal_mode(tmp_path):
    database = tmp_path / "fresh.sqlite3"
    code = f"""{SETUP}
import json
from django.db import connection
engine = connection.settings_dict["ENGINE"]
default_name = str(connection.settings_dict["NAME"])
# Same settings, another file: the project's own db.sqlite3 is left alone.
connection.settings_dict["NAME"] = {str(database)!r}
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    journal = cursor.fetchone()[0]
    cursor.execute("PRAGMA busy_timeout")
    busy = cursor.fetchone()[0]
print(json.dumps({{"engine": engine, "name": default_name, "journal": journal, "busy": busy}}))
"""
    result = run(code, DEBUG="1")

    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(BASE_DIR / "db.sqlite3")
    assert values["journal"] == "wal"
    assert values["busy"] >= 5000  # milliseconds a writer waits for another instead of failing
    assert database.exists()


def test_database_url_selects_postgresql():
    values = settings_of(
        ["DATABASES"], DEBUG="1", DATABASE_URL="postgres://cms:pw@db.example.org:5432/cms"
    )

    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["NAME"], database["USER"]) == (
        "db.example.org",
        "cms",
        "cms",
    )


def test_redis_url_selects_the_redis_cache_and_local_memory_otherwise():
    with_redis = settings_of(["CACHES"], DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/3")
    without = settings_of(["CACHES"], DEBUG="1")

    assert with_redis["CACHES"]["default"]["BACKEND"].endswith("RedisCache")
    assert with_redis["CACHES"]["default"]["LOCATION"] == "redis://127.0.0.1:6379/3"
    assert without["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")


def test_language_and_time_zone_default_to_german_and_berlin():
    values = settings_of(["LANGUAGE_CODE", "TIME_ZONE"], DEBUG="1")

    assert values == {"LANGUAGE_CODE": "de", "TIME_ZONE": "Europe/Berlin"}


# With the production settings (not the test ones): collect the static files into a fresh
# folder as `make serve` does, then ask the site for its home page and for the stylesheet it
# links, as a browser would (over HTTPS, which production insists on).
PRODUCTION_STATIC = f"""{SETUP}
import json, re
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
browser = Client()
home = browser.get("/", secure=True, follow=True)  # to the default edition
html = home.content.decode()
href = re.search(r'<link rel="stylesheet" href="([^"]+)"', html).group(1)
plain = browser.get(href, secure=True)
gzipped = browser.get(href, secure=True, headers={{"accept-encoding": "gzip"}})
print(json.dumps({{
    "home": {{"status": home.status_code, "html": html}},
    "css": {{
        "status": plain.status_code,
        "cache_control": plain.get("Cache-Control", ""),
        "body": b"".join(plain.streaming_content).decode() if plain.streaming else "",
    }},
    "gzip": {{"status": gzipped.status_code, "encoding": gzipped.get("Content-Encoding", "")}},
}}))
"""


def test_production_serves_hashed_compressed_static_files_cached_for_a_year(tmp_path):
    result = run(
        PRODUCTION_STATIC,
        DEBUG="0",
        SECRET_KEY=REAL_SECRET,
        ALLOWED_HOSTS="testserver",
        SITE_URL="http://testserver",
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )

    assert result.returncode == 0, result.stderr
    served = json.loads(result.stdout.strip().splitlines()[-1])
    assert served["home"]["status"] == 200
    stylesheet = parse(served["home"]["html"]).select_one('link[rel="stylesheet"]').get("href")
    # The name changes with the content, so browsers may keep it for good.
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", stylesheet), stylesheet
    assert served["css"]["status"] == 200
    assert ".hp" in served["css"]["body"]  # the site's own stylesheet, not an error page
    max_age = re.search(r"max-age=(\d+)", served["css"]["cache_control"])
    assert max_age and int(max_age.group(1)) >= 365 * 24 * 60 * 60, served["css"]
    assert "immutable" in served["css"]["cache_control"]
    assert served["gzip"] == {"status": 200, "encoding": "gzip"}
