"""What tests of more than one area share: the reader's browser, a hostile payload, query counts.

Page parsing lives in tests/html.py, factories in tests/factories.py; what only the articles or
only the comments tests need lives in their own helpers module.
"""

from __future__ import annotations

import io
from urllib.parse import urlencode

from django.core.files.base import File
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.client import MULTIPART_CONTENT
from django.test.utils import CaptureQueriesContext

# Markup a browser would run if a page printed it unescaped: a script and an event handler.
SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'
XSS = SCRIPT + IMG


FORM_URLENCODED = "application/x-www-form-urlencoded"


class Browser(Client):
    """Posts a form as a browser does: urlencoded, or multipart when a file goes along.

    (Django's test client sends every post as multipart, which the public addresses refuse
    with 415, as they refuse it from anyone: config/middleware.py.)
    """

    def post(self, path, data=None, content_type=None, **kwargs):
        if content_type is None and _plain_form(data):
            body = urlencode(data or {}, doseq=True)
            return super().post(path, body, content_type=FORM_URLENCODED, **kwargs)
        return super().post(path, data, content_type=content_type or MULTIPART_CONTENT, **kwargs)


def _plain_form(data) -> bool:
    """Whether ``data`` is a form without files (None values are left to Django to refuse)."""
    if data is None:
        return True
    if not isinstance(data, dict):
        return False
    values = [
        item
        for value in data.values()
        for item in (value if isinstance(value, list | tuple) else [value])
    ]
    return not any(item is None or isinstance(item, File | io.IOBase) for item in values)


def english_client(**options) -> Client:
    """A browser that asks for English, so pages read as the templates' source texts."""
    return Browser(**{"HTTP_ACCEPT_LANGUAGE": "en", **options})


def logged_in(user, **options) -> Client:
    """A browser of ``user``'s own, logged in, asking for English unless ``options`` say."""
    client = english_client(**options)
    client.force_login(user)
    return client


def count_queries(client: Client, url: str) -> tuple[int, HttpResponse]:
    """GET ``url``: how many database queries it took, and the page (which must be a 200)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries), response
