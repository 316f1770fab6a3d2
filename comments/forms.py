"""The reader's comment form: what may be typed, cleaned (comments/text.py), with the spam
defences that live in the form itself (honeypot, signed ticket; comments/spam.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from comments import spam, text
from comments.models import Comment

NOTHING_VISIBLE = _("Please write something a reader can see.")


class CommentForm(forms.ModelForm):
    # A field people never see (hidden by CSS, skipped by keyboard and screen readers) and
    # bots fill in. A filled-in honeypot is answered like a success and nothing is stored.
    homepage = forms.CharField(
        required=False,
        max_length=200,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # The signed time the form was made (comments/spam.py): too fresh or too old is refused.
    ticket = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    # The comment this one answers; checked against the article in ``clean_parent``.
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    consent = forms.BooleanField(
        label=_("I agree that my name, signature, website and comment are published and that "
                "my e-mail address is stored as the privacy notice explains."),
        error_messages={"required": _("Please agree to the privacy notice to send a comment.")},
    )  # fmt: skip

    class Meta:
        model = Comment
        fields = ["name", "email", "website", "signature", "body", "notify_replies"]
        labels = {
            "body": _("Your comment"),
            "notify_replies": _("Mail me when someone replies (you confirm by mail first)"),
        }
        help_texts = {
            "email": _("Never shown; the editors may use it to ask you something."),
            "website": _("Optional."),
            "signature": _('Optional, e.g. "Ger J.F. de Bruijn, Businesstraining".'),
            "body": _(
                "Plain text: an empty line starts a new paragraph, web addresses become links, "
                'lines starting with "> " are quotes. No HTML.'
            ),
            "notify_replies": _("Every mail has a link to stop them."),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "website": forms.URLInput(attrs={"autocomplete": "url"}),
            "body": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, article=None, **kwargs):
        self.article = article
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("ticket", spam.new_ticket())
        super().__init__(*args, **kwargs)

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(self.add_prefix("homepage")))

    def _cleaned_text(self, field: str, *, multiline: bool, required: bool) -> str:
        value = text.clean(self.cleaned_data.get(field) or "", multiline=multiline)
        if required and not text.has_visible(value):
            raise forms.ValidationError(NOTHING_VISIBLE, code="invisible")
        return value

    def clean_name(self) -> str:
        return self._cleaned_text("name", multiline=False, required=True)

    def clean_signature(self) -> str:
        value = self._cleaned_text("signature", multiline=False, required=False)
        return value if text.has_visible(value) else ""

    def clean_body(self) -> str:
        return self._cleaned_text("body", multiline=True, required=True)

    def clean_parent(self) -> Comment | None:
        pk = self.cleaned_data.get("parent")
        if not pk:
            return None
        parent = (
            Comment.objects.approved()
            .filter(pk=pk, article=self.article, erased_at__isnull=True)
            .select_related("parent__parent__parent")
            .first()
        )
        if parent is None:
            raise forms.ValidationError(
                _("The comment you answer is no longer shown. Your text is still here: send "
                  "it as a comment on the article, or copy it."),
                code="parent",
            )  # fmt: skip
        return parent

    def clean(self):
        cleaned = super().clean()
        try:
            spam.check_ticket(self.data.get(self.add_prefix("ticket"), ""))
        except spam.TicketProblem as problem:
            # A new ticket goes with the form shown again, so sending once more works.
            self.data = self.data.copy()
            self.data[self.add_prefix("ticket")] = spam.new_ticket()
            if str(problem) == "too fast":
                message = _("That was quicker than anyone can type. Please check your comment "
                            "and send it again.")  # fmt: skip
            else:
                message = _("This form was open for a long time. Your text is kept below: "
                            "please send it again.")  # fmt: skip
            raise forms.ValidationError(message, code="ticket") from problem
        return cleaned

    def fields_with_errors(self) -> list:
        """The fields a reader sees and must correct, in form order (the form's summary)."""
        return [field for field in self.visible_fields() if field.errors]

    def submission(self) -> dict:
        """What ``comments.services.comment_submit`` takes, as keyword arguments."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "email": data["email"],
            "website": data.get("website", ""),
            "signature": data.get("signature", ""),
            "body": data["body"],
            "parent": data.get("parent"),
            "notify_replies": bool(data.get("notify_replies")),
        }
