from __future__ import annotations

from django import template

from comments.forms import CommentForm

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, article) -> dict:
    """The approved comments of ``article`` and the form to add one (one query)."""
    return {
        "article": article,
        "comments": list(article.comments.approved()),
        "form": context.get("comment_form") or CommentForm(),
        "sent": context.get("comment_sent", False),
        "request": context.get("request"),
    }
