"""What an uploaded image turns into: upright, sRGB, bounded, and free of every metadata."""

from __future__ import annotations

import io
import struct

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms

from articles.images import sanitize_image
from tests.articles.helpers import AJAX, UPLOAD_URL, files_under

pytestmark = pytest.mark.django_db


def upload(image: Image.Image, fmt: str, name: str = "photo", **save_options) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **save_options)
    return SimpleUploadedFile(f"{name}.{fmt.lower()}", buffer.getvalue())


def reopen(result: SimpleUploadedFile) -> Image.Image:
    return Image.open(io.BytesIO(result.read()))


def phone_mpo() -> SimpleUploadedFile:
    """A JPEG with a multi-picture block, as many phone cameras write them."""
    main = Image.new("RGB", (64, 48), (10, 120, 200))
    preview = Image.new("RGB", (32, 24), (200, 120, 10))
    return upload(main, "MPO", save_all=True, append_images=[preview])


def test_phone_photo_with_multi_picture_block_is_stored_as_plain_jpeg():
    result = sanitize_image(phone_mpo())
    image = reopen(result)
    assert image.format == "JPEG"
    assert image.size == (64, 48)
    assert result.name.endswith(".jpg")


def test_phone_photo_dropped_into_the_editor_is_accepted(editor_client, media_root):
    response = editor_client.post(UPLOAD_URL, {"image": phone_mpo()}, **AJAX)
    assert response.status_code == 200, response.content
    assert [path.suffix for path in files_under(media_root)] == [".jpg"]


def test_jpeg_comment_and_colour_profile_do_not_survive():
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes()
    source = upload(
        Image.new("RGB", (40, 30), (255, 0, 0)), "JPEG", comment=b"secret note", icc_profile=profile
    )
    data = sanitize_image(source).read()
    assert b"secret note" not in data
    image = Image.open(io.BytesIO(data))
    assert "icc_profile" not in image.info
    assert "comment" not in image.info


def red_green_swapped_profile() -> bytes:
    """sRGB with its red and green primaries exchanged: a profile that visibly changes colours."""
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    entries = {}
    for index in range(struct.unpack(">I", data[128:132])[0]):
        start = 132 + 12 * index
        entries[bytes(data[start : start + 4])] = (start, data[start + 4 : start + 12])
    (red_at, red), (green_at, green) = entries[b"rXYZ"], entries[b"gXYZ"]
    data[red_at + 4 : red_at + 12], data[green_at + 4 : green_at + 12] = green, red
    return bytes(data)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_colour_profile_is_applied_to_the_pixels_then_removed(fmt):
    green_in_file = Image.new("RGB", (8, 8), (0, 200, 0))
    result = reopen(
        sanitize_image(upload(green_in_file, fmt, icc_profile=red_green_swapped_profile()))
    )
    assert "icc_profile" not in result.info
    red, green, blue = result.convert("RGB").getpixel((4, 4))
    assert red > 150 and green < 60 and blue < 60  # what the profile says the reader should see


def test_png_text_chunks_do_not_survive():
    from PIL.PngImagePlugin import PngInfo

    text = PngInfo()
    text.add_text("Author", "Jane Secret, +49 170 1234567")
    data = sanitize_image(upload(Image.new("RGB", (10, 10)), "PNG", pnginfo=text)).read()
    assert b"Jane Secret" not in data


def test_cmyk_jpeg_is_stored_as_rgb():
    result = reopen(sanitize_image(upload(Image.new("CMYK", (20, 20), (0, 255, 255, 0)), "JPEG")))
    assert result.mode == "RGB"
    red, green, blue = result.getpixel((10, 10))
    assert red > 200 and green < 60 and blue < 60


def test_long_edge_is_scaled_down_keeping_the_aspect_ratio(settings):
    settings.IMAGE_MAX_EDGE = 100
    result = reopen(sanitize_image(upload(Image.new("RGB", (400, 200)), "PNG")))
    assert result.size == (100, 50)


def test_image_within_the_edge_limit_keeps_its_size(settings):
    settings.IMAGE_MAX_EDGE = 100
    assert reopen(sanitize_image(upload(Image.new("RGB", (80, 40)), "PNG"))).size == (80, 40)


def test_transparent_png_keeps_its_transparency():
    source = Image.new("RGBA", (10, 10), (255, 0, 0, 0))
    result = reopen(sanitize_image(upload(source, "PNG")))
    assert result.mode == "RGBA"
    assert result.getpixel((5, 5))[3] == 0


def test_decompression_bomb_is_refused_as_too_many_pixels(settings):
    # A tiny file whose header claims far more pixels than Pillow's own safety limit.
    settings.IMAGE_UPLOAD_MAX_PIXELS = 1_000
    bomb = upload(Image.new("1", (20_000, 20_000)), "PNG")
    with pytest.raises(ValidationError) as error:
        sanitize_image(bomb)
    assert error.value.code == "too_many_pixels"
    assert "megapixels" in error.value.messages[0]


def test_truncated_jpeg_is_refused_as_damaged():
    data = upload(Image.new("RGB", (200, 200), (1, 2, 3)), "JPEG").read()
    with pytest.raises(ValidationError) as error:
        sanitize_image(SimpleUploadedFile("cut.jpg", data[: len(data) // 3]))
    assert error.value.code == "broken_image"
