"""Authors, categories and tags in the admin; saved through the write path, so a renamed slug
keeps its old address as a 301."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from taggit.models import Tag as UnusedTaggitTag

from articles.editions import EDITIONS
from articles.forms import AuthorAdminForm
from articles.models import Author, Category, Tag
from articles.services import named_delete, named_save

# Listing urlify.js first makes Django's media merge load our wrapper after it.
READABLE_SLUGS_JS = ("admin/js/urlify.js", "js/admin-slugs.js")

# Articles use articles.Tag (readable slugs); taggit's own table stays empty, so hide it.
admin.site.unregister(UnusedTaggitTag)


class NamedAdmin(admin.ModelAdmin):
    """Saves through ``services.named_save`` (redirects for renamed slugs)."""

    prepopulated_fields = {"slug": ["name"]}

    class Media:
        js = READABLE_SLUGS_JS

    def save_model(self, request, obj, form, change) -> None:
        named_save(obj=obj, by=request.user)

    def delete_model(self, request, obj) -> None:
        named_delete(obj=obj, by=request.user)

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            named_delete(obj=obj, by=request.user)


@admin.register(Author)
class AuthorAdmin(NamedAdmin, TranslationAdmin):
    """The bio is edited once per language, side by side (django-modeltranslation)."""

    form = AuthorAdminForm
    list_display = ["name", "slug", "user", "article_count"]
    list_select_related = ["user"]
    ordering = ["name"]  # the annotation below drops the model's ordering; pages need one
    search_fields = ["name", "bio"]
    autocomplete_fields = ["user"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_articles=Count("authorships"))

    @admin.display(description=_("articles"), ordering="num_articles")
    def article_count(self, author: Author) -> int:
        return author.num_articles


@admin.register(Category)
class CategoryAdmin(NamedAdmin, TranslationAdmin):
    """Name, slug and description once per language, side by side; each language's slug is
    filled in from that language's name."""

    prepopulated_fields = {f"slug_{language}": [f"name_{language}"] for language in EDITIONS}
    # One row per field, the languages beside each other.
    fieldsets = [
        (
            None,
            {
                "fields": [
                    tuple(f"{field}_{language}" for language in EDITIONS)
                    for field in ("name", "slug", "description")
                ]
                + ["position"]
            },
        )
    ]
    list_display = ["name", *(f"slug_{language}" for language in EDITIONS), "position"]
    list_editable = ["position"]
    search_fields = [f"name_{language}" for language in EDITIONS]


@admin.register(Tag)
class TagAdmin(NamedAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
