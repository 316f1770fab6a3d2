from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import PurePosixPath
from urllib.parse import urlencode

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime, AutocompleteSelect
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.images import sanitize_image
from articles.models import Article, Author, Book, RelatedArticle
from articles.services import EditConflict
from articles.workflow import Action

logger = logging.getLogger(__name__)

NO_AUTHOR = _("An article needs at least one author: add one under “Authors”.")
NO_PART = _("Give the part's number in the series (1, 2, …).")
NO_SERIES = _("Choose the series this is a part of, or leave the part empty.")
LINK_OR_UNLINK = _("Either link it to another version or unlink it, not both at once.")


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


class LabelledSplitDateTime(AdminSplitDateTime):
    """The admin's date and time inputs, each with its own accessible name."""

    def __init__(self, label: str):
        super().__init__()
        self.widgets[0].attrs["aria-label"] = _("%(field)s: date") % {"field": label}
        self.widgets[1].attrs["aria-label"] = _("%(field)s: time") % {"field": label}


class ArticleAutocomplete(AutocompleteSelect):
    """The admin's article autocomplete, leaving out one article (the one being edited) and,
    for picking its translation, the articles in its own language (``ArticleAdmin``
    reads both from the lookup's address)."""

    def __init__(self, admin_site, *, exclude: Article | None = None, other_languages=False):
        # Any foreign key to Article tells the autocomplete which admin to ask.
        super().__init__(RelatedArticle._meta.get_field("related"), admin_site)
        self.params = {}
        if exclude is not None and exclude.pk is not None:
            self.params["exclude"] = exclude.pk
            # A new article's language is still being chosen on the same form.
            if other_languages:
                self.params["other_than"] = exclude.language

    def get_url(self) -> str:
        url = super().get_url()
        return f"{url}?{urlencode(self.params)}" if self.params else url


class KeptUpload:
    """A cover chosen in a form that then came back with errors is kept for the next attempt.

    The sanitised file waits under ``PENDING_DIR`` and the form carries its signed name in a
    hidden field, so the editor does not have to choose it again. Files left behind by forms
    that were abandoned are removed after a day.
    """

    PENDING_DIR = "uploads-pending"
    SALT = "articles.kept-upload"
    MAX_AGE = timedelta(days=1)

    @classmethod
    def keep(cls, upload: UploadedFile) -> str:
        """Store ``upload`` for a later attempt; return where it waits."""
        cls.remove_stale()
        name = default_storage.save(f"{cls.PENDING_DIR}/{upload.name}", upload)
        upload.seek(0)
        return name

    @classmethod
    def token(cls, name: str) -> str:
        return signing.TimestampSigner(salt=cls.SALT).sign(name)

    @classmethod
    def find(cls, token: str) -> str | None:
        """Where the kept file behind ``token`` waits, or None when it is not (or no longer)
        there, the token is older than a day, or it was not made here."""
        try:
            name = signing.TimestampSigner(salt=cls.SALT).unsign(token, max_age=cls.MAX_AGE)
        except signing.BadSignature:
            return None
        path = PurePosixPath(name)
        if path.parent != PurePosixPath(cls.PENDING_DIR) or path.name in ("", ".", ".."):
            return None
        return name if default_storage.exists(name) else None

    @classmethod
    def remove_stale(cls) -> None:
        try:
            _, names = default_storage.listdir(cls.PENDING_DIR)
        except FileNotFoundError:
            return
        cutoff = timezone.now() - cls.MAX_AGE
        for name in names:
            path = f"{cls.PENDING_DIR}/{name}"
            try:
                if default_storage.get_modified_time(path) < cutoff:
                    default_storage.delete(path)
            except OSError:  # removed by another process meanwhile
                logger.debug("kept upload %s already gone", path)


class ArticleAdminForm(forms.ModelForm):
    """The article change form. Saving goes through the write path (ArticleAdmin.save_related);
    what the write path refuses comes back here as errors (``refusal``)."""

    # The lock_version the form was opened at: a save over someone else's newer one is refused.
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kept_cover = forms.CharField(widget=forms.HiddenInput, required=False)
    send_back_note = forms.CharField(
        label=_("Note for the author"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed to send the article back: what should the author change?"),
    )
    # Not columns of the article: the write path links it to that version's translations
    # (``article_save(translation_of=…)``) or takes it out of them.
    translation_of = forms.ModelChoiceField(
        Article.objects.all(),
        label=_("Translation of"),
        required=False,
        help_text=_(
            "The same article in another language: linking them links the versions either "
            "already has too."
        ),
    )
    unlink_translation = forms.BooleanField(
        label=_("Unlink from its translations"),
        required=False,
        help_text=_("The other versions stay linked to each other."),
    )
    translation_checked = forms.BooleanField(
        label=_("Checked against the original"),
        required=False,
        help_text=_(
            "Tick when this translation still says what the changed original says: the "
            "warning goes away until the original changes again."
        ),
    )

    # Set by ArticleAdmin.get_form for the request at hand.
    refusal: Exception | None = None
    # Where a cover kept from an earlier attempt waits (removed once the article is saved).
    kept_upload_name: str = ""
    # For the article autocomplete of "Translation of".
    admin_site = None

    class Meta:
        model = Article
        fields = [
            "title", "slug", "language", "category", "summary", "body", "published_at", "featured",
            "cover_image", "cover_alt", "cover_credit", "tags", "series", "series_part", "book",
        ]  # fmt: skip
        field_classes = {"cover_image": SanitizedImageField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "published_at" in self.fields:
            label = str(self.fields["published_at"].label)
            self.fields["published_at"].widget = LabelledSplitDateTime(label)
        if self.instance.pk and not self.is_bound:
            self.initial["opened_version"] = self.instance.lock_version
        if self.instance.pk:
            field = self.fields["translation_of"]
            field.queryset = field.queryset.exclude(pk=self.instance.pk)
        if self.admin_site is not None:
            field = self.fields["translation_of"]
            field.widget = ArticleAutocomplete(
                self.admin_site, exclude=self.instance, other_languages=True
            )
            field.widget.choices = field.choices
        if isinstance(self.refusal, EditConflict) and self.is_bound:
            # They have seen the conflict: saving again replaces the other version on purpose.
            self.data = self.data.copy()
            self.data[self.add_prefix("opened_version")] = self.refusal.article.lock_version

    @property
    def workflow_action(self) -> str:
        return self.data.get("_workflow", "")

    def clean_body(self):
        return self._as_stored("body")

    def clean_summary(self):
        return self._as_stored("summary")

    def _as_stored(self, name: str) -> str:
        """The text as stored when the editor did not change it: the form strips the final
        line break the stored text may end with, and a save that changes nothing in the text
        must not date it anew (the other versions would look outdated)."""
        typed = self.cleaned_data.get(name, "")
        stored = getattr(self.instance, name, "") if self.instance.pk else ""
        if stored and typed.replace("\r\n", "\n").strip() == stored.strip():
            return stored
        return typed

    def clean_cover_image(self):
        image = self.cleaned_data.get("cover_image")
        token_field = self.add_prefix("kept_cover")
        if isinstance(image, UploadedFile):
            self._carry(token_field, self.kept_upload_name or KeptUpload.keep(image), image.name)
        elif image is not False and self.data.get(token_field):  # False: "clear" was ticked
            name = KeptUpload.find(self.data[token_field])
            if name is not None:
                self._carry(token_field, name, PurePosixPath(name).name)
                # Read into memory: the storage's file handle is not left open.
                with default_storage.open(name) as kept:
                    return ContentFile(kept.read(), name=PurePosixPath(name).name)
        return image

    def _carry(self, token_field: str, kept_name: str, shown_name: str) -> None:
        """Put the kept file's token into the form as it will be shown again, and say so."""
        self.kept_upload_name = kept_name
        self.data = self.data.copy()
        self.data[token_field] = KeptUpload.token(kept_name)
        help_text = format_html(
            "{}<br><strong>{}</strong>",
            self.fields["cover_image"].help_text,
            _("Chosen: %(name)s. It is kept for this form; choose another file to replace it.")
            % {"name": shown_name},
        )
        # The bound field copied the help text when validation began: tell both.
        self.fields["cover_image"].help_text = self["cover_image"].help_text = help_text

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("cover_image") and not cleaned.get("cover_alt"):
            message = _("Describe the cover image for readers who cannot see it.")
            self.add_error("cover_alt", forms.ValidationError(message, code="required"))
        if self.workflow_action == Action.SCHEDULE:
            when = cleaned.get("published_at")
            if "published_at" in self.fields and (when is None or when <= timezone.now()):
                self.add_error(
                    "published_at", _("Choose a publish date in the future to schedule.")
                )
        if self.workflow_action == Action.SEND_BACK and not cleaned.get("send_back_note"):
            self.add_error(
                "send_back_note", _("Tell the author what to change: the note is required.")
            )
        if "series" in self.fields and "series_part" in self.fields:
            if cleaned.get("series") and not cleaned.get("series_part"):
                self.add_error("series_part", forms.ValidationError(NO_PART, code="required"))
            elif cleaned.get("series_part") and not cleaned.get("series"):
                self.add_error("series", forms.ValidationError(NO_SERIES, code="required"))
        if cleaned.get("translation_of") and cleaned.get("unlink_translation"):
            self.add_error("unlink_translation", LINK_OR_UNLINK)
        if self.refusal is not None:
            self._show_refusal(self.refusal)
        return cleaned

    def _show_refusal(self, error: Exception) -> None:
        """What the write path refused, as errors on the fields it names (else on the form)."""
        if isinstance(error, EditConflict):
            url = reverse("admin:articles_article_compare", args=[error.article.pk])
            self.add_error(
                None,
                format_html(
                    '{} <a href="{}?from_version={}">{}</a>',
                    error.message,
                    url,
                    error.opened,
                    _("See what they changed"),
                ),
            )
        elif isinstance(error, PermissionDenied):
            self.add_error(None, str(error) or _("You may not do this."))
        elif isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, error)


class BylineFormSet(BaseInlineFormSet):
    """The authors inline: at least one author, said in words; order from the rows."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.initial.setdefault("position", i)
        if form.initial.get("author"):
            # A row the form started with (the writer's own byline) counts even if unchanged.
            form.empty_permitted = False
        return form

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:  # the column header alone names no checkbox
            form.fields["DELETE"].widget.attrs["aria-label"] = _("Remove this author")

    def clean(self):
        super().clean()
        if not self.authors():
            raise forms.ValidationError(NO_AUTHOR, code="no_author")

    def authors(self) -> list[Author]:
        """The chosen authors in byline order: by position (set by the up/down buttons), then
        by row."""
        rows = [
            (form.cleaned_data.get("position") or 0, index, form.cleaned_data["author"])
            for index, form in enumerate(self.forms)
            if getattr(form, "cleaned_data", None)
            and form.cleaned_data.get("author")
            and not form.cleaned_data.get("DELETE")
        ]
        return [author for _, _, author in sorted(rows, key=lambda row: row[:2])]


class RelatedFormSet(BaseInlineFormSet):
    """The related-articles inline: the rows are not saved by the formset but handed, in
    order, to the write path (``article_save(related=…)``). A new row's position starts
    empty: it goes after the others unless the editor gives it a number."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["position"].required = False
        if form.instance.pk is None:
            form.initial["position"] = None  # not the model's default 0: that is the top
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = _("Remove this related article")

    def articles(self) -> list[Article]:
        """The picked articles in the order readers see them: by position (empty ones
        last), then by row."""
        rows = [
            (form.cleaned_data.get("position"), index, form.cleaned_data["related"])
            for index, form in enumerate(self.forms)
            if getattr(form, "cleaned_data", None)
            and form.cleaned_data.get("related")
            and not form.cleaned_data.get("DELETE")
        ]
        rows.sort(key=lambda row: (row[0] is None, row[0] or 0, row[1]))
        return [article for _, _, article in rows]


class AuthorAdminForm(forms.ModelForm):
    class Meta:
        model = Author
        fields = ["name", "slug", "bio", "photo", "website", "user"]
        field_classes = {"photo": SanitizedImageField}


class BookAdminForm(forms.ModelForm):
    """A book on the topic; its ISBN is checked and normalised by ``Book.clean`` (errors show
    on the field), its cover goes through the same sanitising as article covers."""

    class Meta:
        model = Book
        fields = ["title", "authors", "publisher", "year", "isbn", "url", "cover_image"]
        field_classes = {"cover_image": SanitizedImageField}


class EditorImageForm(forms.Form):
    """An image dropped into the Markdown editor."""

    image = SanitizedImageField()


class ShareLinkForm(forms.Form):
    """A new share link, from the article's change form."""

    share_days = forms.IntegerField(
        label=_("Valid for (days)"), min_value=1, max_value=90, required=False
    )
    share_note = forms.CharField(label=_("For whom"), max_length=120, required=False)
