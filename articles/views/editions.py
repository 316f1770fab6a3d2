"""The addresses around the editions: "/" picks the reader's edition, the switcher remembers
a choice, and the addresses from before the editions answer 301.

These are the only public responses that read the reader's language headers or cookies; they
are tiny redirects that no cache keeps.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from articles.editions import EDITIONS, default_edition, edition_reverse
from articles.models import Author, Category, Series, Tag


@never_cache
def edition_root(request: HttpRequest) -> HttpResponseRedirect:
    """302 to the reader's edition: the one chosen with the switcher (its cookie), else the
    best match of the browser's Accept-Language, else the site's language."""
    language = translation.get_language_from_request(request)
    if language not in EDITIONS:
        language = default_edition()
    response = HttpResponseRedirect(edition_reverse("articles:home", language))
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


@never_cache
def choose_edition(request: HttpRequest, language: str) -> HttpResponseRedirect:
    """The switcher's link: remember ``language`` for "/" and go on to ``next`` (a page on
    this site; anything else leads to the edition's home page)."""
    if language not in EDITIONS:
        raise Http404
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = edition_reverse("articles:home", language)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=True,
    )
    return response


def legacy_category(request: HttpRequest, slug: str):
    """/category/<slug>/ → the edition whose slug it is (the site's language first)."""
    languages = [default_edition(), *(code for code in EDITIONS if code != default_edition())]
    for language in languages:
        category = Category.objects.filter(**{f"slug_{language}": slug}).first()
        if category is not None:
            return HttpResponsePermanentRedirect(category.url_in(language))
    raise Http404


def legacy_tag(request: HttpRequest, slug: str):
    return HttpResponsePermanentRedirect(
        get_object_or_404(Tag, slug=slug).url_in(default_edition())
    )


def legacy_author(request: HttpRequest, slug: str):
    return HttpResponsePermanentRedirect(
        get_object_or_404(Author, slug=slug).url_in(default_edition())
    )


def legacy_series(request: HttpRequest, slug: str):
    return HttpResponsePermanentRedirect(get_object_or_404(Series, slug=slug).get_absolute_url())


def legacy_share(request: HttpRequest, token: str):
    """A share link sent before the editions: the page under an edition renders the article
    in its own language whatever the prefix."""
    return HttpResponsePermanentRedirect(
        edition_reverse("articles:share", default_edition(), token=token)
    )
