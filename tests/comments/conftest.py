from __future__ import annotations

import pytest

from tests.factories import ArticleFactory


@pytest.fixture
def article(db):
    return ArticleFactory(title="Führung in der Krise", tags=["Führung"])
