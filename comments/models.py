"""Comments: a reader's reply to an article (or to another comment), the per-article thread
setting (open or closed), and the blocklist the moderation rules read.

Nothing is ever deleted by moderation: "removed" and "spam" are statuses, and a reader's request
to be forgotten blanks the row (``erased_at``) so the replies under it stay readable.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class CommentQuerySet(models.QuerySet):
    def approved(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.PENDING)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        REMOVED = "removed", _("Removed")

    class Rule(models.TextChoices):
        """The moderation rule that decided a comment's first status (comments/moderation.py)."""

        BLOCKLIST = "blocklist", _("Blocklist")
        LINKS = "links", _("Too many links")
        IMPERSONATION = "impersonation", _("Name of an author or editor")
        BADGE = "badge", _("Written by an author or editor")
        KNOWN = "known", _("Known commenter")
        DEFAULT = "default", _("Waits for moderation")
        MODERATOR = "moderator", _("Reply from the admin")

    class Badge(models.TextChoices):
        NONE = "", _("None")
        AUTHOR = "author", _("Author")
        EDITOR = "editor", _("Editor")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="comments", verbose_name=_("article")
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies",
        verbose_name=_("in reply to"),
    )  # fmt: skip
    depth = models.PositiveSmallIntegerField(
        _("depth"), default=0, editable=False,
        help_text=_("0 for a comment on the article, 1 for a reply to it, and so on."),
    )  # fmt: skip
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
    rule = models.CharField(
        _("decided by"), max_length=20, choices=Rule.choices, default=Rule.DEFAULT,
        editable=False, help_text=_("The moderation rule that gave the comment its first status."),
    )  # fmt: skip
    rule_detail = models.CharField(_("rule detail"), max_length=200, blank=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", editable=False, verbose_name=_("logged-in user"),
    )  # fmt: skip
    badge = models.CharField(
        _("badge"), max_length=10, choices=Badge.choices, blank=True, default="", editable=False,
        help_text=_("Set from the logged-in account, never from what was typed."),
    )  # fmt: skip
    notify_replies = models.BooleanField(
        _("reply notifications"), default=False,
        help_text=_("The commenter asked for a mail when someone replies."),
    )  # fmt: skip
    notify_confirmed_at = models.DateTimeField(
        _("notifications confirmed"), null=True, blank=True, editable=False
    )
    replies_notified_at = models.DateTimeField(
        _("parent's author notified"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", editable=False, verbose_name=_("moderated by"),
    )  # fmt: skip
    erased_at = models.DateTimeField(
        _("erased"), null=True, blank=True, editable=False,
        help_text=_("Removed at the author's request: name, e-mail and text are blanked."),
    )  # fmt: skip
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
            models.Index(fields=["article", "status", "created_at"], name="comment_thread_idx"),
            models.Index(fields=["email", "status"], name="comment_email_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.body[:60]}"

    def get_absolute_url(self) -> str:
        """The comment's permalink: it redirects to the page of the thread that shows it."""
        return reverse("comments:permalink", args=[self.pk])

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None


class Thread(models.Model):
    """An article's comment thread, as far as it differs from the default (open)."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="comment_thread",
        verbose_name=_("article"),
    )  # fmt: skip
    closed = models.BooleanField(
        _("closed"), default=False,
        help_text=_("No new comments; the existing ones stay visible."),
    )  # fmt: skip
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("comment thread")
        verbose_name_plural = _("comment threads")

    def __str__(self) -> str:
        return str(self.article)


class BlockedTerm(models.Model):
    """One blocklist entry: a comment that matches it is spam (moderation rule 1)."""

    class Kind(models.TextChoices):
        WORD = "word", _("Word or phrase")
        EMAIL_DOMAIN = "email_domain", _("E-mail domain")
        IP_HASH = "ip_hash", _("IP hash")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    value = models.CharField(
        _("value"), max_length=200,
        help_text=_(
            "A word or phrase (matched case-insensitively in name, website, signature and text), "
            "a domain such as spam.example (also matches its subdomains), or an IP hash copied "
            "from a comment."
        ),
    )  # fmt: skip
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "value"]
        verbose_name = _("blocklist entry")
        verbose_name_plural = _("blocklist")
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="blocked_term_unique"),
            models.CheckConstraint(
                condition=Q(kind__in=["word", "email_domain", "ip_hash"]),
                name="blocked_term_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"
