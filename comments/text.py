"""Comment text: what a reader may type, and how it is shown.

Comments are plain text. On the way in, characters that change how text *looks* without being
text are taken out (control characters, bidirectional overrides, zero-width characters), runs of
combining marks are cut to a few, and a field with nothing visible left is refused. On the way
out, the text is escaped, split into paragraphs, lines starting with "> " become quotes and web
addresses become links with ``rel="nofollow ugc noopener"``. The length is bounded before any of
this runs (the form's ``max_length``; ``render`` cuts again), so Django's ``urlize`` never sees a
huge input.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import groupby

from django.utils.html import escape, urlize
from django.utils.safestring import SafeString, mark_safe

# Combining marks in a row beyond this are dropped ("Zalgo" text); real scripts need at most a
# few (Vietnamese stacks two, some Indic clusters three).
MAX_COMBINING_RUN = 3
# Bidirectional overrides and isolates, zero-width characters, the BOM, soft hyphen and friends.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb\u180b-\u180d\u2800"
    "\U000e0100-\U000e01ef]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BLANK_LINES = re.compile(r"\n{3,}")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def clean(value: str, *, multiline: bool) -> str:
    """``value`` without invisible and control characters and with bounded combining runs.

    Line breaks stay in multi-line text (normalised to ``\\n``, at most one empty line in a
    row); in a one-line field every whitespace run becomes one space.
    """
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    value = _INVISIBLE.sub("", value)
    # Every other format character (tag characters, invisible operators, …) goes too.
    value = "".join(char for char in value if unicodedata.category(char) != "Cf")
    if multiline:
        value = _CONTROL.sub("", value.replace("\t", " "))
        value = _BLANK_LINES.sub("\n\n", "\n".join(line.rstrip() for line in value.split("\n")))
    else:
        value = " ".join(_CONTROL.sub(" ", value.replace("\n", " ")).split())
    return _bound_combining(value).strip()


def _bound_combining(value: str) -> str:
    kept: list[str] = []
    run = 0
    for char in value:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me"):
            run += 1
            if run > MAX_COMBINING_RUN:
                continue
        else:
            run = 0
        kept.append(char)
    return "".join(kept)


def has_visible(value: str) -> bool:
    """True if ``value`` has a letter, digit, punctuation mark or symbol a reader can see."""
    return any(unicodedata.category(char)[0] in "LNPS" for char in value)


def fold(value: str) -> str:
    """``value`` compared loosely: case-folded, accents removed, spaces collapsed
    ("Dr. Jürgen  Müller" and "dr. jurgen muller" fold alike)."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.split())


def count_links(value: str) -> int:
    """How many web addresses ``value`` contains (what ``render`` would turn into links)."""
    return len(_URL.findall(value))


def render(body: str, *, limit: int = 5000) -> SafeString:
    """A comment's text as HTML: paragraphs, ``<br>`` for single line breaks, quotes for
    lines starting with "> ", links with ``rel="nofollow ugc noopener"``; nothing else."""
    blocks: list[str] = []
    for block in body[:limit].split("\n\n"):
        lines = [line for line in block.split("\n") if line.strip()]
        # Consecutive quoted lines make one quote, the lines around it paragraphs of their own.
        for quoted, run in groupby(lines, key=lambda line: line.startswith(">")):
            if quoted:
                text = [line[1:].lstrip() for line in run]
                blocks.append(f"<blockquote><p>{_lines(text)}</p></blockquote>")
            else:
                blocks.append(f"<p>{_lines(list(run))}</p>")
    return mark_safe("\n".join(blocks))  # noqa: S308 (every piece escaped by _lines)


def _lines(lines: list[str]) -> str:
    linked = (
        urlize(escape(line), trim_url_limit=60, nofollow=False, autoescape=False) for line in lines
    )
    return "<br>".join(linked).replace("<a href=", '<a rel="nofollow ugc noopener" href=')
