"""Writes on comments: a reader's submission, a moderator's reply and decisions, closing a
thread, and a commenter's request to be exported or forgotten. Views, the admin, commands and
tests call these; nothing else writes comments."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from comments import moderation, notifications
from comments.models import Comment, Thread
from comments.network import client_ip, ip_hash

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sender:
    """The request facts a submission needs: the client's address (hashed before storing)
    and the logged-in account, if any (None for a visitor)."""

    ip: str
    user: object | None = None

    @classmethod
    def from_request(cls, request, *, trusted_user: bool = True) -> Sender:
        user = getattr(request, "user", None)
        if not trusted_user or user is None or not user.is_authenticated:
            user = None
        return cls(ip=client_ip(request), user=user)


def attach_point(parent: Comment | None) -> Comment | None:
    """Where a reply to ``parent`` hangs: ``parent`` itself, or, at the deepest level
    (``COMMENT_MAX_DEPTH``), beside it under the same parent."""
    if parent is None:
        return None
    deepest = max(settings.COMMENT_MAX_DEPTH - 1, 0)
    while parent is not None and parent.depth >= deepest:
        parent = parent.parent
    return parent


@transaction.atomic
def comment_submit(
    *,
    article: Article,
    name: str,
    email: str,
    body: str,
    sender: Sender,
    website: str = "",
    signature: str = "",
    parent: Comment | None = None,
    notify_replies: bool = False,
) -> Comment:
    """Store a reader's comment with the status the moderation rules give it.

    The same text from the same address on the same article within
    ``COMMENT_DUPLICATE_MINUTES`` is not stored twice: the earlier comment is returned. Mails
    (editors for a held comment, the confirmation of reply notifications, the parent's author
    for an approved reply) are queued after the commit and never hold up or undo the comment.
    """
    since = timezone.now() - timedelta(minutes=settings.COMMENT_DUPLICATE_MINUTES)
    duplicate = (
        Comment.objects.filter(
            article=article, email__iexact=email, body=body, created_at__gte=since
        )
        .order_by("-created_at")
        .first()
    )
    if duplicate is not None:
        return duplicate
    parent = attach_point(parent)
    hashed = ip_hash(sender.ip) if sender.ip else ""
    badge = moderation.badge_for(sender.user, article)
    decision = moderation.decide(
        moderation.Candidate(
            article=article,
            name=name,
            email=email,
            body=body,
            website=website,
            signature=signature,
            ip_hash=hashed,
            user=sender.user,
            badge=badge,
        )  # fmt: skip
    )
    comment = Comment(
        article=article,
        parent=parent,
        depth=0 if parent is None else parent.depth + 1,
        name=name,
        email=email,
        website=website,
        signature=signature,
        body=body,
        status=decision.status,
        rule=decision.rule,
        rule_detail=decision.detail[:200],
        user=sender.user,
        badge=badge,
        notify_replies=notify_replies,
        ip_hash=hashed,
    )
    comment.full_clean()
    comment.save()
    transaction.on_commit(lambda: notifications.comment_stored(comment.pk))
    return comment


@transaction.atomic
def moderator_reply(*, parent: Comment, body: str, by) -> Comment:
    """A moderator answers ``parent`` from the admin: published at once, with the badge of
    their account (Author on their own article, else Editor)."""
    badge = moderation.badge_for(by, parent.article) or Comment.Badge.EDITOR
    attach = attach_point(parent)
    comment = Comment(
        article=parent.article,
        parent=attach,
        depth=0 if attach is None else attach.depth + 1,
        name=by.get_full_name() or by.get_username(),
        email=by.email or settings.DEFAULT_FROM_EMAIL,
        body=body,
        status=Comment.Status.APPROVED,
        rule=Comment.Rule.MODERATOR,
        user=by,
        badge=badge,
        moderated_at=timezone.now(),
        moderated_by=by,
    )
    comment.full_clean()
    comment.save()
    transaction.on_commit(lambda: notifications.comment_stored(comment.pk))
    return comment


@transaction.atomic
def comments_set_status(*, comments, status: str, by=None) -> int:
    """Moderate several comments at once; returns how many changed. Replies that become
    public tell their parent's author (if they asked for it), after the commit."""
    if status not in Comment.Status.values:
        raise ValueError(f"unknown comment status {status!r}")
    changing = list(comments.exclude(status=status).values_list("pk", flat=True))
    changed = Comment.objects.filter(pk__in=changing).update(
        status=status, moderated_at=timezone.now(), moderated_by=by
    )
    if status == Comment.Status.APPROVED and changing:
        transaction.on_commit(lambda: notifications.comments_approved(changing))
    return changed


def thread_set_closed(*, article: Article, closed: bool) -> Thread:
    """Close or reopen the comments of ``article`` (the comments already there stay)."""
    thread, _created = Thread.objects.update_or_create(article=article, defaults={"closed": closed})
    return thread
