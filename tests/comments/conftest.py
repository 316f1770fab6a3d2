from __future__ import annotations

import pytest

from tests.factories import ArticleFactory, StaffFactory
from tests.helpers import english_client


@pytest.fixture
def editor_client(db):
    """An editor logged into the admin, in a browser of their own."""
    editor = english_client()
    editor.force_login(StaffFactory(username="moderator"))
    return editor


@pytest.fixture
def article(db):
    return ArticleFactory(title="Führung in der Krise", tags=["Führung"])
