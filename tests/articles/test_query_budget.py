"""Every reader page (and every preview of one) costs a fixed number of queries, however many
rows it shows.

The budgets are the exact numbers the pages need today, so a new N+1 (a tag, author or comment
queried per row) fails here. Each page is measured with few and with many rows, and both must
fit the same budget and cost the same.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from articles import sharing
from articles.models import Article, Author, Category
from comments.models import Comment
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    CommentFactory,
    EditorUserFactory,
)
from tests.helpers import count_queries
from tests.html import parse

pytestmark = pytest.mark.django_db


# Published articles, their bylines and their tags: one query each.
LISTING = 3
# Lists: the count for the paginator, and the categories in the site navigation.
HOME_BUDGET = LISTING + 2
# Category, tag and author pages also look up what they are about.
FILTERED_LIST_BUDGET = HOME_BUDGET + 1
# The article page: the listing queries, the view count update, the approved comments and
# the site navigation.
ARTICLE_BUDGET = LISTING + 3


# Articles a list page shows (the rest is on the next page).
PER_PAGE = 10


@dataclass
class Site:
    category: Category
    authors: list[Author]
    articles: list[Article]


def build_site(article_count: int) -> Site:
    """``article_count`` published articles, each with 3 authors, 10 tags and 20 comments."""
    category = CategoryFactory(name="Strategie")
    authors = [AuthorFactory() for _ in range(3)]
    tags = ["Führung", *(f"Thema {number}" for number in range(9))]
    articles = []
    for _ in range(article_count):
        article = ArticleFactory(category=category, authors=authors, tags=tags)
        CommentFactory.create_batch(20, article=article)
        CommentFactory.create_batch(3, article=article, status=Comment.Status.PENDING)
        articles.append(article)
    # Other categories in the navigation, and a draft that the pages must skip.
    CategoryFactory.create_batch(4)
    ArticleFactory(category=category, authors=authors, status=Article.Status.DRAFT)
    return Site(category=category, authors=authors, articles=articles)


def page_urls(site: Site) -> dict[str, str]:
    return {
        "home": "/",
        "article": site.articles[0].get_absolute_url(),
        "category": site.category.get_absolute_url(),
        "tag": "/tag/fuehrung/",
        "author": site.authors[1].get_absolute_url(),
    }


BUDGETS = {
    "home": HOME_BUDGET,
    "article": ARTICLE_BUDGET,
    "category": FILTERED_LIST_BUDGET,
    "tag": FILTERED_LIST_BUDGET,
    "author": FILTERED_LIST_BUDGET,
}


def shown(response, page: str) -> int:
    """What the page shows rows of: comments on the article page, article cards on lists."""
    selector = "li.comment" if page == "article" else "article.card"
    return len(parse(response).select(selector))


@pytest.mark.parametrize("article_count", [2, 12])
@pytest.mark.parametrize("page", list(BUDGETS))
def test_reader_page_stays_within_its_query_budget(
    client, django_assert_max_num_queries, page, article_count
):
    site = build_site(article_count)
    url = page_urls(site)[page]

    with django_assert_max_num_queries(BUDGETS[page]):
        response = client.get(url)

    assert response.status_code == 200
    # A budget met by an empty page proves nothing: every row paid for is on the page.
    expected = 20 if page == "article" else min(article_count, PER_PAGE)
    assert shown(response, page) == expected


def test_article_page_shows_everything_its_budget_pays_for(client, django_assert_max_num_queries):
    site = build_site(1)
    article = site.articles[0]

    with django_assert_max_num_queries(ARTICLE_BUDGET):
        response = client.get(article.get_absolute_url())

    content = response.content.decode()
    assert content.count('class="comment"') == 20
    assert content.count('rel="tag"') == 10
    assert all(author.get_absolute_url() in content for author in site.authors)


@pytest.mark.parametrize("page", list(BUDGETS))
def test_more_rows_do_not_cost_more_queries(client, page):
    small = build_site(2)
    few, response = count_queries(client, page_urls(small)[page])
    assert shown(response, page) == (20 if page == "article" else 2)

    # Ten more articles under the same heading, each with its own authors, tags and comments.
    for _ in range(10):
        article = ArticleFactory(
            category=small.category,
            authors=[AuthorFactory(), small.authors[1], AuthorFactory()],
            tags=["Führung", "Größe", "Wandel"],
        )
        CommentFactory.create_batch(5, article=article)
    CommentFactory.create_batch(30, article=small.articles[0])
    many, response = count_queries(client, page_urls(small)[page])

    assert shown(response, page) == (50 if page == "article" else PER_PAGE)
    assert many == few


# --- Pages for one person: a staff preview, a reviewer's share link ------------------------------

# The preview: session, user and the editor's permissions (two queries), the listing queries,
# the approved comments and the site navigation. Nothing is counted.
PREVIEW_BUDGET = LISTING + 6
# A share link: the link with its article, the listing queries, comments and navigation.
SHARE_BUDGET = LISTING + 3


@pytest.mark.parametrize("comments", [2, 30])
def test_a_preview_and_a_share_link_stay_within_their_budgets(
    editor_client, client, django_assert_max_num_queries, comments
):
    article = ArticleFactory(
        status=Article.Status.REVIEW,
        authors=AuthorFactory.create_batch(3),
        tags=[f"Thema {number}" for number in range(10)],
    )
    CommentFactory.create_batch(comments, article=article)
    link = sharing.share_link_create(article=article, by=EditorUserFactory(username="boss"))
    share_path = sharing.share_url(link).removeprefix("http://testserver")

    with django_assert_max_num_queries(PREVIEW_BUDGET):
        preview, response = count_queries(editor_client, article.get_absolute_url())
    assert len(parse(response).select("li.comment")) == comments
    with django_assert_max_num_queries(SHARE_BUDGET):
        shared, response = count_queries(client, share_path)
    assert len(parse(response).select("li.comment")) == comments
