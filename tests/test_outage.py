"""With the database unreachable every page answers 503 with ``Retry-After`` and a page that
needs no query, what a reader posted is shown back to copy, and the site recovers by itself.

The database is really taken away: on PostgreSQL the test database refuses connections
(``ALLOW_CONNECTIONS false``, its sessions ended); on SQLite the connection points at a file
in a folder that does not exist. Both give the driver's own "cannot connect" errors.
"""

from __future__ import annotations

import time

import pytest
from django.db import OperationalError, connection
from django.test import RequestFactory
from django.urls import reverse

from comments.models import Comment
from config.outage import outage_response, server_error
from tests.comments.helpers import comment_data, post_url
from tests.factories import ArticleFactory
from tests.helpers import SCRIPT, english_client
from tests.html import one, parse, text
from tests.outages import SilentServer, database_at, database_down

pytestmark = pytest.mark.django_db(transaction=True)

DOWN_TITLE = "Back in a few minutes"
NOT_SAVED = "Your text was NOT saved."


def reader():
    """A reader's browser; the test client would otherwise re-raise the error a page hit."""
    return english_client(raise_request_exception=False)


@pytest.fixture
def article():
    return ArticleFactory(title="Leading through a crisis", language="en", tags=["leadership"])


PAGES = {
    "home": lambda article: "/en/",
    "article": lambda article: article.get_absolute_url(),
    "not found": lambda article: "/en/no/such/page/",
    "not found outside the editions": lambda article: "/no-such-page/",
    "category list": lambda article: article.category.get_absolute_url(),
    "tag list": lambda article: reverse("articles:tag", kwargs={"slug": "leadership"}),
}


def shown_value(box) -> str:
    """A text box's text as a browser shows it (the newline right after the tag is dropped)."""
    value = box.get_text()
    return value.removeprefix("\n")


def assert_outage_page(response) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize("page", PAGES)
def test_every_page_answers_503_with_retry_after_while_the_database_is_down(article, page):
    url = PAGES[page](article)
    assert reader().get(url).status_code in (200, 404)  # the page as it is with a database

    with database_down():
        response = reader().get(url)

    assert_outage_page(response)
    html = parse(response)
    assert one(html, "h1").get_text() == DOWN_TITLE
    assert one(html, "html")["lang"] == "en"
    assert "please reload the page" in text(html)
    assert not html.select("textarea")  # nothing was sent, nothing to show back


def test_the_site_recovers_by_itself_when_the_database_is_back(article):
    url = article.get_absolute_url()

    with database_down():
        assert reader().get(url).status_code == 503

    response = reader().get(url)
    assert response.status_code == 200
    assert "Leading through a crisis" in text(parse(response))


def test_outage_page_speaks_the_language_of_the_address(article, settings):
    settings.OUTAGE_RETRY_AFTER = 120
    with database_down():
        german = reader().get("/de/")
        dutch = reader().get("/nl/no/such/page/")

    assert german.status_code == dutch.status_code == 503
    assert german["Retry-After"] == "120"
    assert one(parse(german), "html")["lang"] == "de"
    assert german["Content-Language"] == "de"
    assert one(parse(dutch), "html")["lang"] == "nl"


def test_comment_posted_while_the_database_is_down_is_shown_back_escaped(article):
    data = comment_data(
        name="Ger J.F. de Bruijn",
        body=f"Two lines of thought.\n{SCRIPT} & the second <b>one</b>.",
        website="",
    )

    with database_down():
        response = reader().post(post_url(article), data)

    assert_outage_page(response)
    assert SCRIPT not in response.content.decode()  # escaped, never markup
    html = parse(response)
    assert NOT_SAVED in text(html)
    assert "try again in a few minutes" in text(html)
    shown = {
        text(one(html, f'label[for="{box["id"]}"]')): shown_value(box)
        for box in html.select("textarea")
    }
    assert shown == {
        "Name": "Ger J.F. de Bruijn",
        "E-mail": data["email"],
        "Signature": data["signature"],
        "Your comment": data["body"],
    }  # neither the ticket, the honeypot, the consent nor the empty website
    assert all(box.has_attr("readonly") for box in html.select("textarea"))
    assert Comment.objects.count() == 0  # and it really was not stored


def test_comment_posted_in_german_gets_german_labels(article):
    with database_down():
        response = reader().post(
            post_url(article).replace("/en/", "/de/"), comment_data(body="Guter Artikel.")
        )

    assert response.status_code == 503
    html = parse(response)
    assert one(html, "html")["lang"] == "de"
    assert "Ihr Kommentar" in [text(label) for label in html.select("label")]


def test_any_other_form_posted_while_the_database_is_down_is_shown_back():
    pitch = "An article on <i>change</i> in family firms"
    with database_down():
        response = reader().post(
            "/nl/schrijf-mee/voorstel/",
            {"csrfmiddlewaretoken": "x" * 64, "pitch": pitch, "notes": "  "},
        )

    assert_outage_page(response)
    html = parse(response)
    assert [text(label) for label in html.select("label")] == ["pitch"]
    assert shown_value(one(html, "textarea")) == pitch
    assert "x" * 64 not in response.content.decode()


def test_passwords_are_never_shown_back():
    with database_down():
        response = reader().post(
            "/admin/login/",
            {"username": "editor", "password": "correct horse battery", "next": "/admin/"},
        )

    assert_outage_page(response)
    assert "correct horse battery" not in response.content.decode()
    assert [shown_value(box) for box in parse(response).select("textarea")] == ["editor"]


def test_outage_page_is_made_without_a_single_query(django_assert_num_queries):
    request = RequestFactory().post("/de/comments/post/1/", {"body": "Mein Text"})
    with django_assert_num_queries(0):
        response = outage_response(request)
    assert response.status_code == 503
    assert "Mein Text" in response.content.decode()


def test_other_errors_keep_the_ordinary_500_page():
    request = RequestFactory().get("/en/")
    try:
        raise ValueError("a bug, not an outage")
    except ValueError:
        response = server_error(request)

    assert response.status_code == 500
    assert "Retry-After" not in response
    assert one(parse(response), "h1").get_text() == "Something went wrong"


def test_an_error_caused_by_an_unreachable_database_is_an_outage_too():
    request = RequestFactory().get("/en/")
    try:
        try:
            raise OperationalError("could not connect to server")
        except OperationalError as error:
            raise RuntimeError("the page could not be made") from error
    except RuntimeError:
        response = server_error(request)

    assert response.status_code == 503


@pytest.mark.skipif(connection.vendor != "postgresql", reason="only a database server can hang")
def test_a_database_server_that_never_answers_costs_a_page_only_the_connect_timeout(article):
    url = article.get_absolute_url()
    timeout = connection.settings_dict["OPTIONS"]["connect_timeout"]  # DATABASE_CONNECT_TIMEOUT

    with SilentServer() as server, database_at(server.port):
        started = time.monotonic()
        response = reader().get(url)
        seconds = time.monotonic() - started

    assert_outage_page(response)
    assert server.connections, "the page never tried the database"
    assert seconds < timeout + 1.0
    assert reader().get(url).status_code == 200
