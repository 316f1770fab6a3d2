"""The editors' pages have no critical or serious axe-core violation (WCAG 2.1 AA rules), and
their lists fit a 1280 px screen."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles import services
from articles.models import Book, Series, Status
from articles.revisions import article_versions
from comments.models import Comment
from tests.browser.axe import blocking_violations
from tests.browser.test_editor import PASSWORD, log_in
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    AuthorUserFactory,
    CategoryFactory,
    CommentFactory,
    EditorUserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def settled(page) -> None:
    """Wait until the page's scripts are done: every select2 widget is built and named
    (static/js/admin-field-names.js). A name that never comes fails here by timeout."""
    page.wait_for_load_state("load")
    page.wait_for_function(
        """() => [...document.querySelectorAll("select.admin-autocomplete")]
            .filter((s) => !s.closest(".empty-form"))
            .every((s) => {
                const box = s.parentElement.querySelector(".select2-selection");
                return box && (box.getAttribute("aria-labelledby") || "").includes("-label");
            })"""
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_editors_pages_pass_axe(new_context, scheme):
    editor = EditorUserFactory(username="editor", password=PASSWORD)
    article = ArticleFactory(status=Status.REVIEW, authors=AuthorFactory.create_batch(2))
    article.title = "Zweite Fassung"
    services.article_save(article=article, authors=article.ordered_authors, by=editor)
    older = article_versions(article).last()
    ArticleFactory(title="Geplant", published_at=timezone.now() + timedelta(days=1))
    page = new_context(color_scheme=scheme).new_page()
    log_in(page, username="editor", password=PASSWORD)

    for url in [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        f"/admin/articles/article/{article.pk}/change/",
        f"/admin/articles/article/{article.pk}/history/",
        f"/admin/articles/article/{article.pk}/history/compare/",
        f"/admin/articles/article/{article.pk}/history/{older.pk}/restore/",
        "/admin/articles/sharelink/",
        "/admin/articles/author/add/",
        "/admin/articles/series/add/",
        "/admin/articles/book/add/",
    ]:
        page.goto(url)
        settled(page)
        assert blocking_violations(page) == [], url


def test_an_authors_add_form_passes_axe(page):
    writer = AuthorUserFactory(username="writer", password=PASSWORD)
    services.author_record_for(user=writer)
    log_in(page, username="writer", password=PASSWORD)

    page.goto("/admin/articles/article/add/")
    settled(page)

    assert blocking_violations(page) == []


@pytest.mark.parametrize("locale", ["en-US", "de-DE", "nl-NL"])
def test_the_lists_are_readable_at_1280_pixels_without_clipped_columns(new_context, locale):
    EditorUserFactory(username="editor", password=PASSWORD)
    category = CategoryFactory(name="Businesstraining")
    for index, when in enumerate([-2, 3, -40]):
        article = ArticleFactory(
            title=f"Ein ziemlich langer Titel für einen Artikel über Führung, Teil {index}",
            authors=AuthorFactory.create_batch(3),
            category=category,
            published_at=timezone.now() + timedelta(days=when),
        )
        CommentFactory(article=article, status=Comment.Status.PENDING)
    page = new_context(locale=locale).new_page()
    log_in(page, username="editor", password=PASSWORD)

    for url, last_column in [
        ("/admin/articles/article/", "view_count"),
        ("/admin/comments/comment/", "created_at"),
    ]:
        page.goto(url)
        results = page.locator("#changelist .results")
        # The table fits its box: nothing hides behind a horizontal scroll bar.
        assert results.evaluate("box => box.scrollWidth <= box.clientWidth"), url
        cell = page.locator(f"#result_list td.field-{last_column}").first
        box, visible = cell.bounding_box(), results.bounding_box()
        assert box["x"] + box["width"] <= visible["x"] + visible["width"], url


def test_every_field_of_the_article_form_says_what_it_is(page):
    """select2 comboboxes are named by their label, the rows of the byline and the related
    articles by column and number, also for rows added or moved (admin-field-names.js)."""
    editor = EditorUserFactory(username="editor", password=PASSWORD)
    series = services.named_save(obj=Series(title="Zehn Spielregeln", language="de"), by=None)
    services.book_save(book=Book(title="Fair verhandeln", authors="Anna Berg"), by=None)
    first, second = AuthorFactory(name="Anna Berg"), AuthorFactory(name="Ger de Bruijn")
    article = ArticleFactory(language="de", series=series, series_part=1, authors=[first, second])
    further = ArticleFactory(title="Weiterlesen", language="de")
    services.article_save(article=article, authors=[first, second], related=[further], by=editor)
    log_in(page, username="editor", password=PASSWORD)

    page.goto(f"/admin/articles/article/{article.pk}/change/")
    settled(page)

    combobox = page.get_by_role("combobox")
    expect(page.locator(".field-series .select2-selection")).to_have_accessible_name(
        "Series: Zehn Spielregeln"
    )
    expect(page.locator(".field-book .select2-selection")).to_have_accessible_name(
        "Book on the topic:"
    )
    expect(page.locator(".field-translation_of .select2-selection")).to_have_accessible_name(
        "Translation of:"
    )
    expect(combobox.filter(has_text="Weiterlesen")).to_have_accessible_name(
        "Related article 1 Weiterlesen"
    )
    expect(page.get_by_role("spinbutton", name="Position 1", exact=True)).to_be_attached()
    # No read-only "textbox" left inside a combobox.
    expect(page.locator(".select2-selection [role=textbox]")).to_have_count(0)

    # A row added later is numbered too; a byline moved is renumbered.
    page.get_by_text("Add another related article").click()
    expect(page.get_by_role("combobox", name="Related article 2", exact=True)).to_be_attached()
    expect(page.get_by_role("spinbutton", name="Position 2", exact=True)).to_be_attached()
    expect(combobox.filter(has_text="Ger de Bruijn")).to_have_accessible_name(
        "Author 2 Ger de Bruijn"
    )
    page.locator("#authorships-1").get_by_role("button", name="Move up").click()
    expect(combobox.filter(has_text="Ger de Bruijn")).to_have_accessible_name(
        "Author 1 Ger de Bruijn"
    )
    expect(combobox.filter(has_text="Anna Berg")).to_have_accessible_name("Author 2 Anna Berg")

    # The open dropdown's search box and list of choices say what they are for.
    page.locator(".field-book .select2-selection").click()
    expect(page.get_by_role("searchbox", name="Book on the topic:")).to_be_focused()
    expect(page.get_by_role("option", name="Fair verhandeln")).to_be_visible()
    assert blocking_violations(page) == []
