from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from markdownx.admin import MarkdownxModelAdmin
from taggit.models import Tag as UnusedTaggitTag

from articles.forms import ArticleAdminForm, AuthorAdminForm
from articles.models import Article, ArticleAuthor, Author, Category, Tag

# Listing urlify.js first makes Django's media merge load our wrapper after it.
READABLE_SLUGS_JS = ("admin/js/urlify.js", "js/admin-slugs.js")

# Articles use articles.Tag (readable slugs); taggit's own table stays empty, so hide it.
admin.site.unregister(UnusedTaggitTag)


class ArticleAuthorInline(admin.TabularInline):
    model = ArticleAuthor
    extra = 1
    min_num = 1
    autocomplete_fields = ["author"]
    fields = ["author", "position"]

    def get_queryset(self, request):
        # Each row's title names its author: fetch them with the rows, not one by one.
        return super().get_queryset(request).select_related("author")

    def get_formset(self, request, obj=None, **kwargs):
        # Every article has a byline: refuse a save that removes the last author.
        return super().get_formset(request, obj, validate_min=True, **kwargs)


@admin.register(Article)
class ArticleAdmin(MarkdownxModelAdmin):
    form = ArticleAdminForm
    inlines = [ArticleAuthorInline]
    list_display = [
        "title", "status", "language", "category", "byline", "published_at", "view_count",
    ]  # fmt: skip
    list_filter = ["status", "language", "category", "authors"]
    list_select_related = ["category"]
    search_fields = ["title", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["view_count", "reading_time", "created_at", "updated_at", "public_link"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "language", "category", "summary", "body"]}),
        (_("Publishing"), {"fields": ["status", "published_at", "public_link"]}),
        (_("Cover image"), {"fields": ["cover_image", "cover_alt", "cover_credit"]}),
        (_("Tags"), {"fields": ["tags"]}),
        (
            _("Numbers"),
            {"fields": ["view_count", "reading_time", "created_at", "updated_at"]},
        ),
    ]

    class Media:
        js = READABLE_SLUGS_JS

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authorships__author")

    @admin.display(description=_("authors"))
    def byline(self, article: Article) -> str:
        return ", ".join(author.name for author in article.ordered_authors)

    @admin.display(description=_("public page"))
    def public_link(self, article: Article) -> str:
        if not article.pk or not article.is_public:
            return _("not public yet")
        return format_html('<a href="{0}">{0}</a>', article.get_absolute_url())


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    form = AuthorAdminForm
    list_display = ["name", "slug", "user", "article_count"]
    list_select_related = ["user"]
    ordering = ["name"]  # the annotation below drops the model's ordering; pages need one
    search_fields = ["name", "bio"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]

    class Media:
        js = READABLE_SLUGS_JS

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_articles=Count("authorships"))

    @admin.display(description=_("articles"), ordering="num_articles")
    def article_count(self, author: Author) -> int:
        return author.num_articles


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    class Media:
        js = READABLE_SLUGS_JS


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    class Media:
        js = READABLE_SLUGS_JS
