"""What articles are filed under and written by: authors, categories, tags."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from taggit.models import TagBase

from articles.editions import EDITIONS, default_edition, in_edition
from articles.slugs import slugify_readable, unique_slug


class EditionPages:
    """Something with a page in each language edition (/de/…, /nl/…, /en/…), or, when it has
    a language of its own (a series, an article), in that edition only."""

    def editions(self) -> tuple[str, ...]:
        language = getattr(self, "language", None)
        return (language,) if language else EDITIONS

    def url_in(self, language: str) -> str:
        """This page in the ``language`` edition (with its slug in that language)."""
        with in_edition(language):
            return self.get_absolute_url()

    def edition_urls(self) -> dict[str, str]:
        return {language: self.url_in(language) for language in self.editions()}


class NamedWithSlug(EditionPages, models.Model):
    """A model with a ``name`` (or another ``slug_source`` field) and a site-wide unique
    ``slug`` made from it when left empty."""

    slug_source = "name"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            others = type(self)._default_manager.exclude(pk=self.pk)
            self.slug = unique_slug(
                getattr(self, self.slug_source), taken=lambda s: others.filter(slug=s).exists()
            )
        super().save(*args, **kwargs)


class Author(NamedWithSlug):
    name = models.CharField(_("name"), max_length=120, help_text=_("As it appears in bylines."))
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, blank=True,
        help_text=_("Part of the author page's address; filled in from the name when empty."),
    )  # fmt: skip
    bio = models.TextField(
        _("bio"), blank=True, help_text=_("A few sentences for the author page.")
    )
    photo = models.ImageField(
        _("photo"), upload_to="authors/", blank=True,
        help_text=_("JPEG, PNG or WebP; re-encoded on upload, metadata removed."),
    )  # fmt: skip
    website = models.URLField(_("website"), blank=True, help_text=_("Linked from the author page."))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user account"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="author_profile",
        help_text=_("The login this author writes with, if any."),
    )  # fmt: skip

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:author", kwargs={"slug": self.slug})

    def bio_language(self) -> str:
        """The language of the bio this edition shows: its own, or (not yet translated) the
        one modeltranslation falls back to, which the page marks with ``lang``."""
        current = get_language()
        for language in (current, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES):
            if getattr(self, f"bio_{language}", ""):
                return language
        return current


class Category(NamedWithSlug):
    """What an article is filed under. Name, slug and description exist in every edition's
    language (articles/translation.py); a slug is unique within its language."""

    name = models.CharField(
        _("name"), max_length=100, blank=True,
        help_text=_("Shown in the navigation and on articles."),
    )  # fmt: skip
    slug = models.SlugField(
        _("slug"), max_length=80, blank=True,
        help_text=_("Part of the category page's address; filled in from the name when empty."),
    )  # fmt: skip
    description = models.TextField(
        _("description"), blank=True, help_text=_("Shown at the top of the category page.")
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Categories are listed in ascending position.")
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(
                fields=[f"slug_{language}"],
                name=f"category_unique_slug_{language}",
                violation_error_code="unique",  # shown at the slug field, not above the form
                violation_error_message=_("Another category already has this slug."),
            )
            for language in EDITIONS
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        """Each language's slug is made from the name that edition shows when left empty (the
        site language's name while the name is not translated yet)."""
        others = Category.objects.exclude(pk=self.pk)
        for language in EDITIONS:
            field = f"slug_{language}"
            if getattr(self, field, ""):
                continue
            with in_edition(language):
                source = self.name
            slug = unique_slug(source, taken=lambda s, f=field: others.filter(**{f: s}).exists())
            setattr(self, field, slug)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:category", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if not any(getattr(self, f"name_{language}", "") for language in EDITIONS):
            raise ValidationError(
                {
                    f"name_{default_edition()}": _(
                        "A category needs a name in one language at least."
                    )
                }
            )


class Tag(EditionPages, TagBase):
    """A taggit tag whose slug follows the project's readable rule ("Führung" → "fuehrung")."""

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def slugify(self, tag: str, i: int | None = None) -> str:
        slug = slugify_readable(tag, max_length=90) or "tag"
        return f"{slug}-{i}" if i is not None else slug

    def get_absolute_url(self) -> str:
        return reverse("articles:tag", kwargs={"slug": self.slug})
