"""The table of contents of a long article, read from the headings of its stored HTML.

The renderer (articles/markdown.py) gives every h2 and h3 of a body an id; the contents list
links to them, h3 entries nested under the h2 before them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Below this many headings (h2 and h3 together) an article is short enough to scroll.
MIN_HEADINGS = 3
LEVELS = ("h2", "h3")


@dataclass
class Entry:
    id: str
    text: str
    children: list[Entry] = field(default_factory=list)


class _Headings(HTMLParser):
    """Collects (level, id, text) of every h2 and h3 with an id, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []
        self._open: tuple[str, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag in LEVELS and self._open is None:
            self._open = (tag, dict(attrs).get("id") or "")
            self._text = []

    def handle_endtag(self, tag) -> None:
        if self._open is not None and tag == self._open[0]:
            level, anchor = self._open
            text = " ".join("".join(self._text).split())
            if anchor and text:
                self.found.append((level, anchor, text))
            self._open = None

    def handle_data(self, data) -> None:
        if self._open is not None:
            self._text.append(data)


def headings(body_html: str) -> list[tuple[str, str, str]]:
    """(``"h2"``/``"h3"``, id, text) of the body's headings that have an id."""
    parser = _Headings()
    parser.feed(body_html or "")
    parser.close()
    return parser.found


def table_of_contents(body_html: str, *, minimum: int = MIN_HEADINGS) -> list[Entry]:
    """The contents list of a body: h2 entries with their h3 entries as children (an h3
    before the first h2 stands on its own). Empty when the body has fewer than ``minimum``
    headings."""
    found = headings(body_html)
    if len(found) < minimum:
        return []
    entries: list[Entry] = []
    section: Entry | None = None  # the h2 the following h3 entries belong to
    for level, anchor, text in found:
        entry = Entry(id=anchor, text=text)
        if level == "h3" and section is not None:
            section.children.append(entry)
            continue
        entries.append(entry)
        section = entry if level == "h2" else None
    return entries
