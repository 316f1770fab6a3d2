"""The addresses the comment mails link to (comments/views_mail.py), inside each edition
(/de/comments/…): a link is made in its article's language and its page speaks it.

comments/urls.py adds these to its own ``urlpatterns`` (namespace "comments").
"""

from __future__ import annotations

from django.urls import path

from comments import views_mail

urlpatterns = [
    path("moderate/<str:token>/", views_mail.moderate_link, name="moderate_link"),
    path("notify/confirm/<str:token>/", views_mail.notify_confirm, name="notify_confirm"),
    path(
        "notify/unsubscribe/<str:token>/",
        views_mail.notify_unsubscribe,
        name="notify_unsubscribe",
    ),  # fmt: skip
]
