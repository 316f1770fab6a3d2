"""A conversation under an article, in a real browser: a reader answers an approved comment
with a signature line and asks to hear of replies, confirms that through the link in the mail,
an editor approves the reply in the admin, the first commenter gets their mail, and the reply
shows nested under the comment it answers, with its signature."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from comments.models import Comment
from tests.browser.test_editor import PASSWORD, log_in
from tests.comments.tasks_helpers import run_tasks
from tests.factories import ArticleFactory, CommentFactory, EditorUserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINK = re.compile(r"https?://\S+")


def link_in(message, fragment: str) -> str:
    """The address in ``message`` whose path contains ``fragment``."""
    return next(url for url in LINK.findall(message.body) if fragment in url)


@pytest.fixture
def conversation(settings, live_server):
    # Links in mails are built from SITE_URL: here, the live server.
    settings.SITE_URL = live_server.url
    settings.COMMENT_MIN_SECONDS = 0  # the ticket is tested in tests/comments/test_spam.py
    article = ArticleFactory(title="Führung in der Krise", language="en")
    first = CommentFactory(
        article=article,
        name="Hans Berger",
        email="hans@example.org",
        body="Good article! That is how to treat your clients.",
        notify_replies=True,
        notify_confirmed_at=timezone.now(),
    )
    return article, first


def test_a_reader_replies_confirms_and_the_editor_approves(new_context, conversation):
    article, first = conversation
    editor = EditorUserFactory(username="petra", email="petra@example.org")
    reader = new_context().new_page()

    # The reader answers Hans's comment.
    reader.goto(article.get_absolute_url())
    hans = reader.locator(f"#comment-{first.pk}")
    hans.get_by_role("link", name=re.compile("^Reply")).click()
    expect(reader.locator(".replying-to")).to_contain_text("Hans Berger")
    form = reader.locator("form.comment-form")
    form.get_by_role("textbox", name="Name").fill("Ger de Bruijn")
    form.get_by_role("textbox", name="E-mail").fill("ger@example.nl")
    form.get_by_role("textbox", name="Signature").fill("Ger J.F. de Bruijn, Businesstraining")
    form.get_by_role("textbox", name="Your comment").fill(
        "Beste Hans, goed gezegd.\n\nmet vriendelijke groet"
    )
    form.locator("#id_notify_replies").check()
    form.locator("#id_consent").check()
    form.get_by_role("button").click()

    # Back at their reply, which only they see, under Hans's comment, awaiting moderation.
    reply = Comment.objects.get(email="ger@example.nl")
    assert (reply.parent, reply.status) == (first, Comment.Status.PENDING)
    own = reader.locator(f"#comment-{first.pk} .comment-replies #comment-{reply.pk}")
    expect(own).to_be_visible()
    expect(own).to_be_in_viewport()
    expect(own.locator(".comment-pending-note")).to_be_visible()
    stranger = new_context().new_page()
    stranger.goto(article.get_absolute_url())
    expect(stranger.locator(f"#comment-{reply.pk}")).to_have_count(0)

    # The mails go out through the task worker: the editors' and the confirmation.
    run_tasks()
    confirmation = next(m for m in mail.outbox if m.to == ["ger@example.nl"])
    assert any("petra@example.org" in m.to for m in mail.outbox)
    reader.goto(link_in(confirmation, "/notify/confirm/"))
    reader.locator("form.notify-form").get_by_role("button").click()
    expect(reader.get_by_role("heading", level=1)).to_be_visible()
    reply.refresh_from_db()
    assert reply.notify_confirmed_at is not None
    mail.outbox.clear()

    # The editor approves the reply in the admin's queue.
    desk = new_context().new_page()
    log_in(desk, username=editor.username, password=PASSWORD)
    desk.goto("/admin/comments/comment/?status__exact=pending")
    row = desk.locator("#result_list tbody tr", has_text="Beste Hans")
    row.locator("input.action-select").check()
    desk.locator("select[name=action]").select_option(label="Approve selected comments")
    desk.locator("button[name=index]").click()
    expect(desk.locator(".messagelist")).to_contain_text("1 comment")
    reply.refresh_from_db()
    assert reply.status == Comment.Status.APPROVED

    # Hans hears of it, once, with a way to stop such mails.
    run_tasks()
    [notification] = [m for m in mail.outbox if m.to == ["hans@example.org"]]
    assert "Ger de Bruijn" in notification.body
    assert notification.extra_headers["List-Unsubscribe"].startswith(f"<{article_root(desk)}")

    # Every reader now sees the reply nested under Hans's comment, with its signature.
    stranger.goto(article.get_absolute_url())
    nested = stranger.locator(f"#comment-{first.pk} .comment-replies #comment-{reply.pk}")
    expect(nested).to_be_visible()
    expect(nested.locator(".comment-signature")).to_have_text(
        "Ger J.F. de Bruijn, Businesstraining"
    )
    expect(nested.locator(".comment-body p")).to_have_count(2)
    expect(nested.locator(".comment-pending-note")).to_have_count(0)


def article_root(page) -> str:
    """The site's address as the browser sees it (the live server)."""
    return re.match(r"https?://[^/]+", page.url).group(0)
