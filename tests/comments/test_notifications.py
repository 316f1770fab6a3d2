"""The mails about comments, as editors and commenters get them and use their links.

Mail goes out through the task queue: a test posts (or moderates) with the after-commit hooks
running, then runs the real worker (``run_tasks``); the mails land in Django's locmem outbox.
Retries of a failing mail server are in test_tasks.py.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from comments import services
from comments.models import BlockedTerm, Comment
from tests.comments.helpers import comment_data, post_url
from tests.comments.tasks_helpers import run_tasks
from tests.factories import ArticleFactory, CommentFactory, EditorUserFactory
from tests.helpers import Browser, english_client
from tests.html import one, parse, text

pytestmark = pytest.mark.django_db

SITE = "http://testserver"  # SITE_URL in the test settings
EDITORS = [("Redaktion", "redaktion@example.org")]


@pytest.fixture
def editors(settings, editor_user):
    """Who hears about held comments: the Editor group's members and MANAGERS."""
    settings.MANAGERS = EDITORS
    return editor_user


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """A reader sends the comment form; its mails are queued after the commit and sent."""

    def send(article, **overrides):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(post_url(article), comment_data(**overrides))
        assert response.status_code == 302, response.content
        run_tasks()
        return Comment.objects.order_by("-pk").first()

    return send


@pytest.fixture
def decide(django_capture_on_commit_callbacks):
    """An editor presses the button behind a link in the editors' mail."""

    def press(editor_client, url):
        with django_capture_on_commit_callbacks(execute=True):
            response = editor_client.post(url)
        assert response.status_code == 302
        run_tasks()
        return response

    return press


def link_after(message, label: str) -> str:
    """The address on the line after ``label`` in a plain-text mail."""
    lines = message.body.splitlines()
    return lines[lines.index(label) + 1].strip()


def links_in(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def local(url: str) -> str:
    """The path of one of the site's absolute links (the test client takes paths)."""
    assert url.startswith(SITE + "/"), url
    return url.removeprefix(SITE)


def header(message, name: str) -> str:
    """A header as the mail on the wire carries it."""
    return message.message()[name]


def mails_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def confirmed_comment(article, **fields) -> Comment:
    """An approved comment whose author asked for reply mails and confirmed the address."""
    return CommentFactory(
        article=article, name="Ger de Bruijn", email="ger@example.nl", notify_replies=True,
        notify_confirmed_at=timezone.now(), **fields,
    )  # fmt: skip


# --- The editors' mail -------------------------------------------------------------------------


def test_held_comment_is_mailed_to_the_editors_once_it_is_stored(
    client, article, settings, editors, django_capture_on_commit_callbacks
):
    # The same editor in the group and in MANAGERS (in other letters) gets one copy.
    settings.MANAGERS = [*EDITORS, ("Editor", "EDITOR@example.org")]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(post_url(article), comment_data(parent=""))
        assert mail.outbox == []  # nothing before the commit
    assert mail.outbox == []  # nor in the request: the worker sends

    run_tasks()

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    [message] = mail.outbox
    assert sorted(message.to) == ["editor@example.org", "redaktion@example.org"]
    assert article.title in message.subject
    assert "Ger J.F. de Bruijn" in message.body
    assert "Ger J.F. de Bruijn, Businesstraining" in message.body
    assert "Sehr hilfreich" in message.body
    assert "Waits for moderation" in message.body  # the rule that held it
    assert "ger.debruijn@example.nl" not in message.body  # not needed to decide
    admin_link = SITE + reverse("admin:comments_comment_change", args=[comment.pk])
    assert admin_link in links_in(message)


def test_editors_mail_names_the_rule_and_what_it_matched(post, article, editors, settings):
    settings.COMMENT_MAX_LINKS = 1
    body = "Siehe https://a.example/ und https://b.example/ und https://c.example/"

    post(article, body=body)

    [message] = mail.outbox
    assert "Too many links (3 > 1)" in message.body


def test_links_in_the_editors_mail_lead_to_the_articles_edition(post, editors):
    article = ArticleFactory(language="nl")

    post(article)

    [message] = mail.outbox
    with translation.override("nl"):  # the mail speaks the article's language
        labels = [translation.gettext("Approve:"), translation.gettext("Spam:")]
    assert labels != ["Approve:", "Spam:"]
    for label in labels:
        assert local(link_after(message, label)).startswith("/nl/comments/moderate/")


@pytest.mark.parametrize(
    ("label", "status"),
    [("Approve:", Comment.Status.APPROVED), ("Spam:", Comment.Status.SPAM)],
)
def test_editor_decides_with_the_link_after_a_confirming_button(
    post, decide, article, editors, editor_client, label, status
):
    post(article)
    [message] = mail.outbox
    url = local(link_after(message, label))

    page = editor_client.get(url)

    # Opening the link (as a mail scanner would) changes nothing; it asks.
    assert page.status_code == 200
    assert Comment.objects.get().status == Comment.Status.PENDING
    assert "Sehr hilfreich" in text(parse(page))
    form = one(parse(page), "form.moderate-form")
    assert form["method"] == "post"

    decide(editor_client, url)

    comment = Comment.objects.get()
    assert comment.status == status
    assert comment.moderated_by == editors
    after = parse(editor_client.get(url))
    assert after.select("form.moderate-form") == []  # done: no second button
    assert "editor" in text(one(after, ".message"))


def test_a_visitor_following_an_editors_link_is_sent_to_log_in(post, article, editors, client):
    post(article)
    url = local(link_after(mail.outbox[0], "Approve:"))

    response = client.get(url)
    sneaky = client.post(url)

    login = reverse("admin:login")
    for answer in (response, sneaky):
        assert answer.status_code == 302
        assert answer["Location"].startswith(f"{login}?next=")
        assert answer["Location"].endswith(url.replace(":", "%3A"))
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_staff_who_may_not_moderate_cannot_use_the_link(post, article, editors, author_client):
    post(article)
    url = local(link_after(mail.outbox[0], "Approve:"))

    assert author_client.get(url).status_code == 403
    assert author_client.post(url).status_code == 403
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_a_changed_editors_link_is_404_with_an_explanation(post, article, editors, editor_client):
    post(article)
    url = local(link_after(mail.outbox[0], "Spam:"))
    changed = url.replace("/moderate/", "/moderate/x")

    response = editor_client.post(changed)

    assert response.status_code == 404
    assert "This moderation link is not valid" in text(parse(response))
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_an_old_editors_link_is_410_and_points_to_the_admin(post, article, editors, editor_client):
    post(article)
    url = local(link_after(mail.outbox[0], "Approve:"))

    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = editor_client.post(url)

    assert response.status_code == 410
    page = parse(response)
    assert "This moderation link has expired" in text(page)
    admin = reverse("admin:comments_comment_change", args=[Comment.objects.get().pk])
    assert page.select_one(f'a[href="{admin}"]') is not None
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_no_editors_mail_for_comments_that_are_not_held(post, article, editors):
    CommentFactory(
        article=article, name="Ger J.F. de Bruijn", email="ger.debruijn@example.nl"
    )  # known commenter
    BlockedTerm.objects.create(kind=BlockedTerm.Kind.WORD, value="casino")

    known = post(article)
    spam = post(article, email="new@example.org", body="Bestes casino!")

    assert (known.status, spam.status) == (Comment.Status.APPROVED, Comment.Status.SPAM)
    assert mail.outbox == []


def test_no_mail_without_editors(post, article, settings):
    settings.MANAGERS = []

    post(article)

    assert Comment.objects.count() == 1
    assert mail.outbox == []


@pytest.mark.parametrize(
    "overrides", [{"homepage": "https://spam.example/"}, {"body": ""}], ids=["bot", "invalid"]
)
def test_no_mail_for_comments_that_are_not_stored(
    client, article, editors, django_capture_on_commit_callbacks, overrides
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(post_url(article), comment_data(**overrides))
    run_tasks()

    assert not Comment.objects.exists()
    assert mail.outbox == []


# --- Reply notifications: opt-in, replies, unsubscribe ------------------------------------------


def test_reply_notifications_from_opt_in_to_unsubscribe(post, decide, article, editors):
    editor = Browser()
    editor.force_login(editors)
    reader = "ger.debruijn@example.nl"
    first = post(article, notify_replies="on")

    # 1. The double opt-in goes out at once; the editors hear about the held comment.
    [confirmation] = mails_to(reader)
    assert article.title in confirmation.subject
    confirm_url = next(u for u in links_in(confirmation) if "/notify/confirm/" in u)
    assert header(confirmation, "List-Unsubscribe").startswith(f"<{SITE}/")
    decide(editor, local(link_after(mails_to("editor@example.org")[0], "Approve:")))

    # 2. A reply approved before the address is confirmed is not mailed to it.
    mail.outbox.clear()
    early = post(article, name="Anna", email="anna@example.org", body="Eine Antwort.",
                 parent=first.pk)  # fmt: skip
    decide(editor, local(link_after(mail.outbox[0], "Approve:")))
    assert Comment.objects.get(pk=early.pk).status == Comment.Status.APPROVED
    assert mails_to(reader) == []

    # 3. Opening the link (as a mail scanner does too) only asks; the reader's click confirms.
    asked = english_client().get(local(confirm_url))
    assert asked.status_code == 200
    assert Comment.objects.get(pk=first.pk).notify_confirmed_at is None
    assert one(parse(asked), "form.notify-form button")
    response = english_client().post(local(confirm_url))
    assert response.status_code == 200
    assert "Thank you, your address is confirmed" in text(parse(response))
    assert Comment.objects.get(pk=first.pk).notify_confirmed_at is not None

    # 4. The next reply, once an editor approves it, is mailed to the reader, once.
    mail.outbox.clear()
    reply = post(article, name="Bert", email="bert@example.org", body="Noch eine Antwort.",
                 parent=first.pk)  # fmt: skip
    assert mails_to(reader) == []  # held: not public yet
    approve = local(link_after(mails_to("editor@example.org")[0], "Approve:"))
    decide(editor, approve)
    [notice] = mails_to(reader)
    assert article.title in notice.subject
    assert "Bert" in notice.body
    assert "Noch eine Antwort." in notice.body
    assert SITE + reverse("comments:permalink", args=[reply.pk]) in links_in(notice)
    unsubscribe = next(u for u in links_in(notice) if "/notify/unsubscribe/" in u)
    assert header(notice, "List-Unsubscribe") == f"<{unsubscribe}>"
    assert header(notice, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"

    # Approving again (after a change of mind) sends nothing more.
    mail.outbox.clear()
    services.comments_set_status(comments=Comment.objects.filter(pk=reply.pk), status="pending")
    decide(editor, approve)
    assert Comment.objects.get(pk=reply.pk).status == Comment.Status.APPROVED
    assert mails_to(reader) == []


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a service as the admin does: its mails are queued after the commit and sent."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            result = service(**kwargs)
        run_tasks()
        return result

    return run


def test_confirming_twice_changes_nothing(post, article):
    first = post(article, notify_replies="on")
    confirm = local(next(u for u in links_in(mail.outbox[0]) if "/notify/confirm/" in u))
    english_client().post(confirm)
    confirmed_at = Comment.objects.get(pk=first.pk).notify_confirmed_at

    again = english_client().post(confirm)

    assert again.status_code == 200
    assert "Thank you, your address is confirmed" in text(parse(again))
    assert Comment.objects.get(pk=first.pk).notify_confirmed_at == confirmed_at


def test_opt_in_pages_speak_the_articles_language_and_stay_private(post):
    article = ArticleFactory(language="de", title="Führen auf Distanz")
    post(article, notify_replies="on")
    [confirmation] = mail.outbox
    confirm = local(next(u for u in links_in(confirmation) if "/notify/confirm/" in u))
    unsubscribe = local(next(u for u in links_in(confirmation) if "/notify/unsubscribe/" in u))
    assert confirm.startswith("/de/comments/") and unsubscribe.startswith("/de/comments/")

    for url in (confirm, unsubscribe):
        response = english_client().get(url)
        assert response.status_code == 200
        assert parse(response).html["lang"] == "de"
        assert "no-store" in response["Cache-Control"]  # no cache keeps a page per link
        assert response["Referrer-Policy"] == "no-referrer"  # the token does not travel on
        assert "csrfmiddlewaretoken" not in response.content.decode()
        assert not response.cookies  # no session, no CSRF cookie
        assert "ger.debruijn@example.nl" not in response.content.decode()


def test_no_reply_mail_before_the_address_is_confirmed(post, committed, article):
    first = post(article, notify_replies="on")
    assert len(mails_to("ger.debruijn@example.nl")) == 1  # the confirmation, nothing else
    committed(services.comments_set_status, comments=Comment.objects.filter(pk=first.pk),
              status="approved")  # fmt: skip
    mail.outbox.clear()

    # An editor's reply from the admin is public at once, and still not mailed.
    editor = EditorUserFactory(email="chef@example.org")
    committed(services.moderator_reply, parent=first, body="Danke!", by=editor)

    assert mail.outbox == []


def test_a_reply_public_at_once_is_mailed_to_the_confirmed_author(committed, article):
    parent = confirmed_comment(article)
    editor = EditorUserFactory(first_name="Eva", last_name="Redakteurin")

    reply = committed(services.moderator_reply, parent=parent, body="Gute Frage!", by=editor)

    [notice] = mail.outbox
    assert notice.to == ["ger@example.nl"]
    assert "Eva Redakteurin" in notice.body
    assert "Gute Frage!" in notice.body
    assert Comment.objects.get(pk=reply.pk).replies_notified_at is not None


def test_no_reply_mail_to_oneself_nor_for_an_erased_comment(committed, article):
    parent = confirmed_comment(article)
    erased = confirmed_comment(article, erased_at=timezone.now())
    editor = EditorUserFactory(email="GER@example.nl")  # the commenter, now logged in

    committed(services.moderator_reply, parent=parent, body="Nachtrag.", by=editor)
    committed(services.moderator_reply, parent=erased, body="Antwort.", by=EditorUserFactory())

    assert mail.outbox == []


def test_no_confirmation_mail_for_spam(post, article):
    BlockedTerm.objects.create(kind=BlockedTerm.Kind.EMAIL_DOMAIN, value="example.nl")

    comment = post(article, notify_replies="on")

    assert comment.status == Comment.Status.SPAM
    assert mail.outbox == []


def approve_reply_to(parent, committed, **fields) -> None:
    reply = CommentFactory(
        article=parent.article, parent=parent, depth=1, status=Comment.Status.PENDING,
        **fields,
    )  # fmt: skip
    committed(services.comments_set_status, comments=Comment.objects.filter(pk=reply.pk),
              status="approved")  # fmt: skip


def test_one_click_unsubscribe_from_the_mail_program_stops_the_mails(committed, article):
    parent = confirmed_comment(article)
    approve_reply_to(parent, committed)
    [notice] = mail.outbox
    one_click = local(header(notice, "List-Unsubscribe").strip("<>"))

    # What a mail program sends (RFC 8058): a POST, no cookie, no CSRF token, no question.
    response = Browser(enforce_csrf_checks=True).post(
        one_click, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    assert Comment.objects.get(pk=parent.pk).notify_replies is False
    mail.outbox.clear()
    approve_reply_to(parent, committed)
    assert mail.outbox == []


def test_unsubscribe_page_asks_with_one_button_that_stops_the_mails(committed, article):
    parent = confirmed_comment(article)
    approve_reply_to(parent, committed)
    url = local(next(u for u in links_in(mail.outbox[0]) if "/notify/unsubscribe/" in u))
    reader = Browser(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")

    page = reader.get(url)

    assert page.status_code == 200
    assert Comment.objects.get(pk=parent.pk).notify_replies is True  # a GET only asks
    form = one(parse(page), "form.notify-form")
    assert form["method"] == "post"
    assert form.get("action", "") in ("", url)
    fields = {field["name"]: field.get("value", "") for field in form.select("input[name]")}

    done = reader.post(url, fields)

    assert done.status_code == 200
    assert "Reply notifications stopped" in text(parse(done))
    assert Comment.objects.get(pk=parent.pk).notify_replies is False
    mail.outbox.clear()
    approve_reply_to(parent, committed)
    assert mail.outbox == []
    # The link keeps working: opening it later says the mails are stopped.
    assert "Reply notifications stopped" in text(parse(reader.get(url)))


@pytest.mark.parametrize("kind", ["confirm", "unsubscribe"])
def test_a_changed_commenters_link_is_404(post, article, kind):
    first = post(article, notify_replies="on")
    url = local(next(u for u in links_in(mail.outbox[0]) if f"/notify/{kind}/" in u))
    changed = url[:-3] + ("A" if url[-3] != "A" else "B") + url[-2:]

    for method in ("get", "post"):
        response = getattr(english_client(), method)(changed)
        assert response.status_code == 404
        assert "This link is not valid" in text(parse(response))
    first.refresh_from_db()
    assert (first.notify_replies, first.notify_confirmed_at) == (True, None)


def test_an_old_confirmation_link_is_410_and_confirms_nothing(post, article):
    first = post(article, notify_replies="on")
    url = local(next(u for u in links_in(mail.outbox[0]) if "/notify/confirm/" in u))

    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = english_client().post(url)

    assert response.status_code == 410
    assert "This confirmation link has expired" in text(parse(response))
    assert Comment.objects.get(pk=first.pk).notify_confirmed_at is None
