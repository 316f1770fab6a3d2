from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from articles.forms import EditorImageForm
from articles.markdown import render_markdown
from articles.models import Article, Author, Category, Tag
from articles.services import article_record_view

PAGE_SIZE = 10


class PublishedArticlesMixin:
    """Every reader-facing article list and page starts from the same published queryset."""

    def get_queryset(self):
        return Article.objects.published().for_listing().newest_first()


class ArticleListView(PublishedArticlesMixin, ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE


class ArticleDetailView(PublishedArticlesMixin, DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return super().get_queryset().filter(language=self.kwargs["language"])

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.object = self.get_object()
        if request.method == "GET":  # HEAD requests (link checkers, monitors) are not reads
            article_record_view(article=self.object, user=request.user)
        return self.render_to_response(self.get_context_data(object=self.object))


class FilteredArticleListView(PublishedArticlesMixin, ListView):
    """A list of articles under a heading object (category, tag, author)."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE
    heading_model: type
    heading_template: str

    @cached_property
    def heading(self):
        return get_object_or_404(self.heading_model, slug=self.kwargs["slug"])

    def filter_articles(self, queryset):
        raise NotImplementedError

    def get_queryset(self):
        return self.filter_articles(super().get_queryset())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.heading, heading_template=self.heading_template, **kwargs
        )


class CategoryView(FilteredArticleListView):
    heading_model = Category
    heading_template = "articles/includes/category_heading.html"

    def filter_articles(self, queryset):
        return queryset.filter(category=self.heading)


class TagView(FilteredArticleListView):
    heading_model = Tag
    heading_template = "articles/includes/tag_heading.html"

    def filter_articles(self, queryset):
        return queryset.filter(tags=self.heading)


class AuthorView(FilteredArticleListView):
    heading_model = Author
    heading_template = "articles/includes/author_heading.html"

    def filter_articles(self, queryset):
        return queryset.filter(authorships__author=self.heading)


def editor_only(view):
    """For the editor's endpoints: only active staff who may write articles; others get 403
    (not a login redirect: the editor's JavaScript calls these)."""

    def check(user) -> bool:
        if (
            user.is_active
            and user.is_staff
            and (user.has_perm("articles.add_article") or user.has_perm("articles.change_article"))
        ):
            return True
        raise PermissionDenied

    return user_passes_test(check)(view)


@editor_only
@require_POST
def markdown_preview(request: HttpRequest) -> HttpResponse:
    """The editor's live preview: the same HTML that saving the article stores."""
    return HttpResponse(render_markdown(request.POST.get("content", "")))


@editor_only
@require_POST
def editor_image_upload(request: HttpRequest) -> JsonResponse:
    """An image dropped into the editor: checked, re-encoded, stored; answers Markdown for it.

    The alt text is a placeholder in the reader's words that the editor replaces.
    """
    form = EditorImageForm(request.POST, request.FILES)
    if not form.is_valid():
        return JsonResponse(form.errors, status=400)
    image = form.cleaned_data["image"]
    path = default_storage.save(f"{settings.MARKDOWNX_MEDIA_PATH}{image.name}", image)
    alt = _("Describe the image")
    return JsonResponse({"image_code": f"![{alt}]({default_storage.url(path)})"})
