"""The Content-Security-Policy and the body limits in a real browser: nothing the site does is
blocked. A reader (home page, an article with a table and a cover, a comment) and an editor
(the article form, the Markdown editor's live preview, the author autocomplete, saving) go
their way without one CSP violation or console message (config/headers.py,
config/middleware.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article
from comments.models import Comment
from tests.browser.test_editor import PASSWORD, log_in, pick_author
from tests.browser.watch import Watch
from tests.comments.helpers import THANKS
from tests.factories import ArticleFactory, AuthorFactory, EditorUserFactory, image_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLE = "| Phase | Weeks | Cost |\n|:------|:-----:|-----:|\n| Analysis | 2 | 8,000 |\n"


@pytest.fixture
def article():
    return ArticleFactory(
        title="Planning a change project",
        language="en",
        body=f"How long each phase takes:\n\n{TABLE}",
        cover_image=image_file("plan.jpg", size=(320, 200)),
        cover_alt="A plan on a whiteboard",
    )


def test_a_reader_reads_and_comments_without_a_csp_violation(new_context, article, settings):
    settings.COMMENT_MIN_SECONDS = 0  # the ticket is tested in tests/comments/test_spam.py
    context = new_context()
    watch = Watch(context)
    page = context.new_page()

    page.goto("/")
    page.locator(".newest").get_by_role("link", name=article.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)
    # The table's alignment comes as classes (site.css), no inline style for the CSP to block.
    expect(page.locator("article .body td.align-right")).to_have_text("8,000")
    assert page.locator("article .body td[style]").count() == 0
    cover = page.locator("article figure.cover img")
    expect(cover).to_have_attribute("alt", "A plan on a whiteboard")
    # The cover loaded (img-src 'self'), and site.css aligns the cells (style-src 'self').
    page.wait_for_load_state("load")
    assert cover.evaluate("(img) => img.complete && img.naturalWidth > 0")
    expect(page.locator("article .body td.align-center")).to_have_css("text-align", "center")

    form = page.locator("form.comment-form")
    form.locator("#id_name").fill("Anna Berg")
    form.locator("#id_email").fill("anna@example.org")
    form.locator("#id_body").fill("A useful table, thank you.")
    form.locator("#id_consent").check()
    with page.expect_request(lambda r: r.method == "POST") as posted:
        form.get_by_role("button", name="Send comment").click()
    assert posted.value.headers["content-type"] == "application/x-www-form-urlencoded"
    expect(page.locator("#comments .message")).to_contain_text(THANKS)
    assert Comment.objects.get(article=article).body == "A useful table, thank you."
    watch.assert_clean(page)


def test_an_editor_writes_with_preview_and_autocomplete_without_a_csp_violation(
    new_context, article
):
    EditorUserFactory(username="editor", password=PASSWORD)
    second = AuthorFactory(name="Ger de Bruijn")
    context = new_context()
    watch = Watch(context)
    page = context.new_page()
    log_in(page, username="editor", password=PASSWORD)

    page.goto(reverse("admin:articles_article_change", args=[article.pk]))
    editor_field = page.locator("textarea.markdownx-editor")
    with page.expect_response("**/markdownx/markdownify/") as previewed:
        editor_field.fill(f"Now with **three** phases:\n\n{TABLE}| Rollout | 4 | 20,000 |\n")
    assert previewed.value.ok
    preview = page.locator(".markdownx-preview")
    expect(preview.locator("strong")).to_have_text("three")
    expect(preview.locator("td.align-right")).to_have_text(["8,000", "20,000"])
    pick_author(page, second, row=1)

    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success").first).to_be_visible()
    article = Article.objects.get(pk=article.pk)
    assert "Rollout" in article.body
    assert second in article.ordered_authors
    watch.assert_clean(page)
