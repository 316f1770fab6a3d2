from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.factories import StaffFactory, UserFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads of every test go to a fresh temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def clean_cache():
    """Rate limits and cached pages of one test must not leak into the next."""
    cache.clear()
    yield
    cache.clear()


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
