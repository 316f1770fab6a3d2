"""The article page costs the same number of queries with 2 comments as with 20."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.models import Comment
from tests.comments.helpers import comment_data, post_url, shown_comments
from tests.factories import ArticleFactory, AuthorFactory, CommentFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

# Article with category, authors, tags, comments, navigation, and the view-count update.
ARTICLE_PAGE_BUDGET = 8  # 6 today; a little room for the next feature, far below an N+1


@pytest.fixture
def rich_article(db):
    return ArticleFactory(
        authors=AuthorFactory.create_batch(3),
        tags=[f"Thema {i}" for i in range(10)],
    )


def add_comments(article, approved: int) -> None:
    CommentFactory.create_batch(approved, article=article, website="https://example.org/",
                                signature="Beraterin, Hamburg")  # fmt: skip
    # Hidden ones must cost nothing either.
    CommentFactory.create_batch(3, article=article, status=Comment.Status.PENDING)


def page_queries(client, article, expected_comments: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert len(shown_comments(parse(response))) == expected_comments
    return len(queries)


def test_article_page_with_20_comments_stays_within_the_budget(
    client, rich_article, django_assert_max_num_queries
):
    add_comments(rich_article, 20)

    with django_assert_max_num_queries(ARTICLE_PAGE_BUDGET):
        response = client.get(rich_article.get_absolute_url())

    assert len(shown_comments(parse(response))) == 20


def test_article_page_queries_do_not_grow_with_comments(client, rich_article):
    other = ArticleFactory(
        authors=AuthorFactory.create_batch(3), tags=[f"Thema {i}" for i in range(10)]
    )
    add_comments(rich_article, 2)
    add_comments(other, 20)

    assert page_queries(client, other, 20) == page_queries(client, rich_article, 2)


def test_form_with_errors_stays_within_the_budget(
    client, rich_article, django_assert_max_num_queries
):
    add_comments(rich_article, 20)

    with django_assert_max_num_queries(ARTICLE_PAGE_BUDGET):
        response = client.post(post_url(rich_article), comment_data(body=""))

    assert response.status_code == 400
    assert len(shown_comments(parse(response))) == 20
