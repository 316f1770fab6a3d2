"""What a browser asks of every site besides its pages: the icon at /favicon.ico (asked for by
every browser and feed reader, linked or not), the icons the pages link to, and the
stylesheet's light and dark schemes (README "Design")."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from PIL import Image

from tests.helpers import english_client
from tests.html import parse

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_favicon_ico_is_an_icon_at_the_site_root():
    response = english_client().get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    with Image.open(io.BytesIO(body(response))) as icon:
        assert icon.format == "ICO"
        assert (32, 32) in icon.info["sizes"]


def test_pages_link_an_svg_icon_and_a_touch_icon_that_exist():
    document = parse(english_client().get("/en/"))

    links = {" ".join(link["rel"]): link["href"] for link in document.select("link[rel]")}
    for rel in ("icon", "apple-touch-icon"):
        href = links[rel]
        assert href.startswith("/static/icons/")
        assert finders.find(href.removeprefix("/static/")), href
        assert english_client().get(href).status_code == 200


def test_the_stylesheet_has_a_dark_scheme_and_no_web_font():
    css = Path(finders.find("css/site.css")).read_text(encoding="utf-8")

    assert "@media (prefers-color-scheme: dark)" in css
    assert "color-scheme: light dark" in css
    assert "@font-face" not in css and "@import" not in css
    assert re.findall(r"url\(", css) == []  # nothing fetched from anywhere, own host included
