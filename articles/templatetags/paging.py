"""Numbered page links for every paginated list (home, category, tag, author, archive,
search): the address's other parameters are kept (``page_params`` in the context when the
view says which, as search does with ``q`` and ``category``), and page 1 has no ``page``
parameter, as its canonical address has none."""

from __future__ import annotations

from django import template
from django.core.paginator import Paginator
from django.utils.http import urlencode

register = template.Library()


def page_href(path: str, query: dict[str, str], number: int) -> str:
    params = {key: value for key, value in query.items() if key != "page"}
    if number > 1:
        params["page"] = str(number)
    return f"{path}?{urlencode(params)}" if params else path


@register.inclusion_tag("includes/pagination.html", takes_context=True)
def pagination(context, label: str = "", previous: str = "", following: str = "") -> dict:
    page = context.get("page_obj")
    if page is None or not page.has_other_pages():
        return {"page": None}
    request = context["request"]
    query = context.get("page_params")
    if query is None:
        query = request.GET.dict()
    path = request.path
    links = [
        {"number": number, "href": page_href(path, query, number), "current": number == page.number}
        if number != Paginator.ELLIPSIS
        else {"gap": True}
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
    return {
        "page": page,
        "links": links,
        "previous_href": page_href(path, query, page.number - 1) if page.has_previous() else "",
        "next_href": page_href(path, query, page.number + 1) if page.has_next() else "",
        "label": label,
        "previous": previous,
        "following": following,
    }
