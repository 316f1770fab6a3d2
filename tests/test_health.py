"""``/healthz`` tells a load balancer whether this app server can serve pages: 200 while the
database and the cache answer, 503 (naming the part that failed) while one does not."""

from __future__ import annotations

import json
import time

import pytest

from tests.helpers import english_client
from tests.outages import SilentServer, closed_port, database_down, redis_at

URL = "/healthz"


def probe(**headers):
    return english_client().get(URL, **headers)


def state(response) -> dict:
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers
    return json.loads(response.content)


@pytest.mark.django_db
def test_healthy_server_answers_200_with_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        response = probe()

    assert response.status_code == 200
    assert state(response) == {"database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_head_is_answered_and_other_methods_are_not():
    assert english_client().head(URL).status_code == 200
    assert english_client().post(URL).status_code == 405


@pytest.mark.django_db(transaction=True)
def test_database_down_answers_503():
    with database_down():
        response = probe()

    assert response.status_code == 503
    assert state(response) == {"database": "error", "cache": "ok"}
    assert probe().status_code == 200  # and back by itself


@pytest.mark.django_db
def test_cache_down_answers_503(monkeypatch):
    with redis_at(closed_port(), monkeypatch):
        response = probe()

    assert response.status_code == 503
    assert state(response) == {"database": "ok", "cache": "error"}


@pytest.mark.django_db
def test_hung_cache_answers_503_within_the_redis_timeout(monkeypatch):
    with SilentServer() as redis_server, redis_at(redis_server.port, monkeypatch) as timeout:
        started = time.monotonic()
        response = probe()
        seconds = time.monotonic() - started

    assert response.status_code == 503
    assert state(response)["cache"] == "error"
    assert seconds < timeout + 1.0  # the first cache call fails, the second is not made


@pytest.mark.django_db
def test_balancer_probing_over_plain_http_is_not_redirected(settings):
    settings.SECURE_SSL_REDIRECT = True

    assert probe().status_code == 200
    assert english_client().get("/robots.txt").status_code == 301  # every other address is


@pytest.mark.django_db
def test_probe_must_name_an_allowed_host():
    # A balancer probing by IP address gets 400 unless that address is in ALLOWED_HOSTS.
    assert probe(HTTP_HOST="10.0.0.7").status_code == 400
