from __future__ import annotations

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from articles import sitemaps
from articles.views import editions, editor_image_upload, markdown_preview
from config import health, logins

urlpatterns = [
    # Staff reset a forgotten password by e-mail (config/logins.py); the admin's login page
    # links here as soon as "admin_password_reset" exists. Before the admin's catch-all.
    path("admin/password_reset/", logins.PasswordResetView.as_view(), name="admin_password_reset"),
    path(
        "admin/password_reset/done/",
        logins.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "admin/password_reset/<uidb64>/<token>/",
        logins.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "admin/password_reset/complete/",
        logins.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("admin/", admin.site.urls),
    # django-markdownx's own views are open to anyone (CVE-2024-2319); these two take their
    # place at the paths its editor calls, for active staff only.
    path("markdownx/markdownify/", markdown_preview, name="markdownx_markdownify"),
    path("markdownx/upload/", editor_image_upload, name="markdownx_upload"),
    # "/" leads to the reader's edition; the switcher's links remember the choice.
    path("", editions.edition_root, name="root"),
    path("edition/<str:language>/", editions.choose_edition, name="choose_edition"),
    # For search engines, outside the editions (articles/sitemaps.py): the index of the
    # sitemaps, one sitemap per kind of page, and robots.txt pointing to the index.
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    # For load balancers: 200 while the database and the cache answer (config/health.py).
    path("healthz", health.healthz, name="healthz"),
    # Addresses from before the editions answer 301 to their edition's page.
    path("category/<slug:slug>/", editions.legacy_category),
    path("tag/<str:slug>/", editions.legacy_tag),
    path("author/<slug:slug>/", editions.legacy_author),
    path("series/<slug:slug>/", editions.legacy_series),
    path("share/<str:token>/", editions.legacy_share),
]

# Database unreachable: 503 with Retry-After and the reader's text; else Django's 500 page.
handler500 = "config.outage.server_error"

# The editions: /de/…, /nl/…, /en/… (articles/editions.py activates the language).
urlpatterns += i18n_patterns(
    path("comments/", include("comments.urls")),
    # The privacy notice (a flat page per edition), before the article's <slug>/ route.
    path("", include("comments.urls_public")),
    path("", include("articles.urls")),
    prefix_default_language=True,
)

if settings.SERVE_MEDIA:
    urlpatterns.insert(
        0, path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve,
                {"document_root": settings.MEDIA_ROOT})
    )  # fmt: skip
