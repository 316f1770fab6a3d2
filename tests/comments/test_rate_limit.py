"""Too many comments from one address in a short time are refused; others are not affected."""

from __future__ import annotations

import django_ratelimit.core
import pytest
from django.test import RequestFactory

from comments.models import Comment
from comments.network import client_ip
from tests.comments.helpers import comment_data, comment_form, form_errors, post_url
from tests.html import one, parse

pytestmark = pytest.mark.django_db

LIMIT = 2
TOO_MANY = "You have sent several comments in a short time."


@pytest.fixture(autouse=True)
def low_rate_limit(settings, monkeypatch):
    settings.COMMENT_RATE_LIMIT = f"{LIMIT}/h"
    settings.TRUSTED_PROXY_COUNT = 0
    # django-ratelimit counts in fixed windows that end at clock-aligned times (its
    # _get_window reads time.time()), and a new window starts a new count. A test that began
    # just before a window's end would see its count reset half-way and fail by the clock, not
    # by the code. One window for the whole test: counts only ever grow.
    monkeypatch.setattr(django_ratelimit.core, "_get_window", lambda value, period: 0)


def send(client, article, n: int, **extra) -> list[int]:
    return [
        client.post(post_url(article), comment_data(body=f"Kommentar {i}"), **extra).status_code
        for i in range(n)
    ]


def exhaust(client, article, **extra) -> None:
    """Send comments from one address until it is refused (at most a few beyond the limit)."""
    for i in range(LIMIT + 3):
        response = client.post(post_url(article), comment_data(body=f"Noch einer {i}"), **extra)
        if response.status_code == 429:
            return
    pytest.fail("the rate limit never refused a comment")


def test_comments_up_to_the_limit_are_stored(client, article):
    assert send(client, article, LIMIT, REMOTE_ADDR="203.0.113.5") == [302] * LIMIT
    assert Comment.objects.count() == LIMIT


def test_comment_over_the_limit_is_refused_with_429_and_stores_nothing(client, article):
    send(client, article, LIMIT, REMOTE_ADDR="203.0.113.5")

    response = client.post(
        post_url(article),
        comment_data(body="Einer zu viel, aber sorgfältig formuliert."),
        REMOTE_ADDR="203.0.113.5",
    )

    assert response.status_code == 429
    assert Comment.objects.count() == LIMIT
    assert not Comment.objects.filter(body__startswith="Einer zu viel").exists()


def test_refused_comment_explains_why_and_keeps_the_text(client, article):
    exhaust(client, article, REMOTE_ADDR="203.0.113.5")

    response = client.post(
        post_url(article),
        comment_data(body="Einer zu viel, aber sorgfältig formuliert."),
        REMOTE_ADDR="203.0.113.5",
    )

    assert response.status_code == 429
    page = parse(response)
    assert TOO_MANY in form_errors(page)
    assert "wait" in form_errors(page)
    textarea = one(comment_form(page), 'textarea[name="body"]')
    assert textarea.get_text().strip() == "Einer zu viel, aber sorgfältig formuliert."


def test_another_address_is_not_affected(client, article):
    exhaust(client, article, REMOTE_ADDR="203.0.113.5")
    before = Comment.objects.count()

    response = client.post(post_url(article), comment_data(), REMOTE_ADDR="198.51.100.9")

    assert response.status_code == 302
    assert Comment.objects.count() == before + 1


def test_invalid_submissions_do_not_count_towards_the_limit(client, article):
    for _ in range(LIMIT + 3):
        response = client.post(
            post_url(article), comment_data(email="kaputt"), REMOTE_ADDR="203.0.113.5"
        )
        assert response.status_code == 400

    assert send(client, article, LIMIT, REMOTE_ADDR="203.0.113.5") == [302] * LIMIT
    assert Comment.objects.count() == LIMIT


def test_honeypot_submissions_do_not_use_up_a_persons_limit(client, article):
    for _ in range(LIMIT + 3):
        client.post(post_url(article), comment_data(homepage="bot"), REMOTE_ADDR="203.0.113.5")

    assert send(client, article, LIMIT, REMOTE_ADDR="203.0.113.5") == [302] * LIMIT


def test_behind_a_proxy_each_forwarded_client_has_its_own_limit(client, article, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    exhaust(client, article, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")

    response = client.post(
        post_url(article),
        comment_data(),
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )

    assert response.status_code == 302


def test_forging_the_left_most_forwarded_entry_does_not_escape_the_limit(client, article, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    exhaust(client, article, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    before = Comment.objects.count()

    response = client.post(
        post_url(article),
        comment_data(),
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.77, 203.0.113.5",
    )

    assert response.status_code == 429
    assert Comment.objects.count() == before


def test_without_trusted_proxies_a_forwarded_header_cannot_escape_the_limit(client, article):
    exhaust(client, article, REMOTE_ADDR="203.0.113.5")

    response = client.post(
        post_url(article),
        comment_data(),
        REMOTE_ADDR="203.0.113.5",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )

    assert response.status_code == 429


# client_ip -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("proxies", "remote_addr", "forwarded_for", "expected"),
    [
        # No proxy: the header is the client's own claim and is ignored.
        (0, "203.0.113.5", None, "203.0.113.5"),
        (0, "203.0.113.5", "198.51.100.9", "203.0.113.5"),
        # One proxy appends the address it saw.
        (1, "10.0.0.1", "203.0.113.5", "203.0.113.5"),
        (1, "10.0.0.1", "192.0.2.77, 203.0.113.5", "203.0.113.5"),
        (1, "10.0.0.1", "192.0.2.77,203.0.113.5 ", "203.0.113.5"),
        # Two proxies: the client is second from the right; the left-most entry is forged.
        (2, "10.0.0.1", "203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (2, "10.0.0.1", "192.0.2.77, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        # A proxy is configured but the request carries no header: the peer is all we know.
        (1, "203.0.113.5", None, "203.0.113.5"),
    ],
)
def test_client_ip(settings, proxies, remote_addr, forwarded_for, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for is not None else {}
    request = RequestFactory().post("/", REMOTE_ADDR=remote_addr, **headers)

    assert client_ip(request) == expected


def test_comment_is_kept_when_the_shared_cache_is_down(client, article, settings, caplog):
    # Nothing listens on this port: every cache call fails with a connection error.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }

    response = client.post(post_url(article), comment_data(body="Trotz Ausfall gespeichert"))

    assert response.status_code == 302
    assert Comment.objects.get().body == "Trotz Ausfall gespeichert"
    assert "rate limit unavailable" in caplog.text
