from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class CommentQuerySet(models.QuerySet):
    def approved(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.APPROVED)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        REMOVED = "removed", _("Removed")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="comments", verbose_name=_("article")
    )
    name = models.CharField(_("name"), max_length=80, help_text=_("Shown above the comment."))
    email = models.EmailField(
        _("e-mail"), help_text=_("Never shown publicly; for the editors' questions only.")
    )
    website = models.URLField(_("website"), blank=True, help_text=_("Linked from the name."))
    signature = models.CharField(
        _("signature"), max_length=120, blank=True,
        help_text=_('A line under the name, e.g. "Ger J.F. de Bruijn, Businesstraining".'),
    )  # fmt: skip
    body = models.TextField(_("comment"), max_length=5000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING,
        help_text=_("Only approved comments are public."),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    ip_hash = models.CharField(
        _("IP hash"), max_length=64, blank=True, editable=False,
        help_text=_("A keyed hash of the sender's IP address; the address itself is not kept."),
    )  # fmt: skip

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "spam", "removed"]),
                name="comment_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_thread_idx")
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.body[:60]}"

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"
