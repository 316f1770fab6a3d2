"""What tests of more than one area share: the reader's browser, a hostile payload, query counts.

Page parsing lives in tests/html.py, factories in tests/factories.py; what only the articles or
only the comments tests need lives in their own helpers module.
"""

from __future__ import annotations

from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

# Markup a browser would run if a page printed it unescaped: a script and an event handler.
SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'
XSS = SCRIPT + IMG


def english_client(**options) -> Client:
    """A browser that asks for English, so pages read as the templates' source texts."""
    return Client(**{"HTTP_ACCEPT_LANGUAGE": "en", **options})


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
