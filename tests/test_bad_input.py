"""Bad input never gives a 500: control characters in the address, impossible dates in the
admin's lists, and the names of uploaded images (config/middleware.py, config/changelists.py,
articles/images.py). Runs on SQLite and on PostgreSQL, which refuses NUL in any query."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib import admin
from django.test import RequestFactory

from config.changelists import BoundedDates
from tests.articles.helpers import AJAX, UPLOAD_URL, files_under
from tests.factories import ArticleFactory, CommentFactory, image_file
from tests.html import one, parse, text

pytestmark = pytest.mark.django_db

SAFE_NAME = re.compile(r"[a-z0-9][a-z0-9-]*-[0-9a-f]{8}\.(jpg|png|webp)")


# --- Control characters: 404 in the path, 400 in the query, before any lookup ----------------


@pytest.mark.parametrize("path", ["/tag/%00/", "/de/tag/%00/", "/en/tag/%00/feed/", "/de/%7F/"])
def test_a_control_character_in_the_path_is_the_friendly_404(client, path):
    response = client.get(path)

    assert response.status_code == 404
    page = parse(response)
    # In the address's edition (the site's language, en in the tests, outside them).
    assert one(page, "html")["lang"] == ("de" if path.startswith("/de/") else "en")
    assert text(one(page, "h1")) in {"Page not found", "Seite nicht gefunden"}


@pytest.mark.parametrize(
    "address",
    [
        "/de/search/?q=%00",
        "/de/suche/?q=Kun%00den",
        "/en/search/?q=%1B%5B31m",
        "/en/?page=1%00",
        "/en/?%00=1",
        "/en/feed/?x=%7F",
        "/sitemap.xml?p=%0A",
        "/robots.txt?%0D",
        "/tag/strategie/?q=%00",
    ],
)
def test_a_control_character_in_the_query_is_the_friendly_400(client, address):
    ArticleFactory(title="Strategie für Kunden", language="de", tags=["strategie"])

    response = client.get(address)

    assert response.status_code == 400
    page = parse(response)
    # In the address's edition (the site's language, en in the tests, outside them).
    german = address.startswith("/de/")
    assert one(page, "html")["lang"] == ("de" if german else "en")
    assert text(one(page, "h1")) == ("Fehlerhafte Anfrage" if german else "Bad request")
    assert one(page, 'meta[name="robots"]')["content"] == "noindex"


def test_the_400_page_speaks_the_language_of_the_edition(client):
    response = client.get("/nl/?q=%00")

    assert response.status_code == 400
    assert one(parse(response), "html")["lang"] == "nl"


def test_an_article_with_a_control_character_in_its_query_is_400(client):
    article = ArticleFactory()
    CommentFactory(article=article)

    assert client.get(f"{article.get_absolute_url()}?reply=%00").status_code == 400
    assert client.get(f"{article.get_absolute_url()}?comments=%01").status_code == 400


@pytest.mark.parametrize("query", ["?q=Strategie%09Kunden", "?q=%C0%80", "?q=%zz%", "?q=%E2%80%AE"])
def test_tabs_broken_utf8_and_stray_percent_signs_are_searched_as_text(client, query):
    ArticleFactory(title="Strategie für Kunden")

    assert client.get(f"/en/search/{query}").status_code == 200


def test_the_admin_refuses_a_control_character_in_its_query_too(editor_client):
    response = editor_client.get("/admin/articles/article/?q=%00")

    assert response.status_code == 400


def test_a_comment_with_line_breaks_is_not_refused(client, settings):
    """Bodies are not checked for control characters: a comment has line breaks."""
    from tests.comments.helpers import comment_data, post_url

    settings.COMMENT_MIN_SECONDS = 0  # the test posts the form the instant it was made
    article = ArticleFactory()

    response = client.post(post_url(article), comment_data(body="Erste Zeile.\r\nZweite Zeile."))

    assert response.status_code == 302


# --- Impossible dates in the admin's lists: the list with ?e=1, as any wrong filter ----------

ARTICLES = "/admin/articles/article/"
COMMENTS = "/admin/comments/comment/"


@pytest.mark.parametrize(
    "query",
    [
        "published_at__year=99999999999",
        "published_at__year=99999",
        "published_at__year=9999",
        "published_at__year=9999&published_at__month=12",
        "published_at__year=9999&published_at__month=12&published_at__day=31",
        "published_at__year=1",
        "published_at__year=0",
        "published_at__year=-5",
        "published_at__year=2024&published_at__month=99999999999",
        "published_at__year=2024&published_at__month=2&published_at__day=30",
    ],
)
def test_an_impossible_date_in_the_article_list_is_a_wrong_filter(editor_client, query):
    ArticleFactory()

    response = editor_client.get(f"{ARTICLES}?{query}")

    assert (response.status_code, response["Location"]) == (302, f"{ARTICLES}?e=1")
    assert editor_client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("year", ["99999999999", "9999", "1"])
def test_an_impossible_date_in_the_comment_list_is_a_wrong_filter(editor_client, year):
    CommentFactory()

    response = editor_client.get(f"{COMMENTS}?created_at__year={year}")

    assert (response.status_code, response["Location"]) == (302, f"{COMMENTS}?e=1")


def test_a_possible_date_in_the_lists_still_filters(editor_client):
    article = ArticleFactory(title="Dieses Jahr")
    year = article.published_at.year

    response = editor_client.get(f"{ARTICLES}?published_at__year={year}")

    assert response.status_code == 200
    assert "Dieses Jahr" in response.content.decode()
    assert editor_client.get(f"{ARTICLES}?published_at__year=2").status_code == 200


def test_every_admin_list_refuses_impossible_dates(editor_user):
    """The site gives every ModelAdmin the bounded list: the project's and the apps' (axes)."""
    request = RequestFactory().get("/admin/")
    request.user = editor_user

    lists = {
        type(model_admin).__name__: model_admin.get_changelist(request)
        for model_admin in admin.site._registry.values()
    }

    assert {"ArticleAdmin", "CommentAdmin", "AccessAttemptAdmin"} <= set(lists)
    assert all(issubclass(changelist, BoundedDates) for changelist in lists.values())


# --- Names of uploaded images: as cover images, so for editor uploads too --------------------

HOSTILE_NAMES = ["ünïcødé ☃ <x>%22.jpg", ".htaccess.jpg"]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_an_image_dropped_into_the_editor_is_stored_under_a_safe_name(
    editor_client, media_root, name
):
    response = editor_client.post(UPLOAD_URL, {"image": image_file(name)}, **AJAX)

    assert response.status_code == 200
    [stored] = files_under(media_root)
    assert stored.parent == Path(media_root) / "markdownx"
    assert SAFE_NAME.fullmatch(stored.name), stored.name
    assert stored.name.isascii() and not stored.name.startswith(".")
    assert stored.suffix == ".jpg"
    assert f"(/media/markdownx/{stored.name})" in response.json()["image_code"]


def test_the_editor_names_an_image_by_what_it_is_not_by_its_extension(editor_client, media_root):
    response = editor_client.post(
        UPLOAD_URL, {"image": image_file("Führung im Team.JPG", fmt="PNG")}, **AJAX
    )

    assert response.status_code == 200
    [stored] = files_under(media_root)
    assert re.fullmatch(r"fuehrung-im-team-[0-9a-f]{8}\.png", stored.name)


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_cover_image_is_stored_under_a_safe_name(editor_client, media_root, name):
    from tests.articles.test_uploads import post_cover

    response = post_cover(editor_client, image_file(name))

    assert response.status_code == 302
    [stored] = files_under(media_root)
    assert SAFE_NAME.fullmatch(stored.name), stored.name
