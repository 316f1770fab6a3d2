"""Template filters every template may use without ``{% load %}`` (settings ``TEMPLATES``
``builtins``), so the apps' templates share them without importing each other's tags."""

from __future__ import annotations

from django import template

from articles.seo import iso

register = template.Library()

# ``<time datetime="{{ moment|machine_time }}">``: to the second, with the site's offset from
# UTC. Django's ``date:'c'`` gives the microseconds a time set at run time has, which the HTML
# checker refuses.
register.filter("machine_time", iso)
