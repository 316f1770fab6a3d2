"""Tags for what a page says about itself (``<head>`` metadata) and the extras around an
article: breadcrumbs, its table of contents and share links. None of them queries the
database or looks at who is reading."""

from __future__ import annotations

from django import template

from articles import seo, social, toc
from articles.editions import absolute_url
from articles.models import Article

register = template.Library()


@register.inclusion_tag("includes/head_meta.html", takes_context=True)
def head_meta(context) -> dict:
    """Canonical link, description, robots, Open Graph, Twitter card and JSON-LD."""
    return {"meta": seo.page_meta(context)}


@register.simple_tag(takes_context=True)
def page_suffix(context) -> str:
    """ " – Page 2" in the title of a list's second page and beyond; nothing on the first."""
    label = seo.page_label(getattr(context.get("page_obj"), "number", None))
    return f" – {label}" if label else ""


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(article: Article) -> dict:
    return {"crumbs": seo.breadcrumbs(article)}


@register.inclusion_tag("includes/toc.html")
def table_of_contents(article: Article) -> dict:
    return {"entries": toc.table_of_contents(article.body_html)}


@register.inclusion_tag("includes/share_links.html")
def share_links(article: Article) -> dict:
    """Only for public articles: a draft's address is no use to anyone it is sent to."""
    if not article.is_public:
        return {"links": []}
    url = absolute_url(article.get_absolute_url())
    return {"links": social.share_links(url, article.title)}
