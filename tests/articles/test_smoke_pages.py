from __future__ import annotations

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_pages_render(client):
    article = ArticleFactory(tags=["Führung"])
    author = article.ordered_authors[0]
    for url in [
        "/",
        article.get_absolute_url(),
        article.category.get_absolute_url(),
        "/tag/fuehrung/",
        author.get_absolute_url(),
    ]:
        assert client.get(url).status_code == 200, url
    assert client.get("/nope/").status_code == 404
