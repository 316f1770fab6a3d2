"""The editors' pages have no critical or serious axe-core violation (WCAG 2.1 AA rules), and
their lists fit a 1280 px screen."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import services
from articles.models import Status
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
    """Wait until the page's scripts are done: the byline's select2 widgets are built and
    named (static/js/admin-byline.js). A name that never comes fails here by timeout."""
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
