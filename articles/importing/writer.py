"""Writing one checked file (``SourceFile``) through the write path, as the system.

Authors, category, series and book are found by name (case-insensitively, "Führung" is
"führung") or created with ``named_save`` / ``book_save``; the article is saved with
``article_save`` (with its related articles and translation when their articles exist),
brought to the file's status with ``article_move_to`` and given its view count with
``article_carry_over_views``; the import record is written with ``import_record_save``;
revisions say "Imported from <path>". Images are re-encoded like uploads. Files written to
storage are listed in ``Writer.files`` so that the caller can delete them when the file's
transaction rolls back.

The caller opens the transaction; a ``ValidationError`` raised here is keyed by front-matter
key ("published", "book.isbn", …), not by model field.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.utils.translation import gettext_noop

from articles.editions import EDITIONS
from articles.importing.frontmatter import BookData, SourceFile, rewrite_images, sanitized_image
from articles.models import Article, Author, Book, Category, Series, Status
from articles.revisions import note as revision_note
from articles.services import (
    article_carry_over_views,
    article_move_to,
    article_save,
    book_save,
    import_record_save,
    named_save,
)
from articles.slugs import slugify_readable

IMPORT_NOTE = gettext_noop("Imported from %(path)s")
# Statuses without a public date: a date the file gives them is a planned one.
UNPUBLISHED = (Status.DRAFT, Status.REVIEW)
# Model fields whose front-matter key has another name.
KEY_OF_FIELD = {"published_at": "published", "cover_image": "cover"}


class Writer:
    def __init__(self) -> None:
        self.files: list[str] = []

    def write(
        self,
        source: SourceFile,
        *,
        article_id: int | None,
        related: list[int] | None,
        translation_of: int | None,
        content_hash: str,
    ) -> Article:
        """Create or update the article (``article_id``: the one the file was matched to) with
        the related articles and the translation given (articles that exist; None: leave
        them), and remember ``content_hash`` in its import record."""
        if article_id is None:
            article = Article(language=source.language)
        else:
            article = Article.objects.get(pk=article_id)
        others = linked_articles(related, translation_of)
        with under(""):
            authors = [self._author(name) for name in source.authors] or byline(article)
            if source.category:
                with under("category"):
                    # By its name or slug in any language ("Leadership" finds "Führung").
                    article.category = find_named(
                        Category.objects.all(), CATEGORY_NAMES, source.category,
                        lambda: named_save(
                            obj=new_category(source.category, source.language), by=None
                        ),
                    )  # fmt: skip
            self._fill(article, source)
            comment = revision_note(IMPORT_NOTE, path=source.name)
            if article.status in UNPUBLISHED and source.status in UNPUBLISHED:
                article.published_at = source.published
            article_save(
                article=article, authors=authors, tags=source.tags,
                related=None if related is None else [others[pk] for pk in related],
                translation_of=others.get(translation_of), by=None, comment=comment,
            )  # fmt: skip
            public = source.status not in UNPUBLISHED
            article_move_to(
                article=article, status=source.status,
                published_at=source.published if public else None, by=None,
            )  # fmt: skip
            if not public and article.published_at != source.published:
                # It was public before: unpublishing kept its old date.
                article.published_at = source.published
                article_save(article=article, authors=byline(article), by=None, comment=comment)
            if source.views is not None:
                article_carry_over_views(article=article, views=source.views)
        import_record_save(article=article, source_path=source.name, content_hash=content_hash)
        return article

    def link(
        self,
        source: SourceFile,
        *,
        article_id: int,
        related: list[int] | None = None,
        translation_of: int | None = None,
    ) -> None:
        """Set the related articles or the translation the file names (written by now)."""
        article = Article.objects.get(pk=article_id)
        others = linked_articles(related, translation_of)
        with under(""):
            article_save(
                article=article,
                authors=byline(article),
                related=None if related is None else [others[pk] for pk in related],
                translation_of=others.get(translation_of),
                by=None,
                comment=revision_note(IMPORT_NOTE, path=source.name),
            )

    # --- The parts of an article -------------------------------------------------------------

    def _fill(self, article: Article, source: SourceFile) -> None:
        article.title = source.title
        if source.slug:
            article.slug = source.slug
        article.language = source.language
        article.summary = source.summary
        with under("body"):
            article.body = self._body(source)
        with under("cover"):
            self._cover(article, source)
        article.cover_alt = source.cover_alt
        article.cover_credit = source.cover_credit
        article.series = None
        if source.series:
            with under("series"):
                article.series = find_named(
                    Series.objects.filter(language=source.language), "title", source.series,
                    lambda: named_save(
                        obj=Series(title=source.series, language=source.language), by=None
                    ),
                )  # fmt: skip
        article.series_part = source.series_part
        article.book = self._book(source.book) if source.book else None
        if source.featured is not None:  # without the key, an editor's tick stays
            article.featured = source.featured

    def _author(self, name: str) -> Author:
        with under("authors"):
            return find_named(
                Author.objects.all(), "name", name,
                lambda: named_save(obj=Author(name=name), by=None),
            )  # fmt: skip

    def _body(self, source: SourceFile) -> str:
        """The body with each relative image stored under the editor's upload folder and
        linked by its address. The stored name holds a hash of the image, so an image
        imported again (or used twice) is stored once."""
        urls = {}
        for target, path in source.body_images.items():
            data, suffix = self._image(path, target)
            stem = slugify_readable(path.stem, max_length=60) or "image"
            digest = hashlib.sha256(data).hexdigest()[:12]
            name = f"{settings.MARKDOWNX_MEDIA_PATH}{stem}-{digest}{suffix}"
            if not default_storage.exists(name):
                name = default_storage.save(name, ContentFile(data))
                self.files.append(name)
            urls[target] = default_storage.url(name)
        return rewrite_images(source.body, urls)

    def _cover(self, article: Article, source: SourceFile) -> None:
        if source.cover is None:
            article.cover_image = ""
            return
        self._store_image(article.cover_image, source.cover, source.cover.name)

    def _book(self, data: BookData) -> Book:
        book = find_book(data) or Book()
        values = {
            "title": data.title, "authors": data.authors, "publisher": data.publisher,
            "year": data.year, "isbn": data.isbn, "url": data.url,
        }  # fmt: skip
        changed = book.pk is None
        for name, value in values.items():
            # A book that exists (an editor's, another file's) is reused as it is: the file
            # only fills in what it lacks, never overwrites what someone entered.
            if value and getattr(book, name) in ("", None):
                setattr(book, name, value)
                changed = True
        if data.cover is not None:
            with under("book.cover"):
                changed |= self._store_image(book.cover_image, data.cover, data.cover.name)
        if changed:
            with under("book", prefix=True):
                book_save(book=book, by=None)
        return book

    # --- Images ------------------------------------------------------------------------------

    def _image(self, path, label: str) -> tuple[bytes, str]:
        """The re-encoded image's bytes and file suffix (".jpg", ".png", ".webp")."""
        try:
            image = sanitized_image(path)
            return image.read(), PurePath(image.name).suffix
        except ValidationError as error:
            raise ValidationError(f"{label}: {' '.join(error.messages)}") from None
        except OSError as error:
            raise ValidationError(f"{label}: {error.strerror or error}") from None

    def _store_image(self, field_file, path, label: str) -> bool:
        """Store the re-encoded image in ``field_file`` (not saving its row) unless it holds
        these very bytes already; True when it stored."""
        data, suffix = self._image(path, label)
        if field_file and _stored_bytes(field_file) == data:
            return False
        field_file.save(f"{PurePath(path).stem[:60]}{suffix}", ContentFile(data), save=False)
        self.files.append(field_file.name)
        return True


def linked_articles(related: list[int] | None, translation_of: int | None) -> dict[int, Article]:
    wanted = [*(related or []), *([translation_of] if translation_of else [])]
    return Article.objects.in_bulk(wanted)


def byline(article: Article) -> list[Author]:
    if article.pk is None:
        return []
    return [row.author for row in article.authorships.select_related("author")]


def find_named(
    queryset: models.QuerySet,
    fields: str | Sequence[str],
    value: str,
    create: Callable[[], models.Model],
) -> models.Model:
    """The row where one of ``fields`` equals ``value`` ignoring case, else ``create()``'s.

    Compared in Python: SQLite ignores the case of ASCII letters only ("Ü" ≠ "ü").
    """
    fields = [fields] if isinstance(fields, str) else list(fields)
    wanted = value.casefold()
    for row in queryset.only("pk", *fields).order_by("pk"):
        if any((getattr(row, field) or "").casefold() == wanted for field in fields):
            return row
    return create()


# A category named in front matter: its name or slug in any edition's language.
CATEGORY_NAMES = [f"{field}_{code}" for field in ("name", "slug") for code in EDITIONS]


def new_category(name: str, language: str) -> Category:
    """A category the import creates is named in the article's language (the other editions
    show that name until an editor translates it) and goes after the existing ones."""
    last = Category.objects.aggregate(last=models.Max("position"))["last"]
    return Category(**{f"name_{language}": name}, position=0 if last is None else last + 10)


def find_book(data: BookData) -> Book | None:
    """The book with the ISBN, else one with the same title and authors (ignoring case) and
    no other ISBN."""
    if data.isbn:
        found = Book.objects.filter(isbn=data.isbn).first()
        if found is not None:
            return found
    candidates = Book.objects.filter(isbn="") if data.isbn else Book.objects.all()
    wanted = (data.title.casefold(), data.authors.casefold())
    for book in candidates.order_by("pk"):
        if (book.title.casefold(), book.authors.casefold()) == wanted:
            return book
    return None


@contextmanager
def under(key: str, *, prefix: bool = False) -> Iterator[None]:
    """Report a ``ValidationError`` raised inside on front-matter ``key``: every message on
    it, or (``prefix``) on "key.field". ``under("")`` maps the article's own fields."""
    try:
        yield
    except ValidationError as error:
        if getattr(error, "_import_keyed", False):
            raise
        raise _keyed(error, key, prefix) from None


def _keyed(error: ValidationError, key: str, prefix: bool) -> ValidationError:
    by_key: dict[str, list[str]] = {}
    fields = (
        error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
    )
    for name, messages in fields.items():
        if key and not prefix:
            target = key
        elif prefix:
            target = key if name == NON_FIELD_ERRORS else f"{key}.{name}"
        else:
            target = "" if name == NON_FIELD_ERRORS else KEY_OF_FIELD.get(name, name)
        by_key.setdefault(target, []).extend(messages)
    keyed = ValidationError(
        {name or NON_FIELD_ERRORS: messages for name, messages in by_key.items()}
    )
    keyed._import_keyed = True
    return keyed


def _stored_bytes(field_file) -> bytes | None:
    try:
        with field_file.storage.open(field_file.name) as handle:
            return handle.read()
    except OSError:
        return None
