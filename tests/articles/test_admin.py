"""What an editor does in the article admin: find, write, order authors, publish."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import timedelta

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.admin import ArticleAdmin
from articles.models import Article
from tests.articles.helpers import article_form_data, change_form_data, field_errors
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory
from tests.html import one, parse, text

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"
ADD_URL = "/admin/articles/article/add/"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def change_url(article: Article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def listed_titles(response) -> list[str]:
    """The article titles in the changelist table, top to bottom."""
    table = parse(response).select_one("table#result_list")
    if table is None:
        return []
    return [text(one(row, "th.field-title")) for row in one(table, "tbody").select("tr")]


# --- Changelist ---------------------------------------------------------------------------------


def test_changelist_shows_the_columns_an_editor_needs(staff_client):
    category = CategoryFactory(name="Strategie")
    authors = [AuthorFactory(name="Bert Claes"), AuthorFactory(name="Anna Berg")]
    article = ArticleFactory(title="Führung", category=category, authors=authors, language="nl")
    Article.objects.filter(pk=article.pk).update(view_count=1234)

    response = staff_client.get(CHANGELIST, **EN)

    assert response.status_code == 200
    table = one(parse(response), "table#result_list")
    row = one(one(table, "tbody"), "tr")
    assert text(one(row, "th.field-title")) == "Führung"
    assert text(one(row, "td.field-status")) == "Published"
    assert text(one(row, "td.field-language")) == "Dutch"
    assert text(one(row, "td.field-category")) == "Strategie"
    assert text(one(row, "td.field-byline")) == "Bert Claes, Anna Berg"
    assert text(one(row, "td.field-view_count")) == "1234"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status__exact=draft", ["Entwurf"]),
        ("status__exact=published", ["Deutsch", "Niederländisch"]),
        ("language__exact=nl", ["Niederländisch"]),
        ("language__exact=de", ["Deutsch", "Entwurf"]),
    ],
)
def test_changelist_filters_by_status_and_language(staff_client, query, expected):
    ArticleFactory(title="Deutsch", language="de")
    ArticleFactory(title="Niederländisch", language="nl")
    ArticleFactory(title="Entwurf", language="de", status=Article.Status.DRAFT)

    response = staff_client.get(f"{CHANGELIST}?{query}", **EN)

    assert sorted(listed_titles(response)) == sorted(expected)


def test_changelist_filters_by_category(staff_client):
    strategy, people = CategoryFactory(name="Strategie"), CategoryFactory(name="Menschen")
    ArticleFactory(title="Plan", category=strategy)
    ArticleFactory(title="Team", category=people)

    response = staff_client.get(f"{CHANGELIST}?category__id__exact={people.pk}", **EN)

    assert listed_titles(response) == ["Team"]
    filter_links = [text(link) for link in one(parse(response), "#changelist-filter").select("a")]
    assert "Strategie" in filter_links and "Menschen" in filter_links


def test_changelist_filters_by_author_listing_each_article_once(staff_client):
    anna, bert = AuthorFactory(name="Anna Berg"), AuthorFactory(name="Bert Claes")
    ArticleFactory(title="Gemeinsam", authors=[anna, bert])
    ArticleFactory(title="Nur Bert", authors=[bert])
    ArticleFactory(title="Nur Anna", authors=[anna])

    response = staff_client.get(f"{CHANGELIST}?authors__id__exact={bert.pk}", **EN)

    assert sorted(listed_titles(response)) == ["Gemeinsam", "Nur Bert"]


@pytest.mark.parametrize(
    ("term", "expected"),
    [("Hierarchie", ["Flache Hierarchie"]), ("Kaffeeküche", ["Über Pausen"])],
)
def test_changelist_search_finds_title_and_body(staff_client, term, expected):
    ArticleFactory(title="Flache Hierarchie", body="Wer entscheidet?")
    ArticleFactory(title="Über Pausen", body="Gespräche in der Kaffeeküche zählen.")
    ArticleFactory(title="Anderes", body="Nichts davon.")

    response = staff_client.get(CHANGELIST, {"q": term}, **EN)

    assert listed_titles(response) == expected


def changelist_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST, **EN)
    assert response.status_code == 200
    return len(queries.captured_queries)


# Session and user, the changelist's count and page of articles with their categories, the
# prefetched bylines, and the filter sidebar (categories, authors, dates).
CHANGELIST_BUDGET = 11


def test_changelist_query_count_does_not_grow_with_rows(
    staff_client, django_assert_max_num_queries
):
    authors = AuthorFactory.create_batch(3)
    for _ in range(10):
        ArticleFactory(authors=authors, tags=["Führung"])
    with django_assert_max_num_queries(CHANGELIST_BUDGET):
        ten = changelist_queries(staff_client)

    for _ in range(20):
        ArticleFactory(authors=AuthorFactory.create_batch(3), category=CategoryFactory())
    with django_assert_max_num_queries(CHANGELIST_BUDGET):
        thirty = changelist_queries(staff_client)

    assert thirty == ten
    assert len(listed_titles(staff_client.get(CHANGELIST, **EN))) == 30


# --- Add and change forms ----------------------------------------------------------------------


def test_add_form_uses_the_markdownx_editor_wired_to_the_staff_endpoints(staff_client):
    response = staff_client.get(ADD_URL, **EN)

    assert response.status_code == 200
    page = parse(response)
    body = one(page, 'textarea[name="body"]')
    assert "markdownx-editor" in body["class"]
    assert body.get("data-markdownx-urls-path") == "/markdownx/markdownify/"
    assert body.get("data-markdownx-upload-urls-path") == "/markdownx/upload/"
    assert "markdownx" in body.parent["class"]
    assert body.parent.select_one("div.markdownx-preview") is not None
    scripts = [script["src"] for script in page.select("script[src]")]
    assert any(src.startswith("/static/markdownx/js/markdownx") for src in scripts)


def test_add_form_prepopulates_the_slug_from_the_title(staff_client):
    page = parse(staff_client.get(ADD_URL, **EN))

    constants = one(page, "script#django-admin-prepopulated-fields-constants")
    fields = json.loads(constants.get("data-prepopulated-fields"))
    assert [(field["id"], field["dependency_ids"]) for field in fields] == [
        ("#id_slug", ["#id_title"])
    ]
    scripts = [script["src"] for script in page.select("script[src]")]
    assert "/static/js/admin-slugs.js" in scripts


def static_path(src: str) -> str:
    path = finders.find(src.removeprefix("/static/"))
    assert path, f"{src} is not a static file"
    return path


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to run the admin's JS")
@pytest.mark.parametrize("model", ["article", "author", "category", "tag"])
def test_admin_slug_preview_spells_umlauts_out(staff_client, model):
    # Runs the slug scripts exactly as the add page loads them, in the page's order, and asks
    # the admin's URLify (which prepopulate.js calls on every key press) for a slug.
    page = parse(staff_client.get(f"/admin/articles/{model}/add/", **EN))
    wanted = ("/static/admin/js/urlify.js", "/static/js/admin-slugs.js")
    sources = [
        static_path(script["src"])
        for script in page.select("script[src]")
        if script["src"] in wanted
    ]
    assert len(sources) == 2
    program = """
        const vm = require("vm"), fs = require("fs");
        const context = {}; context.window = context; vm.createContext(context);
        for (const file of JSON.parse(process.argv[1])) {
            vm.runInContext(fs.readFileSync(file, "utf8"), context, {filename: file});
        }
        process.stdout.write(context.URLify("Führung in Größe", 100, false));
    """

    result = subprocess.run(
        ["node", "-e", program, json.dumps(sources)],
        capture_output=True, text=True, timeout=30, check=True,
    )  # fmt: skip

    assert result.stdout == "fuehrung-in-groesse"


def test_view_count_is_read_only_in_the_change_form(staff_client):
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(view_count=4321)

    page = parse(staff_client.get(change_url(article), **EN))

    assert page.select_one('input[name="view_count"]') is None
    row = one(page, ".field-view_count")
    assert text(one(row, "div.readonly")) == "4321"


def test_saving_in_the_admin_keeps_views_counted_meanwhile(staff_client):
    article = ArticleFactory(title="Alt")
    Article.objects.filter(pk=article.pk).update(view_count=10)
    staff_client.get(change_url(article), **EN)  # the editor opens the form
    Article.objects.filter(pk=article.pk).update(view_count=F("view_count") + 3)  # readers read

    response = staff_client.post(
        change_url(article), change_form_data(article, title="Neu", view_count="0"), **EN
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Neu"
    assert article.view_count == 13


def test_views_counted_while_the_admin_saves_are_kept(staff_client, monkeypatch):
    # A reader's view lands after the admin has loaded the article and before it writes it.
    article = ArticleFactory(title="Alt")
    Article.objects.filter(pk=article.pk).update(view_count=10)
    original_save_model = ArticleAdmin.save_model

    def save_model_with_a_reader_in_between(self, request, obj, form, change):
        Article.objects.filter(pk=obj.pk).update(view_count=F("view_count") + 5)
        return original_save_model(self, request, obj, form, change)

    monkeypatch.setattr(ArticleAdmin, "save_model", save_model_with_a_reader_in_between)

    response = staff_client.post(change_url(article), change_form_data(article, title="Neu"), **EN)

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.view_count) == ("Neu", 15)


def test_author_order_from_the_inline_is_the_public_byline_order(staff_client, client):
    anna, bert, carla = (AuthorFactory(name=name) for name in ["Anna", "Bert", "Carla"])
    data = article_form_data(
        category=CategoryFactory(),
        authors=[anna, bert, carla],
        positions=[2, 0, 1],
        title="Gemeinsam geschrieben",
        status="published",
    )

    response = staff_client.post(ADD_URL, data, **EN)

    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(title="Gemeinsam geschrieben")
    client.logout()
    byline = one(parse(client.get(article.get_absolute_url(), **EN)), "p.byline")
    names = [text(link) for link in byline.select('a[href*="/author/"]')]
    assert names == ["Bert", "Carla", "Anna"]


def test_article_needs_at_least_one_author(staff_client):
    # The add form shows two author rows; the editor leaves both empty.
    data = article_form_data(category=CategoryFactory(), title="Ohne Autor")
    data.update({"authorships-TOTAL_FORMS": "2"})
    for index in range(2):
        data.update({f"authorships-{index}-author": "", f"authorships-{index}-position": "0"})

    response = staff_client.post(ADD_URL, data, **EN)

    assert response.status_code == 200
    inline = one(parse(response), "#authorships-group")
    assert inline.select("ul.errorlist")
    assert not Article.objects.filter(title="Ohne Autor").exists()


def test_publishing_without_a_date_publishes_now(staff_client, client):
    before = timezone.now()
    data = article_form_data(
        category=CategoryFactory(), authors=[AuthorFactory()], title="Sofort", status="published"
    )

    response = staff_client.post(ADD_URL, data, **EN)

    assert response.status_code == 302
    article = Article.objects.get(title="Sofort")
    assert before <= article.published_at <= timezone.now()
    client.logout()
    assert client.get(article.get_absolute_url(), **EN).status_code == 200


def test_draft_without_a_date_keeps_no_date(staff_client):
    data = article_form_data(
        category=CategoryFactory(), authors=[AuthorFactory()], title="Später", status="draft"
    )

    staff_client.post(ADD_URL, data, **EN)

    assert Article.objects.get(title="Später").published_at is None


def test_publishing_with_a_future_date_keeps_it_hidden_until_then(staff_client, client):
    when = timezone.localtime(timezone.now() + timedelta(days=3))
    data = article_form_data(
        category=CategoryFactory(),
        authors=[AuthorFactory()],
        title="Geplant",
        status="published",
        published_at_0=when.strftime("%Y-%m-%d"),
        published_at_1=when.strftime("%H:%M:%S"),
    )

    response = staff_client.post(ADD_URL, data, **EN)

    assert response.status_code == 302, field_errors(response, "published_at")
    article = Article.objects.get(title="Geplant")
    assert article.published_at.replace(microsecond=0) == when.replace(microsecond=0)
    client.logout()
    assert client.get(article.get_absolute_url(), **EN).status_code == 404


def test_saved_body_is_stored_rendered_and_sanitised(staff_client):
    data = article_form_data(
        category=CategoryFactory(),
        authors=[AuthorFactory()],
        title="Mit Liste",
        body="Text:\n- a\n- b\n\n<script>alert(1)</script>",
        tags="Führung, Größe",
    )

    staff_client.post(ADD_URL, data, **EN)

    article = Article.objects.get(title="Mit Liste")
    assert "<ul>" in article.body_html
    assert "<script" not in article.body_html
    assert sorted(article.tags.values_list("slug", flat=True)) == ["fuehrung", "groesse"]
