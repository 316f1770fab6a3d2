"""What a page tells search engines and social networks about itself: its canonical address,
its description, Open Graph and Twitter card tags, and (on article pages) JSON-LD.

Everything is derived from what the page's view already put into the template context
(``article``, ``heading``, ``series``, ``page_obj``, …) and from ``request.path``: no query,
nothing that depends on who is reading. ``templates/includes/head_meta.html`` prints it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from html import unescape

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.encoding import iri_to_uri
from django.utils.html import strip_tags
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, to_locale

from articles.editions import absolute_url, current_edition, in_edition
from articles.models import Article, Author, Category, Series, Tag

# Search engines show about this many characters of a description.
DESCRIPTION_LENGTH = 160
# Open Graph wants a territory; the editions are written for these readers.
OG_LOCALES = {"de": "de_DE", "nl": "nl_NL", "en": "en_GB"}
# The width social networks show a large preview image at (Facebook, LinkedIn, X).
SOCIAL_IMAGE_WIDTH = 1200
# Query parameters that make a different page (besides ``page``): the search words.
CANONICAL_PARAMETERS = ("q",)
# What Django's error views put into their context: such pages describe no address.
ERROR_CONTEXT_KEYS = ("exception", "request_path", "reason")


def site_name() -> str:
    return _("Consulting articles")


def og_locale(language: str) -> str:
    return OG_LOCALES.get(language) or to_locale(language)


def iso(moment: datetime | None) -> str:
    """ISO 8601 with the site's time zone offset: ``2026-12-05T09:30:00+01:00``."""
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else ""


def shorten(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    """Plain ``text``, whitespace collapsed, cut at a word to ``length`` characters at most,
    an ellipsis included."""
    return Truncator(" ".join((text or "").split())).chars(length)


def html_text(html: str) -> str:
    """What a reader reads of ``html``: the text without tags, entities decoded."""
    return unescape(strip_tags(html or ""))


def page_label(page_number: int | None) -> str:
    """ "Page 2" for the second page of a list and beyond; "" for the first."""
    if page_number and page_number > 1:
        return _("Page %(number)s") % {"number": page_number}
    return ""


def canonical_url(path: str, query=None, page_number: int | None = None) -> str:
    """The address search engines should index for this page: ``SITE_URL`` + ``path``, with
    ``?page=N`` from the second page on and the search words (``q``); every other parameter
    (tracking, sorting, ``?page=1``) dropped."""
    parameters = []
    for name in CANONICAL_PARAMETERS:
        value = (query.get(name) or "").strip() if query is not None else ""
        if value:
            parameters.append((name, value))
    if page_number and page_number > 1:
        parameters.append(("page", page_number))
    return absolute_url(path) + (f"?{urlencode(parameters)}" if parameters else "")


# --- Images ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Image:
    url: str  # absolute
    width: int | None
    height: int | None
    alt: str


def social_image(article: Article) -> Image | None:
    """The cover for previews on social networks: 1200 px wide (``cover_social``) when it is
    wider, else the original; WebP always goes through the JPEG rendition, which not every
    network shows. The size is computed from the stored one, so no file is opened (the
    rendition is made when the cover is saved, articles/renditions.py)."""
    cover = article.cover_image
    if not cover:
        return None
    width, height = article.cover_width, article.cover_height
    url = cover.url
    wide = bool(width and width > SOCIAL_IMAGE_WIDTH)
    if wide or cover.name.lower().endswith(".webp"):
        url = article.cover_social.url
        if wide and height:
            # The same arithmetic as pilkit's ResizeToFit(width=1200).
            height = round(height * SOCIAL_IMAGE_WIDTH / width)
            width = SOCIAL_IMAGE_WIDTH
    return Image(url=absolute_url(url), width=width, height=height, alt=article.cover_alt)


# --- Breadcrumbs -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Crumb:
    name: str
    url: str  # the path, for links on the page

    @property
    def absolute_url(self) -> str:
        return absolute_url(self.url)


def breadcrumbs(article: Article) -> list[Crumb]:
    """Edition home › category › article, in the article's own edition."""
    with in_edition(article.language):
        return [
            Crumb(_("Home"), reverse("articles:home")),
            Crumb(article.category.name, article.category.get_absolute_url()),
            Crumb(article.title, article.get_absolute_url()),
        ]


# --- JSON-LD ---------------------------------------------------------------------------------

# In a <script> element, "</script>" or "<!--" inside a string would end or confuse it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data: dict) -> SafeString:
    """``data`` as a ``<script type="application/ld+json">`` element, safe to print."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def article_json_ld(article: Article, *, description: str, canonical: str, image) -> dict:
    """schema.org ``Article``: what Google asks for, plus section, keywords and language."""
    with in_edition(article.language):
        authors = [
            {"@type": "Person", "name": author.name, "url": absolute_url(author.get_absolute_url())}
            for author in article.ordered_authors
        ]
        data = {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": article.title,
            "description": description,
            "url": canonical,
            "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
            "inLanguage": article.language,
            "author": authors,
            "articleSection": article.category.name,
            "keywords": [tag.name for tag in article.tags.all()],
            "publisher": {
                "@type": "Organization",
                "name": site_name(),
                "url": absolute_url(reverse("articles:home")),
            },
        }
    if article.published_at:
        data["datePublished"] = iso(article.published_at)
        data["dateModified"] = iso(modified_at(article))
    if image is not None:
        data["image"] = [image.url]
    return data


def breadcrumb_json_ld(crumbs: list[Crumb]) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": crumb.name,
             "item": crumb.absolute_url}
            for number, crumb in enumerate(crumbs, start=1)
        ],
    }  # fmt: skip


def modified_at(article: Article) -> datetime | None:
    """When readers last saw a change: the last save, but never before it went public."""
    moments = [m for m in (article.published_at, article.updated_at) if m]
    return max(moments) if moments else None


# --- The page --------------------------------------------------------------------------------


@dataclass
class ArticleFacts:
    """Open Graph's ``article:*`` properties."""

    published_time: str
    modified_time: str
    authors: list[str]
    section: str
    tags: list[str]


@dataclass
class PageMeta:
    title: str
    description: str
    canonical: str = ""
    og_type: str = "website"
    locale: str = ""
    locale_alternates: list[str] = field(default_factory=list)
    site_name: str = ""
    image: Image | None = None
    article: ArticleFacts | None = None
    noindex: bool = False
    json_ld: list[SafeString] = field(default_factory=list)

    @property
    def twitter_card(self) -> str:
        return "summary_large_image" if self.image else "summary"


def page_meta(context) -> PageMeta:
    """Everything ``head_meta.html`` prints, for the page ``context`` renders."""
    request = context.get("request")
    noindex = bool(context.get("noindex"))
    article = context.get("article")
    if isinstance(article, Article):
        return _article_meta(article, noindex=noindex, translations=context.get("translations"))
    title, description = describe(context)
    page_obj = context.get("page_obj")
    page_number = getattr(page_obj, "number", None)
    if page_label(page_number):
        title = f"{title} – {page_label(page_number)}"
    meta = PageMeta(title=title, description=shorten(description), noindex=noindex)
    if request is None or any(key in context for key in ERROR_CONTEXT_KEYS):
        return meta  # an error page: not an address to index or to share
    language = current_edition()
    meta.canonical = canonical_url(iri_to_uri(request.path), request.GET, page_number)
    meta.locale = og_locale(language)
    meta.site_name = site_name()
    return meta


def describe(context) -> tuple[str, str]:
    """The title and description of a page other than an article, from what it shows."""
    heading = context.get("heading")
    series = context.get("series")
    if isinstance(heading, Category):
        fallback = _("Articles in the category %(name)s.") % {"name": heading.name}
        return heading.name, heading.description or fallback
    if isinstance(heading, Tag):
        return heading.name, _("Articles tagged “%(name)s”.") % {"name": heading.name}
    if isinstance(heading, Author):
        fallback = _("Articles by %(name)s.") % {"name": heading.name}
        return heading.name, heading.bio or fallback
    if isinstance(series, Series):
        fallback = _("The parts of the series “%(title)s”.") % {"title": series.title}
        return series.title, series.description or fallback
    period = _archive_period(context)
    if period:
        return period, _("Articles published in %(period)s.") % {"period": period}
    if "years" in context:
        return pgettext("archive page", "Archive"), _("All articles by year and month.")
    tagline = _("Long-form articles on strategy, leadership and organisation.")
    if heading:  # another page's heading (e.g. search), as text
        return str(heading), tagline
    return site_name(), tagline


def _archive_period(context) -> str:
    month, year = context.get("month"), context.get("year")
    if isinstance(month, date):
        return formats.date_format(month, "YEAR_MONTH_FORMAT")
    if isinstance(year, date):
        return formats.date_format(year, "Y")
    return ""


def _article_meta(article: Article, *, noindex: bool, translations=None) -> PageMeta:
    canonical = absolute_url(article.get_absolute_url())
    description = shorten(article.summary or html_text(article.body_html))
    image = social_image(article)
    with in_edition(article.language):
        facts = ArticleFacts(
            published_time=iso(article.published_at),
            modified_time=iso(modified_at(article)),
            authors=[absolute_url(author.get_absolute_url()) for author in article.ordered_authors],
            section=article.category.name,
            tags=[tag.name for tag in article.tags.all()],
        )
    # The published versions the page fetched already (articles/reading.py translations()).
    versions = getattr(translations, "alternates", [])
    alternates = [og_locale(v.language) for v in versions if v.language != article.language]
    return PageMeta(
        title=article.title,
        description=description,
        canonical=canonical,
        og_type="article",
        locale=og_locale(article.language),
        locale_alternates=alternates,
        site_name=site_name(),
        image=image,
        article=facts,
        noindex=noindex,
        json_ld=[
            json_ld(
                article_json_ld(article, description=description, canonical=canonical, image=image)
            ),
            json_ld(breadcrumb_json_ld(breadcrumbs(article))),
        ],
    )
