"""Every uploaded image (cover images, author photos, editor uploads) passes through here.

Pillow opens it restricted to JPEG, PNG and WebP and checks size and pixel count; then the
image is turned upright (EXIF orientation), converted to sRGB when it carries a colour profile
or is CMYK, scaled down to ``IMAGE_MAX_EDGE`` and re-encoded from its pixels alone. No
metadata (EXIF with GPS position and camera serial, XMP, ICC, comments, PNG text) and no
payload hidden in the original bytes reaches the site. Animated images keep their first
frame. Anything else is refused with a reason.
"""

from __future__ import annotations

import io
import uuid
import warnings
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from articles.slugs import slugify_readable

FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}
# Pillow calls a JPEG with a multi-picture block (many phone cameras write one) "MPO";
# its first frame is the photo.
SAME_AS = {"MPO": "JPEG"}
SRGB = ImageCms.createProfile("sRGB")


def sanitize_image(upload) -> SimpleUploadedFile:
    """Return a re-encoded copy of ``upload`` or raise ``ValidationError`` saying why not."""
    max_bytes = settings.IMAGE_UPLOAD_MAX_BYTES
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; images may be at most %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
            code="file_too_large",
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=list(FORMATS))
            _check_pixels(image.width * image.height)
            image_format = SAME_AS.get(image.format, image.format)
            image.load()
            data = _encode(_normalised(image), image_format)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        _check_pixels(None)
    except UnidentifiedImageError:
        raise ValidationError(
            _("This file is not a JPEG, PNG or WebP image."), code="invalid_image"
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(
            _("The image file is damaged and cannot be read."), code="broken_image"
        ) from None
    extension, content_type = FORMATS[image_format]
    return SimpleUploadedFile(upload_name(upload.name, extension), data, content_type=content_type)


def upload_name(original: str | None, extension: str) -> str:
    """The name an uploaded image is stored under: the original's stem as a readable ASCII
    slug ("Führung im Team.JPG" → ``fuehrung-im-team-1a2b3c4d.jpg``), a random suffix, and the
    extension of the format it was re-encoded to. No path, no leading dot (``.htaccess``), no
    character a shell, a URL or Markdown would have to escape, whatever the browser sent."""
    stem = slugify_readable(PurePath(original or "").stem, max_length=60) or "image"
    return f"{stem}-{uuid.uuid4().hex[:8]}.{extension}"


def _check_pixels(pixels: int | None) -> None:
    """Refuse more than IMAGE_UPLOAD_MAX_PIXELS (``None``: Pillow already found far more)."""
    limit = settings.IMAGE_UPLOAD_MAX_PIXELS
    if pixels is not None and pixels <= limit:
        return
    if pixels is None:
        message = _("The image has far too many pixels; at most %(max)s megapixels are allowed.")
    else:
        message = _("The image has %(pixels)s megapixels; at most %(max)s are allowed.")
    raise ValidationError(
        message % {"pixels": round((pixels or 0) / 1e6, 1), "max": round(limit / 1e6)},
        code="too_many_pixels",
    )


def _normalised(image: Image.Image) -> Image.Image:
    """Upright, in sRGB, no longer than IMAGE_MAX_EDGE, and without any metadata."""
    image = ImageOps.exif_transpose(image)
    image = _in_srgb(image)
    max_edge = settings.IMAGE_MAX_EDGE
    image.thumbnail((max_edge, max_edge), Image.Resampling.LANCZOS)
    image.info = {}  # encoders copy comments, profiles and text chunks from here
    return image


def _in_srgb(image: Image.Image) -> Image.Image:
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    target = "RGBA" if has_alpha else "RGB"
    profile = image.info.get("icc_profile")
    if profile:
        try:
            if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
                image = image.convert(target)
            return ImageCms.profileToProfile(
                image, ImageCms.ImageCmsProfile(io.BytesIO(profile)), SRGB, outputMode=target
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken or mismatched profile: plain conversion below
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert(target)
    return image


def _encode(image: Image.Image, image_format: str) -> bytes:
    output = io.BytesIO()
    if image_format == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(output, "JPEG", quality=85, optimize=True, progressive=True)
    elif image_format == "PNG":
        image.save(output, "PNG", optimize=True)
    else:
        image.save(output, "WEBP", quality=85)
    return output.getvalue()
