"""The pages the comment mails link to (comments/mail.py).

- An editor's one-click "Approve" / "Spam" link: a staff login with the right to moderate,
  then a page that shows the comment and one button. Only the POST of that button changes
  anything: mail scanners and link previews open links, they do not press buttons.
- A commenter's opt-in link: opening it confirms (as double opt-in links do everywhere);
  opening it again changes nothing.
- A commenter's unsubscribe link: a POST stops the mails without asking (RFC 8058, what a
  mail program's "Unsubscribe" button sends, with no CSRF token); opening the link shows a
  page with one button that sends that POST.

A changed or cut-off token is a 404 that says so; an expired one a 410. These pages are for
the holder of the link only: nobody's cache keeps them, and the token never travels on in a
``Referer``. The commenter's pages read nothing from the reader's session or account.
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from comments import mail
from comments.models import Comment
from comments.services import comments_set_status


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def moderate_link(request: HttpRequest, token: str) -> HttpResponse:
    """An editor's "Approve" or "Spam" link from the mail about a held comment."""
    try:
        pk, status = mail.read_moderate_token(token)
    except signing.SignatureExpired:
        pk, _status = mail.read_moderate_token(token, expired_too=True)
        context = {"admin_url": reverse("admin:comments_comment_change", args=[pk]),
                   "days": mail.MODERATE_LINK_AGE.days}  # fmt: skip
        return _private(request, "comments/moderate_link_expired.html", context, status=410)
    except signing.BadSignature:
        return _private(request, "comments/moderate_link_invalid.html", status=404)
    user = request.user
    if not (user.is_active and user.is_staff):
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if not user.has_perm("comments.change_comment"):
        raise PermissionDenied
    comment = (
        Comment.objects.select_related("article", "parent", "moderated_by").filter(pk=pk).first()
    )
    if comment is None or comment.is_erased:  # erased at the author's request: nothing to do
        return _private(request, "comments/moderate_link_invalid.html", status=404)
    if request.method == "POST":
        comments_set_status(comments=Comment.objects.filter(pk=pk), status=status, by=user)
        # Back to the same link: it now says what was decided, and a reload sends nothing.
        return redirect(request.get_full_path())
    context = {
        "comment": comment,
        "target": Comment.Status(status),
        "done": comment.status == status,
        "admin_url": reverse("admin:comments_comment_change", args=[pk]),
        "queue_url": reverse("admin:comments_comment_changelist") + "?status__exact=pending",
    }
    return _private(request, "comments/moderate_link.html", context)


@csrf_exempt  # the signed link authorises the button's POST; the page carries no token
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def notify_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the opt-in mail: from now on replies to this comment are mailed."""
    try:
        pk = mail.read_confirm_token(token)
    except signing.SignatureExpired:
        return _private(request, "comments/notify_confirm_expired.html", status=410)
    except signing.BadSignature:
        return _private(request, "comments/notify_invalid.html", status=404)
    comment = _commenters_comment(pk)
    if comment is None:
        return _private(request, "comments/notify_invalid.html", status=404)
    # Only the button's POST confirms: mail scanners (Safe Links and the like) open every link
    # in a mail, and the owner of the address, not their scanner, must say yes.
    if request.method != "POST":
        if comment.notify_replies and comment.notify_confirmed_at is None:
            return _private(request, "comments/notify_confirm.html", {"comment": comment})
    elif comment.notify_replies and comment.notify_confirmed_at is None:
        comment.notify_confirmed_at = timezone.now()
        Comment.objects.filter(pk=pk, notify_confirmed_at__isnull=True).update(
            notify_confirmed_at=comment.notify_confirmed_at
        )
    context = {"comment": comment, "unsubscribe_url": mail.unsubscribe_path(comment)}
    return _private(request, "comments/notify_confirmed.html", context)


# RFC 8058: a mail program's one-click POST carries no CSRF token; the signed link is the key.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def notify_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The unsubscribe link of every mail to a commenter (and its ``List-Unsubscribe``)."""
    try:
        pk = mail.read_unsubscribe_token(token)
    except signing.BadSignature:
        return _private(request, "comments/notify_invalid.html", status=404)
    comment = _commenters_comment(pk)
    if request.method == "POST":
        Comment.objects.filter(pk=pk, notify_replies=True).update(notify_replies=False)
        return _private(request, "comments/notify_unsubscribed.html", {"comment": comment})
    if comment is None or not comment.notify_replies:
        return _private(request, "comments/notify_unsubscribed.html", {"comment": comment})
    return _private(request, "comments/notify_unsubscribe.html", {"comment": comment})


def _commenters_comment(pk: int) -> Comment | None:
    # A comment erased at its author's request has no address left to write to.
    return Comment.objects.select_related("article").filter(pk=pk, erased_at__isnull=True).first()


def _private(request: HttpRequest, template: str, context=None, *, status: int = 200):
    response = render(request, template, context, status=status)
    response["Referrer-Policy"] = "no-referrer"  # the token stays in this page's address
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
