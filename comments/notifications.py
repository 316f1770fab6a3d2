"""What the comment services call after a commit: queue the mails a comment calls for.

Nothing here sends mail. The tasks (comments/tasks.py) run in the task worker, look again
whether each mail is still wanted, send it and retry a failing mail server; a request only
adds rows to the task queue, after its comment is committed, so mail can never lose, delay or
undo a comment.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from comments import tasks
from comments.models import Comment

logger = logging.getLogger(__name__)


def comment_stored(comment_pk: int) -> None:
    """After a comment is committed: the editors' mail if it is held, the opt-in mail if its
    author asked for reply mails, the parent's author's mail if it is a public reply."""
    with _logged(f"the mails for comment {comment_pk}"):
        _queue_for_stored(comment_pk)


def comments_approved(comment_pks: list[int]) -> None:
    """After comments became public: the reply mails they call for (the task decides whether
    the parent's author wants one and was not told yet)."""
    with _logged(f"the reply mails for comments {comment_pks}"):
        replies = Comment.objects.filter(pk__in=comment_pks, parent__isnull=False)
        for pk in replies.values_list("pk", flat=True):
            tasks.mail_reply.enqueue(pk)


def _queue_for_stored(comment_pk: int) -> None:
    comment = (
        Comment.objects.filter(pk=comment_pk).values("status", "notify_replies", "parent").first()
    )
    if comment is None:
        return
    status = comment["status"]
    if status == Comment.Status.PENDING:
        tasks.mail_editors_held.enqueue(comment_pk)
    if comment["notify_replies"] and status in (Comment.Status.PENDING, Comment.Status.APPROVED):
        tasks.mail_notify_confirm.enqueue(comment_pk)
    if status == Comment.Status.APPROVED and comment["parent"] is not None:
        tasks.mail_reply.enqueue(comment_pk)


@contextmanager
def _logged(what: str) -> Iterator[None]:
    # Runs after the commit, inside the reader's (or editor's) request: a queue that cannot be
    # written to is logged, never turned into an error page for a comment already saved.
    try:
        yield
    except Exception:
        logger.exception("Could not queue %s.", what)
