"""The articles app's views: reader pages, the editions' redirects and the editor's endpoints."""

from articles.views.editor import editor_image_upload, editor_only, markdown_preview
from articles.views.reader import (
    ArchiveIndexView,
    ArticleDetailView,
    AuthorView,
    CategoryView,
    HomeView,
    MonthArchiveView,
    SeriesView,
    TagView,
    YearArchiveView,
    render_article,
    share_link_page,
)
from articles.views.search import search_page

__all__ = [
    "ArchiveIndexView",
    "ArticleDetailView",
    "AuthorView",
    "CategoryView",
    "HomeView",
    "MonthArchiveView",
    "SeriesView",
    "TagView",
    "YearArchiveView",
    "editor_image_upload",
    "editor_only",
    "markdown_preview",
    "render_article",
    "search_page",
    "share_link_page",
]
