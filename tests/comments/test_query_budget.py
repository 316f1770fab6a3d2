"""What a comment costs the database: a fixed number of queries, however long the thread is.

The article page itself (with 20 comments, 10 tags and 3 authors) is measured in
tests/articles/test_query_budget.py; here only what the comment form adds.
"""

from __future__ import annotations

import pytest

from comments.models import Comment
from tests.comments.helpers import comment_data, post_url, shown_comments
from tests.factories import ArticleFactory, AuthorFactory, CommentFactory
from tests.helpers import count_queries
from tests.html import parse

pytestmark = pytest.mark.django_db

# The published article the comment is for and whether its thread is closed; then the article
# page again with the reader's form: the article's bylines and tags, the look for related
# articles (the editors' picks, then those sharing tags: none here), "more articles" in the
# category, the navigation (the edition's menu, then its categories), the thread (one query for
# every comment shown) and, for the form, whether the thread is closed.
FORM_WITH_ERRORS_BUDGET = 2 + 2 + 2 + 1 + 2 + 1 + 1
# The published article and whether its thread is closed; in comment_submit's transaction the
# duplicate check, the moderation rules (blocklist, the authors and the staff for the names
# they go by, an earlier approved comment from the address), the article and status checks of
# full_clean() and the insert. The other four are the savepoints its two atomic blocks become
# inside the test's own transaction (outside a test: BEGIN and COMMIT).
POSTED_COMMENT_BUDGET = 2 + 1 + 4 + 2 + 1 + 4


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


# --- What the comment addresses cost on the article page ---------------------------------------


def test_the_own_comment_address_costs_one_query_more_however_long_the_thread(
    client, rich_article, settings
):
    settings.COMMENTS_PER_PAGE = 100  # the whole thread on one page
    url = rich_article.get_absolute_url()
    client.get(url)  # the site's menu is cached from now on
    plain, _ = count_queries(client, url)
    location = client.post(post_url(rich_article), comment_data(body="Meins."))["Location"]

    own, response = count_queries(client, location)
    assert own == plain + 1  # the comment the token names
    assert len(shown_comments(parse(response))) == 21

    for comment in CommentFactory.create_batch(10, article=rich_article):
        CommentFactory(article=rich_article, parent=comment, depth=1)
    longer, response = count_queries(client, location)
    assert len(shown_comments(parse(response))) == 41
    assert longer == own


def test_the_reply_and_page_addresses_cost_nothing_more(client, rich_article, settings):
    settings.COMMENTS_PER_PAGE = 5
    url = rich_article.get_absolute_url()
    client.get(url)
    plain, _ = count_queries(client, url)
    some = Comment.objects.approved().first()

    for query in (f"?reply={some.pk}", "?comments=3", "?comments=nonsense", "?comment=sent"):
        queries, _ = count_queries(client, url + query)
        assert queries == plain, query
