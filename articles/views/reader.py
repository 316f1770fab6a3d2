"""What readers see: an edition's home page, article pages, lists and the archive.

Every page here is the same HTML for every anonymous reader of its URL: the language comes from
the address (articles/editions.py) and nothing reads ``request.user`` or the session (which
would add ``Vary: Cookie``). Staff see the public page too; only where the published lookup
misses does the article page look at who asks, to show them a preview.
"""

from __future__ import annotations

from django.db.models import Count, prefetch_related_objects
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils import formats, timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import generic

from articles import reading, workflow
from articles.editions import EDITIONS, current_edition, edition_reverse, in_edition
from articles.listing import categories_with_counts, edition_articles, filed_under
from articles.models import (
    Article,
    Author,
    Category,
    Series,
    Tag,
    listing_prefetches,
)
from articles.services import article_record_view
from articles.sharing import InvalidShareLink, find_share_link

PAGE_SIZE = 10
# The home page's "most read" box and its featured articles.
MOST_READ = 5
FEATURED = 3


class EditionListView(generic.ListView):
    """A paginated list of the edition's articles; an empty or out-of-range page is a 404."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return edition_articles()


class HomeView(EditionListView):
    """An edition's home page: featured articles, the newest, the most read, the categories."""

    template_name = "articles/home.html"

    @staticmethod
    def featured():
        """The featured articles the home page shows (the newest few with the tick)."""
        return edition_articles().filter(featured=True)[:FEATURED]

    def get_queryset(self):
        # The featured ones shown above are not listed again; any others are.
        return edition_articles().exclude(pk__in=self.featured().values("pk"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["page_obj"].number == 1:
            context["featured"] = list(self.featured())
            context["most_read"] = list(
                Article.objects.published()
                .filter(language=current_edition())
                .only("id", "title", "slug", "language", "view_count")
                .order_by("-view_count", "-published_at")[:MOST_READ]
            )
            context["home_categories"] = list(categories_with_counts())
        return context


class FilteredArticleListView(EditionListView):
    """The edition's articles under a heading object (category, tag, author). The heading's
    page exists in every edition; with no article there yet it says so, for readers only
    (search engines are asked not to index it)."""

    heading_model: type
    heading_template: str

    @cached_property
    def heading(self):
        return get_object_or_404(self.heading_model, slug=self.kwargs["slug"])

    def get_queryset(self):
        return filed_under(super().get_queryset(), self.heading)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            heading=self.heading,
            heading_template=self.heading_template,
            edition_urls=self.switcher_targets(),
            **kwargs,
        )
        context["noindex"] = not context["page_obj"].object_list
        return context

    def switcher_targets(self) -> dict[str, str]:
        """The switcher leads to this page in the editions that list something here (one
        query), else to their home page: never to an empty list."""
        listing = filed_under(Article.objects.published(), self.heading)
        languages = set(listing.order_by().values_list("language", flat=True).distinct())
        return {
            code: self.heading.url_in(code)
            if code in languages
            else edition_reverse("articles:home", code)
            for code in EDITIONS
        }


class CategoryView(FilteredArticleListView):
    heading_model = Category
    heading_template = "articles/includes/category_heading.html"


class TagView(FilteredArticleListView):
    heading_model = Tag
    heading_template = "articles/includes/tag_heading.html"


class AuthorView(FilteredArticleListView):
    heading_model = Author
    heading_template = "articles/includes/author_heading.html"


# --- Archive ---------------------------------------------------------------------------------


class ArchiveIndexView(generic.TemplateView):
    """Years and months of the edition with how many articles each (one query)."""

    template_name = "articles/archive_index.html"

    def get_context_data(self, **kwargs):
        months = (
            Article.objects.published()
            .filter(language=current_edition())
            .annotate(month=TruncMonth("published_at"))
            .values("month")
            .annotate(count=Count("id"))
            .order_by("-month")
        )
        years: dict[int, list[dict]] = {}
        for row in months:
            years.setdefault(row["month"].year, []).append(row)
        return super().get_context_data(years=sorted(years.items(), reverse=True), **kwargs)


class DatedListMixin:
    """The archive's lists: an edition's articles of one year or month, paginated."""

    template_name = "articles/archive_list.html"
    context_object_name = "articles"
    date_field = "published_at"
    paginate_by = PAGE_SIZE
    allow_empty = False  # a month without articles is a 404, not an empty page
    month_format = "%m"

    def get_queryset(self):
        return edition_articles()

    def get_year(self):
        return str(self.kwargs["year"])

    def get_month(self):
        return str(self.kwargs["month"])

    def get_date_list(self, queryset, date_type=None, ordering="DESC"):
        return super().get_date_list(queryset, date_type, ordering)  # newest first, as the index

    def get_context_data(self, **kwargs):
        # Another edition may have nothing in this period: the switcher leads to its archive.
        archives = {code: edition_reverse("articles:archive", code) for code in EDITIONS}
        return super().get_context_data(edition_urls=archives, **kwargs)


class YearArchiveView(DatedListMixin, generic.YearArchiveView):
    make_object_list = True


class MonthArchiveView(DatedListMixin, generic.MonthArchiveView):
    pass


# --- Series ----------------------------------------------------------------------------------


class SeriesView(generic.DetailView):
    """A series' page in its own edition: its description and its parts in order, public
    ones as teasers and scheduled ones with their date; 404 while no part is published or
    scheduled."""

    template_name = "articles/series_detail.html"
    context_object_name = "series"

    def get_queryset(self):
        return Series.objects.filter(language=current_edition())

    def get_object(self, queryset=None) -> Series:
        series = super().get_object(queryset)
        self.parts = list(reading.known_parts(series).for_listing().teasers())
        if not self.parts:
            raise Http404(_("No series found at this address."))
        return series

    def get_context_data(self, **kwargs):
        # A series is in one language: the switcher leads to the other editions' home pages.
        homes = {code: edition_reverse("articles:home", code) for code in EDITIONS}
        return super().get_context_data(parts=self.parts, edition_urls=homes, **kwargs)


# --- The article page ------------------------------------------------------------------------


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

    The page is in the article's own edition, whatever the address it was asked for under.
    ``preview_note`` puts a bar above the article saying it is not public (and keeps the page
    out of shared caches). What the page shows around the article (series, related reading,
    book, translations) comes from ``articles/reading.py``; ``article`` best comes from
    ``reading.article_page_articles()``.
    """
    prefetch_related_objects([article], *listing_prefetches())
    with in_edition(article.language):
        page = reading.article_page_context(article)
        context = {
            "article": article,
            **page,
            "edition_urls": page["translations"].edition_urls(),
            "preview_note": preview_note,
            # Drafts, previews and the archive stay out of search engines.
            "noindex": bool(preview_note) or not article.is_public,
            **(extra_context or {}),
        }
        response = TemplateResponse(request, "articles/article_detail.html", context, status=status)
        response.render()
    response["Content-Language"] = article.language  # also under a share link's prefix
    if preview_note:
        _private(response)
    return response


def preview_note(article: Article) -> str:
    """What the bar over a preview says: the article's state, and that it is not public."""
    return _("%(state)s — not public") % {"state": article.state_label}


class ArticleDetailView(generic.View):
    """An article at its address: public ones for everyone, archived ones with a note, and
    unpublished ones as a preview for the staff who may see them (404 for everyone else)."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        article = (
            reading.article_page_articles().filter(language=current_edition(), slug=slug).first()
        )
        if article is None:
            raise Http404(_("No article found at this address."))
        if article.is_reachable:
            if request.method == "GET":  # HEAD requests (link checkers, monitors) are no reads
                article_record_view(article=article)
            return render_article(request, article)
        # Only here, where the public lookup missed, does the page ask who is reading.
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
