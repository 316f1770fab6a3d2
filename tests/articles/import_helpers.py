"""Writing Markdown files with front matter (and images beside them) and importing them."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.core.management import CommandError, call_command
from PIL import Image

from articles.models import Article, Author, Book, Category, ImportRecord, Series, Tag


def write_image(path: Path, *, size=(120, 80), fmt: str = "PNG", colour=(30, 120, 200)) -> Path:
    """A real image made with Pillow (``colour`` changes its bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, fmt)
    return path


def write_article(folder: Path, name: str, body: str = "Ein Absatz.\n", **front) -> Path:
    """``folder/name`` with ``front`` as its YAML front matter; ``front_text=`` writes the
    front matter as given instead (for what YAML cannot dump: broken syntax, naive dates)."""
    raw = front.pop("front_text", None)
    if raw is None:
        raw = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{raw}---\n{body}", encoding="utf-8")
    return path


def minimal(**front) -> dict:
    """Front matter of a publishable German article, with ``front`` on top."""
    return {
        "title": "Ein Titel",
        "language": "de",
        "authors": ["Anna Berg"],
        "category": "Strategie",
        **front,
    }


@dataclass
class Run:
    out: str
    err: str
    failed: bool

    def error_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


def run_import(*paths, **options) -> Run:
    """``manage.py import_markdown`` on ``paths``; ``failed`` when it exits non-zero."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_markdown", *map(str, paths), stdout=out, stderr=err, **options)
    except CommandError as error:
        err.write(f"CommandError: {error}\n")
        return Run(out.getvalue(), err.getvalue(), True)
    return Run(out.getvalue(), err.getvalue(), False)


def row_counts() -> dict[str, int]:
    """The rows an import may create, by model."""
    models = [Article, Author, Category, Tag, Series, Book, ImportRecord]
    return {model.__name__: model.objects.count() for model in models}
