"""Security headers: the Content-Security-Policy on public pages (and the admin's looser one),
and Permissions-Policy on every answer (config/headers.py)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings

from config.headers import PERMISSIONS_POLICY
from tests import showcase
from tests.factories import ArticleFactory, CategoryFactory
from tests.helpers import english_client
from tests.html import event_handlers, parse

pytestmark = pytest.mark.django_db

TABLE = "| Phase | Dauer |\n|:--|--:|\n| Analyse | 2 Wochen |\n"
PUBLIC_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response.headers.get("Content-Security-Policy")
    assert header, "no Content-Security-Policy header"
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


def features_off(response) -> dict[str, str]:
    header = response.headers.get("Permissions-Policy")
    assert header, "no Permissions-Policy header"
    return dict(item.strip().split("=", 1) for item in header.split(","))


@pytest.fixture
def public_pages(db) -> dict[str, str]:
    category = CategoryFactory(name="Leadership")
    article = ArticleFactory(title="Plan in phases", body=TABLE, category=category)
    return {
        "home": "/en/",
        "article": article.get_absolute_url(),
        "category": category.url_in("en"),
        "not-found": "/en/no-such-page/",
    }


def test_every_kind_of_public_page_carries_the_strict_policy_and_nothing_it_would_block():
    """Home, article (cover, table, code, comments), category, tag, author, archive, search
    results and the 404 page (tests/showcase.py)."""
    for name, url in showcase.build().pages().items():
        response = english_client().get(url)
        assert response.status_code == (404 if name == "404" else 200), url

        assert policy(response) == PUBLIC_POLICY, url
        document = parse(response)
        assert document.select("[style]") == [], url
        assert document.select("style") == [], url
        assert event_handlers(document) == [], url
        # Data blocks (JSON-LD) are no scripts; anything else would be blocked.
        assert [
            script
            for script in document.select("script")
            if script.get("type") != "application/ld+json"
        ] == [], url


def test_table_alignment_reaches_the_article_as_a_class(public_pages):
    document = parse(english_client().get(public_pages["article"]))

    cells = document.select(".body td")
    assert [cell.get("class") for cell in cells] == [["align-left"], ["align-right"]]


def test_the_admin_keeps_scripts_strict_and_allows_inline_styles(editor_client):
    response = editor_client.get("/admin/articles/article/add/")
    assert response.status_code == 200

    admin_policy = policy(response)
    assert admin_policy["script-src"] == ["'self'"]
    assert admin_policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert admin_policy["frame-ancestors"] == ["'none'"]
    # The admin pages themselves have no inline script either.
    assert [s for s in parse(response).select("script") if not s.get("src")] == []


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/en/", 200),
        ("/admin/login/", 200),
        ("/en/no-such-page/", 404),
        ("/static/css/site.css", 200),  # answered by WhiteNoise, before Django's views
        ("/", 302),
    ],
)
def test_every_answer_switches_powerful_features_off(db, url, status):
    response = english_client().get(url)
    assert response.status_code == status

    off = features_off(response)
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert off[feature] == "()"
    assert set(off.values()) == {"()"}


def test_nginx_sends_the_same_permissions_policy_as_django():
    """The front sets the header on its own answers too (config/nginx.conf.template): the two
    lists must not drift apart."""
    template = (settings.BASE_DIR / "config" / "nginx.conf.template").read_text()
    (value,) = re.findall(r'more_set_headers "Permissions-Policy: ([^"]+)";', template)

    assert value == PERMISSIONS_POLICY
