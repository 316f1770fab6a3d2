"""Helpers for the articles tests: what list pages and admin forms show, and what editors post.

The shared factories live in tests/factories.py and page parsing in tests/html.py; what only
these tests need lives here.
"""

from __future__ import annotations

from pathlib import Path

from django.utils import timezone
from PIL import Image

from articles.models import Author, Category
from tests.factories import image_file
from tests.html import parse, text

ADD_URL = "/admin/articles/article/add/"
# The Markdown editor's endpoints, at the paths django-markdownx's JavaScript calls.
UPLOAD_URL = "/markdownx/upload/"
PREVIEW_URL = "/markdownx/markdownify/"
# How the editor's JavaScript sends its requests.
AJAX = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def change_url(article) -> str:
    """The admin's change form of ``article``."""
    return f"/admin/articles/article/{article.pk}/change/"


def card_titles(response) -> list[str]:
    """The article titles a list page shows, top to bottom."""
    return [text(title) for title in parse(response).select(".card-title")]


def files_under(root) -> list[Path]:
    """Every file stored below ``root`` (an empty list when the folder does not exist)."""
    root = Path(root)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def jpeg_with_exif(name: str = "photo.jpg", *, size=(80, 60), orientation: int | None = None):
    """A JPEG upload carrying a camera make, a serial number and a GPS position."""
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x0110] = "Model 7"  # Model
    if orientation is not None:
        exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (52.0, 22.0, 5.0)
    gps[3] = "E"
    gps[4] = (4.0, 53.0, 10.0)
    return image_file(name, size=size, exif=exif)


def article_form_data(
    *,
    category: Category,
    authors: list[Author] | tuple[Author, ...] = (),
    positions: list[int] | None = None,
    **fields,
) -> dict:
    """POST data for the admin's article add/change form, authors in the ``authorships`` inline."""
    data = {
        "title": "Führung in unsicheren Zeiten",
        "slug": "",
        "language": "de",
        "category": str(category.pk),
        "summary": "Worauf es ankommt.",
        "body": "Text:\n- eins\n- zwei\n",
        "published_at_0": "",
        "published_at_1": "",
        "cover_alt": "",
        "cover_credit": "",
        "tags": "",
        "authorships-TOTAL_FORMS": str(len(authors)),
        "authorships-INITIAL_FORMS": "0",
        "authorships-MIN_NUM_FORMS": "1",
        "authorships-MAX_NUM_FORMS": "1000",
        **related_form_data([]),
    }
    positions = positions if positions is not None else list(range(len(authors)))
    for index, (author, position) in enumerate(zip(authors, positions, strict=True)):
        data[f"authorships-{index}-author"] = str(author.pk)
        data[f"authorships-{index}-position"] = str(position)
    data.update(fields)
    return data


def change_form_data(article, **fields) -> dict:
    """POST data that saves ``article`` unchanged through the admin change view."""
    local = timezone.localtime(article.published_at) if article.published_at else None
    authorships = list(article.authorships.order_by("position", "pk"))
    data = {
        "title": article.title,
        "slug": article.slug,
        "language": article.language,
        "category": str(article.category_id),
        "summary": article.summary,
        "body": article.body,
        "opened_version": str(article.lock_version),
        "published_at_0": local.strftime("%Y-%m-%d") if local else "",
        "published_at_1": local.strftime("%H:%M:%S") if local else "",
        "cover_alt": article.cover_alt,
        "cover_credit": article.cover_credit,
        "tags": ", ".join(tag.name for tag in article.tags.all()),
        "series": str(article.series_id or ""),
        "series_part": str(article.series_part or ""),
        "book": str(article.book_id or ""),
        **inline_rows("authorships", authorships, article, key="author", minimum=1),
        **related_form_data(list(article.related_links.order_by("position", "pk")), article),
    }
    data.update(fields)
    return data


def inline_rows(prefix: str, rows, article, *, key: str, minimum: int = 0, new=()) -> dict:
    """An ordered inline of the article form (byline, related articles) as the form sends it:
    its stored ``rows`` as they are, then one new row per object in ``new``."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows) + len(new)),
        f"{prefix}-INITIAL_FORMS": str(len(rows)),
        f"{prefix}-MIN_NUM_FORMS": str(minimum),
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data[f"{prefix}-{index}-id"] = str(row.pk)
        data[f"{prefix}-{index}-article"] = str(article.pk)
        data[f"{prefix}-{index}-{key}"] = str(getattr(row, f"{key}_id"))
        data[f"{prefix}-{index}-position"] = str(row.position)
    for index, other in enumerate(new, start=len(rows)):
        data[f"{prefix}-{index}-{key}"] = str(other.pk)
        data[f"{prefix}-{index}-position"] = str(index)
    return data


def related_form_data(rows, article=None, *, new: list | tuple = ()) -> dict:
    """The related-articles inline of the article form: its stored ``rows`` (RelatedArticle) as
    they are, then one new row per article in ``new``, positions following on."""
    return inline_rows("related_links", rows, article, key="related", new=new)
