"""The mail tasks, run by the task worker (``manage.py db_worker``), never by a request.

Each task takes a comment's pk (JSON, as the queue stores it), looks again whether its mail is
still wanted (an editor may have decided, a reader unsubscribed, a retry may come hours later),
builds the mail and sends it. A mail server that fails is logged and the task queues itself
again for later, ``COMMENT_MAIL_ATTEMPTS`` times in all (django-tasks has no retries of its
own); then it gives up with an error in the log. The comment itself is never changed by a
failure: it was committed before any task was queued.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone

# In Django 6 the task framework is Django's own: ``from django.tasks import task``.
from django_tasks import task

from comments import mail
from comments.models import Comment

logger = logging.getLogger(__name__)

# Waits before the 2nd, 3rd, … attempt: 1, 5, 25 minutes, 2 hours, then 6 hours at most.
FIRST_RETRY = timedelta(minutes=1)
RETRY_FACTOR = 5
LONGEST_RETRY = timedelta(hours=6)


def retry_delay(attempt: int) -> timedelta:
    """How long to wait after attempt number ``attempt`` (1 for the first) failed."""
    return min(FIRST_RETRY * RETRY_FACTOR ** (attempt - 1), LONGEST_RETRY)


@task()
def mail_editors_held(comment_pk: int, attempt: int = 1) -> str:
    """The editors' mail about a comment held for moderation."""
    comment = Comment.objects.select_related("article", "parent").filter(pk=comment_pk).first()
    if comment is None or not mail.editors_wanted(comment):
        return "not needed"
    message = mail.editors_mail(comment)
    if message is None:
        return "no editors to tell"
    return _send(message, mail_editors_held, comment_pk, attempt, "the editors' mail")


@task()
def mail_notify_confirm(comment_pk: int, attempt: int = 1) -> str:
    """The double opt-in mail to a commenter who asked for reply mails."""
    comment = Comment.objects.select_related("article").filter(pk=comment_pk).first()
    if comment is None or not mail.confirmation_wanted(comment):
        return "not needed"
    return _send(
        mail.confirmation_mail(comment), mail_notify_confirm, comment_pk, attempt,
        "the confirmation mail",
    )  # fmt: skip


@task()
def mail_reply(reply_pk: int, attempt: int = 1) -> str:
    """Tell the author of the comment ``reply_pk`` answers, once."""
    reply = Comment.objects.select_related("article", "parent").filter(pk=reply_pk).first()
    if reply is None or not mail.reply_wanted(reply):
        return "not needed"
    outcome = _send(mail.reply_mail(reply), mail_reply, reply_pk, attempt, "the reply mail")
    if outcome == "sent":
        # Marked after sending: a worker stopped in between sends it again rather than never.
        Comment.objects.filter(pk=reply_pk, replies_notified_at__isnull=True).update(
            replies_notified_at=timezone.now()
        )
    return outcome


def _send(message: EmailMessage, again, comment_pk: int, attempt: int, what: str) -> str:
    """Send ``message``; if the mail backend fails, queue ``again`` (this task) for later."""
    try:
        message.send()
    except Exception:  # whatever the mail backend raises: SMTP, network, TLS, …
        attempts = settings.COMMENT_MAIL_ATTEMPTS
        if attempt >= attempts:
            logger.exception(
                "Could not send %s about comment %s; gave up after %d attempts.",
                what, comment_pk, attempt,
            )  # fmt: skip
            return "gave up"
        run_after = timezone.now() + retry_delay(attempt)
        # An error, not a warning: whoever watches the log learns about the mail server at
        # its first failure, not hours later when the last attempt fails.
        logger.exception(
            "Could not send %s about comment %s (attempt %d of %d); trying again at %s.",
            what, comment_pk, attempt, attempts, run_after.isoformat(timespec="seconds"),
        )  # fmt: skip
        again.using(run_after=run_after).enqueue(comment_pk, attempt=attempt + 1)
        return "retrying"
    return "sent"
