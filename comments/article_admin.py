"""The comments' panel on the article change page (collected by articles/admin/panels.py):
how many comments the article has in each status, each count linked to the moderation list
for that article and status, and the button that closes or reopens its comments.

One query, whatever the number of comments.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse

from articles.models import Article
from comments.closing import closed_by_age
from comments.models import Comment

# The button's name in the article form's POST (the panel stands inside that form).
THREAD_KEY = "_comments_thread"
STATUSES = Comment.Status.values


def comment_panel(request, article: Article) -> str:
    user = request.user
    if not user.has_perm("comments.view_comment"):
        return ""
    # One query: the article's comments counted per status, and its thread joined (a closed
    # thread makes ``closed`` count at least one row).
    row = Article.objects.filter(pk=article.pk).aggregate(
        **{status: Count("comments", filter=Q(comments__status=status)) for status in STATUSES},
        closed=Count("comment_thread", filter=Q(comment_thread__closed=True)),
    )
    counts = {status: row[status] for status in STATUSES}
    changelist = reverse("admin:comments_comment_changelist")
    statuses = [
        {
            "value": status.value,
            "label": status.label,
            "count": counts[status.value],
            "url": f"{changelist}?article={article.pk}&status__exact={status.value}",
        }
        for status in Comment.Status
    ]
    return render_to_string(
        "admin/comments/article_panel.html",
        {
            "article": article,
            "statuses": statuses,
            "total": sum(counts.values()),
            "all_url": f"{changelist}?article={article.pk}",
            "closed": row["closed"] > 0,
            "closed_by_age": closed_by_age(article),
            "close_after_days": settings.COMMENT_CLOSE_AFTER_DAYS,
            "is_public": article.is_public,
            "can_close": user.has_perm("comments.change_thread"),
            "thread_url": reverse("admin:comments_comment_thread", args=[article.pk]),
            "thread_key": THREAD_KEY,
        },
        request=request,
    )


PANELS = [comment_panel]
