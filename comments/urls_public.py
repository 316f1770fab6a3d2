"""Pages of the comments app inside each edition (config/urls.py mounts them under /de/, /nl/
and /en/): the privacy notice the comment form's consent box links to."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import pgettext_lazy

from comments import views_public

app_name = "comments_public"

urlpatterns = [
    # /de/datenschutz/, /nl/privacy/, /en/privacy/ (the word is translated per edition).
    path(pgettext_lazy("URL path", "privacy/"), views_public.privacy_notice, name="privacy"),
]
