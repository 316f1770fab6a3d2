"""Reading a response the way a browser does, and the steps a reader and an editor take.

The element tree is built with the standard library's ``html.parser``, so assertions are about
elements and attributes the browser would see, not about substrings of the markup.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser

from django.urls import reverse

VOID_ELEMENTS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)


class Element:
    def __init__(self, tag: str, attr_list: list[tuple[str, str | None]], parent=None) -> None:
        self.tag = tag
        # Every attribute as written, duplicates included: a second onerror= must not hide.
        self.attr_list = attr_list
        self.attrs = dict(attr_list)
        self.parent = parent
        self.children: list[Element | str] = []

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}>"

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def iter(self) -> Iterator[Element]:
        """All descendant elements in document order."""
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def text(self) -> str:
        """The visible text, whitespace collapsed as a browser would."""
        parts: list[str] = []

        def walk(node: Element) -> None:
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                else:
                    walk(child)

        walk(self)
        return " ".join("".join(parts).split())

    def find_all(self, tag: str | None = None, *, cls: str | None = None, **attrs) -> list[Element]:
        """Descendants by tag, class and exact attribute values (``id_="x"`` for ``id``)."""
        wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag)
            and (cls is None or cls in element.classes)
            and all(element.attrs.get(name) == value for name, value in wanted.items())
        ]

    def find(self, tag: str | None = None, *, cls: str | None = None, **attrs) -> Element | None:
        found = self.find_all(tag, cls=cls, **attrs)
        return found[0] if found else None

    def one(self, tag: str | None = None, *, cls: str | None = None, **attrs) -> Element:
        found = self.find_all(tag, cls=cls, **attrs)
        assert len(found) == 1, f"expected one {tag or '*'} .{cls} {attrs}, found {found}"
        return found[0]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", [])
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, attrs, parent=self.stack[-1])
        self.stack[-1].children.append(element)
        if tag not in VOID_ELEMENTS:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, attrs, parent=self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(response) -> Element:
    """The element tree of a response (or of an HTML string)."""
    markup = response if isinstance(response, str) else response.content.decode()
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root


def messages_shown(page: Element) -> list[str]:
    """The flash messages the page shows at its top."""
    box = page.find("ul", cls="messages")
    return [item.text() for item in box.find_all("li")] if box else []


def shown_comments(page: Element) -> list[Element]:
    """The comments listed on an article page, in order."""
    section = page.one("section", id_="comments")
    return section.find_all("li", cls="comment")


def comment_form(page: Element) -> Element:
    return page.one("form", cls="comment-form")


def field_errors(page: Element, field: str) -> str:
    """The error text shown next to a field of the comment form ("" if none)."""
    form = comment_form(page)
    control = form.one(id_=f"id_{field}")
    wrapper = control.parent
    errors = wrapper.find(cls="field-errors")
    return errors.text() if errors else ""


def form_errors(page: Element) -> str:
    """Errors about the form as a whole (shown above the fields)."""
    box = comment_form(page).find(cls="form-errors")
    return box.text() if box else ""


def comment_data(**overrides) -> dict:
    """What a reader types into the comment form."""
    data = {
        "name": "Ger J.F. de Bruijn",
        "email": "ger.debruijn@example.nl",
        "website": "https://bruijn.example.nl/",
        "signature": "Ger J.F. de Bruijn, Businesstraining",
        "body": "Sehr hilfreich – vor allem der Abschnitt über Führung.",
        "homepage": "",
    }
    data.update(overrides)
    return data


def post_url(article) -> str:
    return reverse("comments:post", args=[article.pk])


def moderate(editor_client, action: str, comments):
    """An editor ticks ``comments`` in the admin list and runs a bulk action."""
    return editor_client.post(
        reverse("admin:comments_comment_changelist"),
        {"action": action, "_selected_action": [comment.pk for comment in comments]},
    )
