"""Every share link in one list: who made it, for whom, until when; revoke in bulk."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles import sharing, workflow
from articles.models import ShareLink


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    list_display = [
        "article",
        "note",
        "created_by",
        "created_at",
        "expires_at",
        "link_state",
        "url",
    ]
    list_select_related = ["article", "created_by"]
    list_filter = ["created_at", "expires_at"]
    search_fields = ["article__title", "note"]
    actions = ["revoke"]
    fields = ["article", "note", "created_by", "created_at", "expires_at", "revoked_at", "url"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False  # made on the article's page, where the editor sees what they share

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # revoked, not deleted: the list keeps who shared what

    def has_revoke_permission(self, request) -> bool:
        return workflow.is_editor(request.user)

    @admin.display(description=_("state"))
    def link_state(self, link: ShareLink) -> str:
        if link.is_revoked:
            return format_html('<span class="state state-archived">{}</span>', _("Revoked"))
        if link.is_expired:
            return format_html('<span class="state state-archived">{}</span>', _("Expired"))
        return format_html('<span class="state state-published">{}</span>', _("Active"))

    @admin.display(description=_("address"))
    def url(self, link: ShareLink) -> str:
        return format_html('<code class="share-url">{}</code>', sharing.share_url(link))

    @admin.action(description=_("Revoke selected share links"), permissions=["revoke"])
    def revoke(self, request, queryset) -> None:
        revoked = sum(sharing.share_link_revoke(link=link, by=request.user) for link in queryset)
        self.message_user(
            request,
            ngettext("%(count)d link revoked.", "%(count)d links revoked.", revoked)
            % {"count": revoked},
            messages.SUCCESS,
        )
