from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    # "Content › Articles" in the admin's breadcrumbs, not "Articles › Articles".
    verbose_name = _("Content")

    def ready(self) -> None:
        from articles import redirects, revisions

        revisions.register_models()
        # The Site behind django.contrib.redirects follows SITE_URL after every migrate.
        post_migrate.connect(redirects.sync_site, sender=self)
