"""Cover renditions: the sizes and formats a browser picks from (``<picture>``, ``srcset``).

Each cover gets WebP renditions, and JPEG ones for the browsers without WebP, at the widths in
``WIDTHS`` that are narrower than the cover, plus one at the cover's own width (at most the
largest of ``WIDTHS``): never enlarged, never two files of one size. django-imagekit makes
them and names them from the cover's name and the recipe, so a page computes their addresses
without opening a file or asking the storage.

They are made when the cover is saved, by the write path (``articles.services``, as soon as
the save is committed), together with the admin thumbnail and the social-network rendition.
A reader's request never makes an image: ``MadeOnSave`` is imagekit's strategy for every spec
(settings ``IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY``), and ``StorageOnly`` its record of what
exists (``IMAGEKIT_DEFAULT_CACHEFILE_BACKEND``: the storage, not the cache). Covers that came
in another way (media copied from another server) get theirs from ``manage.py
make_renditions``, which makes what is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from django.core.files import File
from imagekit import ImageSpec
from imagekit.cachefiles import ImageCacheFile
from imagekit.processors import ResizeToFit

from articles.models import Article

# Column widths in CSS pixels times 1x–2x screens: a phone (375 px at 2–3x), the card beside
# its text, the article column, the wide cover on a desktop at 2x.
WIDTHS = (480, 800, 1200, 1600)
FORMATS = {
    # content type: (Pillow format, encoder options)
    "image/webp": ("WEBP", {"quality": 80, "method": 4}),
    "image/jpeg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
}


class MadeOnSave:
    """imagekit's cache-file strategy here: a rendition is made by ``make`` (the write path,
    ``make_renditions``) and its address is trusted when a page is built. No check of the
    storage and no image work while a reader waits."""

    def should_verify_existence(self, file) -> bool:
        return False


class StorageOnly:
    """imagekit's cache-file backend here: the storage is the only record of what exists.
    imagekit's own backend also keeps each file's state in the default cache (Redis), with no
    expiry, and fails while Redis is away; nothing here needs that record, as pages never ask
    whether a file exists (``MadeOnSave``)."""

    def exists(self, file) -> bool:
        return bool(file.name) and file.storage.exists(file.name)

    def generate(self, file, force: bool = False) -> None:
        if force or not self.exists(file):
            file._generate()  # what imagekit's backends call to make the file


class CoverRendition(ImageSpec):
    """One width in one format of a cover image."""

    def __init__(self, source, *, width: int, content_type: str):
        self.processors = [ResizeToFit(width=width, upscale=False)]
        self.format, self.options = FORMATS[content_type]
        super().__init__(source=source)


# What ``make`` reads of an article.
COVER_FIELDS = ("pk", "cover_image", "cover_width", "cover_height")


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int


def widths(cover_width: int | None) -> list[int]:
    """The widths made of a cover ``cover_width`` pixels wide, narrowest first."""
    if not cover_width:
        return []
    largest = min(cover_width, WIDTHS[-1])
    return [width for width in WIDTHS if width < largest] + [largest]


def _files(article, content_type: str) -> Iterator[tuple[int, ImageCacheFile]]:
    for width in widths(article.cover_width):
        spec = CoverRendition(article.cover_image, width=width, content_type=content_type)
        yield width, ImageCacheFile(spec)


def renditions(article, content_type: str) -> list[Rendition]:
    """The cover's renditions in one format, narrowest first ([] without a cover)."""
    if not article.cover_image:
        return []
    name = article.cover_image.name
    return [
        Rendition(_url(name, width, content_type), width) for width in widths(article.cover_width)
    ]


@lru_cache(maxsize=8192)
def _url(cover_name: str, width: int, content_type: str) -> str:
    """A rendition's address, computed once per process: imagekit hashes the recipe (a pickle
    and md5, ~0.1 ms) and a list page shows dozens. The address depends only on the cover's
    name, the width and the format, so nothing has to be forgotten: a new cover has a new
    name. The namer reads only the source's name, so no file is opened."""
    spec = CoverRendition(File(None, cover_name), width=width, content_type=content_type)
    return ImageCacheFile(spec).url


def all_files(article) -> Iterator[ImageCacheFile]:
    """Every file made from the article's cover: the renditions, the admin thumbnail and the
    social-network picture."""
    if not article.cover_image:
        return
    for content_type in FORMATS:
        for _width, file in _files(article, content_type):
            yield file
    yield article.cover_thumbnail
    yield article.cover_social


def make_for(article_pk: int) -> int:
    """``make`` for the article as stored now (the write path calls it after the commit)."""
    article = Article.objects.filter(pk=article_pk).only(*COVER_FIELDS).first()
    return make(article) if article is not None else 0


def make(article) -> int:
    """Make the cover's files that do not exist yet; returns how many were made."""
    made = 0
    for file in all_files(article):
        if not file.cachefile_backend.exists(file):
            file.generate(force=True)
            made += 1
    return made
