"""Language editions: /de/, /nl/ and /en/ each have their own interface language and articles.

The language of a request comes from its address alone, so one URL always gives the same HTML
(a page cache or CDN can serve it). Only the admin follows the editor's browser or switcher
cookie, and only the "/" redirect (``articles/views/editions.py``) reads them for readers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

EDITIONS: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)


def default_edition() -> str:
    """The site's own language (``LANGUAGE_CODE``), where unprefixed addresses lead."""
    code = settings.LANGUAGE_CODE.split("-")[0]
    return code if code in EDITIONS else EDITIONS[0]


def current_edition() -> str:
    """The edition of the page being rendered (the active language)."""
    language = translation.get_language() or default_edition()
    return language if language in EDITIONS else default_edition()


def edition_of_path(path: str) -> str | None:
    """``"nl"`` for ``/nl/…``; None for addresses outside the editions (/admin/, /sitemap.xml)."""
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in EDITIONS else None


def absolute_url(url: str) -> str:
    """``url`` as an absolute address on ``SITE_URL`` (never the request's host); an address
    with a host of its own (media elsewhere) stays as it is."""
    if url.startswith(("http://", "https://")):
        return url
    if url.startswith("//"):
        return f"{settings.SITE_URL.split(':', 1)[0]}:{url}"
    return settings.SITE_URL + ("" if url.startswith("/") else "/") + url


@contextmanager
def in_edition(language: str) -> Iterator[None]:
    """Reverse URLs, read translated fields and format dates as the ``language`` edition does."""
    with translation.override(language):
        yield


def edition_reverse(name: str, language: str, **kwargs) -> str:
    """The address of the page ``name`` in the ``language`` edition (/nl/categorie/…)."""
    with in_edition(language):
        return reverse(name, kwargs=kwargs or None)


class EditionMiddleware:
    """Activates the edition's language for /de/…, /nl/…, /en/…; the site's language for the
    other public addresses (robots.txt, the sitemap, share links); and the editor's own
    language (switcher cookie, else browser) in the admin, which says so with ``Vary``."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = reverse("admin:index")

    def __call__(self, request):
        language = edition_of_path(request.path_info)
        for_editor = language is None and request.path_info.startswith(self.admin_prefix)
        if for_editor:
            language = translation.get_language_from_request(request)
        language = language or default_edition()
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if for_editor:
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", language)
        return response


@cache
def reserved_slugs(language: str) -> frozenset[str]:
    """The first words of the edition's own addresses in ``language`` (/de/kategorie/…,
    /de/archiv/, /de/comments/…): an article slug equal to one would hide that page."""
    from django.urls import URLResolver, get_resolver
    from django.urls.resolvers import LocalePrefixPattern

    def routes(patterns, prefix: str = ""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from routes(pattern.url_patterns, route)
            else:
                yield route

    words = set()
    with in_edition(language):
        for top in get_resolver().url_patterns:
            if isinstance(top, URLResolver) and isinstance(top.pattern, LocalePrefixPattern):
                for route in routes(top.url_patterns):
                    first = route.split("/", 1)[0]
                    if first and "<" not in first:
                        words.add(first)
    return frozenset(words)
