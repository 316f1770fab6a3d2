"""What articles are filed under and written by: authors, categories, tags."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.models import TagBase

from articles.slugs import slugify_readable, unique_slug


class NamedWithSlug(models.Model):
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


class Category(NamedWithSlug):
    name = models.CharField(
        _("name"), max_length=100, help_text=_("Shown in the navigation and on articles.")
    )
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, blank=True,
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

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:category", kwargs={"slug": self.slug})


class Tag(TagBase):
    """A taggit tag whose slug follows the project's readable rule ("Führung" → "fuehrung")."""

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def slugify(self, tag: str, i: int | None = None) -> str:
        slug = slugify_readable(tag, max_length=90) or "tag"
        return f"{slug}-{i}" if i is not None else slug

    def get_absolute_url(self) -> str:
        return reverse("articles:tag", kwargs={"slug": self.slug})
