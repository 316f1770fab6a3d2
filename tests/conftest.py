from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache

from tests.factories import StaffFactory, UserFactory
from tests.helpers import english_client


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads of every test go to a fresh temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def clear_own_cache_keys() -> None:
    """Empty the cache for the next test. On Redis only this run's keys go (its KEY_PREFIX):
    ``cache.clear()`` would flush the whole database, another run's keys included."""
    if isinstance(cache, RedisCache):
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{settings.CACHES['default']['KEY_PREFIX']}:*"))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def clean_cache():
    """Rate limits and cached pages of one test must not leak into the next."""
    clear_own_cache_keys()
    yield
    clear_own_cache_keys()


@pytest.fixture
def client():
    """A reader whose browser asks for English, so messages and errors read as written.

    A test that wants another language says so per request (``HTTP_ACCEPT_LANGUAGE="de"``).
    """
    return english_client()


@pytest.fixture
def staff_user(db):
    return StaffFactory(username="editor")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def reader_user(db):
    return UserFactory(username="reader")
