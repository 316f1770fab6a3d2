"""Markup a commenter types is shown as text, never run: checked in the parsed article page."""

from __future__ import annotations

import pytest

from comments.models import Comment
from tests.comments.pages import (
    comment_data,
    field_errors,
    moderate,
    parse,
    post_url,
    shown_comments,
)

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
BREAKOUT = '"><svg onload=alert(1)>'


def event_handler_attributes(element) -> list[tuple[str, str | None]]:
    return [
        (name, value)
        for node in element.iter()
        for name, value in node.attr_list
        if name.startswith("on")
    ]


def scripts_mentioning_alert(page) -> list:
    return [node for node in page.find_all("script") if "alert" in node.text()]


def send_and_approve_hostile_comment(client, editor_client, article, *, website: str) -> None:
    """A comment with payloads in every free-text field, sent through the form and approved."""
    response = client.post(
        post_url(article),
        comment_data(
            name=f"{SCRIPT}{IMG}",
            signature=f"{IMG}{BREAKOUT}",
            body=f"{SCRIPT}\n\n{IMG}\n{BREAKOUT}",
            website=website,
        ),
    )
    assert response.status_code == 302
    moderate(editor_client, "mark_approved", Comment.objects.all())


QUOTED_WEBSITE = 'https://example.org/"onmouseover="alert(1)'


# With a website the name is shown inside a link, without one as plain text: check both.
@pytest.fixture(params=[QUOTED_WEBSITE, ""], ids=["linked-name", "plain-name"])
def hostile_comment(request, client, editor_client, article):
    send_and_approve_hostile_comment(client, editor_client, article, website=request.param)


def test_payloads_in_name_signature_and_text_create_no_elements(client, article, hostile_comment):
    page = parse(client.get(article.get_absolute_url()))

    [shown] = shown_comments(page)
    assert shown.find_all("script") == []
    assert shown.find_all("img") == []
    assert shown.find_all("svg") == []
    assert event_handler_attributes(shown) == []
    assert scripts_mentioning_alert(page) == []
    assert event_handler_attributes(page) == []


def test_payloads_are_shown_as_the_text_the_reader_typed(client, article, hostile_comment):
    [shown] = shown_comments(parse(client.get(article.get_absolute_url())))

    assert shown.one(cls="comment-name").text() == f"{SCRIPT}{IMG}"
    assert shown.one(cls="comment-signature").text() == f"{IMG}{BREAKOUT}"
    body = shown.one(cls="comment-body").text()
    assert SCRIPT in body
    assert IMG in body
    assert BREAKOUT in body


def test_quote_in_website_cannot_break_out_of_the_link(client, editor_client, article):
    send_and_approve_hostile_comment(client, editor_client, article, website=QUOTED_WEBSITE)

    [shown] = shown_comments(parse(client.get(article.get_absolute_url())))

    [link] = shown.find_all("a")
    assert [name for name, _ in link.attr_list] == ["href", "rel"]
    assert link.attrs["href"].startswith("https://example.org/")


@pytest.mark.parametrize(
    "website",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "javascript://example.org/%0Aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
    ],
)
def test_website_with_a_script_scheme_is_rejected(client, article, website):
    response = client.post(post_url(article), comment_data(website=website))

    assert response.status_code == 400
    assert field_errors(parse(response), "website") == "Enter a valid URL."
    assert not Comment.objects.exists()


def test_payloads_are_escaped_on_the_form_that_comes_back_with_errors(client, article):
    response = client.post(
        post_url(article),
        comment_data(name=SCRIPT, signature=IMG, body=f"{SCRIPT}{IMG}", email="kaputt"),
    )

    assert response.status_code == 400
    page = parse(response)
    assert scripts_mentioning_alert(page) == []
    assert event_handler_attributes(page) == []
    assert page.find_all("img", src="x") == []


def test_payloads_are_escaped_in_the_admin_list(client, editor_client, article):
    send_and_approve_hostile_comment(client, editor_client, article, website=QUOTED_WEBSITE)

    page = parse(editor_client.get("/admin/comments/comment/"))

    table = page.one("table", id_="result_list")
    assert table.find_all("script") == []
    assert table.find_all("img") == []
    assert event_handler_attributes(table) == []
    assert SCRIPT in table.text()
