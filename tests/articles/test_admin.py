"""What an editor does in the article admin: find, write, order authors, publish."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.db.models import F
from django.utils import timezone
from PIL import Image

from articles.admin import ArticleAdmin
from articles.models import Article
from tests.articles.helpers import (
    ADD_URL,
    PREVIEW_URL,
    UPLOAD_URL,
    article_form_data,
    change_form_data,
    change_url,
)
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, UserFactory, image_file
from tests.helpers import XSS, count_queries
from tests.html import changelist_rows, field_errors, one, parse, text

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"


def listed_titles(response) -> list[str]:
    """The article titles in the changelist table, top to bottom."""
    return [text(one(row, "th.field-title")) for row in changelist_rows(response)]


# --- Changelist ---------------------------------------------------------------------------------


def test_changelist_shows_the_columns_an_editor_needs(editor_client):
    category = CategoryFactory(name="Strategie")
    authors = [AuthorFactory(name="Bert Claes"), AuthorFactory(name="Anna Berg")]
    article = ArticleFactory(
        title="Führung",
        category=category,
        authors=authors,
        language="nl",
        published_at=datetime(2024, 3, 5, 10, 0, tzinfo=ZoneInfo("Europe/Berlin")),
    )
    Article.objects.filter(pk=article.pk).update(view_count=1234)

    response = editor_client.get(CHANGELIST)

    assert response.status_code == 200
    [row] = changelist_rows(response)
    assert text(one(row, "th.field-title")) == "Führung"
    assert text(one(row, "td.field-state_badge")) == "Published"
    assert text(one(row, "td.field-language_code")) == "NL"
    assert one(row, "td.field-language_code abbr")["title"] == "Dutch"
    assert text(one(row, "td.field-category")) == "Strategie"
    assert text(one(row, "td.field-byline")) == "Bert Claes, Anna Berg"
    assert text(one(row, "td.field-publish_date")) == "03/05/2024 10 a.m."
    assert text(one(row, "td.field-view_count")) == "1234"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("state=draft", ["Entwurf"]),
        ("state=review", ["Zur Prüfung"]),
        ("state=scheduled", ["Geplant"]),
        ("state=published", ["Deutsch", "Niederländisch"]),
        ("state=archived", ["Archiviert"]),
        ("language__exact=nl", ["Niederländisch"]),
        ("language__exact=de", ["Deutsch", "Entwurf"]),
        ("language__exact=en", ["Archiviert", "Geplant", "Zur Prüfung"]),
    ],
)
def test_changelist_filters_by_state_and_language(editor_client, query, expected):
    ArticleFactory(title="Deutsch", language="de")
    ArticleFactory(title="Niederländisch", language="nl")
    ArticleFactory(title="Entwurf", language="de", status=Article.Status.DRAFT)
    ArticleFactory(title="Zur Prüfung", status=Article.Status.REVIEW)
    ArticleFactory(title="Geplant", published_at=timezone.now() + timedelta(days=2))
    ArticleFactory(title="Archiviert", status=Article.Status.ARCHIVED)

    response = editor_client.get(f"{CHANGELIST}?{query}")

    assert sorted(listed_titles(response)) == sorted(expected)


def test_changelist_filters_by_category(editor_client):
    strategy, people = CategoryFactory(name="Strategie"), CategoryFactory(name="Menschen")
    ArticleFactory(title="Plan", category=strategy)
    ArticleFactory(title="Team", category=people)

    response = editor_client.get(f"{CHANGELIST}?category__id__exact={people.pk}")

    assert listed_titles(response) == ["Team"]
    filter_links = [text(link) for link in one(parse(response), "#changelist-filter").select("a")]
    assert "Strategie" in filter_links and "Menschen" in filter_links


def test_changelist_filters_by_author_listing_each_article_once(editor_client):
    anna, bert = AuthorFactory(name="Anna Berg"), AuthorFactory(name="Bert Claes")
    ArticleFactory(title="Gemeinsam", authors=[anna, bert])
    ArticleFactory(title="Nur Bert", authors=[bert])
    ArticleFactory(title="Nur Anna", authors=[anna])

    response = editor_client.get(f"{CHANGELIST}?authors__id__exact={bert.pk}")

    assert sorted(listed_titles(response)) == ["Gemeinsam", "Nur Bert"]


@pytest.mark.parametrize(
    ("term", "expected"),
    [("Hierarchie", ["Flache Hierarchie"]), ("Kaffeeküche", ["Über Pausen"])],
)
def test_changelist_search_finds_title_and_body(editor_client, term, expected):
    ArticleFactory(title="Flache Hierarchie", body="Wer entscheidet?")
    ArticleFactory(title="Über Pausen", body="Gespräche in der Kaffeeküche zählen.")
    ArticleFactory(title="Anderes", body="Nichts davon.")

    response = editor_client.get(CHANGELIST, {"q": term})

    assert listed_titles(response) == expected


# Session and user, the user's own and group permissions (an editor is no superuser), the
# categories of the bulk-action bar, the changelist's count and page of articles with their
# categories, the prefetched bylines, and the filter sidebar (categories, authors, dates).
CHANGELIST_BUDGET = 14


def test_changelist_query_count_does_not_grow_with_rows(
    editor_client, django_assert_max_num_queries
):
    authors = AuthorFactory.create_batch(3)
    for _ in range(10):
        ArticleFactory(authors=authors, tags=["Führung"])
    with django_assert_max_num_queries(CHANGELIST_BUDGET):
        ten, response = count_queries(editor_client, CHANGELIST)
    assert len(listed_titles(response)) == 10

    for _ in range(20):
        ArticleFactory(authors=AuthorFactory.create_batch(3), category=CategoryFactory())
    with django_assert_max_num_queries(CHANGELIST_BUDGET):
        thirty, response = count_queries(editor_client, CHANGELIST)

    assert thirty == ten
    assert len(listed_titles(response)) == 30


def add_authors_categories_and_tags(count: int) -> None:
    """``count`` more rows in each of the author, category and tag changelists."""
    for _ in range(count):
        # Authors with a login: the author list shows the account, a second table.
        author = AuthorFactory(user=UserFactory())
        ArticleFactory(authors=[author], category=CategoryFactory(), tags=[f"Über {author.name}"])


# Session and user, the user's own and group permissions, the paginator's count and the
# unfiltered count, and the page of rows.
OTHER_CHANGELIST_BUDGET = 7


@pytest.mark.parametrize(
    "model",
    ["author", "category", "tag"],
)
def test_author_category_and_tag_changelists_do_not_grow_with_rows(
    editor_client, django_assert_max_num_queries, model
):
    url = f"/admin/articles/{model}/"
    add_authors_categories_and_tags(3)
    editor_client.get(url)  # once before: what a process caches (content types) is not per page
    with django_assert_max_num_queries(OTHER_CHANGELIST_BUDGET):
        few, response = count_queries(editor_client, url)
    assert len(changelist_rows(response)) == 3

    add_authors_categories_and_tags(12)
    with django_assert_max_num_queries(OTHER_CHANGELIST_BUDGET):
        many, response = count_queries(editor_client, url)

    assert len(changelist_rows(response)) == 15
    assert many == few


# The change form: session and user, the user's own and group permissions, the article with
# its prefetched byline (two queries), its tags, the inline's rows (with their authors), the
# related articles' rows, its share links, the category choices and the other apps' panels
# (comments: one aggregate, comments/article_admin.py); then each author row costs one more:
# Django's autocomplete widget looks up the row's chosen author itself.
CHANGE_FORM_WITH_THREE_AUTHORS_BUDGET = 16
PER_AUTHOR_ROW = 1


def change_form_queries(editor_client, authors: int) -> int:
    article = ArticleFactory(
        authors=AuthorFactory.create_batch(authors), tags=[f"Thema {i}" for i in range(10)]
    )
    editor_client.get(change_url(article))  # once before, as for the changelists
    count, response = count_queries(editor_client, change_url(article))
    chosen = parse(response).select('#authorships-group select[name$="-author"] option[selected]')
    assert len(chosen) == authors
    return count


def test_article_change_form_with_three_authors_stays_within_its_budget(editor_client):
    three = change_form_queries(editor_client, 3)
    eight = change_form_queries(editor_client, 8)

    assert three <= CHANGE_FORM_WITH_THREE_AUTHORS_BUDGET
    # A second query per row (a tag or a position looked up per author) would show here.
    assert eight - three <= 5 * PER_AUTHOR_ROW


# --- Add and change forms ----------------------------------------------------------------------


def test_add_form_uses_the_markdownx_editor_wired_to_the_staff_endpoints(editor_client):
    response = editor_client.get(ADD_URL)

    assert response.status_code == 200
    page = parse(response)
    body = one(page, 'textarea[name="body"]')
    assert "markdownx-editor" in body["class"]
    assert body.get("data-markdownx-urls-path") == PREVIEW_URL
    assert body.get("data-markdownx-upload-urls-path") == UPLOAD_URL
    editor = body.find_parent("div", class_="markdownx")
    assert editor is not None and editor.select_one("div.markdownx-preview") is not None
    scripts = [script["src"] for script in page.select("script[src]")]
    assert any(src.startswith("/static/markdownx/js/markdownx") for src in scripts)


def test_add_form_prepopulates_the_slug_from_the_title(editor_client):
    page = parse(editor_client.get(ADD_URL))

    constants = one(page, "script#django-admin-prepopulated-fields-constants")
    fields = json.loads(constants.get("data-prepopulated-fields"))
    assert [(field["id"], field["dependency_ids"]) for field in fields] == [
        ("#id_slug", ["#id_title"])
    ]
    scripts = [script["src"] for script in page.select("script[src]")]
    assert "/static/js/admin-slugs.js" in scripts


def test_view_count_is_read_only_in_the_change_form(editor_client):
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(view_count=4321)

    page = parse(editor_client.get(change_url(article)))

    assert page.select_one('input[name="view_count"]') is None
    row = one(page, ".field-view_count")
    assert text(one(row, "div.readonly")) == "4321"


def test_views_counted_while_the_admin_saves_are_kept(editor_client, monkeypatch):
    # A reader's view lands after the admin has loaded the article and before it writes it.
    article = ArticleFactory(title="Alt")
    Article.objects.filter(pk=article.pk).update(view_count=10)
    original_save_model = ArticleAdmin.save_model

    def save_model_with_a_reader_in_between(self, request, obj, form, change):
        Article.objects.filter(pk=obj.pk).update(view_count=F("view_count") + 5)
        return original_save_model(self, request, obj, form, change)

    monkeypatch.setattr(ArticleAdmin, "save_model", save_model_with_a_reader_in_between)

    response = editor_client.post(change_url(article), change_form_data(article, title="Neu"))

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.view_count) == ("Neu", 15)


def test_author_order_from_the_inline_is_the_public_byline_order(editor_client, client):
    anna, bert, carla = (AuthorFactory(name=name) for name in ["Anna", "Bert", "Carla"])
    data = article_form_data(
        category=CategoryFactory(),
        authors=[anna, bert, carla],
        positions=[2, 0, 1],
        title="Gemeinsam geschrieben",
        _workflow="publish",
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(title="Gemeinsam geschrieben")
    client.logout()
    byline = one(parse(client.get(article.get_absolute_url())), "p.byline")
    author_pages = {author.url_in(article.language) for author in (anna, bert, carla)}
    names = [text(link) for link in byline.select("a") if link["href"] in author_pages]
    assert names == ["Bert", "Carla", "Anna"]


def test_article_needs_at_least_one_author(editor_client):
    # The add form shows two author rows; the editor leaves both empty.
    data = article_form_data(category=CategoryFactory(), title="Ohne Autor")
    data.update({"authorships-TOTAL_FORMS": "2"})
    for index in range(2):
        data.update({f"authorships-{index}-author": "", f"authorships-{index}-position": "0"})

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    inline = one(parse(response), "#authorships-group")
    assert inline.select("ul.errorlist")
    assert not Article.objects.filter(title="Ohne Autor").exists()


def test_publishing_without_a_date_publishes_now(editor_client, client):
    before = timezone.now()
    data = article_form_data(
        category=CategoryFactory(), authors=[AuthorFactory()], title="Sofort", _workflow="publish"
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302
    article = Article.objects.get(title="Sofort")
    assert before <= article.published_at <= timezone.now()
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_draft_without_a_date_keeps_no_date(editor_client):
    data = article_form_data(category=CategoryFactory(), authors=[AuthorFactory()], title="Später")

    editor_client.post(ADD_URL, data)

    assert Article.objects.get(title="Später").published_at is None


def test_publishing_with_a_future_date_keeps_it_hidden_until_then(editor_client, client):
    when = timezone.localtime(timezone.now() + timedelta(days=3))
    data = article_form_data(
        category=CategoryFactory(),
        authors=[AuthorFactory()],
        title="Geplant",
        _workflow="schedule",
        published_at_0=when.strftime("%Y-%m-%d"),
        published_at_1=when.strftime("%H:%M:%S"),
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302, field_errors(response, "published_at")
    article = Article.objects.get(title="Geplant")
    assert article.published_at.replace(microsecond=0) == when.replace(microsecond=0)
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_saved_body_is_stored_rendered_and_sanitised(editor_client):
    data = article_form_data(
        category=CategoryFactory(),
        authors=[AuthorFactory()],
        title="Mit Liste",
        body=f"Text:\n- a\n- b\n\n{XSS}",
        tags="Führung, Größe",
    )

    editor_client.post(ADD_URL, data)

    article = Article.objects.get(title="Mit Liste")
    assert "<ul>" in article.body_html
    assert "<script" not in article.body_html
    assert "onerror" not in article.body_html
    assert sorted(article.tags.values_list("slug", flat=True)) == ["fuehrung", "groesse"]


# --- The writing desk ---------------------------------------------------------------------------


def test_the_list_and_the_change_form_show_a_cover_thumbnail(
    editor_client, media_root, django_capture_on_commit_callbacks
):
    data = article_form_data(
        category=CategoryFactory(), authors=[AuthorFactory()], title="Mit Bild",
        cover_image=image_file("bild.jpg", size=(640, 480)), cover_alt="Ein Bild",
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):  # the save commits: thumbnail made
        assert editor_client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get(title="Mit Bild")

    [row] = changelist_rows(editor_client.get(CHANGELIST))
    thumb = one(row, "td.field-thumbnail img")
    form_thumb = one(parse(editor_client.get(change_url(article))), ".field-cover_preview img")

    for img, size in [(thumb, (64, 36)), (form_thumb, (160, 90))]:
        assert (int(img["width"]), int(img["height"])) == size
        path = Path(media_root) / img["src"].removeprefix("/media/")
        with Image.open(path) as stored:
            assert stored.size == (160, 90)  # one small rendition, not the 640 px original


@pytest.mark.parametrize(
    ("fields", "label", "css"),
    [
        ({"status": Article.Status.DRAFT}, "Draft", "state-draft"),
        ({"status": Article.Status.REVIEW}, "In review", "state-review"),
        ({"published_at": timezone.now() + timedelta(days=1)}, "Scheduled for", "state-scheduled"),
        ({}, "Published", "state-published"),
        ({"status": Article.Status.ARCHIVED}, "Archived", "state-archived"),
    ],
)
def test_the_list_shows_each_state_in_words_and_colour(editor_client, fields, label, css):
    ArticleFactory(**fields)

    [row] = changelist_rows(editor_client.get(CHANGELIST))

    badge = one(row, "td.field-state_badge .state")
    assert text(badge).startswith(label)
    assert css in badge["class"]


def test_publishing_with_a_placeholder_image_is_refused_naming_the_image(editor_client):
    article = ArticleFactory(status=Article.Status.REVIEW)
    body = "Einleitung.\n\n![Describe the image](/media/markdownx/organigramm-3f2a.png)\n\nMehr."

    response = editor_client.post(
        change_url(article), change_form_data(article, body=body, _workflow="publish")
    )

    assert response.status_code == 200
    assert any(
        "“organigramm-3f2a.png” has no description yet" in e for e in field_errors(response, "body")
    )
    article.refresh_from_db()
    assert (article.status, "organigramm" in article.body) == (Article.Status.REVIEW, False)


def test_the_markdown_preview_is_a_labelled_region_beside_the_text(editor_client):
    page = parse(editor_client.get(ADD_URL))

    preview = one(page, ".markdownx-preview")
    label = one(page, f"#{preview['aria-labelledby']}")
    assert preview["role"] == "region" and text(label) == "Preview: what readers will see"
    assert preview.get("tabindex") == "0"  # it scrolls on its own: keyboard users reach it
    scripts = [script["src"] for script in page.select("script[src]")]
    assert "/static/js/admin-unsaved.js" in scripts and "/static/js/admin-byline.js" in scripts
