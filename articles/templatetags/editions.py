"""The language switcher in every page's header."""

from __future__ import annotations

from django import template
from django.urls import reverse, translate_url
from django.utils.http import urlencode
from django.utils.translation import get_language_info

from articles.editions import EDITIONS, current_edition, edition_reverse

register = template.Library()


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return f"?{query.urlencode()}" if query else ""


@register.inclusion_tag("includes/edition_switcher.html", takes_context=True)
def edition_switcher(context) -> dict:
    """Plain links to the other editions: to the page's own version there when the view
    names one (``edition_urls``: an article's translation, a category's slug in that
    language), else the same kind of page (same path words, same query), else the home page.

    Each link passes through the switcher's tiny redirect, which remembers the choice for "/"
    in a cookie; the page itself never sets one.
    """
    request = context.get("request")
    named = context.get("edition_urls") or {}
    # An error page has no counterpart in another edition: the switcher leads home there.
    error_page = "exception" in context or "request_path" in context
    here = current_edition()
    links = []
    for language in EDITIONS:
        if language == here:
            continue
        target = named.get(language)
        if target is None and request is not None and not error_page:
            # The same page there, from its first page (the other edition may have fewer).
            here_path = request.path + _query_without_page(request)
            translated = translate_url(here_path, language)
            target = translated if translated != here_path else None
        if target is None:
            target = edition_reverse("articles:home", language)
        chooser = reverse("choose_edition", kwargs={"language": language})
        links.append(
            {
                "language": language,
                "name": get_language_info(language)["name_local"],
                "href": f"{chooser}?{urlencode({'next': target})}",
            }
        )
    return {"links": links}
