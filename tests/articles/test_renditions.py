"""Cover renditions (articles/renditions.py): made when a cover is saved, never while a reader
waits, in the sizes a page offers, and remade by ``manage.py make_renditions`` when missing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from PIL import Image

from articles import renditions
from tests.factories import ArticleFactory, CategoryFactory, image_file
from tests.html import one, parse
from tests.outages import closed_port, redis_at

pytestmark = pytest.mark.django_db


def media_path(media_root, url: str) -> Path:
    return Path(media_root) / url.removeprefix("/media/")


def candidates(srcset: str) -> list[tuple[str, int]]:
    return [
        (url, int(width.removesuffix("w"))) for url, width in map(str.split, srcset.split(", "))
    ]


@pytest.fixture
def saved(django_capture_on_commit_callbacks):
    """An article with a 2000 x 1000 cover, saved and committed (its renditions made)."""
    with django_capture_on_commit_callbacks(execute=True):
        return ArticleFactory(
            title="Breit",
            language="en",
            cover_image=image_file("breit.jpg", size=(2000, 1000)),
            cover_alt="Ein breites Bild",
        )


def test_widths_are_never_enlarged_and_never_twice_the_same():
    assert renditions.widths(2000) == [480, 800, 1200, 1600]
    assert renditions.widths(1000) == [480, 800, 1000]
    assert renditions.widths(800) == [480, 800]
    assert renditions.widths(300) == [300]
    assert renditions.widths(None) == []


def test_saving_a_cover_makes_every_size_in_webp_and_jpeg(client, saved, media_root):
    picture = one(parse(client.get(saved.get_absolute_url())), "figure.cover picture")
    webp = candidates(one(picture, "source[type='image/webp']").get("srcset"))
    image = one(picture, "img")
    jpeg = candidates(image.get("srcset"))

    for listed, expected_format in ((webp, "WEBP"), (jpeg, "JPEG")):
        assert [width for _url, width in listed] == [480, 800, 1200, 1600]
        for url, width in listed:
            with Image.open(media_path(media_root, url)) as made:
                assert (made.format, made.size) == (expected_format, (width, width // 2))
    assert image.get("src") == jpeg[1][0]  # the 800 px JPEG for browsers without srcset
    assert (image.get("width"), image.get("height")) == ("2000", "1000")
    assert image.get("alt") == "Ein breites Bild"
    # The admin thumbnail and the picture for social networks are made with them.
    assert media_path(media_root, saved.cover_thumbnail.url).is_file()
    assert media_path(media_root, saved.cover_social.url).is_file()


def test_a_webp_rendition_is_smaller_than_the_jpeg_of_the_same_width(client, saved, media_root):
    picture = one(parse(client.get(saved.get_absolute_url())), "figure.cover picture")
    webp = dict((w, u) for u, w in candidates(one(picture, "source").get("srcset")))
    jpeg = dict((w, u) for u, w in candidates(one(picture, "img").get("srcset")))

    for width in (480, 1600):
        assert (
            media_path(media_root, webp[width]).stat().st_size
            < media_path(media_root, jpeg[width]).stat().st_size
        )


def test_a_page_never_makes_or_looks_for_an_image(client, saved, media_root, monkeypatch):
    """A reader's request computes the addresses; a missing file stays missing (the page does
    not stop to make it) and the storage is not asked (cheap on object storage too)."""
    for file in renditions.all_files(saved):
        media_path(media_root, file.url).unlink()
    asked = []
    for name in ("exists", "open", "size"):
        original = getattr(FileSystemStorage, name)

        def spy(self, path, *args, _original=original, _name=name, **kwargs):
            asked.append(f"{_name} {path}")
            return _original(self, path, *args, **kwargs)

        monkeypatch.setattr(FileSystemStorage, name, spy)

    response = client.get(saved.get_absolute_url())

    assert response.status_code == 200
    assert asked == []
    srcset = one(parse(response), "figure.cover img").get("srcset")
    assert all(not media_path(media_root, url).exists() for url, _ in candidates(srcset))


def test_make_renditions_makes_what_is_missing_and_leaves_the_rest(saved, media_root):
    files = list(renditions.all_files(saved))
    media_path(media_root, files[0].url).unlink()
    media_path(media_root, files[-1].url).unlink()
    out = io.StringIO()

    call_command("make_renditions", stdout=out)

    assert "2 renditions made." in out.getvalue()
    assert all(media_path(media_root, file.url).is_file() for file in files)
    again = io.StringIO()
    call_command("make_renditions", stdout=again)
    assert "0 renditions made." in again.getvalue()


def test_make_renditions_names_a_cover_whose_file_is_gone(saved, media_root):
    Path(saved.cover_image.path).unlink()
    err = io.StringIO()

    call_command("make_renditions", stdout=io.StringIO(), stderr=err)

    assert f"Cover file missing: {saved.cover_image.name}" in err.getvalue()
    assert "1 cover files are missing" in err.getvalue()


def test_list_pages_load_only_the_first_cover_at_once(client):
    category = CategoryFactory(name="Covers")
    for number in range(3):
        ArticleFactory(
            language="en",
            category=category,
            cover_image=image_file(f"c{number}.jpg", size=(900, 600)),
            cover_alt=f"Bild {number}",
        )

    cards = parse(client.get(category.url_in("en"))).select(".card img.card-cover")

    assert [(img.get("fetchpriority"), img.get("loading")) for img in cards] == [
        ("high", None),
        (None, "lazy"),
        (None, "lazy"),
    ]
    for img in cards:
        assert (img.get("width"), img.get("height")) == ("900", "600")
        assert img.get("sizes") and img.get("srcset")


def test_renditions_are_made_while_redis_is_away(saved, media_root, monkeypatch):
    """An editor saving a cover during a Redis outage still gets its renditions: what exists
    is asked of the storage, never of the cache."""
    files = list(renditions.all_files(saved))
    for file in files:
        media_path(media_root, file.url).unlink()

    with redis_at(closed_port(), monkeypatch):
        assert renditions.make_for(saved.pk) == len(files)

    assert all(media_path(media_root, file.url).is_file() for file in files)
