"""What an edition lists: its public articles, the categories that have some, and the header
menu. The views, the navigation and (later) feeds and sitemaps all start from here."""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from articles.caching import content_generation
from articles.editions import current_edition, in_edition
from articles.models import (
    Article,
    ArticleQuerySet,
    Author,
    Category,
    MenuItem,
    Series,
    Status,
    Tag,
)


def edition_articles(language: str | None = None) -> ArticleQuerySet:
    """The public articles of an edition (default: the one being shown), as list cards,
    newest first."""
    return (
        Article.objects.published()
        .filter(language=language or current_edition())
        .for_listing()
        .teasers()
        .newest_first()
    )


def filed_under(articles: ArticleQuerySet, heading) -> ArticleQuerySet:
    """The ``articles`` under a list's heading: a category, a tag, an author or a series (its
    page, its feed and its sitemap entry all list the same)."""
    if isinstance(heading, Category):
        return articles.filter(category=heading)
    if isinstance(heading, Tag):
        return articles.filter(tags=heading)
    if isinstance(heading, Author):
        return articles.filter(authorships__author=heading)
    if isinstance(heading, Series):
        return articles.filter(series=heading)
    raise TypeError(f"No articles are filed under a {type(heading).__name__}.")


def published_in(language: str, prefix: str = "") -> Q:
    """``Q`` for public articles of ``language`` (``prefix`` reaches them through a relation)."""
    return Q(
        **{
            f"{prefix}status": Status.PUBLISHED,
            f"{prefix}published_at__lte": timezone.now(),
            f"{prefix}language": language,
        }
    )


def categories_in_edition(language: str | None = None):
    """Categories with at least one public article in the edition; the others are left out
    of its lists."""
    language = language or current_edition()
    has_articles = Exists(Article.objects.filter(published_in(language), category=OuterRef("pk")))
    return Category.objects.filter(has_articles)


def categories_with_counts(language: str | None = None):
    """The same categories, each with ``article_count`` in the edition."""
    language = language or current_edition()
    return categories_in_edition(language).annotate(
        article_count=Count("articles", filter=published_in(language, "articles__"))
    )


# The header menu is on every page: it is kept in the cache for a few minutes under the
# content's generation (articles/caching.py), which the write path moves on. The few minutes
# bound how late a category appears whose first article went live by its schedule (no write
# happens then).
HEADER_LINKS_SECONDS = 300
logger = logging.getLogger(__name__)


def header_links(language: str) -> list[tuple[str, str]]:
    """(text, address) of each link in the ``language`` edition's header menu (from the
    cache when it can; a cache that cannot be reached only costs the two queries)."""
    try:
        key = f"header-links:{language}:{content_generation()}"
        links = cache.get(key)
    except Exception:
        logger.exception("Cache unavailable for the header menu")
        return menu_links(language)
    if links is None:
        links = menu_links(language)
        try:
            cache.set(key, links, HEADER_LINKS_SECONDS)
        except Exception:
            logger.exception("Cache unavailable for the header menu")
    return links


def menu_links(language: str) -> list[tuple[str, str]]:
    """(text, address) of each link in the ``language`` edition's header menu: the links
    editors arranged (admin: Menu links; a link to an article that is not public is left
    out), else the categories with articles there."""
    items = (
        MenuItem.objects.filter(language=language)
        .filter(Q(article__isnull=True) | published_in(language, "article__"))
        .select_related("category", "article")
        .defer(*(f"article__{name}" for name in ("body", "body_html", "search_vector")))
    )
    with in_edition(language):
        links = [(item.text, item.href) for item in items]
        if links:
            return links
        return [(c.name, c.get_absolute_url()) for c in categories_in_edition(language)]
