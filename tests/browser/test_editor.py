"""What an editor does in a real browser: log in, write an article with live preview, publish."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from tests.articles.helpers import ADD_URL
from tests.factories import AuthorFactory, CategoryFactory, StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "secret-pass-123"  # what StaffFactory sets
TITLE = "Führung in Größe"
BODY = "Text:\n- eins\n- zwei"


@pytest.fixture
def editor():
    return StaffFactory(username="editor", password=PASSWORD)


def log_in(page, *, username: str, password: str) -> None:
    page.goto("/admin/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("#login-form [type=submit]").click()
    expect(page.locator("#user-tools")).to_contain_text(username)


def pick_author(page, author) -> None:
    """The inline's author is a select2 autocomplete: open it, search, choose the match."""
    page.locator("#authorships-0 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(author.name)
    page.locator(".select2-results__option", has_text=author.name).click()
    expect(page.locator("#id_authorships-0-author")).to_have_value(str(author.pk))


def test_editor_writes_and_publishes_an_article_with_live_preview(page, editor, screenshot):
    category = CategoryFactory(name="Strategie")
    author = AuthorFactory(name="Ger de Bruijn")
    log_in(page, username="editor", password=PASSWORD)

    page.goto(ADD_URL)
    # Typed key by key: the admin's slug preview listens to keyup, as for a person typing.
    page.locator("#id_title").press_sequentially(TITLE)
    expect(page.locator("#id_slug")).to_have_value("fuehrung-in-groesse")

    editor_field = page.locator("textarea.markdownx-editor")
    editor_field.fill(BODY)
    preview = page.locator(".markdownx-preview")
    # The preview is rendered by the server (AJAX, debounced) with the reader's renderer.
    expect(preview.locator("ul > li")).to_have_text(["eins", "zwei"])
    expect(preview.locator("p")).to_have_text("Text:")

    page.locator("#id_category").select_option(label=category.name)
    page.locator("#id_status").select_option("published")
    # A minute ago in the site's time zone, typed as ISO (accepted whatever the admin's language).
    published = timezone.localtime() - timedelta(minutes=1)
    page.locator("#id_published_at_0").fill(published.strftime("%Y-%m-%d"))
    page.locator("#id_published_at_1").fill(published.strftime("%H:%M:%S"))
    pick_author(page, author)
    screenshot("editor-before-save")

    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    article = Article.objects.get()
    assert article.slug == "fuehrung-in-groesse"
    assert article.is_public
    assert list(article.authors.all()) == [author]

    page.goto(article.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    body = page.locator("article .body")
    expect(body.locator("ul > li")).to_have_text(["eins", "zwei"])
    expect(page.locator(".byline")).to_contain_text(author.name)


@pytest.mark.parametrize(
    ("model", "name", "slug"),
    [
        ("category", "Größe & Führung", "groesse-fuehrung"),
        ("author", "Jürgen Ößler", "juergen-oessler"),
        ("tag", "Veränderung", "veraenderung"),
    ],
    ids=["category", "author", "tag"],
)
def test_slug_preview_spells_umlauts_out_on_every_add_form(page, editor, model, name, slug):
    # The same readable rule as the server's: what the editor sees is what gets saved.
    log_in(page, username="editor", password=PASSWORD)

    page.goto(f"/admin/articles/{model}/add/")
    page.locator("#id_name").press_sequentially(name)

    expect(page.locator("#id_slug")).to_have_value(slug)
