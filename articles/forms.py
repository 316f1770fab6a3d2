from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from articles.images import sanitize_image
from articles.models import Article, Author, Tag


class SanitizedImageField(forms.FileField):
    """An image upload that only articles/images.py parses: no other Pillow plugin sees it.

    (Django's ``forms.ImageField`` would first open the file with every format Pillow knows.)
    """

    def to_python(self, data):
        upload = super().to_python(data)
        if isinstance(upload, UploadedFile):
            return sanitize_image(upload)
        return upload

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "accept": "image/jpeg,image/png,image/webp"}


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "title", "slug", "language", "category", "summary", "body", "status",
            "published_at", "cover_image", "cover_alt", "cover_credit", "tags",
        ]  # fmt: skip
        field_classes = {"cover_image": SanitizedImageField}

    def clean_tags(self) -> list[str]:
        tags = self.cleaned_data["tags"]
        limit = Tag._meta.get_field("name").max_length
        too_long = [tag for tag in tags if len(tag) > limit]
        if too_long:
            raise forms.ValidationError(
                _("A tag may have at most %(limit)d characters: %(tags)s")
                % {"limit": limit, "tags": ", ".join(f"„{tag[:30]}…“" for tag in too_long)},
                code="tag_too_long",
            )
        return tags

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("cover_image") and not cleaned.get("cover_alt"):
            message = _("Describe the cover image for readers who cannot see it.")
            self.add_error("cover_alt", forms.ValidationError(message, code="required"))
        return cleaned


class AuthorAdminForm(forms.ModelForm):
    class Meta:
        model = Author
        fields = ["name", "slug", "bio", "photo", "website", "user"]
        field_classes = {"photo": SanitizedImageField}


class EditorImageForm(forms.Form):
    """An image dropped into the Markdown editor."""

    image = SanitizedImageField()
