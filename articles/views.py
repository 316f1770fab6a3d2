from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils import formats, timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from articles import reading, workflow
from articles.forms import EditorImageForm
from articles.markdown import render_markdown
from articles.models import Article, Author, Category, Series, Tag, listing_prefetches
from articles.services import PLACEHOLDER_ALT, article_record_view
from articles.sharing import InvalidShareLink, find_share_link

PAGE_SIZE = 10


class PublishedArticlesMixin:
    """Every reader-facing article list and page starts from the same published queryset."""

    def get_queryset(self):
        return Article.objects.published().for_listing().teasers().newest_first()


class ArticleListView(PublishedArticlesMixin, ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE


def _private(response: HttpResponse) -> HttpResponse:
    """Pages for one person (staff, a share link's reviewer): no shared cache keeps them."""
    patch_cache_control(response, private=True, no_store=True)
    return response


def render_article(
    request: HttpRequest,
    article: Article,
    *,
    preview_note: str = "",
    extra_context: dict | None = None,
    status: int = 200,
) -> HttpResponse:
    """The article page, the one place it is rendered: for readers, for staff previewing a
    draft, for a share link's reviewer, and with a comment form that came back with errors.

    ``preview_note`` puts a bar above the article saying it is not public. What the page shows
    around the article (series, related reading, book, translations) comes from
    ``articles/reading.py``; ``article`` best comes from ``reading.article_page_articles()``.
    """
    prefetch_related_objects([article], *listing_prefetches())
    context = {
        "article": article,
        **reading.article_page_context(article),
        "preview_note": preview_note,
        "can_edit": request.user.is_authenticated and workflow.can_change(request.user, article),
        # Drafts, previews and the archive stay out of search engines.
        "noindex": bool(preview_note) or not article.is_public,
        **(extra_context or {}),
    }
    response = TemplateResponse(request, "articles/article_detail.html", context, status=status)
    if preview_note or request.user.is_staff:
        _private(response)
    return response


def preview_note(article: Article) -> str:
    """What the bar over a preview says: the article's state, and that it is not public."""
    return _("%(state)s — not public") % {"state": article.state_label}


class ArticleDetailView(PublishedArticlesMixin, DetailView):
    """An article at its address: public ones for everyone, archived ones with a note, and
    unpublished ones as a preview for the staff who may see them (404 for everyone else)."""

    context_object_name = "article"

    def get_queryset(self):
        return reading.article_page_articles().filter(language=self.kwargs["language"])

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        article = self.get_object()
        if article.is_reachable:
            if request.method == "GET":  # HEAD requests (link checkers, monitors) are no reads
                article_record_view(article=article, user=request.user)
            return render_article(request, article)
        if workflow.can_preview(request.user, article):
            return render_article(request, article, preview_note=preview_note(article))
        raise Http404(_("No article found at this address."))


def share_link_page(request: HttpRequest, token: str) -> HttpResponse:
    """What a reviewer without an account sees through a share link."""
    try:
        link = find_share_link(token)
    except InvalidShareLink:
        return _private(render(request, "articles/share_link_invalid.html", status=404))
    if not link.is_active:
        context = {"link": link}
        return _private(render(request, "articles/share_link_ended.html", context, status=410))
    article = reading.article_page_articles().get(pk=link.article_id)
    if article.is_reachable:  # public (or archived) now: its own address says it best
        return _private(redirect(article))
    note = _("Preview for review — not public — link valid until %(date)s") % {
        "date": formats.date_format(timezone.localtime(link.expires_at), "DATETIME_FORMAT")
    }
    response = render_article(request, article, preview_note=note)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The secret address must not travel to other sites in the Referer header.
    response["Referrer-Policy"] = "no-referrer"
    return response


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

    The alt text is a placeholder in the editor's language that they replace.
    """
    form = EditorImageForm(request.POST, request.FILES)
    if not form.is_valid():
        return JsonResponse(form.errors, status=400)
    image = form.cleaned_data["image"]
    path = default_storage.save(f"{settings.MARKDOWNX_MEDIA_PATH}{image.name}", image)
    # A paragraph of its own wherever it is dropped: glued to the next line, "# Heading"
    # would turn into text. The placeholder cannot be published (services.publication_problems).
    return JsonResponse(
        {"image_code": f"\n\n![{_(PLACEHOLDER_ALT)}]({default_storage.url(path)})\n\n"}
    )


class SeriesView(DetailView):
    """A series' page: its description and its parts in order, public ones as teasers and
    scheduled ones with their date; 404 while no part is published or scheduled."""

    model = Series
    template_name = "articles/series_detail.html"
    context_object_name = "series"

    def get_object(self, queryset=None) -> Series:
        series = super().get_object(queryset)
        self.parts = list(reading.known_parts(series).for_listing().teasers())
        if not self.parts:
            raise Http404(_("No series found at this address."))
        return series

    def get_context_data(self, **kwargs):
        return super().get_context_data(parts=self.parts, **kwargs)
