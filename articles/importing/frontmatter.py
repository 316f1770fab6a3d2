"""Reading one Markdown file with YAML front matter into a ``SourceFile``.

What can be checked without the database is checked here: the YAML, which keys there are and
what type their values have (``values.py``), numbers within what their columns hold, language,
status, the publish date's offset, the ISBN, and that every image the file points to exists
(its bytes go into the content hash). Whether an image is one the site accepts is
``check_images`` (it decodes the image, so the run calls it only for files that changed).
Every problem is collected, not raised: one file may have several.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote

import yaml
from django.core.exceptions import ValidationError
from django.core.files import File
from frontmatter.default_handlers import YAMLHandler

from articles.images import sanitize_image
from articles.importing.values import Values, largest
from articles.models import (
    Article,
    Book,
    Language,
    Status,
    default_language,
    normalise_isbn,
)

KEYS = frozenset(
    {
        "title", "slug", "language", "authors", "category", "tags", "published", "status",
        "summary", "series", "series_part", "cover", "cover_alt", "cover_credit", "book",
        "related", "translation_of", "views", "featured",
    }
)  # fmt: skip
BOOK_KEYS = frozenset({"title", "authors", "publisher", "year", "isbn", "url", "cover"})

# ``![alt](target "title")``: the target is group 2 (``<…>`` when it holds spaces).
IMAGE_LINK = re.compile(r"(!\[[^\]\n]*\]\(\s*)(<[^>\n]*>|[^\s)]+)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file (or, as a warning, something it ignored)."""

    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return (
            f"{self.path}: {self.field}: {self.message}"
            if self.field
            else f"{self.path}: {self.message}"
        )


@dataclass
class BookData:
    title: str
    authors: str = ""
    publisher: str = ""
    year: int | None = None
    isbn: str = ""
    url: str = ""
    cover: Path | None = None


@dataclass
class SourceFile:
    """What one file says, checked; ``keys`` tells which front-matter keys it has."""

    path: Path
    name: str
    keys: frozenset[str] = frozenset()
    title: str = ""
    slug: str = ""
    language: str = ""
    authors: list[str] = field(default_factory=list)
    category: str = ""
    tags: list[str] = field(default_factory=list)
    published: datetime | None = None
    status: str = Status.DRAFT
    summary: str = ""
    body: str = ""
    series: str = ""
    series_part: int | None = None
    cover: Path | None = None
    cover_alt: str = ""
    cover_credit: str = ""
    book: BookData | None = None
    related: list[str] | None = None
    translation_of: tuple[str, str] | None = None
    views: int | None = None
    featured: bool | None = None
    # Link target in the body → the image file it names.
    body_images: dict[str, Path] = field(default_factory=dict)
    digest: str = ""
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(self, field_name: str, message: str) -> None:
        self.problems.append(Problem(self.name, field_name, message))

    def images(self) -> list[tuple[str, Path]]:
        """Every image the file points to, with the key it is named under."""
        found = [("cover", self.cover)] if self.cover else []
        if self.book and self.book.cover:
            found.append(("book.cover", self.book.cover))
        return found + [("body", path) for path in self.body_images.values()]


def read_source(path: Path, name: str) -> SourceFile:
    """The file at ``path`` (``name`` is how messages and the import record call it)."""
    source = SourceFile(path=path, name=name)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError) as error:
        source.error("", f"cannot be read as UTF-8 text ({error})")
        return source
    data, body = _split(source, text)
    if data is None:
        return source
    source.keys = frozenset(data)
    for key in sorted(set(data) - KEYS, key=str):
        source.warnings.append(Problem(name, str(key), "unknown key, ignored"))
    _read_fields(source, Values(source, data), body)
    if not source.problems:
        source.digest = _digest(source, raw)
    return source


def check_images(source: SourceFile) -> None:
    """Decode every image the way an upload is (``articles.images``): a broken one, or one the
    site refuses, is a problem on the key that names it."""
    for key, path in source.images():
        try:
            sanitized_image(path)
        except ValidationError as error:
            source.error(key, f"{_relative(source, path)}: {' '.join(error.messages)}")
        except OSError as error:
            source.error(key, f"{_relative(source, path)}: {error.strerror or error}")


def sanitized_image(path: Path):
    """The image at ``path``, re-encoded without metadata (a ``SimpleUploadedFile``)."""
    with path.open("rb") as handle:
        return sanitize_image(File(handle, name=path.name))


def image_targets(body: str) -> list[str]:
    """The link targets of ``![…](…)`` images in ``body`` that are paths relative to the
    file (no scheme such as ``https:``, not starting with ``/``)."""
    targets = []
    for match in IMAGE_LINK.finditer(body):
        target = match[2].strip("<>")
        if target and not _SCHEME.match(target) and not target.startswith(("/", "#")):
            targets.append(target)
    return targets


def rewrite_images(body: str, urls: dict[str, str]) -> str:
    """``body`` with the image targets in ``urls`` replaced by their stored addresses."""

    def replace(match: re.Match) -> str:
        target = match[2].strip("<>")
        return match[1] + urls[target] if target in urls else match[0]

    return IMAGE_LINK.sub(replace, body)


# --- Inside ----------------------------------------------------------------------------------


def _split(source: SourceFile, text: str) -> tuple[dict | None, str]:
    handler = YAMLHandler()
    text = text.lstrip()
    if not handler.detect(text):
        source.error("front matter", "missing: the file must start with a line “---”")
        return None, ""
    try:
        front, body = handler.split(text)
        data = handler.load(front)
    except ValueError:
        source.error("", "the front matter has no closing line “---”")
        return None, ""
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        source.error("front matter", f"invalid YAML{where}: {problem}")
        return None, ""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        source.error("front matter", "must be a mapping of keys (“title: …”), not a list or text")
        return None, ""
    return data, body.strip("\n")


def _read_fields(source: SourceFile, values: Values, body: str) -> None:
    source.title = values.text("title")
    if not source.title:
        source.error("title", "missing: every article needs a title")
    source.slug = values.text("slug")
    source.language = values.choice("language", Language.values, default_language())
    source.authors = _unique(values.names("authors"))
    source.category = values.text("category")
    source.tags = _unique(values.names("tags", split_commas=True))
    source.published = values.moment("published")
    default_status = Status.PUBLISHED if source.published else Status.DRAFT
    source.status = values.choice("status", Status.values, default_status)
    source.summary = values.text("summary")
    source.body = body
    source.series = values.text("series")
    source.series_part = values.number(
        "series_part", minimum=1, maximum=largest(Article, "series_part")
    )
    if source.series and source.series_part is None:
        source.error("series_part", "missing: a part of a series needs its number (1, 2, …)")
    if source.series_part is not None and not source.series:
        source.error("series_part", "needs “series”: the title of the series it is a part of")
    source.cover = values.image("cover")
    source.cover_alt = values.text("cover_alt")
    source.cover_credit = values.text("cover_credit")
    source.book = _book(source, values)
    source.related = values.names("related") if "related" in source.keys else None
    source.translation_of = _translation_of(source, values)
    source.views = values.number("views", minimum=0, maximum=largest(Article, "view_count"))
    source.featured = values.flag("featured")
    for target in image_targets(body):
        image = values.file(unquote(target), "body")
        if image is not None:
            source.body_images[target] = image


def _book(source: SourceFile, values: Values) -> BookData | None:
    data = values.raw("book")
    if data is None:
        return None
    if not isinstance(data, dict):
        source.error("book", "must be a mapping (title, authors, publisher, year, isbn, url)")
        return None
    book = Values(source, data, prefix="book.")
    for key in sorted(set(data) - BOOK_KEYS, key=str):
        source.warnings.append(Problem(source.name, f"book.{key}", "unknown key, ignored"))
    result = BookData(
        title=book.text("title"),
        authors=", ".join(book.names("authors")),
        publisher=book.text("publisher"),
        year=book.number("year", minimum=1, maximum=largest(Book, "year")),
        url=book.text("url"),
        cover=book.image("cover"),
    )
    if not result.title:
        source.error("book.title", "missing: a book needs its title")
    isbn = book.text("isbn")
    if isbn:
        try:
            result.isbn = normalise_isbn(isbn)
        except ValidationError as error:
            source.error("book.isbn", " ".join(error.messages))
    return result


def _translation_of(source: SourceFile, values: Values) -> tuple[str, str] | None:
    data = values.raw("translation_of")
    if data is None:
        return None
    if not isinstance(data, dict):
        source.error("translation_of", "must be a mapping: {slug: …, language: …}")
        return None
    other = Values(source, data, prefix="translation_of.")
    known = len(source.problems)
    slug = other.text("slug")
    language = other.choice("language", Language.values, "")
    if len(source.problems) > known:
        return None
    if not slug or not language:
        source.error("translation_of", "needs both the slug and the language of the article")
        return None
    if language == source.language:
        source.error("translation_of", "a translation is in another language than the article")
        return None
    return slug, language


def _unique(names: list[str]) -> list[str]:
    """Without repeats, compared as "Führung" and "führung" are the same; first spelling wins."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.casefold(), name)
    return list(seen.values())


def _digest(source: SourceFile, raw: bytes) -> str:
    """SHA-256 of the file and of every image it names: a changed image is a changed file."""
    digest = hashlib.sha256(raw)
    for key, path in source.images():
        try:
            digest.update(key.encode() + b"\0" + path.read_bytes())
        except OSError as error:
            source.error(key, f"{_relative(source, path)}: {error.strerror or error}")
    return digest.hexdigest()


def _relative(source: SourceFile, path: Path) -> str:
    try:
        return path.relative_to(source.path.parent).as_posix()
    except ValueError:
        return str(path)
