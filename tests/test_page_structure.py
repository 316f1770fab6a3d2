"""The structure a screen reader moves by, on every kind of public page (tests/showcase.py,
plus the comment form sent back with errors): a skip link to the main content, one banner,
one main and one footer landmark, exactly one h1, headings that never skip a level, and a
text alternative on every image. axe-core (tests/browser/test_look.py) reports skipped
heading levels only as "moderate", so they are held here."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comments.spam import new_ticket
from tests import showcase
from tests.helpers import english_client
from tests.html import parse

pytestmark = pytest.mark.django_db


def problems(document) -> list[str]:
    found = []
    skip = document.select_one("body > a.skip-link")
    if skip is None or skip.get("href") != "#main" or document.select_one("main#main") is None:
        found.append("no skip link to <main id=main> first in the body")
    for selector in ("body > header", "main", "body > footer"):
        if len(document.select(selector)) != 1:
            found.append(f"not exactly one {selector}")
    levels = [int(h.name[1]) for h in document.select("h1, h2, h3, h4, h5, h6")]
    if levels.count(1) != 1 or levels[0] != 1:
        found.append(f"not one h1 before the other headings: {levels}")
    found += [
        f"h{before} followed by h{after}"
        for before, after in zip(levels, levels[1:], strict=False)
        if after > before + 1
    ]
    found += [f"image without alt: {img.get('src')}" for img in document.select("img:not([alt])")]
    return found


def test_every_kind_of_page_has_landmarks_one_h1_and_headings_in_order(settings):
    settings.COMMENT_MIN_SECONDS = 0
    site = showcase.build()
    client = english_client()
    pages = {}
    for name, url in site.pages().items():
        response = client.get(url)
        assert response.status_code == (404 if name == "404" else 200), url
        pages[name] = parse(response)
    sent_back = client.post(
        reverse("comments:post", args=[site.article.pk]),
        {"name": "", "email": "x", "body": "", "ticket": new_ticket()},
    )
    assert sent_back.status_code == 400
    pages["comment form with errors"] = parse(sent_back)

    assert {name: problems(page) for name, page in pages.items() if problems(page)} == {}


def test_a_skipped_heading_level_is_found():
    """The check above can fail: a page that jumps from h1 to h3 is reported."""
    page = parse(
        '<html><body><a class="skip-link" href="#main">Skip</a><header></header>'
        '<main id="main"><h1>T</h1><h3>x</h3><img src="/a.png"></main><footer></footer>'
        "</body></html>"
    )

    assert problems(page) == ["h1 followed by h3", "image without alt: /a.png"]
