from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import ArticleFactory, StaffFactory


@pytest.fixture
def client():
    """A reader whose browser asks for English, so messages and errors read as written."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def editor_client(db):
    """An editor logged into the admin, in a browser of their own."""
    editor = Client(HTTP_ACCEPT_LANGUAGE="en")
    editor.force_login(StaffFactory(username="moderator"))
    return editor


@pytest.fixture
def article(db):
    return ArticleFactory(title="Führung in der Krise", tags=["Führung"])
