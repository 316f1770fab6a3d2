"""The one Markdown renderer: the editor preview, saving an article and imports all call it.

CommonMark (markdown-it-py) so that a list right after a paragraph line is a list, plus tables,
footnotes and heading anchors; then nh3 removes everything a browser could execute.
"""

from __future__ import annotations

import math
import re

import nh3
from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from articles.slugs import slugify_readable

# Every id in a body starts with this prefix (as djangoproject.com's blog does with
# ``id_prefix``), so no heading or raw-HTML id can take an id of the page around it (the
# comments' "comments", "comment-12", the form's "id_name", the skip link's "main"), whatever
# those templates add later. Footnotes keep their own "fn…" ids, which nothing else uses.
ID_PREFIX = "s-"
_BODY_ID = re.compile(r"s-[a-z0-9_][a-z0-9_:-]*|fn(?:ref)?\d+(?::\d+)?")
_ID = re.compile(r'\bid="([^"]+)"')
_FRAGMENT_LINK = re.compile(r'href="#([^"]+)"')
# Bullets pasted from a word processor: "• item" lines become a Markdown list.
_PASTED_BULLET = re.compile(r"^([ \t]*)[•◦▪‣●·][ \t]+", re.MULTILINE)


def _is_body_id(value: str) -> bool:
    return bool(_BODY_ID.fullmatch(value))


def _heading_id(title: str) -> str:
    return ID_PREFIX + (slugify_readable(title) or "section")


def _prefix_fragment_links(html: str) -> str:
    """``[see below](#fazit)`` keeps working: a link to an id the body has only with the
    prefix points at the prefixed one."""
    ids = set(_ID.findall(html))

    def fix(match: re.Match) -> str:
        target = match.group(1)
        if target not in ids and ID_PREFIX + target in ids:
            return f'href="#{ID_PREFIX}{target}"'
        return match.group(0)

    return _FRAGMENT_LINK.sub(fix, html)


def _demote_top_headings(state) -> None:
    """``# Heading`` in a body becomes an h2: the article's title is the page's only h1."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"


# Table alignment as a class, not markdown-it's ``style="text-align:…"``: the site's
# Content-Security-Policy allows no inline styles (static/css/site.css has the rules).
_ALIGNMENT = re.compile(r"text-align:(left|center|right)")
ALIGNMENT_CLASSES = {"align-left", "align-center", "align-right"}


def _alignment_classes(state) -> None:
    for token in state.tokens:
        if token.type in ("th_open", "td_open") and "style" in token.attrs:
            match = _ALIGNMENT.fullmatch(str(token.attrs.pop("style")))
            if match:
                token.attrs["class"] = f"align-{match.group(1)}"


_renderer = (
    MarkdownIt("commonmark", {"html": True, "typographer": False})
    .enable("table")
    .enable("strikethrough")
    .use(footnote_plugin)
)
_renderer.core.ruler.push("demote_top_headings", _demote_top_headings)
_renderer.core.ruler.push("alignment_classes", _alignment_classes)
# Added after the demotion so that demoted headings get their anchors too.
anchors_plugin(_renderer, min_level=2, max_level=4, slug_func=_heading_id)

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "del", "em", "figcaption", "figure", "h2", "h3",
    "h4", "h5", "h6", "hr", "img", "li", "ol", "p", "pre", "s", "section", "strong", "sub",
    "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "ol": {"start"},
    "li": {"id"},
}
# Only the classes the footnotes and table alignment carry; page classes (e.g. skip-link)
# cannot be borrowed.
ALLOWED_CLASSES = {
    "th": ALIGNMENT_CLASSES,
    "td": ALIGNMENT_CLASSES,
    "a": {"footnote-backref"},
    "sup": {"footnote-ref"},
    "section": {"footnotes"},
    "hr": {"footnotes-sep"},
    "ol": {"footnotes-list"},
    "li": {"footnote-item"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id" and not _is_body_id(value):
        return None
    return value


def render_markdown(text: str) -> str:
    """Render Markdown to HTML that is safe to show to readers."""
    source = _PASTED_BULLET.sub(r"\1- ", text or "")
    html = nh3.clean(
        _renderer.render(source),
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        attribute_filter=_keep_attribute,
        url_schemes=URL_SCHEMES,
        # Links leaving the page must not get a handle on it (window.opener).
        link_rel="noopener",
    )
    return _reading_markup(_prefix_fragment_links(html))


def _reading_markup(html: str) -> str:
    """What the page around the text needs, added after cleaning (so none of it can come from
    the author): a table sits in a box that scrolls sideways on its own, and that box and each
    code block can take the keyboard's focus, so they scroll with the arrow keys too (WCAG
    2.1.1; axe-core's scrollable-region-focusable); images load when they come near the screen.
    nh3 writes these tags without attributes of their own (``table``, ``pre``) or with ``src``
    first (``img``)."""
    html = html.replace("<table>", '<div class="table-scroll" tabindex="0"><table>')
    html = html.replace("</table>", "</table></div>")
    html = html.replace("<pre>", '<pre tabindex="0">')
    return html.replace("<img ", '<img loading="lazy" decoding="async" ')


WORDS_PER_MINUTE = 200
_WORD = re.compile(r"\w+")


def reading_minutes(text: str) -> int:
    """Minutes an average reader needs for ``text`` (at least one)."""
    return max(1, math.ceil(len(_WORD.findall(text or "")) / WORDS_PER_MINUTE))


def render_stored_bodies(article_model) -> None:
    """Render every stored article body again, for a migration after the renderer's output
    changed (body ids in 0007, table alignment in 0008, scroll boxes in 0009). The HTML is
    derived from the Markdown, so this is no change of an article: no revision, no write
    path."""
    for pk, body in article_model.objects.values_list("pk", "body").iterator():
        article_model.objects.filter(pk=pk).update(body_html=render_markdown(body))
