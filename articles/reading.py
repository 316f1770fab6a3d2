"""What an article page shows around the article: its series, related reading, the book on the
topic and its versions in other languages. Read-only, in a fixed number of queries whatever
the number of articles, tags or parts (tests/articles/test_query_budget.py holds the count).

The article itself comes from ``article_page_articles()`` so that its category, series and
book arrive with it; everything else is one query per part of the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Value,
    When,
)
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language_info

from articles.editions import EDITIONS, absolute_url, default_edition, edition_reverse
from articles.models import (
    Article,
    ArticleQuerySet,
    Book,
    RelatedArticle,
    Series,
    Status,
)

# How many articles "related by tags" shows when the editors picked none.
RELATED_BY_TAGS = 3
# How many articles "more in this category" shows.
MORE_ARTICLES = 3

# What a link to another part or version needs: its number, title, address and whether (or
# when) readers can open it. The bodies stay in the database.
LINK_FIELDS = (
    "id", "title", "slug", "language", "series_id", "series_part", "status", "published_at",
)  # fmt: skip


def article_page_articles() -> ArticleQuerySet:
    """Articles with everything their page shows that comes with the row (category, series,
    book) and the byline and tags (``for_listing``)."""
    return (
        Article.objects.for_listing()
        .defer("search_vector")  # as long as the body, and only search reads it
        .select_related("series", "book")
        # Most articles have no picks: the page then skips asking for them.
        .annotate(has_related_picks=Exists(RelatedArticle.objects.filter(article=OuterRef("pk"))))
    )


def known_parts(series: Series) -> ArticleQuerySet:
    """The parts readers can know of, in order: public ones and scheduled ones (published
    with a date still to come). Drafts, parts in review and archived parts are left out."""
    return Article.objects.filter(series=series, status=Status.PUBLISHED).order_by(
        "series_part", "pk"
    )


# --- Series ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeriesNavigation:
    """Where an article stands in its series: "Part 2 of 3", the parts, previous and next."""

    series: Series
    current: Article
    parts: list[Article]

    @property
    def number(self) -> int:
        return self.current.series_part

    @property
    def total(self) -> int:
        """The highest part number readers can know of, even when earlier parts are missing
        (an imported part 2 alone is "Part 2 of 2"); a previewed draft counts itself."""
        return max([self.number, *(part.series_part for part in self.parts)])

    @property
    def previous(self) -> Article | None:
        earlier = [p for p in self.parts if p.is_public and p.series_part < self.number]
        return earlier[-1] if earlier else None

    @property
    def next(self) -> Article | None:
        later = [p for p in self.parts if p.is_public and p.series_part > self.number]
        return later[0] if later else None


def series_navigation(article: Article) -> SeriesNavigation | None:
    """The series box of ``article`` (one query), or None when it is in no series."""
    if article.series_id is None or article.series_part is None:
        return None
    parts = [
        article if part.pk == article.pk else part
        for part in known_parts(article.series).only(*LINK_FIELDS)
    ]
    if article not in parts:  # a draft seen in its preview still sees where it will stand
        parts = sorted([*parts, article], key=lambda part: (part.series_part, part.pk))
    return SeriesNavigation(series=article.series, current=article, parts=parts)


# --- Related articles ------------------------------------------------------------------------


def related_articles(article: Article) -> list[Article]:
    """The public articles the editors picked, in their order; if they picked none (or none
    is public), up to three published articles sharing the most tags with ``article``.

    At most two queries: the picks (skipped when ``article`` came from
    ``article_page_articles()`` and has none) and the articles sharing tags (only when no pick
    is public). Each shows its title, category, date and reading time: nothing more to fetch.
    """
    shown = []
    if getattr(article, "has_related_picks", True):
        picks = Article.objects.published().filter(related_from__article=article)
        if article.translation_group_id is not None:
            # Its versions in other languages are offered as such, not as further reading.
            picks = picks.exclude(translation_group_id=article.translation_group_id)
        shown = list(
            picks.order_by("related_from__position", "related_from__pk")
            .select_related("category")
            .teasers()
        )
    if not shown:
        shown = sharing_tags(article)
    return shown


def sharing_tags(article: Article, *, limit: int = RELATED_BY_TAGS) -> list[Article]:
    """Published articles sharing tags with ``article`` (never itself or its translations):
    most shared tags first, then those in its language, then the newest. One aggregate query;
    the tags come from the prefetch."""
    tag_ids = [tag.pk for tag in article.tags.all()]
    if not tag_ids:
        return []
    candidates = Article.objects.published().exclude(pk=article.pk)
    if article.translation_group_id is not None:
        # Its versions in other languages are offered as such, not as further reading.
        candidates = candidates.exclude(translation_group_id=article.translation_group_id)
    return list(
        candidates
        # Filtering before annotating counts only the taggings with one of these tags.
        .filter(taggings__tag_id__in=tag_ids)
        .annotate(
            shared_tags=Count("taggings"),
            same_language=Case(
                When(language=article.language, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .order_by("-shared_tags", "-same_language", "-published_at", "-pk")
        .select_related("category")
        .teasers()[:limit]
    )


# --- The book on the topic -------------------------------------------------------------------


@dataclass(frozen=True)
class BookBox:
    book: Book

    @property
    def link_is_external(self) -> bool:
        """A link to another site (it gets ``rel="noopener"``)."""
        host = urlsplit(self.book.url).netloc
        return bool(host) and host != urlsplit(settings.SITE_URL).netloc


def book_box(article: Article) -> BookBox | None:
    return BookBox(book=article.book) if article.book_id is not None else None


# --- Translations ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    """A published version of an article in one language."""

    article: Article

    @property
    def language(self) -> str:
        return self.article.language

    @property
    def name_local(self) -> str:
        """The language's own name for itself: "Deutsch", "Nederlands", "English"."""
        return get_language_info(self.language)["name_local"]

    @property
    def url(self) -> str:
        """Its absolute address, as search engines want it in ``hreflang`` links."""
        return absolute_url(self.article.get_absolute_url())

    @property
    def link(self) -> SafeString:
        """The language's name linked to this version: put into the sentence offering it."""
        return format_html(
            '<a href="{}" hreflang="{}" lang="{}">{}</a>',
            self.article.get_absolute_url(),
            self.language,
            self.language,
            self.name_local,
        )


@dataclass(frozen=True)
class Translations:
    """The published versions of an article's translation group (itself included if public)."""

    article: Article
    versions: list[Version]

    @property
    def others(self) -> list[Version]:
        """What the page offers to read instead: the versions in the other languages."""
        return [v for v in self.versions if v.article.pk != self.article.pk]

    @property
    def alternates(self) -> list[Version]:
        """The ``<link rel="alternate" hreflang>`` of a public page with at least one
        published translation: every published version, itself included."""
        if not self.article.is_public or len(self.versions) < 2:
            return []
        return self.versions

    @property
    def default(self) -> Version | None:
        """The ``x-default`` version: the one in the site's language if published, else the
        one published first."""
        if not self.alternates:
            return None
        for version in self.versions:
            if version.language == default_edition():
                return version
        return min(self.versions, key=lambda v: (v.article.published_at, v.article.pk))

    def edition_urls(self) -> dict[str, str]:
        """Where the language switcher leads from this article: its published version in
        each other language, else that edition's home page."""
        urls = {code: edition_reverse("articles:home", code) for code in EDITIONS}
        urls.update({v.language: v.article.get_absolute_url() for v in self.versions})
        urls[self.article.language] = self.article.get_absolute_url()
        return urls


def translations(article: Article) -> Translations:
    """The published versions in ``article``'s translation group (one query, none if it has
    no translations), in the order of ``settings.LANGUAGES``."""
    if article.translation_group_id is None:
        return Translations(article=article, versions=[])
    order = [code for code, _name in settings.LANGUAGES]
    found = Article.objects.published().filter(translation_group_id=article.translation_group_id)
    versions = sorted(
        (Version(article=version) for version in found.only(*LINK_FIELDS)),
        key=lambda v: order.index(v.language) if v.language in order else len(order),
    )
    return Translations(article=article, versions=versions)


# --- More in the category -------------------------------------------------------------------


def more_articles(article: Article, *, exclude=()) -> list[Article]:
    """The newest public articles in ``article``'s category and edition (its language), up to
    three, without ``article`` itself and the articles in ``exclude`` (those the page shows
    as further reading already). Its translations are in other languages, so never among
    them. One query; each shows its title, date and reading time."""
    return list(
        Article.objects.published()
        .filter(category_id=article.category_id, language=article.language)
        .exclude(pk__in=[article.pk, *exclude])
        .newest_first()
        .only("id", "title", "slug", "language", "published_at", "reading_time")[:MORE_ARTICLES]
    )


# --- Everything at once ----------------------------------------------------------------------


def article_page_context(article: Article) -> dict:
    """What ``templates/articles/article_detail.html`` shows around ``article``."""
    related = related_articles(article)
    return {
        "series_navigation": series_navigation(article),
        "related_articles": related,
        "more_articles": more_articles(article, exclude=[r.pk for r in related]),
        "book_box": book_box(article),
        "translations": translations(article),
    }
