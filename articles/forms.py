from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.images import sanitize_image
from articles.models import Article, Author


class SanitizedImageMixin:
    """Re-encodes the named image fields of a ModelForm (see articles/images.py)."""

    image_fields: tuple[str, ...] = ()

    def clean(self):
        cleaned = super().clean()
        for name in self.image_fields:
            upload = self.files.get(self.add_prefix(name))
            if upload is not None and name not in self.errors:
                try:
                    cleaned[name] = sanitize_image(upload)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned


class ArticleAdminForm(SanitizedImageMixin, forms.ModelForm):
    image_fields = ("cover_image",)

    class Meta:
        model = Article
        fields = [
            "title", "slug", "language", "category", "summary", "body", "status",
            "published_at", "cover_image", "cover_alt", "cover_credit", "tags",
        ]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("cover_image") and not cleaned.get("cover_alt"):
            message = _("Describe the cover image for readers who cannot see it.")
            self.add_error("cover_alt", forms.ValidationError(message, code="required"))
        return cleaned


def https_url_fields(field, **kwargs):
    """Form fields for a model: a URL typed without a scheme means https (Django 6 default)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class AuthorAdminForm(SanitizedImageMixin, forms.ModelForm):
    image_fields = ("photo",)

    class Meta:
        model = Author
        formfield_callback = https_url_fields
        fields = ["name", "slug", "bio", "photo", "website", "user"]


class EditorImageForm(forms.Form):
    """An image dropped into the Markdown editor."""

    image = forms.FileField()

    def clean_image(self):
        return sanitize_image(self.cleaned_data["image"])
