from __future__ import annotations

import pytest

from tests.factories import ArticleFactory


@pytest.fixture(autouse=True)
def no_typing_delay(settings):
    """A test client posts the form the instant it was made; the tests of the ticket itself
    (test_spam.py) set the delay back."""
    settings.COMMENT_MIN_SECONDS = 0


@pytest.fixture
def article(db):
    return ArticleFactory(title="Führung in der Krise", tags=["Führung"])
