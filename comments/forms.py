from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from comments.models import Comment


class CommentForm(forms.ModelForm):
    # A field people never see (hidden by CSS, skipped by keyboard and screen readers) and
    # bots fill in. A filled-in honeypot is answered like a success and nothing is stored.
    homepage = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Comment
        fields = ["name", "email", "website", "signature", "body"]
        labels = {"body": _("Your comment")}
        help_texts = {
            "email": _("Never shown; the editors may use it to ask you something."),
            "website": _("Optional."),
            "signature": _('Optional, e.g. "Ger J.F. de Bruijn, Businesstraining".'),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "website": forms.URLInput(attrs={"autocomplete": "url"}),
            "body": forms.Textarea(attrs={"rows": 6}),
        }

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(self.add_prefix("homepage")))
