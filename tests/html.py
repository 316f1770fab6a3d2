"""Reading a rendered page as a browser would: BeautifulSoup on the standard library's parser.

Tests use BeautifulSoup's own API: CSS selectors (``page.select("li.comment")``,
``select_one``), ``tag.get("href")`` and ``tag["class"]``. Multi-valued attributes such as
``class`` and ``rel`` come back as lists. What is here is only what it does not give directly.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag


def markup(response) -> str:
    """The HTML of a Django response as text (a string of HTML comes back unchanged)."""
    if isinstance(response, str):
        return response
    return response.content.decode(response.charset or "utf-8")


def parse(response) -> BeautifulSoup:
    """The document of a response (or of a string of HTML); a parsed page comes back as is."""
    if isinstance(response, Tag):
        return response
    # Of two attributes with the same name a browser keeps the first: so does the tree.
    return BeautifulSoup(markup(response), "html.parser", on_duplicate_attribute="ignore")


def one(node: Tag, selector: str) -> Tag:
    """The single element below ``node`` matching a CSS selector; fails on none or several."""
    found = node.select(selector)
    assert len(found) == 1, f"expected one {selector!r}, found {len(found)}"
    return found[0]


def text(node: Tag) -> str:
    """The text a reader sees, whitespace collapsed as a browser shows it."""
    return " ".join(node.get_text().split())


def event_handlers(node: Tag) -> list[str]:
    """The event-handler attributes (``onerror=``, ``onclick=``, …) below ``node``, as "tag name".

    A second ``onerror=`` in one tag cannot hide: the tree keeps the first under the same name.
    """
    return [
        f"{element.name} {name}"
        for element in node.select("*")
        for name in element.attrs
        if name.startswith("on")
    ]


def changelist_rows(page) -> list[Tag]:
    """The rows of an admin changelist (``page``: a response or a parsed page), top to bottom.

    Empty when the admin shows no table, as it does when nothing matches.
    """
    table = parse(page).select_one("table#result_list")
    return one(table, "tbody").select("tr") if table else []


def field_errors(page, field: str) -> list[str]:
    """The error messages a form shows for ``field``, in the admin and on the site alike.

    ``page`` is a response or a parsed page. Django gives a field's error list the id
    ``id_<field>_error`` (the one a single input's ``aria-describedby`` names), wherever the
    template puts it. Empty when the field has no errors; fails when the form has no such
    field, so a renamed field cannot pass as "no errors".
    """
    document = parse(page)
    assert document.select_one(f'[name="{field}"], [name^="{field}_"]') is not None, (
        f"the page has no {field} field"
    )
    errors = document.select_one(f"#id_{field}_error")
    return [text(item) for item in errors.select("li")] if errors else []
