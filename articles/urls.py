"""The pages of one language edition, mounted under /de/, /nl/ and /en/ (config/urls.py).

The path words are translated (/de/kategorie/, /nl/categorie/, /en/category/); the article
page takes the rest: /de/<slug>/. Article slugs that would shadow one of these words are
refused (``editions.reserved_slugs``).
"""

from __future__ import annotations

from django.urls import path, register_converter
from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from articles import feeds, views

app_name = "articles"


class YearConverter:
    """A year as it is written, without leading zeros: /2026/, never /02026/ (one address)."""

    regex = "[1-9][0-9]{3}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class MonthConverter(YearConverter):
    """1 to 12 without a leading zero: /2026/6/, never /2026/06/ (one address per month)."""

    regex = "1[0-2]|[1-9]"


register_converter(YearConverter, "year")
register_converter(MonthConverter, "month")


def word(text, rest: str = ""):
    """A route starting with a word readers see translated per edition: ``category/<slug>/``."""
    return format_lazy("{}/{}", text, rest)


# The words in the edition's addresses (translated in the catalogues: /de/kategorie/…).
CATEGORY = pgettext_lazy("URL path", "category")
TAG = pgettext_lazy("URL path", "tag")
AUTHOR = pgettext_lazy("URL path", "author")
SERIES = pgettext_lazy("URL path", "series")
ARCHIVE = pgettext_lazy("URL path", "archive")
SHARE = pgettext_lazy("URL path", "share")
SEARCH = pgettext_lazy("URL path", "search")


urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path(word(CATEGORY, "<slug:slug>/"), views.CategoryView.as_view(), name="category"),
    # <str:slug>: tag slugs made elsewhere (imports, the shell) may keep non-ASCII letters.
    path(word(TAG, "<str:slug>/"), views.TagView.as_view(), name="tag"),
    path(word(AUTHOR, "<slug:slug>/"), views.AuthorView.as_view(), name="author"),
    path(word(SERIES, "<slug:slug>/"), views.SeriesView.as_view(), name="series"),
    path(word(ARCHIVE, ""), views.ArchiveIndexView.as_view(), name="archive"),
    path(word(ARCHIVE, "<year:year>/"), views.YearArchiveView.as_view(), name="archive_year"),
    path(
        word(ARCHIVE, "<year:year>/<month:month>/"),
        views.MonthArchiveView.as_view(),
        name="archive_month",
    ),
    # A reviewer's link to an unpublished article (articles/sharing.py).
    path(word(SHARE, "<str:token>/"), views.share_link_page, name="share"),
    # RSS 2.0 and Atom of the edition and of each category, tag, author and series
    # (articles/feeds.py); "feed" stays the same word in every edition, as WordPress has it.
    path("feed/", feeds.EditionFeed(), name="feed"),
    path("feed/atom/", feeds.EditionAtomFeed(), name="feed_atom"),
    path(word(CATEGORY, "<slug:slug>/feed/"), feeds.CategoryFeed(), name="category_feed"),
    path(
        word(CATEGORY, "<slug:slug>/feed/atom/"),
        feeds.CategoryAtomFeed(),
        name="category_feed_atom",
    ),
    path(word(TAG, "<str:slug>/feed/"), feeds.TagFeed(), name="tag_feed"),
    path(word(TAG, "<str:slug>/feed/atom/"), feeds.TagAtomFeed(), name="tag_feed_atom"),
    path(word(AUTHOR, "<slug:slug>/feed/"), feeds.AuthorFeed(), name="author_feed"),
    path(word(AUTHOR, "<slug:slug>/feed/atom/"), feeds.AuthorAtomFeed(), name="author_feed_atom"),
    path(word(SERIES, "<slug:slug>/feed/"), feeds.SeriesFeed(), name="series_feed"),
    path(word(SERIES, "<slug:slug>/feed/atom/"), feeds.SeriesAtomFeed(), name="series_feed_atom"),
    path(word(SEARCH, ""), views.search_page, name="search"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
