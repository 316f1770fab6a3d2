"""Uploaded images: only JPEG, PNG and WebP, re-encoded without metadata, within limits."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article, Author
from tests.articles.helpers import (
    ADD_URL,
    AJAX,
    UPLOAD_URL,
    article_form_data,
    change_form_data,
    change_url,
    files_under,
    jpeg_with_exif,
)
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, image_file
from tests.html import field_errors, one, parse, text

pytestmark = pytest.mark.django_db


def exif_of(data: bytes) -> dict:
    with Image.open(io.BytesIO(data)) as image:
        return dict(image.getexif())


def text_file_named_jpg() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "invoice.jpg", b"%PDF-1.4 not an image at all\n" * 20, content_type="image/jpeg"
    )


def gif_file() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 0, 0)).save(buffer, "GIF")
    return SimpleUploadedFile("animation.gif", buffer.getvalue(), content_type="image/gif")


def gif_named_jpg() -> SimpleUploadedFile:
    upload = gif_file()
    return SimpleUploadedFile("looks-like-a.jpg", upload.read(), content_type="image/jpeg")


def post_cover(editor_client, upload, **fields):
    data = article_form_data(
        category=CategoryFactory(),
        authors=[AuthorFactory()],
        cover_image=upload,
        cover_alt="Ein Whiteboard",
        cover_credit="Anna Berg",
        **fields,
    )
    return editor_client.post(ADD_URL, data)


# --- Cover images through the admin ----------------------------------------------------------


def test_cover_upload_stores_a_reencoded_jpeg_without_exif(editor_client, media_root):
    upload = jpeg_with_exif("urlaub.jpg")
    original = upload.read()
    upload.seek(0)
    assert exif_of(original)[0x010F] == "SpyCam"  # the test photo does carry metadata

    response = post_cover(editor_client, upload)

    assert response.status_code == 302, field_errors(response, "cover_image")
    article = Article.objects.get()
    stored = Path(article.cover_image.path)
    assert stored.parent.is_relative_to(Path(media_root) / "covers")
    assert stored.suffix == ".jpg"
    data = stored.read_bytes()
    assert data != original
    assert exif_of(data) == {}
    with Image.open(stored) as image:
        assert image.format == "JPEG"
        assert image.size == (80, 60)
        assert "exif" not in image.info
    assert b"SpyCam" not in data
    assert (article.cover_width, article.cover_height) == (80, 60)
    assert files_under(media_root) == [stored]


def test_cover_photo_taken_sideways_is_stored_upright(editor_client):
    # EXIF orientation 6: the camera was turned; the pixels are 80x60, the photo is 60x80.
    response = post_cover(editor_client, jpeg_with_exif(orientation=6))

    assert response.status_code == 302, field_errors(response, "cover_image")
    article = Article.objects.get()
    with Image.open(article.cover_image.path) as image:
        assert image.size == (60, 80)
    assert (article.cover_width, article.cover_height) == (60, 80)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_covers_are_accepted(editor_client, fmt):
    extension = {"PNG": "png", "WEBP": "webp"}[fmt]

    response = post_cover(editor_client, image_file(f"grafik.{extension}", fmt=fmt))

    assert response.status_code == 302, field_errors(response, "cover_image")
    with Image.open(Article.objects.get().cover_image.path) as image:
        assert image.format == fmt


@pytest.mark.parametrize(
    "make_upload", [text_file_named_jpg, gif_file, gif_named_jpg], ids=["text", "gif", "gif-as-jpg"]
)
def test_non_jpeg_png_webp_cover_is_refused_and_nothing_is_stored(
    editor_client, media_root, make_upload
):
    response = post_cover(editor_client, make_upload())

    assert response.status_code == 200
    assert field_errors(response, "cover_image")
    assert Article.objects.count() == 0
    assert files_under(media_root) == []


def test_gif_cover_is_refused_with_the_allowed_formats_named(editor_client):
    response = post_cover(editor_client, gif_file())

    assert field_errors(response, "cover_image") == ["This file is not a JPEG, PNG or WebP image."]


def test_cover_over_the_byte_limit_is_refused(editor_client, settings, media_root):
    settings.IMAGE_UPLOAD_MAX_BYTES = 500

    response = post_cover(editor_client, image_file("gross.png", size=(300, 300), fmt="PNG"))

    assert response.status_code == 200
    errors = field_errors(response, "cover_image")
    assert len(errors) == 1 and "at most 500" in errors[0]
    assert Article.objects.count() == 0
    assert files_under(media_root) == []


def test_cover_over_the_pixel_limit_is_refused(editor_client, settings, media_root):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 1_000_000

    response = post_cover(editor_client, image_file("riesig.jpg", size=(1001, 1000)))

    assert response.status_code == 200
    errors = field_errors(response, "cover_image")
    assert len(errors) == 1 and "megapixels" in errors[0]
    assert Article.objects.count() == 0
    assert files_under(media_root) == []


def test_cover_exactly_at_the_pixel_limit_is_accepted(editor_client, settings):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 1_000_000

    response = post_cover(editor_client, image_file("passt.jpg", size=(1000, 1000)))

    assert response.status_code == 302, field_errors(response, "cover_image")


def test_cover_without_alt_text_is_refused_and_the_chosen_cover_is_kept(editor_client, media_root):
    author = AuthorFactory()
    data = article_form_data(category=CategoryFactory(), authors=[author], cover_image=image_file())

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert field_errors(response, "cover_alt")
    assert Article.objects.count() == 0
    # The sanitised upload waits for the next attempt, and the form says so.
    [waiting] = files_under(media_root)
    assert waiting.parent.name == "uploads-pending"
    assert "It is kept for this form" in text(one(parse(response), ".field-cover_image"))

    # The editor adds the alt text and saves again without choosing the file again.
    token = one(parse(response), 'input[name="kept_cover"]')["value"]
    again = article_form_data(
        category=CategoryFactory(), authors=[author], cover_alt="Ein Diagramm", kept_cover=token
    )
    response = editor_client.post(ADD_URL, again)

    assert response.status_code == 302, field_errors(response, "cover_image")
    article = Article.objects.get()
    assert Path(article.cover_image.path).parent.is_relative_to(Path(media_root) / "covers")
    assert files_under(media_root) == [Path(article.cover_image.path)]


def test_a_save_the_write_path_refuses_leaves_no_cover_behind(editor_client, media_root):
    writer_record = AuthorFactory()
    article = ArticleFactory(status=Article.Status.REVIEW, authors=[writer_record])
    # The article saves, then the share link it asks for is refused: all is rolled back.
    data = change_form_data(
        article, cover_image=image_file(), cover_alt="Ein Bild", _share="1", share_days="500"
    )

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 90." in text(parse(response))
    [waiting] = files_under(media_root)  # one kept copy for the next attempt, nothing else
    assert waiting.parent.name == "uploads-pending"


def test_a_forged_kept_cover_token_is_ignored(editor_client, media_root):
    secret = Path(media_root) / "secret.jpg"
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_bytes(b"not for you")
    data = article_form_data(
        category=CategoryFactory(), authors=[AuthorFactory()], kept_cover="secret.jpg:forged"
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302
    assert not Article.objects.get().cover_image


# --- Images dropped into the Markdown editor ---------------------------------------------------


def test_editor_upload_stores_a_reencoded_image_and_answers_markdown(editor_client, media_root):
    response = editor_client.post(UPLOAD_URL, {"image": jpeg_with_exif("foto.jpg")}, **AJAX)

    assert response.status_code == 200
    stored = files_under(media_root)
    assert len(stored) == 1
    assert stored[0].parent == Path(media_root) / "markdownx"
    assert stored[0].suffix == ".jpg"
    url = f"/media/markdownx/{stored[0].name}"
    # The alt text is a visible placeholder the editor replaces, in the editor's language.
    # A paragraph of its own, wherever it is dropped (blank lines before and after).
    assert response.json() == {"image_code": f"\n\n![Describe the image]({url})\n\n"}
    assert exif_of(stored[0].read_bytes()) == {}
    assert b"SpyCam" not in stored[0].read_bytes()


@pytest.mark.parametrize(
    "make_upload", [text_file_named_jpg, gif_file, gif_named_jpg], ids=["text", "gif", "gif-as-jpg"]
)
def test_editor_upload_refuses_other_files_and_stores_nothing(
    editor_client, media_root, make_upload
):
    response = editor_client.post(UPLOAD_URL, {"image": make_upload()}, **AJAX)

    assert response.status_code == 400
    errors = json.loads(response.content)
    assert errors["image"] == ["This file is not a JPEG, PNG or WebP image."]
    assert files_under(media_root) == []


def test_editor_upload_over_the_byte_limit_is_refused(editor_client, settings, media_root):
    settings.IMAGE_UPLOAD_MAX_BYTES = 500

    response = editor_client.post(
        UPLOAD_URL, {"image": image_file("gross.png", size=(300, 300), fmt="PNG")}, **AJAX
    )

    assert response.status_code == 400
    assert "at most 500" in response.json()["image"][0]
    assert files_under(media_root) == []


def test_editor_upload_over_the_pixel_limit_is_refused(editor_client, settings, media_root):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 10_000

    response = editor_client.post(UPLOAD_URL, {"image": image_file(size=(101, 100))}, **AJAX)

    assert response.status_code == 400
    assert "megapixels" in response.json()["image"][0]
    assert files_under(media_root) == []


def test_editor_upload_without_a_file_is_refused(editor_client, media_root):
    response = editor_client.post(UPLOAD_URL, {}, **AJAX)

    assert response.status_code == 400
    assert "image" in response.json()
    assert files_under(media_root) == []


# --- Author photos -----------------------------------------------------------------------------


def post_author(editor_client, photo):
    data = {"name": "Anna Berg", "slug": "", "bio": "", "website": "", "user": "", "photo": photo}
    return editor_client.post("/admin/articles/author/add/", data)


def test_author_photo_is_stored_without_exif(editor_client, media_root):
    response = post_author(editor_client, jpeg_with_exif("portrait.jpg"))

    assert response.status_code == 302, field_errors(response, "photo")
    stored = files_under(media_root)
    assert len(stored) == 1
    assert stored[0].parent == Path(media_root) / "authors"
    assert exif_of(stored[0].read_bytes()) == {}


def test_author_photo_that_is_not_an_image_is_refused(editor_client, media_root):
    response = post_author(editor_client, gif_named_jpg())

    assert response.status_code == 200
    assert field_errors(response, "photo")
    assert not Author.objects.exists()
    assert files_under(media_root) == []
