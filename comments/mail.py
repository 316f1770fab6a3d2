"""The mails about comments, and the signed links in them.

Three mails, each written in the article's language (its edition) with absolute links on
``SITE_URL`` (a worker has no request to take a host from):

- to the editors, for a comment held for moderation: what it says, the rule that held it,
  the admin link and two signed one-click links, "Approve" and "Spam" (comments/views_mail.py
  asks for a staff login and a confirming button before anything changes);
- to a commenter who ticked "mail me when someone replies": the double opt-in, a signed link
  that confirms the address; nothing else is sent to it before that;
- to that commenter, once confirmed, when a reply to their comment becomes public.

Every mail to a commenter carries a signed one-click unsubscribe link, in the text and in the
``List-Unsubscribe`` / ``List-Unsubscribe-Post`` headers (RFC 8058). The tokens are
``django.core.signing`` values (signed with ``SECRET_KEY``, a salt per purpose): they name a
comment, and for moderation the decision, and cannot be made or changed without the key.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from comments.models import Comment

MODERATE_SALT = "comments.mail.moderate"
CONFIRM_SALT = "comments.mail.confirm"
UNSUBSCRIBE_SALT = "comments.mail.unsubscribe"
# The editors' links and the opt-in link work this long; the unsubscribe link for ever.
MODERATE_LINK_AGE = timedelta(days=7)
CONFIRM_LINK_AGE = timedelta(days=7)
# The decisions an editor's mail offers, by the word in the signed token.
MODERATE_ACTIONS = {"approve": Comment.Status.APPROVED, "spam": Comment.Status.SPAM}

# Mail clients and servers should not answer these mails with out-of-office replies (RFC 3834).
AUTOMATIC = {"Auto-Submitted": "auto-generated"}


# Tokens ------------------------------------------------------------------------------------


def moderate_token(comment: Comment, action: str) -> str:
    if action not in MODERATE_ACTIONS:
        raise ValueError(f"unknown moderation action {action!r}")
    return signing.dumps([comment.pk, action], salt=MODERATE_SALT)


def read_moderate_token(token: str, *, expired_too: bool = False) -> tuple[int, str]:
    """The comment pk and the status an editor's link sets. Raises ``signing.BadSignature``
    for a changed token, ``signing.SignatureExpired`` (a subclass) for an old one, unless
    ``expired_too`` (to name the comment on the "link expired" page)."""
    max_age = None if expired_too else MODERATE_LINK_AGE
    pk, action = signing.loads(token, salt=MODERATE_SALT, max_age=max_age)
    return int(pk), MODERATE_ACTIONS[action]


def confirm_token(comment: Comment) -> str:
    return signing.dumps(comment.pk, salt=CONFIRM_SALT)


def read_confirm_token(token: str) -> int:
    return int(signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_LINK_AGE))


def unsubscribe_token(comment: Comment) -> str:
    return signing.dumps(comment.pk, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> int:
    return int(signing.loads(token, salt=UNSUBSCRIBE_SALT))


# Links ---------------------------------------------------------------------------------------


def site_url(path: str) -> str:
    """``path`` as an absolute address on ``SITE_URL``, never on a request's host."""
    return settings.SITE_URL + path


def unsubscribe_path(comment: Comment) -> str:
    """The unsubscribe page of ``comment`` in the active language's edition."""
    return reverse("comments:notify_unsubscribe", args=[unsubscribe_token(comment)])


# Who gets what -------------------------------------------------------------------------------


def editor_addresses() -> list[str]:
    """Active members of the Editor group and ``MANAGERS``, each address once."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name="Editor")
        .exclude(email="")
        .order_by("pk")
        .values_list("email", flat=True)
    )
    found: dict[str, str] = {}
    for address in [*users, *(address for _name, address in settings.MANAGERS)]:
        found.setdefault(address.strip().casefold(), address.strip())
    return [address for key, address in found.items() if key]


def editors_wanted(comment: Comment) -> bool:
    """A comment still held (an editor may have decided before the worker ran)."""
    return comment.status == Comment.Status.PENDING and not comment.is_erased


def confirmation_wanted(comment: Comment) -> bool:
    """The commenter asked for reply mails and has not confirmed yet. Not for spam: the form
    must not become a way to send mail to addresses that did not ask for it."""
    return (
        comment.notify_replies
        and comment.notify_confirmed_at is None
        and not comment.is_erased
        and bool(comment.email)
        and comment.status in (Comment.Status.PENDING, Comment.Status.APPROVED)
    )


def reply_wanted(reply: Comment) -> bool:
    """``reply`` is public, its parent's author confirmed reply mails and is someone else,
    and they were not told yet."""
    parent = reply.parent
    return (
        parent is not None
        and reply.status == Comment.Status.APPROVED
        and reply.replies_notified_at is None
        and not reply.is_erased
        and parent.status == Comment.Status.APPROVED
        and not parent.is_erased
        and parent.notify_replies
        and parent.notify_confirmed_at is not None
        and bool(parent.email)
        and parent.email.strip().casefold() != reply.email.strip().casefold()
    )


# The mails -----------------------------------------------------------------------------------


def editors_mail(comment: Comment) -> EmailMessage | None:
    """The editors' mail about a held comment, or None when there is nobody to send it to."""
    recipients = editor_addresses()
    if not recipients:
        return None
    article = comment.article
    with translation.override(article.language):
        context = {
            "comment": comment,
            "article": article,
            "rule": comment.get_rule_display(),
            "approve_url": site_url(
                reverse("comments:moderate_link", args=[moderate_token(comment, "approve")])
            ),
            "spam_url": site_url(
                reverse("comments:moderate_link", args=[moderate_token(comment, "spam")])
            ),
            "link_days": MODERATE_LINK_AGE.days,
            "admin_url": site_url(reverse("admin:comments_comment_change", args=[comment.pk])),
            "queue_url": site_url(
                reverse("admin:comments_comment_changelist") + "?status__exact=pending"
            ),
            "article_url": site_url(article.get_absolute_url()),
        }
        subject = _("Comment waiting for moderation: %(title)s") % {"title": article.title}
        body = render_to_string("comments/mail/editors_held.txt", context)
    return EmailMessage(_one_line(subject), body, to=recipients, headers=dict(AUTOMATIC))


def confirmation_mail(comment: Comment) -> EmailMessage:
    """The double opt-in: please confirm that you want reply mails at this address."""
    article = comment.article
    with translation.override(article.language):
        unsubscribe_url = site_url(unsubscribe_path(comment))
        context = {
            "comment": comment,
            "article": article,
            "confirm_url": site_url(
                reverse("comments:notify_confirm", args=[confirm_token(comment)])
            ),
            "link_days": CONFIRM_LINK_AGE.days,
            "unsubscribe_url": unsubscribe_url,
        }
        subject = _("Please confirm: mails about replies to your comment on “%(title)s”") % {
            "title": article.title
        }
        body = render_to_string("comments/mail/notify_confirm.txt", context)
    return _to_commenter(comment, subject, body, unsubscribe_url)


def reply_mail(reply: Comment) -> EmailMessage:
    """To the author of ``reply.parent``: someone answered you."""
    parent = reply.parent
    article = reply.article
    with translation.override(article.language):
        unsubscribe_url = site_url(unsubscribe_path(parent))
        context = {
            "reply": reply,
            "parent": parent,
            "article": article,
            "reply_url": site_url(reply.get_absolute_url()),
            "unsubscribe_url": unsubscribe_url,
        }
        subject = _("New reply to your comment on “%(title)s”") % {"title": article.title}
        body = render_to_string("comments/mail/reply.txt", context)
    return _to_commenter(parent, subject, body, unsubscribe_url)


def _to_commenter(comment: Comment, subject: str, body: str, unsubscribe_url: str):
    headers = {
        **AUTOMATIC,
        # RFC 2369 and RFC 8058: mail programs show an "Unsubscribe" button that POSTs here.
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return EmailMessage(_one_line(subject), body, to=[comment.email], headers=headers)


def _one_line(subject: str) -> str:
    # A title can hold no line break today; a header with one would make the send fail.
    return " ".join(subject.split())
