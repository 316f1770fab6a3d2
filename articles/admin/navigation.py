"""The header menu of each edition, which editors arrange."""

from __future__ import annotations

from django.contrib import admin

from articles.models import MenuItem


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
