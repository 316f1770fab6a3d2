from __future__ import annotations

from django.urls import path, register_converter

from articles import views
from articles.models import Article


class LanguageConverter:
    """Matches only the article languages, so /de/<slug>/ never shadows other top-level paths."""

    regex = "|".join(Article.Language.values)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LanguageConverter, "article_language")

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="home"),
    path("category/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    # <str:slug>: tag slugs made elsewhere (imports, the shell) may keep non-ASCII letters.
    path("tag/<str:slug>/", views.TagView.as_view(), name="tag"),
    path("author/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("series/<slug:slug>/", views.SeriesView.as_view(), name="series"),
    # A reviewer's link to an unpublished article (articles/sharing.py).
    path("share/<str:token>/", views.share_link_page, name="share"),
    path(
        "<article_language:language>/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"
    ),
]
