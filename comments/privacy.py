"""A commenter's rights over what they gave us (GDPR): a copy of their comments, having them
forgotten, and IP hashes that do not outlive their use.

The admin (comments/admin.py) and the management commands ``comments_export``,
``comments_erase`` and ``clear_ip_hashes`` call these; nothing else does this work.

E-mail addresses match case-insensitively ("Ger@Example.NL" is ger@example.nl): the address is
what identifies a commenter, and readers do not type it the same way twice.

Erasing keeps the row and its place in the thread, so the replies under it stay readable:
name, website, signature, text and IP hash become empty, and the e-mail address becomes
``ERASED_EMAIL`` (the column is required; a placeholder under the reserved ``.invalid`` domain
needs no migration and can never reach anyone). ``Comment.is_erased`` tells the templates to
show "comment removed at the author's request" in its place.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, QuerySet, Value, When
from django.utils import timezone

from comments.models import Comment

# What an erased comment keeps as its e-mail address: valid for the model, deliverable nowhere
# (RFC 2606 reserves ``.invalid``), and the same for everyone, so it identifies nobody.
ERASED_EMAIL = "erased@erased.invalid"


def comments_of(email: str) -> QuerySet[Comment]:
    """Every comment sent with ``email`` (case ignored), on any article, in any status."""
    return Comment.objects.filter(email__iexact=email.strip())


def export_comments(email: str) -> list[dict]:
    """Everything stored about the comments of ``email``, oldest first, as JSON-able data."""
    comments = comments_of(email).select_related("article").order_by("created_at", "pk")
    return [
        {
            "id": comment.pk,
            "article_title": comment.article.title,
            "article_url": settings.SITE_URL + comment.article.get_absolute_url(),
            "parent": comment.parent_id,
            "name": comment.name,
            "email": comment.email,
            "website": comment.website,
            "signature": comment.signature,
            "body": comment.body,
            "status": comment.status,
            "created_at": comment.created_at.isoformat(),
            "notify_replies": comment.notify_replies,
            "ip_hash": comment.ip_hash,
        }
        for comment in comments
    ]


@transaction.atomic
def erase_comments(email: str) -> int:
    """Forget the commenter ``email``: blank what they typed and everything that identifies
    them, keep the rows (and so the replies to them). Returns how many comments were erased;
    running it again erases nothing more.

    An approved comment stays in the thread as "removed at the author's request"; one that
    was still waiting for moderation becomes *removed*, so the queue holds no empty rows.
    """
    return (
        comments_of(email)
        .filter(erased_at__isnull=True)
        .update(
            erased_at=timezone.now(),
            name="",
            email=ERASED_EMAIL,
            website="",
            signature="",
            body="",
            ip_hash="",
            user=None,
            badge=Comment.Badge.NONE,
            rule_detail="",  # may quote the name (impersonation) or the address's domain
            notify_replies=False,
            notify_confirmed_at=None,
            status=Case(
                When(status=Comment.Status.PENDING, then=Value(Comment.Status.REMOVED)),
                default=F("status"),
            ),
        )
    )


def clear_ip_hashes(days: int | None = None) -> int:
    """Blank the IP hash of comments older than ``days`` (``COMMENT_IP_HASH_DAYS`` unless
    given); returns how many were cleared. Idempotent: a second run clears nothing.

    The hash serves the rate limit and the blocklist while a comment is fresh; after that it
    is only a trace of where someone wrote from. Blocklist entries an editor copied from a
    comment are the editor's decision and stay.
    """
    if days is None:
        days = settings.COMMENT_IP_HASH_DAYS
    if days < 0:
        raise ValueError("days must be 0 or more")
    before = timezone.now() - timedelta(days=days)
    return Comment.objects.filter(created_at__lt=before).exclude(ip_hash="").update(ip_hash="")
