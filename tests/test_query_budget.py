"""The pages production hardening added cost a fixed, small number of queries: none where they
answer before the database is needed (refused bodies; the outage page: tests/test_outage.py),
the header menu on the 400 page, axes' own lookups on a locked-out login (/healthz:
tests/test_health.py)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.articles.test_query_budget import NAVIGATION
from tests.factories import ArticleFactory, EditorUserFactory
from tests.helpers import english_client

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-password"
# A locked-out login: axes sums the failures per username and per address, and reads the
# attempt it answers for; no user is looked up and no password is hashed.
LOCKED_OUT_BUDGET = 3


def queries(send) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = send()
    return len(captured.captured_queries), response


@pytest.fixture
def client():
    ArticleFactory.create_batch(3)
    return english_client()


def test_the_400_page_costs_only_its_header_menu(client):
    cache.clear()  # the menu is not in the cache yet: its two queries are paid once

    count, response = queries(lambda: client.get("/en/?q=%00"))

    assert response.status_code == 400
    assert count == NAVIGATION


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b"x" * 70_000, "application/x-www-form-urlencoded", 413),
        (b"--b--", "multipart/form-data; boundary=b", 415),
    ],
)
def test_a_refused_body_costs_no_query(client, body, content_type, status):
    count, response = queries(
        lambda: client.generic("POST", "/en/comments/post/1/", body, content_type)
    )

    assert response.status_code == status
    assert count == 0


def test_the_password_reset_costs_one_lookup_of_the_address(client, mailoutbox):
    EditorUserFactory(email="editor@example.org")

    form_count, form = queries(lambda: client.get("/admin/password_reset/"))
    sent_count, sent = queries(
        lambda: client.post("/admin/password_reset/", {"email": "editor@example.org"})
    )
    done_count, done = queries(lambda: client.get("/admin/password_reset/done/"))

    assert (form.status_code, sent.status_code, done.status_code) == (200, 302, 200)
    assert (form_count, sent_count, done_count) == (0, 1, 0)
    assert len(mailoutbox) == 1


def test_a_locked_out_login_costs_axes_lookups_only(client):
    EditorUserFactory(username="editor", password=PASSWORD)
    for _ in range(10):
        client.post("/admin/login/", {"username": "editor", "password": "wrong"})

    count, response = queries(
        lambda: client.post("/admin/login/", {"username": "editor", "password": PASSWORD})
    )

    assert response.status_code == 429
    assert count == LOCKED_OUT_BUDGET
