"""Share links: a reviewer without an account reads an unpublished article."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models.article import Article


class ShareLink(models.Model):
    """A secret, expiring, revocable address at which one article can be read as a draft.

    The address carries ``key`` signed with ``SECRET_KEY`` (articles/sharing.py): a key that was
    typed wrong or cut short is told apart from one that expired or was revoked.
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="share_links", verbose_name=_("article")
    )
    key = models.CharField(_("key"), max_length=64, unique=True, editable=False)
    note = models.CharField(
        _("for whom"), max_length=120, blank=True,
        help_text=_('Whom the link is for, e.g. "Dr. Meyer, legal review".'),
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("share link")
        verbose_name_plural = _("share links")

    def __str__(self) -> str:
        return f"{self.article} ({self.note})" if self.note else str(self.article)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_active(self) -> bool:
        return not self.is_revoked and not self.is_expired
