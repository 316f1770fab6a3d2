"""Helpers for the articles tests: reading pages as a reader does, and posting admin forms.

The shared factories live in tests/factories.py; what only these tests need lives here.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

from django.utils import timezone
from PIL import Image

from articles.models import Author, Category

VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


class Node:
    """One element of a parsed page, with just enough API to ask what a reader sees."""

    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None = None):
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Node | str] = []

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}>"

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    @property
    def text(self) -> str:
        """The visible text, whitespace collapsed as a browser shows it."""
        parts: list[str] = []

        def walk(node: Node) -> None:
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                elif child.tag not in {"script", "style"}:
                    walk(child)

        walk(self)
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, *, class_: str | None = None, **attrs) -> list:
        """Descendants matching tag, a CSS class and exact attribute values (``id_`` → id)."""
        wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        found = []
        for node in self.iter():
            if tag is not None and node.tag != tag:
                continue
            if class_ is not None and class_ not in node.classes:
                continue
            if any(node.attrs.get(name) != value for name, value in wanted.items()):
                continue
            found.append(node)
        return found

    def find(self, tag: str | None = None, **kwargs) -> Node | None:
        found = self.find_all(tag, **kwargs)
        return found[0] if found else None

    def one(self, tag: str | None = None, **kwargs) -> Node:
        """The single matching descendant; fails loudly when there are none or several."""
        found = self.find_all(tag, **kwargs)
        assert len(found) == 1, f"expected one <{tag} {kwargs}>, found {len(found)}"
        return found[0]


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID_ELEMENTS:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html) -> Node:
    """Parse a response (or a string of HTML) into a tree of ``Node``."""
    if hasattr(html, "content"):
        html = html.content.decode(getattr(html, "charset", None) or "utf-8")
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def card_titles(response) -> list[str]:
    """The article titles a list page shows, top to bottom."""
    return [node.text for node in parse(response).find_all("h2", class_="card-title")]


def files_under(root) -> list[Path]:
    """Every file stored below ``root`` (an empty list when the folder does not exist)."""
    root = Path(root)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def jpeg_with_exif(name: str = "photo.jpg", *, size=(80, 60), orientation: int | None = None):
    """A JPEG upload carrying a camera make, a serial number and a GPS position."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x0110] = "Model 7"  # Model
    if orientation is not None:
        exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (52.0, 22.0, 5.0)
    gps[3] = "E"
    gps[4] = (4.0, 53.0, 10.0)
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def article_form_data(
    *,
    category: Category,
    authors: list[Author] | tuple[Author, ...] = (),
    positions: list[int] | None = None,
    **fields,
) -> dict:
    """POST data for the admin's article add/change form, authors in the ``authorships`` inline."""
    data = {
        "title": "Führung in unsicheren Zeiten",
        "slug": "",
        "language": "de",
        "category": str(category.pk),
        "summary": "Worauf es ankommt.",
        "body": "Text:\n- eins\n- zwei\n",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "cover_alt": "",
        "cover_credit": "",
        "tags": "",
        "authorships-TOTAL_FORMS": str(len(authors)),
        "authorships-INITIAL_FORMS": "0",
        "authorships-MIN_NUM_FORMS": "1",
        "authorships-MAX_NUM_FORMS": "1000",
    }
    positions = positions if positions is not None else list(range(len(authors)))
    for index, (author, position) in enumerate(zip(authors, positions, strict=True)):
        data[f"authorships-{index}-author"] = str(author.pk)
        data[f"authorships-{index}-position"] = str(position)
    data.update(fields)
    return data


def change_form_data(article, **fields) -> dict:
    """POST data that saves ``article`` unchanged through the admin change view."""
    local = timezone.localtime(article.published_at) if article.published_at else None
    authorships = list(article.authorships.order_by("position", "pk"))
    data = {
        "title": article.title,
        "slug": article.slug,
        "language": article.language,
        "category": str(article.category_id),
        "summary": article.summary,
        "body": article.body,
        "status": article.status,
        "published_at_0": local.strftime("%Y-%m-%d") if local else "",
        "published_at_1": local.strftime("%H:%M:%S") if local else "",
        "cover_alt": article.cover_alt,
        "cover_credit": article.cover_credit,
        "tags": ", ".join(tag.name for tag in article.tags.all()),
        "authorships-TOTAL_FORMS": str(len(authorships)),
        "authorships-INITIAL_FORMS": str(len(authorships)),
        "authorships-MIN_NUM_FORMS": "1",
        "authorships-MAX_NUM_FORMS": "1000",
    }
    for index, authorship in enumerate(authorships):
        data[f"authorships-{index}-id"] = str(authorship.pk)
        data[f"authorships-{index}-article"] = str(article.pk)
        data[f"authorships-{index}-author"] = str(authorship.author_id)
        data[f"authorships-{index}-position"] = str(authorship.position)
    data.update(fields)
    return data


def field_errors(response, field: str) -> list[str]:
    """The error messages the admin shows next to ``field`` (empty when it has none)."""
    row = parse(response).find(class_=f"field-{field}")
    assert row is not None, f"the form has no {field} field"
    return [
        item.text for errors in row.find_all("ul", class_="errorlist") for item in errors.iter()
    ]
