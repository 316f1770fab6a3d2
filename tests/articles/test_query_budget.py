"""Every reader page (and every preview of one) costs a fixed number of queries, however many
rows it shows.

The budgets are the exact numbers the pages need today, so a new N+1 (a tag, author or comment
queried per row) fails here. Each page is measured with few and with many rows, and both must
fit the same budget and cost the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from articles import services, sharing
from articles.models import Article, Author, Book, Category, Series
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
# The header menu of the edition: its menu links, and without any, its categories.
NAVIGATION = 2
# Lists: the count for the paginator, the navigation, and the cards' comment counts (one
# aggregate query for the whole page).
COMMENT_COUNTS = 1
LIST_BUDGET = LISTING + 1 + NAVIGATION + COMMENT_COUNTS
# The home page adds its featured articles, the most read and the categories with counts.
HOME_BUDGET = LIST_BUDGET + 3
# Category, tag and author pages also look up what they are about, and which editions list
# something under it (for the language switcher).
FILTERED_LIST_BUDGET = LIST_BUDGET + 2
# The archive: one aggregate query for years and months, and the navigation.
ARCHIVE_INDEX_BUDGET = 1 + NAVIGATION
# A year or month of the archive: the list, whether it has any, its months (or days), and
# the previous and next year (or month) that have articles, for the links between them.
ARCHIVE_LIST_BUDGET = LIST_BUDGET + 4
# What the article page shows around the article (articles/reading.py): the parts of its
# series; the related articles (the editors' public picks, or else, for an article without
# picks, one aggregate query for those sharing tags); its published translations.
SERIES = 1
RELATED_PICKED = 1
RELATED_BY_TAGS = 1
TRANSLATIONS = 1
# "More articles": the newest in the same category and edition.
MORE_ARTICLES = 1
# The comment section of a public article: the whole thread in one query, and whether the
# thread is closed.
COMMENT_THREAD = 1 + 1
# The article page: the listing queries, the view count update, the comment section and
# the site navigation, and the related articles (build_site's articles all share tags).
ARTICLE_BUDGET = LISTING + 1 + COMMENT_THREAD + NAVIGATION + RELATED_BY_TAGS + MORE_ARTICLES
# An article with everything around it: a series, a book (with the article), picked related
# articles and translations.
STRUCTURED_ARTICLE_BUDGET = (
    LISTING
    + 1
    + COMMENT_THREAD
    + NAVIGATION
    + SERIES
    + RELATED_PICKED
    + TRANSLATIONS
    + MORE_ARTICLES
)
# The series page: the series, its parts with their bylines and tags, the site navigation,
# the parts' comment counts.
SERIES_BUDGET = 1 + LISTING + NAVIGATION + COMMENT_COUNTS


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
        "home": "/en/",
        "article": site.articles[0].get_absolute_url(),
        "category": site.category.get_absolute_url(),
        "tag": "/en/tag/fuehrung/",
        "author": site.authors[1].get_absolute_url(),
        "archive_year": f"/en/archive/{site.articles[0].published_at:%Y}/",
        "archive_month": f"/en/archive/{site.articles[0].published_at:%Y}/"
        f"{site.articles[0].published_at.month}/",
    }


BUDGETS = {
    "home": HOME_BUDGET,
    "article": ARTICLE_BUDGET,
    "category": FILTERED_LIST_BUDGET,
    "tag": FILTERED_LIST_BUDGET,
    "author": FILTERED_LIST_BUDGET,
    "archive_year": ARCHIVE_LIST_BUDGET,
    "archive_month": ARCHIVE_LIST_BUDGET,
}


def shown(response, page: str) -> int:
    """What the page shows rows of: comments on the article page, article cards on lists."""
    selector = "li.comment" if page == "article" else "article.card"
    return len(parse(response).select(selector))


@pytest.mark.parametrize("article_count", [2, 30])
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
def test_more_rows_do_not_cost_more_queries(client, page, settings):
    settings.COMMENTS_PER_PAGE = 100  # all 50 comments on one page: each one is paid for
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

# Looking for related articles and finding none: the articles sharing tags.
NO_RELATED = 1
# The preview: session, user and the editor's permissions (two queries), the listing queries,
# the approved comments and the site navigation. Nothing is counted.
PREVIEW_BUDGET = LISTING + 5 + NAVIGATION + NO_RELATED + MORE_ARTICLES
# A share link: the link with its article, the listing queries, comments and navigation.
SHARE_BUDGET = LISTING + 2 + NAVIGATION + NO_RELATED + MORE_ARTICLES


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


# --- What an article is part of: series, book, related articles, translations -------------------


def build_structured_article(parts: int, *, extra_tags: int = 0) -> Article:
    """Part 2 of a series of ``parts`` (the last one scheduled, one more a draft), with a book,
    3 picked related articles (and a picked draft), translations in the other two languages
    and 20 comments. ``extra_tags`` more tags, each on the related articles too."""
    series = services.named_save(obj=Series(title="Zehn Spielregeln", language="en"), by=None)
    book = services.book_save(
        book=Book(title="Die Kunst der Führung", authors="Anna Berg", isbn="3-16-148410-X"),
        by=None,
    )
    tags = ["Führung", *(f"Thema {number}" for number in range(extra_tags))]
    authors = AuthorFactory.create_batch(3)
    article = None
    for number in range(1, parts + 1):
        part = ArticleFactory(
            series=series,
            series_part=number,
            authors=authors,
            tags=tags,
            book=book if number == 2 else None,
            published_at=timezone.now() + timedelta(days=7) if number == parts else None,
        )
        article = part if number == 2 else article
    ArticleFactory(series=series, series_part=parts + 1, status=Article.Status.DRAFT)
    related = [ArticleFactory(authors=authors, tags=tags) for _ in range(3)]
    related.insert(1, ArticleFactory(status=Article.Status.DRAFT))
    for language in ("de", "nl"):
        version = ArticleFactory(language=language, authors=authors)
        services.article_save(
            article=version, authors=version.ordered_authors, translation_of=article, by=None
        )
    article.refresh_from_db()
    services.article_save(
        article=article, authors=article.ordered_authors, related=related, by=None
    )
    CommentFactory.create_batch(20, article=article)
    return article


def structure_shown(response) -> dict[str, int]:
    """How much of what the budget pays for is on the page."""
    page = parse(response)
    return {
        "parts": len(page.select("nav.series-nav ol > li")),
        "book": len(page.select("aside.book-box")),
        "related": len(page.select("section.related li")),
        "related dates": len(page.select("section.related .related-meta time")),
        "translations": len(page.select("ul.translations li")),
        "hreflang": len(page.select('head link[rel="alternate"][hreflang]')),
        "comments": len(page.select("li.comment")),
    }


def test_an_article_with_series_book_related_and_translations_stays_within_its_budget(
    client, django_assert_max_num_queries
):
    article = build_structured_article(parts=5, extra_tags=3)

    with django_assert_max_num_queries(STRUCTURED_ARTICLE_BUDGET):
        response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert structure_shown(response) == {
        "parts": 5,  # 4 public, 1 scheduled; the draft is not shown
        "book": 1,
        "related": 3,
        "related dates": 3,
        "translations": 2,
        "hreflang": 4,  # de, nl, en and x-default
        "comments": 20,
    }


def test_a_longer_series_and_more_tags_do_not_cost_more_queries(client):
    few, response = count_queries(client, build_structured_article(parts=3).get_absolute_url())
    assert structure_shown(response)["parts"] == 3

    Article.objects.all().delete()
    Series.objects.all().delete()
    Book.objects.all().delete()
    article = build_structured_article(parts=12, extra_tags=9)
    many, response = count_queries(client, article.get_absolute_url())

    assert structure_shown(response)["parts"] == 12
    assert many == few


@pytest.mark.parametrize("article_count", [3, 30])
def test_related_articles_by_tags_cost_the_same_whatever_the_number_of_articles(
    client, django_assert_max_num_queries, article_count
):
    tags = [f"Thema {number}" for number in range(6)]
    article = ArticleFactory(tags=tags)
    for number in range(article_count):
        ArticleFactory(authors=AuthorFactory.create_batch(2), tags=tags[: number % 6 + 1])

    with django_assert_max_num_queries(ARTICLE_BUDGET):
        response = client.get(article.get_absolute_url())

    assert len(parse(response).select("section.related li")) == 3


@pytest.mark.parametrize("parts", [2, 12])
def test_the_series_page_stays_within_its_budget(client, django_assert_max_num_queries, parts):
    series = services.named_save(obj=Series(title="Zehn Spielregeln", language="en"), by=None)
    authors = AuthorFactory.create_batch(3)
    for number in range(1, parts + 1):
        ArticleFactory(
            series=series,
            series_part=number,
            authors=authors,
            tags=[f"Thema {tag}" for tag in range(5)],
            published_at=timezone.now() + timedelta(days=3) if number == parts else None,
        )
    ArticleFactory(series=series, series_part=parts + 1, status=Article.Status.DRAFT)

    with django_assert_max_num_queries(SERIES_BUDGET):
        response = client.get(series.get_absolute_url())

    page = parse(response)
    assert len(page.select("ol.series-parts > li")) == parts
    assert len(page.select("article.card .byline a[href^='/en/author/']")) == 3 * (parts - 1)
