"""RSS 2.0 and Atom feeds of an edition and of its categories, tags, authors and series.

/de/feed/ and /de/feed/atom/ carry the German edition's newest public articles;
/de/kategorie/<slug>/feed/ (and …/feed/atom/) those of one category, likewise per tag, author
and series (a series only in its own edition). Every feed is the same for every reader: the
edition comes from the address, every link from ``SITE_URL`` (never from the request's host).
``FEED_FULL_TEXT`` decides whether an item carries the article or its summary.
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef
from django.utils import feedgenerator
from django.utils.html import escape
from django.utils.translation import gettext as _

from articles.editions import absolute_url, current_edition, edition_reverse, in_edition
from articles.listing import filed_under
from articles.models import Article, Author, Category, Series, Status, Tag

# The pages that have feeds of their own, and the start of their feeds' URL names.
FEED_PAGES: tuple[tuple[type, str], ...] = (
    (Category, "category"),
    (Tag, "tag"),
    (Author, "author"),
    (Series, "series"),
)

# A relative address in an article's HTML (the body's images and links to the site's own
# pages): a feed reader shows the text elsewhere, so the site's address goes in front.
RELATIVE_URL = re.compile(r'(\s(?:href|src)=")/(?!/)')


def absolute_links(html: str) -> str:
    return RELATIVE_URL.sub(rf"\1{settings.SITE_URL}/", html)


def page_kind(obj) -> str | None:
    """``"category"`` for a category, …; None for the edition itself (``obj`` None)."""
    for model, kind in FEED_PAGES:
        if isinstance(obj, model):
            return kind
    return None


# --- What a feed is called and where it is (shared with the pages' <link rel="alternate">) --


def feed_title(obj=None) -> str:
    """The edition's feed is "Consulting articles"; a page's "Consulting articles – Strategy"."""
    if obj is None:
        return _("Consulting articles")
    return _("Consulting articles – %(name)s") % {"name": obj}


def feed_description(obj=None) -> str:
    if isinstance(obj, Category):
        return obj.description or _("Articles in the category “%(name)s”.") % {"name": obj}
    if isinstance(obj, Tag):
        return _("Articles tagged “%(name)s”.") % {"name": obj}
    if isinstance(obj, Author):
        return _("Articles by %(name)s.") % {"name": obj}
    if isinstance(obj, Series):
        return obj.description or _("The parts of the series “%(title)s”.") % {"title": obj}
    return _("Long-form articles on strategy, leadership and organisation.")


def feed_url(obj=None, *, atom: bool = False, language: str | None = None) -> str:
    """The absolute address of the feed of ``obj`` (None: of the edition) in ``language``'s
    edition (default: the one being shown; a series': its own)."""
    kind = page_kind(obj)
    name = "articles:feed" if kind is None else f"articles:{kind}_feed"
    if atom:
        name += "_atom"
    language = getattr(obj, "language", None) or language or current_edition()
    with in_edition(language):  # a category's slug in that edition's language
        kwargs = {} if obj is None else {"slug": obj.slug}
        return absolute_url(edition_reverse(name, language, **kwargs))


@dataclass(frozen=True)
class FeedLink:
    """A feed a page names in its head: its title and its RSS and Atom addresses."""

    title: str
    rss: str
    atom: str

    @classmethod
    def of(cls, obj=None) -> FeedLink:
        return cls(title=feed_title(obj), rss=feed_url(obj), atom=feed_url(obj, atom=True))


# --- The feed documents ----------------------------------------------------------------------


class RssFeedGenerator(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 naming every author of an item (one ``dc:creator`` each), not only the first."""

    def rss_attributes(self) -> dict:
        return {**super().rss_attributes(), "xmlns:dc": "http://purl.org/dc/elements/1.1/"}

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        for name, _link in item.get("authors", ()):
            handler.addQuickElement("dc:creator", name)


class AtomFeedGenerator(feedgenerator.Atom1Feed):
    """Atom with every author of an entry (name and page) and, for full text, the article as
    the entry's ``content`` (its summary stays the ``summary``)."""

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        for name, link in item.get("authors", ()):
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", link)
            handler.endElement("author")
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class ArticleFeed(Feed):
    """RSS 2.0 of the edition's newest public articles. Subclasses narrow the articles to
    those of one page (``model``, looked up by the slug in the address: an unknown slug is
    the edition's 404 page)."""

    feed_type = RssFeedGenerator
    atom = False
    model: type | None = None

    def get_object(self, request, slug: str | None = None):
        if self.model is None:
            return None
        return self.lookup(slug)

    def lookup(self, slug: str):
        return self.model.objects.get(slug=slug)

    def items(self, obj) -> list[Article]:
        articles = (
            Article.objects.published()
            .filter(language=current_edition())
            .for_listing()
            .newest_first()
        )
        # The Markdown source never; the HTML only when the feed carries it.
        if settings.FEED_FULL_TEXT:
            articles = articles.defer("body", "search_vector")
        else:
            articles = articles.teasers()
        if obj is not None:
            articles = filed_under(articles, obj)
        return list(articles[: settings.FEED_ITEMS])

    # The feed itself.

    def title(self, obj) -> str:
        return feed_title(obj)

    def description(self, obj) -> str:
        return feed_description(obj)

    def link(self, obj) -> str:
        if obj is None:
            return absolute_url(edition_reverse("articles:home", current_edition()))
        return absolute_url(obj.get_absolute_url())

    def feed_url(self, obj) -> str:
        return feed_url(obj, atom=self.atom)

    # Its items.

    def item_title(self, item: Article) -> str:
        # RSS readers take a title for HTML (Django's default: see its ticket #6533).
        return escape(item.title)

    def item_link(self, item: Article) -> str:
        return absolute_url(item.get_absolute_url())

    def item_description(self, item: Article) -> str:
        if settings.FEED_FULL_TEXT and not self.atom:
            return absolute_links(item.body_html)
        # The description is HTML to a feed reader: the summary is text, so it is escaped.
        return escape(item.summary)

    def item_guid(self, item: Article) -> str:
        """Stable through a change of title or slug, so readers never show an article twice."""
        host = urlsplit(settings.SITE_URL).hostname
        return f"tag:{host},{item.created_at:%Y-%m-%d}:article:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        # A scheduled article was last saved before it went live.
        return max(item.updated_at, item.published_at)

    def item_categories(self, item: Article) -> list[str]:
        names = [item.category.name, *(tag.name for tag in item.tags.all())]
        return list(dict.fromkeys(name for name in names if name))

    def item_enclosures(self, item: Article) -> list[feedgenerator.Enclosure]:
        """The cover image, at its absolute address with its size and type."""
        if not item.cover_image:
            return []
        try:
            length = item.cover_image.size
        except OSError:  # the file went missing: 0 is what RSS says for "unknown"
            length = 0
        mime_type = mimetypes.guess_type(item.cover_image.name)[0] or "application/octet-stream"
        return [feedgenerator.Enclosure(absolute_url(item.cover_image.url), str(length), mime_type)]

    def item_extra_kwargs(self, item: Article) -> dict:
        extra = {
            "authors": [
                (author.name, absolute_url(author.get_absolute_url()))
                for author in item.ordered_authors
            ]
        }
        if settings.FEED_FULL_TEXT and self.atom:
            extra["content"] = absolute_links(item.body_html)
        return extra


class AtomMixin:
    """The same feed as Atom: the description becomes its subtitle."""

    feed_type = AtomFeedGenerator
    atom = True

    def item_title(self, item: Article) -> str:
        return item.title  # Atom's title is plain text

    def subtitle(self, obj) -> str:
        return self.description(obj)


class EditionFeed(ArticleFeed):
    pass


class CategoryFeed(ArticleFeed):
    model = Category


class TagFeed(ArticleFeed):
    model = Tag


class AuthorFeed(ArticleFeed):
    model = Author


class SeriesFeed(ArticleFeed):
    """A series' parts, in its own edition only, while one is published (as its page)."""

    model = Series

    def lookup(self, slug: str) -> Series:
        has_parts = Exists(Article.objects.filter(series=OuterRef("pk"), status=Status.PUBLISHED))
        return Series.objects.filter(has_parts, language=current_edition()).get(slug=slug)


class EditionAtomFeed(AtomMixin, EditionFeed):
    pass


class CategoryAtomFeed(AtomMixin, CategoryFeed):
    pass


class TagAtomFeed(AtomMixin, TagFeed):
    pass


class AuthorAtomFeed(AtomMixin, AuthorFeed):
    pass


class SeriesAtomFeed(AtomMixin, SeriesFeed):
    pass
