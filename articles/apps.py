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
        from django.db.models.signals import post_delete, post_save

        from articles import redirects, revisions
        from articles.listing import content_changed
        from articles.models import Article, Category, MenuItem

        revisions.register_models()
        # The Site behind django.contrib.redirects follows SITE_URL after every migrate.
        post_migrate.connect(redirects.sync_site, sender=self)
        # What pages keep in the cache (the header menu) is made again after any change.
        for model in (Article, Category, MenuItem):
            post_save.connect(content_changed, sender=model, dispatch_uid=f"changed-{model}")
            post_delete.connect(content_changed, sender=model, dispatch_uid=f"gone-{model}")
