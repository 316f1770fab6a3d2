from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from articles.models import Category


def navigation(request) -> dict:
    """Categories for the site navigation, queried only if a template shows them."""
    return {"nav_categories": SimpleLazyObject(lambda: list(Category.objects.all()))}
