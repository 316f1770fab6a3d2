"""What a comment costs the database: a fixed number of queries, however long the thread is.

The article page itself (with 20 comments, 10 tags and 3 authors) is measured in
tests/articles/test_query_budget.py; here only what the comment form adds.
"""

from __future__ import annotations

import pytest

from comments.models import Comment
from tests.comments.helpers import comment_data, post_url, shown_comments
from tests.factories import ArticleFactory, AuthorFactory, CommentFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

# The published article the comment is for, then the article page again with the reader's
# form: the article, its bylines, its tags, the approved comments and the navigation; and the
# look for related articles (the editors' picks, then those sharing tags: none here), and
# "more articles" in the category. The navigation is the edition's menu, then its categories.
FORM_WITH_ERRORS_BUDGET = 6 + 2 + 1
# The published article; in comment_submit's transaction the article check and the status
# check of full_clean() and the insert. The other four are the savepoints its two atomic
# blocks become inside the test's own transaction (outside a test: BEGIN and COMMIT).
POSTED_COMMENT_BUDGET = 8


@pytest.fixture
def rich_article(db):
    article = ArticleFactory(
        authors=AuthorFactory.create_batch(3),
        tags=[f"Thema {i}" for i in range(10)],
    )
    CommentFactory.create_batch(
        20, article=article, website="https://example.org/", signature="Beraterin, Hamburg"
    )
    # Hidden ones must cost nothing either.
    CommentFactory.create_batch(3, article=article, status=Comment.Status.PENDING)
    return article


def test_form_with_errors_stays_within_the_budget(
    client, rich_article, django_assert_max_num_queries
):
    with django_assert_max_num_queries(FORM_WITH_ERRORS_BUDGET):
        response = client.post(post_url(rich_article), comment_data(body=""))

    assert response.status_code == 400
    assert len(shown_comments(parse(response))) == 20


def test_posting_a_comment_stays_within_the_budget(
    client, rich_article, django_assert_max_num_queries
):
    with django_assert_max_num_queries(POSTED_COMMENT_BUDGET):
        response = client.post(post_url(rich_article), comment_data(body="Neu und wartend."))

    assert response.status_code == 302
    assert Comment.objects.get(body="Neu und wartend.").status == Comment.Status.PENDING
