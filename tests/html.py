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
    """The document of a response (or of a string of HTML)."""
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
