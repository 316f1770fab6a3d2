from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from articles.editions import current_edition
from articles.listing import header_links


def navigation(request) -> dict:
    """The header menu of the edition being shown, queried only if a template shows it."""
    return {"nav_links": SimpleLazyObject(lambda: header_links(current_edition()))}
