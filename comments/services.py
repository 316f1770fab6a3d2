"""Writes on comments: a reader's submission and an editor's moderation."""

from __future__ import annotations

import logging
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import mail_managers
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.models import Article
from articles.network import ip_hash
from comments.models import Comment

logger = logging.getLogger(__name__)


@transaction.atomic
def comment_submit(*, article: Article, data: dict, ip: str, site_url: str) -> Comment:
    """Save a reader's comment as pending; tell the editors once it is safely stored.

    ``data`` is a CommentForm's cleaned data; ``site_url`` the absolute address of the site
    (``request.build_absolute_uri("/")``) for the link in the editors' mail. The notification
    runs after the commit and a failing mail server is logged, never raised: the comment is
    already saved.
    """
    comment = Comment(
        article=article,
        name=data["name"],
        email=data["email"],
        website=data.get("website", ""),
        signature=data.get("signature", ""),
        body=data["body"],
        status=Comment.Status.PENDING,
        ip_hash=ip_hash(ip),
    )
    comment.full_clean()
    comment.save()
    transaction.on_commit(lambda: _notify_editors(comment, site_url=site_url))
    return comment


def _notify_editors(comment: Comment, *, site_url: str) -> None:
    if not settings.MANAGERS:
        return
    admin_url = urljoin(site_url, reverse("admin:comments_comment_change", args=[comment.pk]))
    try:
        mail_managers(
            _("New comment awaiting moderation: %(title)s") % {"title": comment.article.title},
            f"{comment.name}:\n\n{comment.body}\n\n{admin_url}",
        )
    except Exception:  # the comment is stored; a mail outage must not turn into an error page
        logger.exception("Could not notify editors about comment %s", comment.pk)


def comments_set_status(*, comments, status: str) -> int:
    """Moderate several comments at once; returns how many changed."""
    if status not in Comment.Status.values:
        raise ValueError(f"unknown comment status {status!r}")
    return comments.exclude(status=status).update(status=status)
