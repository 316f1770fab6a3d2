"""``{% cover_picture article "card" %}``: a cover as ``<picture>`` with its renditions.

WebP first, JPEG for the browsers without it; ``srcset``/``sizes`` so a phone loads a small
file and a desktop at 2x a sharp one; ``width``/``height`` from the stored size, so the page
reserves the space before the image arrives (no layout shift). Only the first cover of a page
loads at once (``eager``, and with high priority): the others wait until they are near the
screen (``loading="lazy"``). No query and no file access (articles/renditions.py).
"""

from __future__ import annotations

from django import template

from articles import renditions

register = template.Library()

# How wide the image is shown, per place (static/css/site.css): the browser picks the file from
# this before the stylesheet is loaded, so it has to match the CSS.
SIZES = {
    # The article's cover: the wide column (64rem less its 1rem margins), the screen on a phone.
    "article": "(min-width: 66rem) 62rem, calc(100vw - 2rem)",
    # A featured card on the home page: three fifths of the wide column from 40rem.
    "featured": "(min-width: 64rem) 37rem, (min-width: 40rem) 58vw, calc(100vw - 2rem)",
    # A card in the list grid: three columns from 64rem, two from 40rem, one on a phone.
    "card": "(min-width: 64rem) 20rem, (min-width: 40rem) calc(50vw - 2.5rem), calc(100vw - 2rem)",
}


@register.simple_tag
def first_cover(*lists):
    """The first article with a cover in ``lists`` (in page order): its cover is the one that
    loads at once (``{% first_cover featured articles as eager_article %}``)."""
    for articles in lists:
        for article in articles or ():
            if article.cover_image and article.is_public:  # a part to come shows no cover
                return article
    return None


def srcset(items: list[renditions.Rendition]) -> str:
    return ", ".join(f"{item.url} {item.width}w" for item in items)


@register.inclusion_tag("includes/cover_picture.html")
def cover_picture(article, place: str, *, eager: bool = False, css_class: str = "") -> dict:
    """The cover of ``article`` shown in ``place`` (a key of ``SIZES``); nothing without one."""
    jpeg = renditions.renditions(article, "image/jpeg")
    if not jpeg:
        return {"article": None}
    # The fallback src: the rendition closest to the usual display width.
    fallback = next((item for item in jpeg if item.width >= 800), jpeg[-1])
    return {
        "article": article,
        "webp_srcset": srcset(renditions.renditions(article, "image/webp")),
        "jpeg_srcset": srcset(jpeg),
        "src": fallback.url,
        "sizes": SIZES[place],
        "eager": eager,
        "css_class": css_class,
    }
