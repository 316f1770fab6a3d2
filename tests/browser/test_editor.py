"""What an editor does in a real browser: log in, write an article with live preview, order the
byline, publish; the form asks before unsaved changes are lost; slug previews."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.articles.helpers import ADD_URL
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, EditorUserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "secret-pass-123"  # what the user factories set
TITLE = "Führung in Größe"
BODY = "Text:\n- eins\n- zwei"


@pytest.fixture
def editor():
    return EditorUserFactory(username="editor", password=PASSWORD)


def log_in(page, *, username: str, password: str) -> None:
    page.goto("/admin/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("#login-form [type=submit]").click()
    expect(page.locator("#logout-form")).to_be_attached()


def pick_author(page, author, row: int = 0) -> None:
    """The inline's author is a select2 autocomplete: open it, search, choose the match."""
    page.locator(f"#authorships-{row} .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(author.name)
    page.locator(".select2-results__option", has_text=author.name).click()
    expect(page.locator(f"#id_authorships-{row}-author")).to_have_value(str(author.pk))


def test_editor_writes_orders_the_byline_and_publishes_with_live_preview(page, editor, screenshot):
    category = CategoryFactory(name="Strategie")
    first, second = AuthorFactory(name="Ger de Bruijn"), AuthorFactory(name="Anna Berg")
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
    pick_author(page, first)
    page.get_by_text("Add another author").click()
    pick_author(page, second, row=1)
    # No numbers to type: the second author moves up with a button.
    page.locator("#authorships-1").get_by_role("button", name="Move up").click()
    screenshot("editor-before-save")

    page.get_by_role("button", name="Publish now").first.click()
    expect(page.locator(".messagelist .success").first).to_contain_text("Published")

    article = Article.objects.get()
    assert article.slug == "fuehrung-in-groesse"
    assert article.is_public
    assert article.ordered_authors == [second, first]

    page.goto(article.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    body = page.locator("article .body")
    expect(body.locator("ul > li")).to_have_text(["eins", "zwei"])
    expect(page.locator('.byline a[href*="/en/author/"]')).to_have_text(
        ["Anna Berg", "Ger de Bruijn"]
    )


def test_leaving_the_form_with_unsaved_changes_asks_first(page, editor):
    log_in(page, username="editor", password=PASSWORD)
    page.goto(ADD_URL)
    page.locator("#id_title").fill("Halb geschrieben")
    dialogs = []

    def answer(dialog) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()  # "stay on this page"

    page.on("dialog", answer)
    page.locator(".breadcrumbs a", has_text="Home").click()

    expect(page.locator("#id_title")).to_have_value("Halb geschrieben")
    assert dialogs == ["beforeunload"]


@pytest.mark.parametrize(
    ("model", "suffix", "name", "slug"),
    [
        # A category has a name and slug per language (side by side): each slug its own name's.
        ("category", "_de", "Größe & Führung", "groesse-fuehrung"),
        ("author", "", "Jürgen Ößler", "juergen-oessler"),
        ("tag", "", "Veränderung", "veraenderung"),
    ],
    ids=["category", "author", "tag"],
)
def test_slug_preview_spells_umlauts_out_on_every_add_form(page, editor, model, suffix, name, slug):
    # The same readable rule as the server's: what the editor sees is what gets saved.
    log_in(page, username="editor", password=PASSWORD)

    page.goto(f"/admin/articles/{model}/add/")
    page.locator(f"#id_name{suffix}").press_sequentially(name)

    expect(page.locator(f"#id_slug{suffix}")).to_have_value(slug)


def test_unpublishing_with_unsaved_changes_asks_first(page, editor):
    article = ArticleFactory(title="Live")
    log_in(page, username="editor", password=PASSWORD)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.locator("#id_title").fill("Live, aber geändert")
    dialogs = []

    def answer(dialog) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    page.get_by_role("button", name="Unpublish").first.click()

    expect(page.locator("#id_title")).to_have_value("Live, aber geändert")
    assert dialogs == ["confirm"]
    article.refresh_from_db()
    assert article.is_public
