"""Spam defences that refuse a comment before any rule looks at it (nothing is stored).

- **Honeypot**: a field people never see; filled in, the sender is told "thank you" and
  nothing is stored (comments/forms.py).
- **Ticket**: the form carries a signed timestamp made when the form was rendered. Sent sooner
  than ``COMMENT_MIN_SECONDS`` after it (a script) or more than ``COMMENT_MAX_AGE_HOURS``
  later, the comment is refused with its text kept and a fresh ticket in the form; the reader
  sends again. The ticket is the same for every reader of a page, so a cached page keeps
  working (see ``README`` "Comments on cached pages").
- **Rate limit**: ``COMMENT_RATE_LIMIT`` stored comments per client IP through the shared cache
  (Redis in production, so it holds across app servers).
- **Duplicates**: the same text on the same article within ``COMMENT_DUPLICATE_MINUTES`` is
  stored once (comments/services.py); the sender sees the same thanks.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core import signing

from comments import network

TICKET_SALT = "comments.ticket"
RATE_LIMIT_GROUP = "comments.post"


class TicketProblem(Exception):
    """The form's ticket is missing, forged, too fresh or too old."""


def new_ticket() -> str:
    """A signed timestamp for a comment form rendered now."""
    return signing.dumps(int(time.time()), salt=TICKET_SALT, compress=False)


def check_ticket(ticket: str) -> None:
    """Raise ``TicketProblem`` unless ``ticket`` was made by us between the limits ago."""
    try:
        made = signing.loads(ticket or "", salt=TICKET_SALT)
    except signing.BadSignature as error:
        raise TicketProblem("invalid") from error
    if not isinstance(made, int):
        raise TicketProblem("invalid")
    age = time.time() - made
    if age < settings.COMMENT_MIN_SECONDS:
        raise TicketProblem("too fast")
    if age > settings.COMMENT_MAX_AGE_HOURS * 3600:
        raise TicketProblem("expired")


def over_rate_limit(request) -> bool:
    """Count this comment against the sender's limit; True once the limit is exceeded.

    If the shared cache cannot be reached the comment is let through (fail open: it still
    passes the moderation rules and, from a stranger, waits for an editor) rather than losing
    the reader's text to an error page.
    """
    return network.over_rate_limit(
        request, group=RATE_LIMIT_GROUP, rate=settings.COMMENT_RATE_LIMIT, what="Comment"
    )
