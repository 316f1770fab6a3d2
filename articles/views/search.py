"""The search page of an edition: /de/suche/?q=…&category=…&page=….

The same HTML for every reader of a URL (nothing per reader), never a 500: a query that
cannot be searched for gets the page with a hint, one that is too long is cut and says so. An
unknown category or page number is the edition's 404, as on the other lists.
"""

from __future__ import annotations

import re

from django.core.paginator import InvalidPage
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from articles import search
from articles.editions import EDITIONS, current_edition, edition_reverse
from articles.listing import categories_in_edition
from articles.models import Category

PAGE_SIZE = 10
SLUG = re.compile(r"[-\w]{1,80}")


def _category(slug: str | None) -> Category | None:
    """The category filter (``?category=<slug>`` in the edition's language), if any."""
    if not slug:
        return None
    category = Category.objects.filter(slug=slug).first() if SLUG.fullmatch(slug) else None
    if category is None:
        raise Http404(_("No category found at this address."))
    return category


def _address(language: str, text: str, category: Category | None) -> str:
    """The search page for the same query in the ``language`` edition (the category with its
    slug there): where the language switcher leads."""
    params = {"q": text} if text else {}
    if category is not None:
        params["category"] = getattr(category, f"slug_{language}", "") or category.slug
    query = f"?{urlencode(params)}" if params else ""
    return edition_reverse("articles:search", language) + query


def search_page(request: HttpRequest) -> HttpResponse:
    language = current_edition()
    query = search.clean_query(request.GET.get("q"))
    category = _category(request.GET.get("category"))
    page = None
    if not query.problem:
        try:
            page = search.results_page(
                query.text,
                language=language,
                category=category,
                number=request.GET.get("page") or 1,
                per_page=PAGE_SIZE,
            )
        except InvalidPage as error:
            raise Http404(_("No such page of results.")) from error
    context = {
        # The page's title and heading (and its og:title, articles/seo.py).
        "heading": _("Search: %(query)s") % {"query": query.text} if query.text else _("Search"),
        "query": query,
        "category": category,
        "categories": categories_in_edition(language),
        "page_obj": page,
        "results": page.object_list if page else [],
        # The page links keep the query (as searched: cleaned and shortened) and the filter.
        "page_params": {"q": query.text, **({"category": category.slug} if category else {})},
        "edition_urls": {
            other: _address(other, query.text, category) for other in EDITIONS if other != language
        },
        # Result pages stay out of search engines (head_meta says so); their canonical
        # address keeps ``q``.
        "noindex": True,
    }
    return TemplateResponse(request, "articles/search.html", context)
