from __future__ import annotations

import re

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "views", "credit", "comments"),
    [
        ("de", "8.791 Aufrufe", "Titelbild: Anna Berg", "Kommentar schreiben"),
        ("nl", "8.791 weergaven", "Omslagfoto: Anna Berg", "Reageer"),
        ("en", "8,791 views", "Cover image: Anna Berg", "Leave a comment"),
    ],
)
def test_each_edition_speaks_its_language_whatever_the_browser(
    client, language, views, credit, comments
):
    from articles.models import Article
    from tests.factories import image_file

    article = ArticleFactory(language=language, cover_credit="Anna Berg", cover_alt="Diagramm")
    article.cover_image.save("cover.jpg", image_file(), save=True)
    Article.objects.filter(pk=article.pk).update(view_count=8790)

    # A French browser changes nothing: the address (/de/, /nl/, /en/) decides.
    response = client.get(article.get_absolute_url(), headers={"accept-language": "fr"})

    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert views in html  # 8790 stored + this read, grouped the edition's way
    assert credit in html
    assert comments in html
    assert response.headers["Content-Language"] == language
    assert "Accept-Language" not in response.get("Vary", "")


def test_unknown_browser_language_leads_to_the_site_languages_edition(client, settings):
    settings.LANGUAGE_CODE = "de"
    response = client.get("/", headers={"accept-language": "fr"})
    assert response["Location"] == "/de/"
    assert "Neueste Artikel" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("language", "panel", "button"),
    [
        ("de", "Wartet auf Prüfung", "Zur Prüfung einreichen"),
        ("nl", "Wacht op beoordeling", "Ter beoordeling indienen"),
    ],
)
def test_the_editorial_desk_speaks_the_editors_language(language, panel, button):
    from articles.models import Article
    from tests.factories import EditorUserFactory
    from tests.helpers import logged_in

    editor = logged_in(EditorUserFactory(), HTTP_ACCEPT_LANGUAGE=language)
    draft = ArticleFactory(status=Article.Status.DRAFT)

    assert panel in editor.get("/admin/").content.decode()
    assert button in editor.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()


@pytest.mark.parametrize("language", ["de", "nl"])
def test_every_interface_text_is_translated(language):
    """No empty or fuzzy entry in the catalogue: a new text without its translation fails."""
    from pathlib import Path

    catalogue = Path(__file__).resolve().parents[1] / f"locale/{language}/LC_MESSAGES/django.po"
    entries = catalogue.read_text(encoding="utf-8").split("\n\n")[1:]  # after the header
    # An empty msgstr is `msgstr ""` not followed by a continuation line ("…"): a long
    # translation starts with an empty first line too, wrapped by gettext.
    empty = re.compile(r'^msgstr(\[\d\])? ""\n(?!")', re.MULTILINE)
    untranslated = [
        entry.splitlines()[-2] if "msgid" in entry else entry
        for entry in entries
        if "#, fuzzy" in entry or empty.search(entry.rstrip() + "\n")
    ]
    assert untranslated == []
