"""Panels other apps add to the article change page, as the dashboard's (config/admin.py).

An installed app may have an ``article_admin.py`` with ``PANELS``: a list of functions
``panel(request, article) -> str`` returning the panel's HTML ("" when it has nothing for this
user or article). So ``articles`` shows, say, an article's comments without importing
``comments``. A panel stands inside the article's form: its buttons post elsewhere with
``formaction`` (and ``formnovalidate``, ``data-discards-changes``), never with a form of its own.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule

ArticlePanel = Callable[..., str]


@functools.cache
def article_panels() -> tuple[ArticlePanel, ...]:
    """Every installed app's ``article_admin.PANELS``, in ``INSTALLED_APPS`` order."""
    panels: list[ArticlePanel] = []
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, "article_admin"):
            module = import_module(f"{app_config.name}.article_admin")
            panels.extend(getattr(module, "PANELS", ()))
    return tuple(panels)


def render_article_panels(request, article) -> list[str]:
    """The HTML of every panel that has something to show for ``article`` (a saved one)."""
    return [html for panel in article_panels() if (html := panel(request, article))]
