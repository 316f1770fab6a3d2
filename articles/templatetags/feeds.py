"""The feeds a page names in its head (``<link rel="alternate">``), for readers to subscribe."""

from __future__ import annotations

from django import template

from articles.feeds import FeedLink
from articles.models import Author, Category, Series, Tag

register = template.Library()


@register.inclusion_tag("includes/feed_links.html", takes_context=True)
def feed_links(context) -> dict:
    """The edition's feed on every page; on a category, tag or author page (the lists put
    what they are about in ``heading``) and on a series page (``series``) that page's feed too.
    """
    feeds = [FeedLink.of()]
    heading = context.get("heading")
    series = context.get("series")
    if isinstance(heading, Category | Tag | Author):
        feeds.append(FeedLink.of(heading))
    elif isinstance(series, Series):
        feeds.append(FeedLink.of(series))
    return {"feeds": feeds}
