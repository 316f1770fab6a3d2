"""Readable slugs: German umlauts become their two-letter spelling ("Führung" → "fuehrung").

Django's ``slugify`` would drop the dots ("fuhrung"), which a German reader does not write.
The same rule serves articles, categories, authors and tags; the admin's JavaScript slug
preview applies it too (static/js/admin-slugs.js).
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.text import slugify

GERMAN_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)


def slugify_readable(text: str, *, max_length: int = 80) -> str:
    """Return an ASCII slug, spelling German umlauts out and dropping other accents."""
    slug = slugify(str(text).translate(GERMAN_TRANSLITERATION))
    return slug[:max_length].strip("-")


def unique_slug(text: str, *, taken: Callable[[str], bool], max_length: int = 80) -> str:
    """The readable slug of ``text``, with ``-2``, ``-3``… appended while ``taken`` says so."""
    base = slugify_readable(text, max_length=max_length) or "item"
    slug, number = base, 1
    while taken(slug):
        number += 1
        suffix = f"-{number}"
        slug = f"{base[: max_length - len(suffix)]}{suffix}"
    return slug
