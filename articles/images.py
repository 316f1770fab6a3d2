"""Every uploaded image (cover images, editor uploads, author photos) passes through here.

Pillow opens it restricted to JPEG, PNG and WebP, checks size and pixel count, applies the
EXIF orientation and re-encodes it, so no metadata (GPS position, camera serial) and no
payload hidden in the original bytes reaches the site. Anything else is refused with a reason.
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
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}


def sanitize_image(upload) -> SimpleUploadedFile:
    """Return a re-encoded copy of ``upload`` or raise ``ValidationError`` saying why not."""
    max_bytes = settings.IMAGE_UPLOAD_MAX_BYTES
    max_pixels = settings.IMAGE_UPLOAD_MAX_PIXELS
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
            width, height = image.size
            if width * height > max_pixels:
                raise ValidationError(
                    _("The image has %(pixels)s megapixels; at most %(max)s are allowed.")
                    % {"pixels": round(width * height / 1e6, 1), "max": round(max_pixels / 1e6)},
                    code="too_many_pixels",
                )
            image_format = image.format
            image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("This file is not a JPEG, PNG or WebP image."), code="invalid_image"
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("The image file is damaged and cannot be read."), code="broken_image"
        ) from None

    image = ImageOps.exif_transpose(image)
    extension, content_type = FORMATS[image_format]
    output = io.BytesIO()
    if image_format == "JPEG":
        image.convert("RGB").save(output, "JPEG", quality=85, optimize=True, progressive=True)
    elif image_format == "PNG":
        image.save(output, "PNG", optimize=True)
    else:
        image.save(output, "WEBP", quality=85)
    stem = PurePath(upload.name or "image").stem[:60] or "image"
    name = f"{stem}-{uuid.uuid4().hex[:8]}.{extension}"
    return SimpleUploadedFile(name, output.getvalue(), content_type=content_type)
