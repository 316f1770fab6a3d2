from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from articles.models import Article
from articles.network import client_ip
from articles.views import render_article
from comments.forms import CommentForm
from comments.services import comment_submit

RATE_LIMIT_GROUP = "comments.post"
logger = logging.getLogger(__name__)


def _rate_key(group: str, request: HttpRequest) -> str:
    return client_ip(request)


def _over_rate_limit(request: HttpRequest) -> bool:
    """Count this comment against the sender's limit; True once the limit is exceeded.

    If the shared cache cannot be reached the comment is let through (it is stored as pending
    and waits for an editor anyway) rather than losing the reader's text to an error page.
    """
    try:
        return is_ratelimited(
            request,
            group=RATE_LIMIT_GROUP,
            key=_rate_key,
            rate=settings.COMMENT_RATE_LIMIT,
            method="POST",
            increment=True,
        )
    except Exception:
        logger.exception("Comment rate limit unavailable (cache error); letting the comment in")
        return False


@require_POST
def comment_post(request: HttpRequest, article_id: int) -> HttpResponse:
    """A reader's comment: stored as pending, or the article page again with the errors."""
    article = get_object_or_404(
        Article.objects.published().select_related("category"), pk=article_id
    )
    form = CommentForm(request.POST)
    if form.is_bot:
        # Same answer as for a person, so the bot learns nothing; nothing is stored.
        return _sent(article)
    if not form.is_valid():
        return _article_with_form(request, article, form, status=400)
    # Counted after validation, so a reader fixing a typo is not punished; counted before
    # saving, in one atomic increment, so simultaneous requests cannot slip past the limit.
    if _over_rate_limit(request):
        form.add_error(
            None,
            _(
                "You have sent several comments in a short time. "
                "Please wait a few minutes and send this one again."
            ),
        )
        return _article_with_form(request, article, form, status=429)
    comment_submit(
        article=article,
        data=form.cleaned_data,
        ip=client_ip(request),
        site_url=settings.SITE_URL,
    )
    return _sent(article)


def _sent(article: Article) -> HttpResponse:
    """Back to the article's comments, which thank the reader. The thanks are in the address
    (``?comment=sent``), not in a cookie or the session: the page stays the same for everyone
    who opens that address, so a cache may keep it."""
    return redirect(f"{article.get_absolute_url()}?comment=sent#comments")


def _article_with_form(
    request: HttpRequest, article: Article, form: CommentForm, *, status: int
) -> HttpResponse:
    """The article page as a reader sees it, with their form, its errors and their text."""
    return render_article(request, article, extra_context={"comment_form": form}, status=status)
