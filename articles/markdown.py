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

# Ids the page around an article body uses (templates/base.html, templates/comments/): a
# heading "## Comments" must not become a second id="comments" that the comment form's
# redirect or the skip link would jump to.
PAGE_IDS = frozenset({"main", "comments", "comments-title", "comment-form-title"})
PAGE_ID_PREFIXES = ("comment-", "id_")
_BODY_ID = re.compile(r"[a-z0-9][a-z0-9:-]*")
# Bullets pasted from a word processor: "• item" lines become a Markdown list.
_PASTED_BULLET = re.compile(r"^([ \t]*)[•◦▪‣●·][ \t]+", re.MULTILINE)


def _is_body_id(value: str) -> bool:
    return (
        bool(_BODY_ID.fullmatch(value))
        and value not in PAGE_IDS
        and not value.startswith(PAGE_ID_PREFIXES)
    )


def _heading_id(title: str) -> str:
    slug = slugify_readable(title) or "section"
    return slug if _is_body_id(slug) else f"{slug}-section"


def _demote_top_headings(state) -> None:
    """``# Heading`` in a body becomes an h2: the article's title is the page's only h1."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"


_renderer = (
    MarkdownIt("commonmark", {"html": True, "typographer": False})
    .enable("table")
    .enable("strikethrough")
    .use(footnote_plugin)
)
_renderer.core.ruler.push("demote_top_headings", _demote_top_headings)
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
    "th": {"style"},
    "td": {"style"},
}
# Only the classes the footnotes carry; page classes (e.g. skip-link) cannot be borrowed.
ALLOWED_CLASSES = {
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
    return nh3.clean(
        _renderer.render(source),
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        attribute_filter=_keep_attribute,
        url_schemes=URL_SCHEMES,
        # Links leaving the page must not get a handle on it (window.opener).
        link_rel="noopener",
        # Table alignment is the only inline style markdown-it writes.
        filter_style_properties={"text-align"},
    )


WORDS_PER_MINUTE = 200
_WORD = re.compile(r"\w+")


def reading_minutes(text: str) -> int:
    """Minutes an average reader needs for ``text`` (at least one)."""
    return max(1, math.ceil(len(_WORD.findall(text or "")) / WORDS_PER_MINUTE))
