"""Redis unreachable or hung: pages keep serving, comments are still accepted (the rate limit
fails open, see comments/spam.py and README "Outages"), and no request waits long on Redis.

The cache is the one ``config/settings.py`` builds from ``REDIS_URL`` (its ``OPTIONS`` with
the socket timeouts included), pointed at a port nothing listens on, or at a real TCP server
this test runs that accepts connections and never answers, as a hung Redis does.
"""

from __future__ import annotations

import time

import pytest

from comments.models import Comment
from tests.comments.helpers import comment_data, post_url
from tests.factories import ArticleFactory
from tests.helpers import english_client
from tests.outages import SilentServer, closed_port, production_caches, redis_at

pytestmark = pytest.mark.django_db

# Cache calls a request makes before it goes on without the cache: a page asks once for the
# content generation of its header menu (articles/listing.py) and then builds the menu from
# the database; a comment post asks once to count against the rate limit (comments/spam.py).
# Each call that fails costs one REDIS_TIMEOUT; the rest of the request gets this much.
PAGE_CACHE_CALLS = 1
POST_CACHE_CALLS = 1
REST_OF_THE_REQUEST = 1.0


@pytest.fixture(autouse=True)
def quick_readers(settings):
    settings.COMMENT_MIN_SECONDS = 0  # the test client posts the instant the form was made


@pytest.fixture
def article():
    return ArticleFactory(title="Leading through a crisis", language="en")


def timed(request) -> tuple[float, object]:
    started = time.monotonic()
    response = request()
    return time.monotonic() - started, response


def test_settings_bound_every_redis_call_by_redis_timeout(monkeypatch):
    default = production_caches("redis://127.0.0.1:6379/0", monkeypatch)["default"]
    assert default["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert default["OPTIONS"] == {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}

    chosen = production_caches("redis://127.0.0.1:6379/0", monkeypatch, REDIS_TIMEOUT="0.2")
    assert chosen["default"]["OPTIONS"]["socket_timeout"] == 0.2


def test_pages_are_served_while_redis_is_not_listening(article, monkeypatch):
    with redis_at(closed_port(), monkeypatch):
        home = english_client().get("/en/")
        page = english_client().get(article.get_absolute_url())

    assert home.status_code == page.status_code == 200
    assert "Leading through a crisis" in page.content.decode()


def test_comments_are_accepted_while_redis_is_not_listening(article, monkeypatch, settings):
    # The rate limit cannot count without Redis and lets comments in (fail open): more than
    # the limit are accepted, and each still waits for an editor like any stranger's.
    settings.COMMENT_RATE_LIMIT = "1/h"
    with redis_at(closed_port(), monkeypatch):
        statuses = [
            english_client()
            .post(post_url(article), comment_data(body=f"Comment number {n}"))
            .status_code
            for n in range(3)
        ]

    assert statuses == [302, 302, 302]
    assert sorted(Comment.objects.values_list("status", flat=True)) == ["pending"] * 3


def test_a_page_does_not_wait_long_on_a_hung_redis(article, monkeypatch):
    with SilentServer() as redis_server, redis_at(redis_server.port, monkeypatch) as timeout:
        seconds, response = timed(lambda: english_client().get(article.get_absolute_url()))

    bound = PAGE_CACHE_CALLS * timeout + REST_OF_THE_REQUEST
    assert bound < 3
    assert response.status_code == 200
    assert redis_server.connections, "the page never asked the cache"
    assert seconds < bound, f"{seconds:.2f} s on a hung Redis (bound {bound} s)"


def test_a_comment_post_does_not_wait_long_on_a_hung_redis(article, monkeypatch):
    with SilentServer() as redis_server, redis_at(redis_server.port, monkeypatch) as timeout:
        seconds, response = timed(
            lambda: english_client().post(post_url(article), comment_data(body="Still here."))
        )

    bound = POST_CACHE_CALLS * timeout + REST_OF_THE_REQUEST
    assert bound < 3
    assert response.status_code == 302
    assert Comment.objects.filter(body="Still here.").exists()
    assert redis_server.connections, "the post never asked the cache"
    assert seconds < bound, f"{seconds:.2f} s on a hung Redis (bound {bound} s)"
