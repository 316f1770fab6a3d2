"""The articles' panels on the editors' dashboard (collected by config/admin.py).

Each panel runs a fixed number of queries, whatever the number of articles.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import F, Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import workflow
from articles.models import Article, ArticleAuthor, Status

LIMIT = 8
MOST_READ_DAYS = 30


def _may_see_articles(request) -> bool:
    user = request.user
    return user.is_active and user.is_staff and user.has_perm("articles.view_article")


def _with_byline(queryset):
    return queryset.select_related("category").prefetch_related(
        Prefetch("authorships", queryset=ArticleAuthor.objects.select_related("author"))
    )


def _panel(name: str, request, **context) -> str:
    """Render ``admin/articles/dashboard/<name>.html`` inside the shared panel frame."""
    return render_to_string(
        f"admin/articles/dashboard/{name}.html",
        {"panel_id": f"panel-{name.replace('_', '-')}", "total": None, **context},
        request=request,
    )


def review_queue(request) -> str:
    """Articles waiting for review, oldest first, with their authors and how long they wait.
    Editors see all of them; an Author sees their own."""
    if not _may_see_articles(request):
        return ""
    queryset = Article.objects.filter(status=Status.REVIEW)
    if not workflow.is_editor(request.user):
        queryset = queryset.bylined(request.user)
    queryset = queryset.order_by("status_changed_at", "pk")
    return _panel(
        "review",
        request,
        articles=list(_with_byline(queryset)[:LIMIT]),
        total=queryset.count(),
        filter_query="state=review",
    )


def scheduled(request) -> str:
    """What goes live by itself, and when."""
    if not _may_see_articles(request):
        return ""
    queryset = Article.objects.scheduled().order_by("published_at", "pk")
    return _panel(
        "scheduled",
        request,
        articles=list(_with_byline(queryset)[:LIMIT]),
        total=queryset.count(),
    )


def my_drafts(request) -> str:
    """A writer's own drafts, those sent back by the editors first (shown to every Author,
    and to anyone else with a byline)."""
    if not _may_see_articles(request):
        return ""
    user = request.user
    if workflow.author_record(user) is None and (
        workflow.is_editor(user) or not user.groups.filter(name=workflow.AUTHOR_GROUP).exists()
    ):
        return ""
    queryset = (
        Article.objects.filter(status=Status.DRAFT)
        .bylined(request.user)
        # Sent back (their status changed last) first; never moved ones last on every database.
        .order_by(F("status_changed_at").desc(nulls_last=True), "-updated_at")
    )
    return _panel("drafts", request, articles=list(queryset[:LIMIT]), total=queryset.count())


def most_read(request) -> str:
    """The most read of the articles published in the last 30 days, as a bar chart."""
    if not _may_see_articles(request):
        return ""
    since = timezone.now() - timedelta(days=MOST_READ_DAYS)
    articles = list(
        Article.objects.published()
        .filter(published_at__gte=since)
        .order_by("-view_count", "-published_at")[:5]
    )
    top = max((article.view_count for article in articles), default=0) or 1
    bars = [
        {"article": article, "percent": round(100 * article.view_count / top, 1)}
        for article in articles
    ]
    return _panel("most_read", request, bars=bars, days=MOST_READ_DAYS)


def recently_changed(request) -> str:
    if not _may_see_articles(request):
        return ""
    articles = list(Article.objects.order_by("-updated_at", "-pk")[:LIMIT])
    return _panel("recent", request, articles=articles, title=_("Recently changed"))


PANELS = [review_queue, scheduled, my_drafts, most_read, recently_changed]
