from __future__ import annotations

from django.contrib import admin, messages
from django.template.defaultfilters import truncatechars
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from comments.models import Comment
from comments.services import comments_set_status


def _moderation_action(status: str, description: str):
    def action(modeladmin, request, queryset) -> None:
        changed = comments_set_status(comments=queryset, status=status)
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d comment marked as %(status)s.",
                "%(count)d comments marked as %(status)s.",
                changed,
            )
            % {"count": changed, "status": Comment.Status(status).label},
            messages.SUCCESS,
        )

    action.__name__ = f"mark_{status}"
    return admin.action(description=description)(action)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["name", "excerpt", "article", "status", "created_at"]
    list_filter = ["status", "created_at"]
    list_select_related = ["article"]
    search_fields = ["name", "email", "body", "signature"]
    date_hierarchy = "created_at"
    readonly_fields = ["article", "created_at", "ip_hash"]
    fields = ["article", "status", "name", "email", "website", "signature", "body", "created_at",
              "ip_hash"]  # fmt: skip
    actions = [
        _moderation_action(Comment.Status.APPROVED, _("Approve selected comments")),
        _moderation_action(Comment.Status.SPAM, _("Mark selected comments as spam")),
        _moderation_action(Comment.Status.REMOVED, _("Remove selected comments")),
    ]

    def has_add_permission(self, request) -> bool:
        # Comments come from readers through the site; editors moderate them.
        return False

    @admin.display(description=_("comment"))
    def excerpt(self, comment: Comment) -> str:
        return truncatechars(comment.body, 80)
