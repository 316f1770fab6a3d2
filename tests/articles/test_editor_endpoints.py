"""The Markdown editor's upload and preview endpoints: staff only (CVE-2024-2319), CSRF-checked."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver

from articles.markdown import render_markdown
from tests.articles.helpers import ADD_URL, AJAX, PREVIEW_URL, UPLOAD_URL, files_under
from tests.factories import image_file
from tests.helpers import XSS
from tests.html import one, parse, text

pytestmark = pytest.mark.django_db

# What an editor (or someone with a stolen editor session) might type into the editor.
HOSTILE_BODY = f"Text:\n- a\n- b\n\n{XSS}"


@pytest.fixture
def reader_client(client, reader_user):
    client.force_login(reader_user)
    return client


@pytest.fixture
def inactive_editor_client(client, editor_user):
    client.force_login(editor_user)
    editor_user.is_active = False
    editor_user.save()
    return client


@pytest.fixture
def staff_without_article_rights_client(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="receptionist", is_staff=True))
    return client


WHO_MAY_NOT = [
    "client",
    "reader_client",
    "inactive_editor_client",
    "staff_without_article_rights_client",
]


@pytest.mark.parametrize("who", WHO_MAY_NOT)
def test_upload_is_refused_for_anyone_but_active_staff_and_stores_nothing(request, who, media_root):
    client = request.getfixturevalue(who)

    response = client.post(UPLOAD_URL, {"image": image_file()}, **AJAX)

    assert response.status_code == 403
    assert "image_code" not in response.content.decode()
    assert files_under(media_root) == []


@pytest.mark.parametrize("who", WHO_MAY_NOT)
def test_preview_is_refused_for_anyone_but_active_staff(request, who):
    client = request.getfixturevalue(who)

    response = client.post(PREVIEW_URL, {"content": "**fett**"}, **AJAX)

    assert response.status_code == 403
    assert "<strong>fett</strong>" not in response.content.decode()


def test_staff_preview_is_the_same_html_that_saving_stores(editor_client):
    response = editor_client.post(PREVIEW_URL, {"content": HOSTILE_BODY}, **AJAX)

    assert response.status_code == 200
    html = response.content.decode()
    assert html == render_markdown(HOSTILE_BODY)
    page = parse(html)
    assert [text(item) for item in one(page, "ul").select("li")] == ["a", "b"]
    assert page.select_one("script") is None
    assert "onerror" not in html
    assert "alert(1)" not in html
    assert "alert(2)" not in html


def test_staff_preview_of_nothing_is_empty(editor_client):
    response = editor_client.post(PREVIEW_URL, {}, **AJAX)

    assert response.status_code == 200
    assert response.content.decode().strip() == ""


@pytest.mark.parametrize("url", [UPLOAD_URL, PREVIEW_URL])
def test_get_is_not_allowed_even_for_staff(editor_client, url):
    response = editor_client.get(url, **AJAX)

    assert response.status_code == 405
    assert response["Allow"] == "POST"


@pytest.mark.parametrize("url", [UPLOAD_URL, PREVIEW_URL])
def test_get_by_anonymous_is_refused(client, url):
    assert client.get(url, **AJAX).status_code == 403


@pytest.fixture
def csrf_editor_client(editor_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor_user)
    return client


def csrf_token(client) -> str:
    """The token the admin page hands the editor's JavaScript (via the csrftoken cookie)."""
    assert client.get(ADD_URL).status_code == 200
    return client.cookies["csrftoken"].value


def test_preview_without_csrf_token_is_refused(csrf_editor_client):
    response = csrf_editor_client.post(PREVIEW_URL, {"content": "**fett**"}, **AJAX)

    assert response.status_code == 403
    assert "<strong>fett</strong>" not in response.content.decode()


def test_preview_with_the_csrf_token_works(csrf_editor_client):
    token = csrf_token(csrf_editor_client)

    response = csrf_editor_client.post(
        PREVIEW_URL, {"content": "**fett**"}, HTTP_X_CSRFTOKEN=token, **AJAX
    )

    assert response.status_code == 200
    assert "<strong>fett</strong>" in response.content.decode()


def test_upload_without_csrf_token_is_refused_and_stores_nothing(csrf_editor_client, media_root):
    csrf_token(csrf_editor_client)  # the cookie alone, without the token in the request

    response = csrf_editor_client.post(UPLOAD_URL, {"image": image_file()}, **AJAX)

    assert response.status_code == 403
    assert files_under(media_root) == []


def test_upload_with_the_csrf_token_works(csrf_editor_client, media_root):
    token = csrf_token(csrf_editor_client)

    response = csrf_editor_client.post(
        UPLOAD_URL, {"image": image_file()}, HTTP_X_CSRFTOKEN=token, **AJAX
    )

    assert response.status_code == 200
    assert len(files_under(media_root)) == 1


def all_views(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from all_views(pattern.url_patterns)
        else:
            # Class-based views (markdownx's are) are known by their class, not the wrapper.
            yield getattr(pattern.callback, "view_class", pattern.callback)


def test_markdownx_own_open_views_are_mounted_nowhere():
    modules = {getattr(view, "__module__", "") for view in all_views(get_resolver().url_patterns)}

    assert not any(module.startswith("markdownx") for module in modules)
