"""Markup a commenter types is shown as text, never run: checked in the parsed article page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from comments.models import Comment
from tests.comments.helpers import comment_data, moderate, post_url, shown_comments
from tests.helpers import IMG, SCRIPT
from tests.html import event_handlers, field_errors, markup, one, parse, text

pytestmark = pytest.mark.django_db

BREAKOUT = '"><svg onload=alert(1)>'


def repeated_attributes(sent: str) -> list[str]:
    """Attributes written twice in one tag of the markup as sent (the tree keeps only one)."""
    repeated = []
    BeautifulSoup(
        sent, "html.parser", on_duplicate_attribute=lambda attrs, name, value: repeated.append(name)
    )
    return repeated


def scripts_mentioning_alert(page) -> list:
    return [script for script in page.select("script") if "alert" in script.get_text()]


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
    assert shown.select("script") == []
    assert shown.select("img") == []
    assert shown.select("svg") == []
    assert event_handlers(shown) == []
    assert scripts_mentioning_alert(page) == []
    assert event_handlers(page) == []


def test_payloads_are_shown_as_the_text_the_reader_typed(client, article, hostile_comment):
    [shown] = shown_comments(parse(client.get(article.get_absolute_url())))

    assert text(one(shown, ".comment-name")) == f"{SCRIPT}{IMG}"
    assert text(one(shown, ".comment-signature")) == f"{IMG}{BREAKOUT}"
    body = text(one(shown, ".comment-body"))
    assert SCRIPT in body
    assert IMG in body
    assert BREAKOUT in body


def test_quote_in_website_cannot_break_out_of_the_link(client, editor_client, article):
    send_and_approve_hostile_comment(client, editor_client, article, website=QUOTED_WEBSITE)

    sent = markup(client.get(article.get_absolute_url()))
    [shown] = shown_comments(parse(sent))

    link = one(shown, ".comment-name a")
    assert list(link.attrs) == ["href", "rel"]
    assert repeated_attributes(sent) == []  # no second href= or rel= either
    assert link["href"].startswith("https://example.org/")


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
    assert field_errors(response, "website") == ["Enter a valid URL."]
    assert not Comment.objects.exists()


def test_payloads_are_escaped_on_the_form_that_comes_back_with_errors(client, article):
    response = client.post(
        post_url(article),
        comment_data(name=SCRIPT, signature=IMG, body=f"{SCRIPT}{IMG}", email="kaputt"),
    )

    assert response.status_code == 400
    page = parse(response)
    assert scripts_mentioning_alert(page) == []
    assert event_handlers(page) == []
    assert page.select('img[src="x"]') == []


def test_payloads_are_escaped_in_the_admin_list(client, editor_client, article):
    send_and_approve_hostile_comment(client, editor_client, article, website=QUOTED_WEBSITE)

    page = parse(editor_client.get("/admin/comments/comment/"))

    table = one(page, "table#result_list")
    assert table.select("script") == []
    assert table.select("img") == []
    assert event_handlers(table) == []
    assert SCRIPT in text(table)
