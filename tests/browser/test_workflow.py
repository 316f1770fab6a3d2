"""The editorial workflow in a real browser, one person per browser context:

an Author writes a draft (dropping an image into the editor and seeing it in the preview beside
the text) and submits it; an Editor finds it in the review list, previews it, creates a share
link that works in a fresh browser without login, and schedules it a few seconds ahead; readers
get 404 until that moment, then the article.
"""

from __future__ import annotations

import base64
import io
import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from articles import services
from articles.editions import edition_reverse
from articles.models import Article
from tests.browser.test_editor import PASSWORD, log_in
from tests.factories import AuthorUserFactory, CategoryFactory, EditorUserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Kundengespräche führen"
BODY = "Zuhören kommt vor dem Reden.\n\n# Gesprächsführung\n\nFragen stellen, dann schweigen."
ALT = "Gesprächsnotizen auf einem Flipchart"
# How far ahead the Editor schedules: long enough for the reader's first look to come before.
SCHEDULE_AHEAD = timedelta(seconds=8)


def png_base64() -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (40, 120, 200)).save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def drop_image_before_heading(page) -> None:
    """Drag a PNG from the desktop onto the editor, the cursor at the start of the heading."""
    page.evaluate(
        """(b64) => {
            const editor = document.querySelector("textarea.markdownx-editor");
            const at = editor.value.indexOf("# ");
            editor.focus();
            editor.setSelectionRange(at, at);
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], "flipchart.png", { type: "image/png" }));
            editor.dispatchEvent(
                new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true })
            );
        }""",
        png_base64(),
    )


def author_writes_and_submits(context) -> Article:
    page = context.new_page()
    log_in(page, username="writer", password=PASSWORD)
    page.goto("/admin/articles/article/add/")
    expect(page.locator("#select2-id_authorships-0-author-container")).to_have_text("Wanda Writer")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_category").select_option(label="Vertrieb")
    editor = page.locator("textarea.markdownx-editor")
    editor.fill(BODY)

    drop_image_before_heading(page)

    preview = page.locator(".markdownx-preview")
    # The image is a paragraph of its own, so the heading after it stays a heading.
    expect(editor).to_have_value(
        re.compile(r"\n\n!\[Describe the image\]\(/media/markdownx/\S+\)\n\n# G")
    )
    expect(preview.locator("img")).to_have_count(1)
    expect(preview.get_by_role("heading", name="Gesprächsführung")).to_be_visible()
    # Text and preview side by side, each in its own box.
    text_box, preview_box = editor.bounding_box(), preview.bounding_box()
    assert preview_box["x"] >= text_box["x"] + text_box["width"]
    assert abs(preview_box["y"] - text_box["y"]) < 5

    # The placeholder alt text cannot go to review: the form says which image.
    page.get_by_role("button", name="Submit for review").first.click()
    expect(page.locator(".errorlist").first).to_contain_text("has no description yet")
    editor = page.locator("textarea.markdownx-editor")
    editor.fill(editor.input_value().replace("Describe the image", ALT))
    page.get_by_role("button", name="Submit for review").first.click()
    expect(page.locator(".messagelist .success").first).to_contain_text("Submitted for review")
    return Article.objects.get(title=TITLE)


def test_from_draft_to_review_share_link_schedule_and_publication(new_context, live_server):
    CategoryFactory(name="Vertrieb")
    writer = AuthorUserFactory(
        username="writer", password=PASSWORD, first_name="Wanda", last_name="Writer"
    )
    services.author_record_for(user=writer)
    EditorUserFactory(username="editor", password=PASSWORD)

    article = author_writes_and_submits(new_context())
    assert article.status == Article.Status.REVIEW

    # The Editor finds it waiting for review and previews it at its own address.
    editor_context = new_context()
    page = editor_context.new_page()
    log_in(page, username="editor", password=PASSWORD)
    queue = page.locator('section[aria-labelledby="panel-review"]')
    expect(queue).to_contain_text("Wanda Writer")
    queue.get_by_role("link", name=TITLE).click()
    with editor_context.expect_page() as opened:
        page.get_by_role("link", name="Preview as readers will see it").click()
    preview = opened.value
    expect(preview.locator(".preview-note")).to_have_text("In review — not public")
    expect(preview.get_by_role("heading", level=1)).to_have_text(TITLE)
    preview.close()

    # A share link for a reviewer without an account.
    page.locator("#id_share_note").fill("Dr. Meyer")
    page.get_by_role("button", name="Save and create a share link").click()
    share_url = page.locator(".messagelist code.share-url").inner_text()
    # The link is in the article's edition (/en/share/…, with that edition's path word).
    share_page = edition_reverse("articles:share", article.language, token="t").removesuffix("t/")
    assert share_url.startswith(f"http://testserver{share_page}")
    share_path = share_url.removeprefix("http://testserver")
    reviewer = new_context().new_page()
    reviewer.goto(share_path)
    expect(reviewer.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(reviewer.locator(".preview-note")).to_contain_text("Preview for review — not public")

    # Scheduled a few seconds ahead: no job runs, the moment itself makes it public.
    when = timezone.localtime() + SCHEDULE_AHEAD
    page.locator("#id_published_at_0").fill(when.strftime("%Y-%m-%d"))
    page.locator("#id_published_at_1").fill(when.strftime("%H:%M:%S"))
    page.get_by_role("button", name="Schedule").first.click()
    expect(page.locator(".messagelist .success").first).to_contain_text("Scheduled")
    expect(page.locator(".field-state_display .state")).to_contain_text("Scheduled for")

    reader = new_context().new_page()
    response = reader.goto(article.get_absolute_url())
    assert response.status == 404
    time.sleep(max(0.0, (when - timezone.localtime()).total_seconds()) + 1)
    response = reader.goto(article.get_absolute_url())
    assert response.status == 200
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(reader.locator(f'article .body img[alt="{ALT}"]')).to_have_count(1)
