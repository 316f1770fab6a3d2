"""The pages production hardening added, in a real Chromium: the 400 page, the refused-body
pages (413, 415), the outage page (503), the locked-out login and the password reset pass
axe-core with no critical or serious violation, in light and dark."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from playwright.sync_api import expect

from config.outage import outage_response
from tests.browser.axe import blocking_violations
from tests.browser.test_editor import PASSWORD
from tests.factories import ArticleFactory, EditorUserFactory
from tests.helpers import Browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def served_at(page, path: str, response) -> None:
    """The browser gets ``response`` (made by the site's own code) at ``path`` on the live
    server: pages that only a broken request or a database outage shows."""
    page.route(
        f"**{path}",
        lambda route: route.fulfill(
            status=response.status_code,
            body=response.content,
            headers={"Content-Type": response["Content-Type"]},
        ),
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_pages_that_refuse_or_apologise_pass_axe(new_context, scheme):
    ArticleFactory()
    client = Client()
    too_large = client.generic(
        "POST", "/en/comments/post/1/", b"x" * 70_000, "application/x-www-form-urlencoded"
    )
    wrong_type = client.generic("POST", "/en/comments/post/1/", b"--b--", "multipart/form-data")
    posted = RequestFactory().post("/en/", {"name": "Ada", "body": "My comment\nwith two lines"})
    outage = outage_response(posted)
    assert (too_large.status_code, wrong_type.status_code, outage.status_code) == (413, 415, 503)
    page = new_context(color_scheme=scheme).new_page()
    served_at(page, "/en/refused-413/", too_large)
    served_at(page, "/en/refused-415/", wrong_type)
    served_at(page, "/en/outage/", outage)

    for url, status in [
        ("/en/?q=%00", 400),
        ("/en/refused-413/", 413),
        ("/en/refused-415/", 415),
        ("/en/outage/", 503),
    ]:
        response = page.goto(url)
        assert response.status == status, url
        assert blocking_violations(page) == [], url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_locked_out_login_and_the_password_reset_pass_axe(new_context, scheme):
    EditorUserFactory(username="editor", password=PASSWORD, email="editor@example.org")
    guesser = Browser()  # posts urlencoded, as the login form does
    for _ in range(10):
        guesser.post("/admin/login/", {"username": "editor", "password": "wrong"})
    page = new_context(color_scheme=scheme).new_page()

    page.goto("/admin/login/")
    page.locator("#id_username").fill("editor")
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_response("**/admin/login/**") as answer:
        page.locator("#login-form [type=submit]").click()
    assert answer.value.status == 429
    expect(page.get_by_text("Too many failed login attempts")).to_be_visible()
    assert blocking_violations(page) == [], "locked out"

    page.goto("/admin/password_reset/")
    assert blocking_violations(page) == [], "password reset form"
    page.locator("#id_email").fill("editor@example.org")
    page.locator("[type=submit]").click()
    page.wait_for_url("**/admin/password_reset/done/")
    assert blocking_violations(page) == [], "password reset sent"
