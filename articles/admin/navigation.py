"""The header menu of each edition, which editors arrange (saved through the write path, so
every page shows a change at once)."""

from __future__ import annotations

from django.contrib import admin

from articles.models import MenuItem
from articles.services import menu_link_delete, menu_link_save


@admin.register(MenuItem)
class MenuItemAdmin(admin.ModelAdmin):
    """Ordered links per edition; while an edition has none, its header lists the categories
    that have articles there."""

    list_display = ["__str__", "language", "position", "category", "article", "url"]
    list_display_links = ["__str__"]
    list_editable = ["position"]
    list_filter = ["language"]
    list_select_related = ["category", "article"]
    autocomplete_fields = ["article"]
    fields = ["language", "position", "label", "category", "article", "url"]

    def save_model(self, request, obj, form, change) -> None:
        menu_link_save(link=obj, by=request.user)

    def delete_model(self, request, obj) -> None:
        menu_link_delete(link=obj, by=request.user)

    def delete_queryset(self, request, queryset) -> None:
        for link in queryset:
            menu_link_delete(link=link, by=request.user)
