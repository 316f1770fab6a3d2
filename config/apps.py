from __future__ import annotations

from django.contrib.admin.apps import AdminConfig


class EditorialAdminConfig(AdminConfig):
    """Django's admin, with the site's name and the editors' dashboard (config/admin.py)."""

    default_site = "config.admin.EditorialAdminSite"
