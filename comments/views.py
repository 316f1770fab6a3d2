"""The comment endpoints. The view only wires the form, the spam defences, the moderation
rules (inside ``comment_submit``) and the article page together."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from articles.models import Article
from articles.views import render_article
from comments import spam
from comments.closing import accepts_comments
from comments.forms import CommentForm
from comments.models import Comment
from comments.services import Sender, comment_submit
from comments.threads import page_of

# The reader's own comment is shown to them after sending, through a signed token in the
# address they are sent back to (``?comment=…``), for this long.
OWN_COMMENT_SALT = "comments.own"
OWN_COMMENT_SECONDS = 60 * 60


@csrf_exempt  # see README "Comments on cached pages": the page carries no per-reader token
@require_POST
def comment_post(request: HttpRequest, article_id: int) -> HttpResponse:
    """A reader's comment: stored with the status the rules give it, or the article page again
    with the errors and the reader's text."""
    article = get_object_or_404(
        Article.objects.published().select_related("category"), pk=article_id
    )
    form = CommentForm(request.POST, article=article)
    if _cross_site(request):
        # A form on another site: its visitors' browsers would post for it, each from their
        # own address, past the per-address limit. Refused, nothing stored.
        form.is_valid()
        form.add_error(None, _("This comment was sent from another website and was not saved."))
        return _again(request, article, form, status=403)
    if form.is_bot:
        # Same answer as for a person, so the bot learns nothing; nothing is stored.
        return _sent(article, None)
    if not accepts_comments(article):
        form.is_valid()  # the text is shown again, to copy
        form.add_error(None, _("Comments on this article are closed; your comment was not sent."))
        return _again(request, article, form, status=403)
    if not form.is_valid():
        return _again(request, article, form, status=400)
    # Counted after validation, so a reader fixing a typo is not punished; counted before
    # saving, in one atomic increment, so simultaneous requests cannot slip past the limit.
    if spam.over_rate_limit(request):
        form.add_error(
            None,
            _(
                "You have sent several comments in a short time. "
                "Please wait a few minutes and send this one again."
            ),
        )
        return _again(request, article, form, status=429)
    sender = Sender.from_request(request, trusted_user=_same_site(request))
    comment = comment_submit(article=article, sender=sender, **form.submission())
    return _sent(article, comment)


def _this_site(netloc: str, request: HttpRequest) -> bool:
    return netloc in {urlsplit(settings.SITE_URL).netloc, request.get_host()}


def _cross_site(request: HttpRequest) -> bool:
    """A post a browser sent from another site's page (``Sec-Fetch-Site``, else ``Origin``).
    A client that sends neither (not a browser) is judged by the other defences."""
    fetch_site = request.headers.get("Sec-Fetch-Site", "")
    if fetch_site:
        return fetch_site == "cross-site"
    origin = request.headers.get("Origin", "")
    if not origin or origin == "null":
        return False
    return not _this_site(urlsplit(origin).netloc, request)


def _same_site(request: HttpRequest) -> bool:
    """Whether a logged-in sender's account may count (for a badge): only for a post from
    this site's own pages. The session cookie is ``SameSite=Lax``, so a cross-site form does
    not carry it at all; this checks ``Origin`` (or ``Referer``) as well."""
    source = request.headers.get("Origin") or request.headers.get("Referer") or ""
    if not source:
        return False
    return _this_site(urlsplit(source).netloc, request)


def _sent(article: Article, comment: Comment | None) -> HttpResponse:
    """Back to the article's comments, where the reader sees what became of theirs. The
    token in the address names their comment (signed, valid for an hour); the page at the
    plain address stays the same for everyone, so a cache may keep it."""
    if comment is None:
        return redirect(f"{article.get_absolute_url()}?comment=sent#comments")
    token = signing.dumps(comment.pk, salt=OWN_COMMENT_SALT)
    return redirect(f"{article.get_absolute_url()}?comment={token}#comment-{comment.pk}")


def own_comment(token: str) -> Comment | None:
    """The comment a ``?comment=`` token names, if it is valid and recent."""
    try:
        pk = signing.loads(token, salt=OWN_COMMENT_SALT, max_age=OWN_COMMENT_SECONDS)
    except signing.BadSignature:
        return None
    return Comment.objects.filter(pk=pk, erased_at__isnull=True).first()


def _again(request: HttpRequest, article: Article, form: CommentForm, *, status: int):
    """The article page as the reader saw it, with their form, its errors and their text."""
    response = render_article(request, article, extra_context={"comment_form": form}, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def permalink(request: HttpRequest, pk: int) -> HttpResponse:
    """A comment's lasting address: the page of its article's thread that shows it."""
    comment = get_object_or_404(
        Comment.objects.approved().select_related("article"),
        pk=pk,
        article__in=Article.objects.published(),
    )
    page = page_of(comment)
    query = f"?comments={page}" if page > 1 else ""
    return redirect(f"{comment.article.get_absolute_url()}{query}#comment-{comment.pk}")
