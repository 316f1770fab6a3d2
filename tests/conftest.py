from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache
from django.utils import translation

from tests.factories import AuthorUserFactory, EditorUserFactory, UserFactory
from tests.helpers import english_client, logged_in


def pytest_addoption(parser):
    parser.addoption(
        "--screenshots",
        metavar="DIR",
        help="write the design screenshots into DIR (make screenshots); otherwise not run",
    )


def pytest_collection_modifyitems(config, items):
    """Browser tests run last: their one shared Chromium keeps an event loop running, under
    which Django refuses ordinary ORM calls (see tests/browser/conftest.py).

    The screenshots (make screenshots) are a tool, not a check: they are collected only when
    --screenshots names a folder, and then alone."""
    wanted = bool(config.getoption("--screenshots"))
    kept, dropped = [], []
    for item in items:
        is_tool = item.get_closest_marker("screenshots") is not None
        (kept if is_tool == wanted else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


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
def english_by_default():
    """A request in another language leaves it active in the thread; the next test, calling
    the services directly, must not read German."""
    yield
    translation.deactivate()


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
def editor_user(db):
    """Staff in the Editor group (not a superuser): reviews, publishes, moderates."""
    return EditorUserFactory(username="editor")


@pytest.fixture
def editor_client(editor_user):
    """The editor's own browser (the ``client`` fixture stays an anonymous reader)."""
    return logged_in(editor_user)


@pytest.fixture
def author_user(db):
    """Staff in the Author group: writes and submits their own articles."""
    return AuthorUserFactory(username="writer")


@pytest.fixture
def author_client(author_user):
    return logged_in(author_user)


@pytest.fixture
def reader_user(db):
    return UserFactory(username="reader")
