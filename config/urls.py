from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from articles.views import editor_image_upload, markdown_preview

urlpatterns = [
    path("admin/", admin.site.urls),
    # django-markdownx's own views are open to anyone (CVE-2024-2319); these two take their
    # place at the paths its editor calls, for active staff only.
    path("markdownx/markdownify/", markdown_preview, name="markdownx_markdownify"),
    path("markdownx/upload/", editor_image_upload, name="markdownx_upload"),
    path("comments/", include("comments.urls")),
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns.insert(
        0, path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve,
                {"document_root": settings.MEDIA_ROOT})
    )  # fmt: skip
