"""Request bodies are bounded before anything reads them (config/middleware.py): a public
address answers 413 to more than PUBLIC_MAX_BODY_BYTES and 415 to anything but a browser's
urlencoded form; the admin and the editor's endpoints take up to STAFF_MAX_BODY_BYTES.

Each refusal is checked on a real ``wsgi.input`` stream that counts what is read from it: the
answer comes with 0 bytes read, so nothing was parsed, held in memory or written to disk.
"""

from __future__ import annotations

import io
import os
from urllib.parse import urlencode

import pytest
from django.conf import settings
from PIL import Image

from comments.models import Comment
from tests.articles.helpers import AJAX, UPLOAD_URL, files_under
from tests.comments.helpers import comment_data, post_url
from tests.factories import ArticleFactory
from tests.html import one, parse, text

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data; boundary=BoUnDaRy"


class CountingStream(io.RawIOBase):
    """A request body as a server hands it to Django, counting the bytes taken from it."""

    def __init__(self, data: bytes):
        self._data = io.BytesIO(data)
        self.bytes_read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = self._data.readinto(buffer)
        self.bytes_read += count
        return count


@pytest.fixture(autouse=True)
def no_typing_delay(settings):
    settings.COMMENT_MIN_SECONDS = 0  # the test posts the form the instant it was made


@pytest.fixture
def temp_dir(settings, tmp_path):
    """Where Django would put a large uploaded file while reading it."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
    os.makedirs(settings.FILE_UPLOAD_TEMP_DIR)
    return tmp_path / "uploads"


def send(client, url: str, body: bytes, content_type: str) -> tuple[int, CountingStream]:
    """POST ``body`` through every middleware, as a WSGI server would pass it on."""
    stream = CountingStream(body)
    response = client.generic("POST", url, body, content_type, **{"wsgi.input": stream})
    return response, stream


def urlencoded(data: dict) -> bytes:
    return urlencode(data, doseq=True).encode()


def multipart(fields: dict, file_bytes: bytes) -> bytes:
    parts = [
        f'--BoUnDaRy\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        b'--BoUnDaRy\r\nContent-Disposition: form-data; name="upload"; filename="x.bin"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n" + file_bytes + b"\r\n--BoUnDaRy--\r\n"
    )
    return b"".join(parts)


def test_a_normal_comment_is_read_and_saved(client):
    article = ArticleFactory()
    body = urlencoded(comment_data())

    response, stream = send(client, post_url(article), body, FORM)

    assert response.status_code == 302
    assert Comment.objects.filter(article=article).count() == 1
    # The stream does count: a body that is read shows up here.
    assert stream.bytes_read == len(body)


def test_a_comment_over_the_public_limit_is_413_unread(client, temp_dir):
    article = ArticleFactory()
    body = urlencoded(comment_data(body="Sehr lang. " * 7000))
    assert len(body) > 65 * 1024

    response, stream = send(client, post_url(article), body, FORM)

    assert response.status_code == 413
    assert stream.bytes_read == 0
    assert not Comment.objects.exists()
    assert text(one(parse(response), "h1")) == "Too much data"
    assert list(temp_dir.iterdir()) == []


def test_a_multipart_comment_is_415_unread(client, temp_dir):
    article = ArticleFactory()
    body = multipart(comment_data(), b"\0" * 30_000)

    response, stream = send(client, post_url(article), body, MULTIPART)

    assert response.status_code == 415
    assert stream.bytes_read == 0
    assert not Comment.objects.exists()
    assert list(temp_dir.iterdir()) == []


def test_a_large_multipart_post_is_413_before_its_type_is_even_looked_at(client, temp_dir):
    body = multipart({"name": "x"}, os.urandom(3 * 1024 * 1024))

    response, stream = send(client, "/en/comments/post/1/", body, MULTIPART)

    assert response.status_code == 413
    assert stream.bytes_read == 0
    assert list(temp_dir.iterdir()) == []


@pytest.mark.parametrize("content_type", ["text/plain", "application/json", "application/xml"])
def test_other_types_of_body_are_415_on_public_addresses(client, content_type):
    article = ArticleFactory()

    response, stream = send(client, post_url(article), b"name=x&body=y", content_type)

    assert response.status_code == 415
    assert stream.bytes_read == 0


def test_a_public_page_answers_413_in_its_editions_language(client):
    response, _ = send(client, "/de/", b"x" * (settings.PUBLIC_MAX_BODY_BYTES + 1), FORM)

    assert response.status_code == 413
    assert one(parse(response), "html")["lang"] == "de"
    assert response["Cache-Control"] == "no-store"


def test_a_post_without_a_body_needs_no_type(client):
    """An empty POST (a one-click unsubscribe with nothing in it, a probe) has nothing to
    bound; the view answers as it would."""
    response = client.generic("POST", "/en/comments/post/999999/")

    assert response.status_code == 404


def test_the_one_click_unsubscribe_takes_multipart_as_mail_programs_send_it(client):
    """RFC 8058: "List-Unsubscribe=One-Click", preferably as multipart/form-data."""
    body = (
        b'--BoUnDaRy\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\n'
        b"One-Click\r\n--BoUnDaRy--\r\n"
    )

    response, _ = send(client, "/en/comments/notify/unsubscribe/forged/", body, MULTIPART)

    # Through to the view, which refuses the forged link; not a 415.
    assert response.status_code not in (413, 415)
    assert response.status_code < 500


def big_png(size: int = 420) -> bytes:
    """A PNG of noise: a few hundred KB, over the public limit, far under the staff one."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (size, size), os.urandom(size * size * 3)).save(buffer, "PNG")
    return buffer.getvalue()


def test_an_editor_uploads_an_image_larger_than_the_public_limit(editor_client, media_root):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = big_png()
    assert settings.PUBLIC_MAX_BODY_BYTES < len(data) < settings.STAFF_MAX_BODY_BYTES

    upload = SimpleUploadedFile("gross.png", data, content_type="image/png")
    response = editor_client.post(UPLOAD_URL, {"image": upload}, **AJAX)

    assert response.status_code == 200
    assert len(files_under(media_root)) == 1


def test_an_editor_uploads_a_cover_larger_than_the_public_limit(editor_client, media_root):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.articles.test_uploads import post_cover

    upload = SimpleUploadedFile("titelbild.png", big_png(), content_type="image/png")
    response = post_cover(editor_client, upload)

    assert response.status_code == 302
    assert len(files_under(media_root)) == 1


def test_staff_addresses_have_a_bound_too(editor_client, temp_dir):
    body = b"x" * (settings.STAFF_MAX_BODY_BYTES + 1)

    response, stream = send(editor_client, UPLOAD_URL, body, MULTIPART)

    assert response.status_code == 413
    assert stream.bytes_read == 0


def test_the_admin_takes_multipart_forms(editor_client):
    """Staff addresses take any type: the admin's forms with files are multipart."""
    body = multipart({"content": "**fett**"}, b"")

    response, _ = send(editor_client, "/markdownx/markdownify/", body, MULTIPART)

    assert response.status_code == 200
    assert "<strong>fett</strong>" in response.content.decode()


@pytest.mark.parametrize("url", ["/admin/login/", "/admin/password_reset/"])
def test_forms_anyone_may_post_under_the_admin_keep_the_public_limits(client, temp_dir, url):
    """A stranger cannot send 12 MB to the login or the password reset: 413 and 415 unread."""
    too_large, stream = send(client, url, b"x" * (settings.PUBLIC_MAX_BODY_BYTES + 1), FORM)
    assert too_large.status_code == 413
    assert stream.bytes_read == 0

    multipart_post, stream = send(client, url, multipart({"username": "x"}, b"y" * 1000), MULTIPART)
    assert multipart_post.status_code == 415
    assert stream.bytes_read == 0
    assert list(temp_dir.iterdir()) == []
