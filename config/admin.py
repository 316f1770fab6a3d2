"""The admin site: branded with the site's name, and an index that is the editors' dashboard.

Dashboard panels come from the apps: each app may have a ``dashboard.py`` with ``PANELS``, a
list of functions ``panel(request) -> str`` returning the panel's HTML ("" when it has nothing
for this user). So ``articles`` never imports ``comments``: each registers its own panels.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import import_module

from django.apps import apps
from django.contrib import admin
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext_lazy as _

from config.changelists import BoundedListsMixin

Panel = Callable[..., str]


@functools.cache
def dashboard_panels() -> tuple[Panel, ...]:
    """Every installed app's ``dashboard.PANELS``, in ``INSTALLED_APPS`` order."""
    panels: list[Panel] = []
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, "dashboard"):
            module = import_module(f"{app_config.name}.dashboard")
            panels.extend(getattr(module, "PANELS", ()))
    return tuple(panels)


class EditorialAdminSite(admin.AdminSite):
    site_header = _("Consulting articles – editorial desk")
    site_title = _("Consulting articles")
    index_title = _("Dashboard")
    index_template = "admin/dashboard.html"
    # The navigation sidebar repeats the dashboard's app list and, at 1280 px, squeezes the
    # changelists until columns are cut off; the breadcrumbs and the dashboard lead instead.
    enable_nav_sidebar = False

    def index(self, request, extra_context=None):
        panels = [html for panel in dashboard_panels() if (html := panel(request))]
        return super().index(request, {"panels": panels, **(extra_context or {})})

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every list of the admin, ours and the apps' (django-axes has date hierarchies too),
        answers an impossible date in its address as a wrong filter (config/changelists.py)."""
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, BoundedListsMixin):
            admin_class = type(
                admin_class.__name__,
                (BoundedListsMixin, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        super().register(model_or_iterable, admin_class, **options)
