"""What search engines are told: /sitemap.xml and /robots.txt.

/sitemap.xml is an index of one sitemap per kind of page (/sitemap-articles.xml,
-categories, -tags, -authors, -series), each listing that kind's pages in every edition.
Only pages that list something public are in it: a category with no public article in an
edition is left out of that edition. Addresses come from ``SITE_URL``; an article with
published translations, and a category, tag or author listed in several editions, names its
other versions as ``xhtml:link rel="alternate" hreflang``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max, Q
from django.db.models.functions import Greatest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from articles.editions import EDITIONS, absolute_url, edition_reverse
from articles.listing import published_in
from articles.models import Article, Author, Category, Series, Status, Tag
from articles.reading import LINK_FIELDS, Translations, Version


@dataclass(frozen=True)
class Entry:
    """One page in a sitemap: its path, when what it lists last changed, and its versions in
    other editions as (hreflang, absolute address)."""

    path: str
    lastmod: datetime | None
    alternates: tuple[tuple[str, str], ...] = ()


class SiteSitemap(Sitemap):
    """A sitemap whose addresses start with ``SITE_URL`` (not the request's host), with the
    hreflang alternates that ``alternates(item)`` names."""

    @property
    def protocol(self) -> str:  # the index view reads it as an attribute
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.SITE_URL).netloc

    def get_urls(self, page=1, site=None, protocol=None) -> list[dict]:
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        self.prepare([url["item"] for url in urls])
        for url in urls:
            url["alternates"] = [
                {"lang_code": language, "location": location}
                for language, location in self.alternates(url["item"])
            ]
        return urls

    def prepare(self, items: list) -> None:
        """Load what ``alternates`` needs for one page of items, at once."""

    def alternates(self, item) -> list[tuple[str, str]]:
        return list(item.alternates)

    def location(self, item: Entry) -> str:
        return item.path

    def lastmod(self, item: Entry) -> datetime | None:
        return item.lastmod


class ArticleSitemap(SiteSitemap):
    """Every public article, oldest first (a new one lands on the last page), with the date
    it last changed and its published translations."""

    def items(self):
        return (
            Article.objects.published()
            .only(*LINK_FIELDS, "translation_group_id", "updated_at")
            .order_by("published_at", "pk")
        )

    def location(self, item: Article) -> str:
        return item.get_absolute_url()

    def lastmod(self, item: Article) -> datetime:
        # A scheduled article was last saved before it went live.
        return max(item.updated_at, item.published_at)

    def get_latest_lastmod(self) -> datetime | None:
        latest = Greatest("updated_at", "published_at")
        return self.items().aggregate(latest=Max(latest))["latest"]

    def prepare(self, items: list[Article]) -> None:
        """The published versions of the page's articles' translation groups: one query."""
        groups = {article.translation_group_id for article in items} - {None}
        versions = Article.objects.published().filter(translation_group_id__in=groups)
        self.versions: dict[int, list[Article]] = {}
        if groups:
            for version in versions.only(*LINK_FIELDS, "translation_group_id"):
                self.versions.setdefault(version.translation_group_id, []).append(version)

    def alternates(self, item: Article) -> list[tuple[str, str]]:
        """The same hreflang links as the article's page: every published version, and the
        x-default one (``reading.Translations``)."""
        order = list(EDITIONS)
        found = self.versions.get(item.translation_group_id, [])
        translations = Translations(
            article=item,
            versions=sorted(
                (Version(article=v) for v in found), key=lambda v: order.index(v.language)
            ),
        )
        links = [(version.language, version.url) for version in translations.alternates]
        if translations.default is not None:
            links.append(("x-default", translations.default.url))
        return links


class EditionListSitemap(SiteSitemap):
    """Pages that exist in every edition and list its articles (categories, tags, authors):
    one entry per edition that has a public article there, dated by the newest of them, with
    the other editions' pages as alternates. One query."""

    model: type
    # From the model to its articles, as a lookup prefix.
    articles_path: str

    @cached_property
    def entries(self) -> list[Entry]:
        newest = {
            f"newest_{language}": Max(
                f"{self.articles_path}published_at",
                filter=published_in(language, self.articles_path),
            )
            for language in EDITIONS
        }
        listed = Q()
        for name in newest:
            listed |= Q(**{f"{name}__isnull": False})
        entries = []
        for obj in self.model.objects.annotate(**newest).filter(listed).order_by("pk"):
            dates = {
                language: getattr(obj, f"newest_{language}")
                for language in EDITIONS
                if getattr(obj, f"newest_{language}") is not None
            }
            paths = {language: obj.url_in(language) for language in dates}
            alternates = tuple(
                (language, absolute_url(path)) for language, path in paths.items() if len(paths) > 1
            )
            entries += [Entry(paths[language], dates[language], alternates) for language in dates]
        return entries

    def items(self) -> list[Entry]:
        return self.entries


class CategorySitemap(EditionListSitemap):
    model = Category
    articles_path = "articles__"


class TagSitemap(EditionListSitemap):
    model = Tag
    articles_path = "tagged_articles__content_object__"


class AuthorSitemap(EditionListSitemap):
    model = Author
    articles_path = "authorships__article__"


class SeriesSitemap(SiteSitemap):
    """Series with a public part, in their own edition, dated by their newest public part."""

    @cached_property
    def entries(self) -> list[Entry]:
        public = Q(parts__status=Status.PUBLISHED, parts__published_at__lte=timezone.now())
        series = (
            Series.objects.annotate(newest=Max("parts__published_at", filter=public))
            .filter(newest__isnull=False)
            .order_by("pk")
        )
        return [Entry(item.get_absolute_url(), item.newest) for item in series]

    def items(self) -> list[Entry]:
        return self.entries


SITEMAPS = {
    "articles": ArticleSitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
    "series": SeriesSitemap,
}


# --- Views -----------------------------------------------------------------------------------


def sitemap_index(request: HttpRequest) -> HttpResponse:
    """/sitemap.xml: where each section's sitemap (and each of its pages) is."""
    response = sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap_section")
    # Django names the sections at the Site record's host; the site's address is SITE_URL.
    for item in response.context_data["sitemaps"]:
        parts = urlsplit(item.location)
        item.location = absolute_url(parts.path + (f"?{parts.query}" if parts.query else ""))
    return response


def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    """/sitemap-<section>.xml; an unknown section or page is the site's 404 page."""
    return sitemap_views.sitemap(request, SITEMAPS, section=section)


def robots_txt(request: HttpRequest) -> HttpResponse:
    """/robots.txt: where the sitemap is, and what crawlers need not follow: the admin, the
    language switcher's redirect and reviewers' share links (their path word per edition)."""
    placeholder = "token"
    share = [
        edition_reverse("articles:share", language, token=placeholder).removesuffix(
            f"{placeholder}/"
        )
        for language in EDITIONS
    ]
    choose = reverse("choose_edition", kwargs={"language": EDITIONS[0]})
    disallow = [
        reverse("admin:index"),
        choose.removesuffix(f"{EDITIONS[0]}/"),
        "/share/",  # the address share links had before the editions
        *share,
    ]
    context = {
        "disallow": list(dict.fromkeys(disallow)),
        "sitemap_url": absolute_url(reverse("sitemap")),
    }
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")
