"""The comments' panel on the editors' dashboard (collected by config/admin.py)."""

from __future__ import annotations

from django.template.loader import render_to_string

from comments.models import Comment

LIMIT = 5


def awaiting_moderation(request) -> str:
    """How many comments wait, the newest few, and a link to the filtered list (2 queries)."""
    if not request.user.has_perm("comments.change_comment"):
        return ""
    pending = Comment.objects.filter(status=Comment.Status.PENDING)
    return render_to_string(
        "admin/comments/dashboard/pending.html",
        {
            "panel_id": "panel-comments",
            "total": pending.count(),
            "comments": list(pending.select_related("article").order_by("-created_at")[:LIMIT]),
            "status": Comment.Status.PENDING,
        },
        request=request,
    )


PANELS = [awaiting_moderation]
