"""What an article is part of or points to: a series, a book on the topic, its translations,
the related articles an editor picked, and where an imported article came from."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from stdnum import isbn as stdnum_isbn
from stdnum.exceptions import ValidationError as IsbnError

from articles.editions import edition_reverse
from articles.models.taxonomy import NamedWithSlug

LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES]


class Series(NamedWithSlug):
    """Articles that belong together and are read in order ("Teil 1", "Teil 2", …)."""

    slug_source = "title"

    title = models.CharField(_("title"), max_length=200, help_text=_("The series' name."))
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, blank=True,
        help_text=_(
            "Part of the series page's address; filled in from the title. Changing it keeps "
            "the old address working (it redirects)."
        ),
    )  # fmt: skip
    description = models.TextField(
        _("description"), blank=True, help_text=_("Shown at the top of the series page.")
    )
    language = models.CharField(
        _("language"), max_length=2, choices=LANGUAGE_CHOICES,
        help_text=_("The language of the series' title and description."),
    )  # fmt: skip

    class Meta:
        ordering = ["title"]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """In the series' own edition (/de/serie/…)."""
        return edition_reverse("articles:series", self.language, slug=self.slug)


def normalise_isbn(value: str) -> str:
    """The ISBN without separators, as ISBN-13 (an ISBN-10 is converted); or a
    ``ValidationError`` saying what is wrong with it (length, check digit, characters)."""
    try:
        return stdnum_isbn.validate(value, convert=True)
    except IsbnError as error:
        raise ValidationError(
            _("“%(isbn)s” is not a valid ISBN-10 or ISBN-13 (%(reason)s).")
            % {"isbn": value, "reason": _isbn_reason(error)},
            code="invalid_isbn",
        ) from None


def _isbn_reason(error: IsbnError) -> str:
    name = type(error).__name__
    if name == "InvalidChecksum":
        return _("its check digit does not match")
    if name == "InvalidLength":
        return _("it needs 10 or 13 digits")
    if name == "InvalidFormat":
        return _("it may hold only digits, hyphens and spaces, and a final X")
    return _("it is not an ISBN")


class Book(models.Model):
    """ "The book on the topic": shown in a box under the articles that carry it."""

    title = models.CharField(_("title"), max_length=250)
    authors = models.CharField(
        _("authors"), max_length=250, blank=True, help_text=_("As on the cover, e.g. “Anna Berg”.")
    )
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    isbn = models.CharField(
        _("ISBN"), max_length=20, blank=True,  # room for hyphens as typed; stored as 13 digits
        help_text=_("ISBN-10 or ISBN-13, with or without hyphens; stored as ISBN-13."),
    )  # fmt: skip
    url = models.URLField(_("link"), blank=True, help_text=_("Where readers find the book."))
    cover_image = models.ImageField(
        _("cover image"), upload_to="books/", blank=True,
        width_field="cover_width", height_field="cover_height",
        help_text=_("JPEG, PNG or WebP; re-encoded on upload, metadata removed."),
    )  # fmt: skip
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["title"]
        verbose_name = _("book")
        verbose_name_plural = _("books")
        constraints = [
            models.UniqueConstraint(
                fields=["isbn"], condition=~Q(isbn=""), name="book_unique_isbn",
                violation_error_message=_("A book with this ISBN exists already."),
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.title} ({self.authors})" if self.authors else self.title

    def clean(self) -> None:
        if self.isbn:
            try:
                self.isbn = normalise_isbn(self.isbn)
            except ValidationError as error:
                raise ValidationError({"isbn": error}) from None

    @property
    def isbn_display(self) -> str:
        """The ISBN with its hyphens where the ranges put them: "978-3-16-148410-0"."""
        return stdnum_isbn.format(self.isbn) if self.isbn else ""


class TranslationGroup(models.Model):
    """The versions of one article in different languages: at most one per language.

    ``original`` is the version the others were translated from (the article another was
    first linked to as its translation): the others are *possibly outdated* when its text
    changed after theirs.
    """

    created_at = models.DateTimeField(auto_now_add=True)
    original = models.ForeignKey(
        "articles.Article", verbose_name=_("original"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("translation group")
        verbose_name_plural = _("translation groups")

    def __str__(self) -> str:
        return str(_("Translations #%(number)s") % {"number": self.pk})


class RelatedArticle(models.Model):
    """An article an editor picked as further reading, at a position (0 is shown first)."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="related_links"
    )
    related = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="related_from",
        verbose_name=_("related article"),
    )  # fmt: skip
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")
        constraints = [
            models.UniqueConstraint(fields=["article", "related"], name="unique_related_article"),
            models.CheckConstraint(
                condition=~Q(article=models.F("related")), name="related_article_not_itself",
                violation_error_message=_("An article cannot be related to itself."),
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return str(self.related)


class ImportRecord(models.Model):
    """Where an imported article came from, and what the file held at its last import: a file
    whose content is unchanged is not written again (so an editor's later changes stay)."""

    # SET_NULL: an imported article an editor deleted stays deleted when its unchanged file is
    # imported again (the record remembers the file; only a changed file brings it back).
    article = models.OneToOneField(
        "articles.Article", null=True, on_delete=models.SET_NULL, related_name="import_record"
    )
    source_path = models.CharField(_("source file"), max_length=500, db_index=True)
    # Empty: write the file at the next import even if it did not change (a link is missing).
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        verbose_name = _("import record")
        verbose_name_plural = _("import records")

    def __str__(self) -> str:
        return self.source_path
