"""The Content-Security-Policy and the body limits in a real browser: nothing the site does is
blocked. A reader (home page, an article with a table and a cover, a comment) and an editor
(the article form, the Markdown editor's live preview, the author autocomplete, saving) go
their way without one CSP violation or console message (config/headers.py,
config/middleware.py)."""

from __future__ import annotations

import mimetypes
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article
from comments.models import Comment
from tests.browser.test_editor import PASSWORD, log_in, pick_author
from tests.comments.helpers import THANKS
from tests.factories import ArticleFactory, AuthorFactory, EditorUserFactory, image_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLE = "| Phase | Weeks | Cost |\n|:------|:-----:|-----:|\n| Analysis | 2 | 8,000 |\n"
# Every violation is kept in the page (window.__csp) and handed to the test at once, so one
# that happens just before a navigation is not lost with the page.
LISTENER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const text = `${event.effectiveDirective} blocked ${event.blockedURI || "(inline)"}`
    + ` at ${event.sourceFile || location.pathname}:${event.lineNumber}`
    + (event.sample ? ` sample=${JSON.stringify(event.sample)}` : "");
  window.__csp.push(text);
  window.__cspReport(`${location.pathname}: ${text}`);
});
"""


class Watch:
    """What a browser context reports: CSP violations, console messages, page errors, and
    answers the server refused (4xx/5xx, e.g. the 413 and 415 of the body limits)."""

    def __init__(self, context):
        self.violations: list[str] = []
        self.console: list[str] = []
        self.refused: list[str] = []
        context.expose_function("__cspReport", self._violation)
        context.add_init_script(LISTENER)
        context.on("console", self._console)
        context.on("weberror", lambda error: self.console.append(f"pageerror: {error.error}"))
        context.on("response", self._response)
        # Uploaded media is served by nginx, not by the app (SERVE_MEDIA off in the tests):
        # the browser gets the cover from MEDIA_ROOT, still from the site's own origin.
        context.route("**/media/**", self._media)

    def _violation(self, text: str) -> None:
        self.violations.append(text)

    def _console(self, message) -> None:
        url = message.page.url if message.page else "?"
        self.console.append(f"{message.type} on {url}: {message.text}")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.refused.append(f"{response.status} {response.request.method} {response.url}")

    def _media(self, route) -> None:
        path = route.request.url.split(settings.MEDIA_URL, 1)[1].split("?")[0]
        target = Path(settings.MEDIA_ROOT) / path
        if not target.is_file():
            route.fulfill(status=404)
            return
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=target.read_bytes(), content_type=content_type)

    def assert_clean(self, page) -> None:
        # The current page's own record too (in case a report could not reach the test).
        in_page = [v for v in page.evaluate("window.__csp || []") if v not in str(self.violations)]
        problems = [
            *(f"CSP: {v}" for v in self.violations + in_page),
            *(f"console: {m}" for m in self.console),
            *(f"refused: {r}" for r in self.refused),
        ]
        assert problems == [], "\n".join(problems)


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
