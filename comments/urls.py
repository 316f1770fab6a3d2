from __future__ import annotations

from django.urls import path

from comments import urls_mail, views

app_name = "comments"

urlpatterns = [
    path("post/<int:article_id>/", views.comment_post, name="post"),
    path("c/<int:pk>/", views.permalink, name="permalink"),
    *urls_mail.urlpatterns,
]
