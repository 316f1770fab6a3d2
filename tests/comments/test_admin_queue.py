"""The moderators' desk in the admin, used as an Editor (and refused to an Author): the queue,
its filters and bulk actions, a comment's page, replying from the admin, the article page's
comments panel with closing, and the blocklist."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from comments.article_admin import comment_panel
from comments.closing import accepts_comments
from comments.models import BlockedTerm, Comment, Thread
from comments.network import ip_hash
from comments.services import Sender, comment_submit, thread_set_closed
from tests.comments.helpers import comment_data, moderate, post_url
from tests.factories import ArticleFactory, AuthorFactory, CommentFactory
from tests.html import changelist_rows, field_errors, one, parse, text

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")


def change_url(comment) -> str:
    return reverse("admin:comments_comment_change", args=[comment.pk])


def reply_url(comment) -> str:
    return reverse("admin:comments_comment_reply", args=[comment.pk])


def thread_url(article) -> str:
    return reverse("admin:comments_comment_thread", args=[article.pk])


def article_change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def made_at(comment, when) -> Comment:
    Comment.objects.filter(pk=comment.pk).update(created_at=when)
    comment.refresh_from_db()
    return comment


def row_ids(page) -> list[int]:
    return [
        int(one(row, 'input[name="_selected_action"]')["value"]) for row in changelist_rows(page)
    ]


def messages_after(client, response) -> list[str]:
    assert response.status_code == 302, response.status_code
    page = parse(client.get(response["Location"]))
    box = page.select_one("ul.messagelist")
    return [text(item) for item in box.select("li")] if box else []


def column(row, name: str) -> str:
    return text(one(row, f".field-{name}"))


# --- The queue --------------------------------------------------------------------------------


def test_queue_lists_the_newest_comment_first(editor_client, article):
    now = timezone.now()
    old = made_at(CommentFactory(article=article), now - timedelta(days=3))
    newest = made_at(CommentFactory(article=article), now - timedelta(minutes=5))
    middle = made_at(CommentFactory(article=article), now - timedelta(hours=2))

    page = parse(editor_client.get(CHANGELIST))

    assert row_ids(page) == [newest.pk, middle.pk, old.pk]


def test_queue_row_shows_article_excerpt_name_signature_status_rule_and_badge(editor_client):
    article = ArticleFactory(title="Teams führen")
    CommentFactory(
        article=article,
        name="Ger de Bruijn",
        signature="Ger J.F. de Bruijn, Businesstraining",
        body="Beste Hans, goed artikel! " + "Zo hoor je met je klanten om te gaan. " * 5,
        status=Comment.Status.PENDING,
        rule=Comment.Rule.LINKS,
        rule_detail="3 > 2",
        badge=Comment.Badge.AUTHOR,
    )

    [row] = changelist_rows(editor_client.get(CHANGELIST))

    assert column(row, "article_title") == "Teams führen"
    assert column(row, "excerpt").startswith("Beste Hans, goed artikel!")
    assert len(column(row, "excerpt")) <= 80
    assert column(row, "author") == "Ger de Bruijn"
    assert column(row, "signature") == "Ger J.F. de Bruijn, Businesstraining"
    assert column(row, "status_badge") == "Pending"
    assert column(row, "decided_by") == "Too many links: 3 > 2"
    assert column(row, "badge") == "Author"


def test_admin_index_shows_how_many_wait_and_links_to_the_pending_queue_newest_first(
    editor_client, article
):
    now = timezone.now()
    older = made_at(CommentFactory(article=article, status="pending"), now - timedelta(hours=5))
    newer = made_at(CommentFactory(article=article, status="pending"), now - timedelta(hours=1))
    CommentFactory(article=article, status=Comment.Status.APPROVED)
    CommentFactory(article=article, status=Comment.Status.SPAM)

    index = parse(editor_client.get(reverse("admin:index")))

    panel = one(index, "section.dashboard-panel:has(#panel-comments)")
    assert text(one(panel, "h2 .count")) == "2"
    link = one(panel, f'a[href^="{CHANGELIST}?"]')
    queue = parse(editor_client.get(link["href"]))
    assert row_ids(queue) == [newer.pk, older.pk]


def test_filter_by_rule_shows_only_comments_that_rule_decided(editor_client, article):
    held = CommentFactory(article=article, status="pending", rule=Comment.Rule.LINKS)
    CommentFactory(article=article, status="pending", rule=Comment.Rule.DEFAULT)
    CommentFactory(article=article, status="spam", rule=Comment.Rule.BLOCKLIST)

    page = parse(editor_client.get(CHANGELIST, {"rule__exact": "links"}))

    assert row_ids(page) == [held.pk]


ARTICLE_FILTER = '#changelist-filter details[data-filter-title="article"]'


def test_filter_by_article_lists_articles_with_waiting_comments_not_every_article(editor_client):
    busy = ArticleFactory(title="Viel Betrieb")
    quiet = ArticleFactory(title="Alles erledigt")
    ArticleFactory(title="Ohne Kommentare")
    on_busy = CommentFactory.create_batch(2, article=busy, status="pending")
    CommentFactory(article=quiet, status="approved")

    page = parse(editor_client.get(CHANGELIST))
    choices = [text(a) for a in page.select(f"{ARTICLE_FILTER} a[href*='article=']")]
    assert choices == ["Viel Betrieb (2)"]

    # The article's own page links to its comments: that article is shown as chosen.
    filtered = parse(editor_client.get(CHANGELIST, {"article": quiet.pk}))
    assert row_ids(filtered) == [Comment.objects.get(article=quiet).pk]
    chosen = one(filtered, f"{ARTICLE_FILTER} li.selected a")
    assert text(chosen) == "Alles erledigt"
    assert sorted(row_ids(parse(editor_client.get(CHANGELIST, {"article": busy.pk})))) == sorted(
        c.pk for c in on_busy
    )


def test_filter_by_date_and_search_by_article_title(editor_client):
    old = made_at(
        CommentFactory(article=ArticleFactory(title="Strategie 2020")),
        timezone.now().replace(year=2020),
    )
    new = CommentFactory(article=ArticleFactory(title="Führung heute"))

    by_year = parse(editor_client.get(CHANGELIST, {"created_at__year": "2020"}))
    assert row_ids(by_year) == [old.pk]
    by_title = parse(editor_client.get(CHANGELIST, {"q": "Führung"}))
    assert row_ids(by_title) == [new.pk]


def test_bulk_actions_say_how_many_changed_and_how_many_already_were(editor_client, article):
    pending = CommentFactory.create_batch(2, article=article, status="pending")
    already = CommentFactory(article=article, status="spam")

    response = moderate(editor_client, "mark_spam", [*pending, already])

    assert messages_after(editor_client, response) == ["2 comments marked as Spam. 1 already was."]
    moderated = Comment.objects.get(pk=pending[0].pk)
    assert moderated.moderated_by.username == "editor"
    assert moderated.moderated_at is not None


def test_remove_keeps_the_row_and_nothing_can_be_deleted_from_the_admin(editor_client, article):
    comment = CommentFactory(article=article)

    moderate(editor_client, "mark_removed", [comment])
    delete_url = reverse("admin:comments_comment_delete", args=[comment.pk])

    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.REMOVED
    assert editor_client.get(delete_url).status_code == 403
    assert editor_client.post(delete_url, {"post": "yes"}).status_code == 403
    moderate(editor_client, "delete_selected", [comment])
    assert Comment.objects.filter(pk=comment.pk).exists()
    actions = [o["value"] for o in parse(editor_client.get(CHANGELIST)).select("select option")]
    assert "delete_selected" not in actions
    assert {"mark_approved", "mark_spam", "mark_removed", "erase_emails"} <= set(actions)


def test_an_author_cannot_moderate(author_client, author_user, article):
    comment = CommentFactory(article=article, status="pending")
    own_article = ArticleFactory(authors=[AuthorFactory(user=author_user)], status="draft")

    assert author_client.get(CHANGELIST).status_code == 403
    assert author_client.get(change_url(comment)).status_code == 403
    assert moderate(author_client, "mark_approved", [comment]).status_code == 403
    assert author_client.post(reply_url(comment), {"body": "Danke!"}).status_code == 403
    assert author_client.post(thread_url(article), {"_comments_thread": "close"}).status_code == 403
    index = parse(author_client.get(reverse("admin:index")))
    assert index.select_one("#panel-comments") is None
    own_page = parse(author_client.get(article_change_url(own_article)))
    assert own_page.select_one("#article-comments-heading") is None

    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert Comment.objects.count() == 1
    assert not Thread.objects.exists()


# --- A comment's page ------------------------------------------------------------------------


def test_change_page_shows_rule_ip_hash_badge_parent_and_thread(editor_client, article):
    parent = CommentFactory(article=article, name="Lea", body="Erste Frage.")
    comment = CommentFactory(
        article=article, parent=parent, depth=1, status="pending", name="Tom",
        rule=Comment.Rule.IMPERSONATION, rule_detail="Anna Berg", ip_hash="ab" * 20,
        badge=Comment.Badge.EDITOR,
    )  # fmt: skip
    reply = CommentFactory(article=article, parent=comment, depth=2, name="Mia", body="Antwort!")

    page = parse(editor_client.get(change_url(comment)))

    assert text(one(page, ".field-decided_by .readonly")) == (
        "Name of an author or editor: Anna Berg"
    )
    assert text(one(page, ".field-badge .readonly")) == "Editor"
    assert "ab" * 20 in text(one(page, ".field-ip_hash_display"))
    assert one(page, ".field-parent_link a")["href"] == change_url(parent)
    context = one(page, ".field-thread_context")
    assert [a["href"] for a in context.select("a")] == [change_url(parent), change_url(reply)]
    assert "Erste Frage." in text(context)
    assert "Antwort!" in text(context)
    # The e-mail address is shown, not editable; status and what was typed are.
    assert page.select_one('input[name="email"]') is None
    assert page.select_one('select[name="status"]') is not None
    assert page.select_one('textarea[name="body"]') is not None


def test_status_changed_on_the_page_is_a_moderation_decision(editor_client, article):
    comment = CommentFactory(article=article, status="pending", body="Gute Frage.")

    response = editor_client.post(
        change_url(comment),
        {"status": "approved", "name": comment.name, "website": "", "signature": "",
         "body": "Gute Frage.\u200b\u202e"},
    )  # fmt: skip

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by.username == "editor"
    assert comment.body == "Gute Frage."  # cleaned as the reader's form cleans it


def test_a_body_without_visible_characters_is_refused_on_the_page(editor_client, article):
    comment = CommentFactory(article=article, body="Etwas.")

    response = editor_client.post(
        change_url(comment),
        {"status": "approved", "name": comment.name, "body": "\u200b \u2060"},
    )

    assert response.status_code == 200
    assert field_errors(response, "body") == ["Write at least one visible character."]
    comment.refresh_from_db()
    assert comment.body == "Etwas."


# --- Replying from the admin -----------------------------------------------------------------


def test_reply_from_the_admin_is_public_with_the_editor_badge(client, editor_client, article):
    question = CommentFactory(article=article, body="Wie messen Sie das?")

    page = parse(editor_client.get(change_url(question)))
    form = one(page, f'form[action="{reply_url(question)}"]')
    assert form.select_one('textarea[name="body"]') is not None
    response = editor_client.post(reply_url(question), {"body": "Mit einer Umfrage.\u200b"})

    assert response["Location"] == change_url(question)
    reply = Comment.objects.get(parent=question)
    assert reply.body == "Mit einer Umfrage."
    assert reply.status == Comment.Status.APPROVED
    assert reply.badge == Comment.Badge.EDITOR
    assert reply.user.username == "editor"
    assert messages_after(editor_client, response)[0].startswith(
        "Your reply is published with the Editor badge."
    )
    assert "Mit einer Umfrage." in client.get(article.get_absolute_url()).content.decode()


def test_reply_on_their_own_article_carries_the_author_badge(editor_client, editor_user):
    article = ArticleFactory(authors=[AuthorFactory(user=editor_user)])
    question = CommentFactory(article=article)

    editor_client.post(reply_url(question), {"body": "Gern geschehen."})

    assert Comment.objects.get(parent=question).badge == Comment.Badge.AUTHOR


def test_replying_to_a_waiting_comment_approves_it(editor_client, article):
    question = CommentFactory(article=article, status="pending")

    page = parse(editor_client.get(change_url(question)))
    assert text(one(page, "#comment-reply-heading")) == "Approve and reply"
    response = editor_client.post(reply_url(question), {"body": "Guter Punkt."})

    question.refresh_from_db()
    assert question.status == Comment.Status.APPROVED
    assert Comment.objects.get(parent=question).status == Comment.Status.APPROVED
    assert messages_after(editor_client, response)[0].startswith("Comment approved and your reply")


def test_an_invisible_reply_is_refused_with_the_form_again(editor_client, article):
    question = CommentFactory(article=article)

    response = editor_client.post(reply_url(question), {"body": "\u200b\u200d"})

    assert response.status_code == 400
    errors = one(parse(response), "form #id_reply_body_error")
    assert text(errors) == "Write at least one visible character."
    assert not Comment.objects.filter(parent=question).exists()


def test_spam_and_erased_comments_take_no_reply(editor_client, article):
    spam = CommentFactory(article=article, status="spam")
    erased = CommentFactory(article=article, erased_at=timezone.now(), name="", body="")

    for comment, refusal in [
        (spam, "Only approved or waiting comments can be answered; approve it first."),
        (erased, "This comment was erased at its author's request; it takes no replies."),
    ]:
        response = editor_client.post(reply_url(comment), {"body": "Hallo."})
        assert messages_after(editor_client, response) == [refusal]
        assert text(one(parse(editor_client.get(change_url(comment))), ".comment-reply")) == (
            f"Reply {refusal}"
        )
    assert Comment.objects.count() == 2


# --- The article's page: counts and closing --------------------------------------------------


def test_article_page_shows_counts_per_status_linked_to_the_filtered_queue(editor_client, article):
    CommentFactory.create_batch(3, article=article, status="approved")
    CommentFactory.create_batch(2, article=article, status="pending")
    CommentFactory(article=article, status="spam")
    CommentFactory(status="pending")  # another article's

    page = parse(editor_client.get(article_change_url(article)))

    panel = one(page, "fieldset.article-comments")
    counts = {text(one(row, "th")): text(one(row, "td")) for row in panel.select("tr")}
    assert counts == {"Pending": "2", "Approved": "3", "Spam": "1", "Removed": "0"}
    pending_link = one(panel, "tr.status-pending a")["href"]
    queue = parse(editor_client.get(pending_link))
    assert len(changelist_rows(queue)) == 2
    assert {text(one(row, ".field-status_badge")) for row in changelist_rows(queue)} == {"Pending"}


def test_comment_panel_costs_one_query_however_many_comments(
    editor_user, article, django_assert_num_queries
):
    request = RequestFactory().get("/")
    request.user = editor_user
    editor_user.has_perm("comments.view_comment")  # permissions load once per request
    CommentFactory.create_batch(30, article=article)
    CommentFactory.create_batch(2, article=article, status="pending")
    thread_set_closed(article=article, closed=True)
    with django_assert_num_queries(1):
        html = comment_panel(request, article)
    panel = parse(html)
    assert text(one(panel, "tr.status-approved td")) == "30"
    assert text(one(panel, "tr.status-pending td")) == "2"
    assert one(panel, "button[name=_comments_thread]")["value"] == "reopen"


def test_editor_closes_and_reopens_comments_from_the_article_page(client, editor_client, article):
    page = parse(editor_client.get(article_change_url(article)))
    button = one(page, "fieldset.article-comments button[name=_comments_thread]")
    assert (button["value"], button["formaction"]) == ("close", thread_url(article))

    response = editor_client.post(thread_url(article), {"_comments_thread": "close"})

    assert response["Location"] == article_change_url(article)
    assert not accepts_comments(article)
    refused = client.post(post_url(article), comment_data())
    assert refused.status_code == 403
    assert not Comment.objects.exists()
    page = parse(editor_client.get(article_change_url(article)))
    assert "closed by an editor" in text(one(page, ".thread-state"))

    editor_client.post(thread_url(article), {"_comments_thread": "reopen"})

    assert accepts_comments(article)
    assert client.post(post_url(article), comment_data()).status_code == 302
    assert Comment.objects.count() == 1


def test_article_page_says_when_comments_closed_by_age(editor_client, settings):
    settings.COMMENT_CLOSE_AFTER_DAYS = 7
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=8))

    page = parse(editor_client.get(article_change_url(article)))

    assert text(one(page, ".thread-state")) == (
        "Comments closed by themselves: the article appeared more than 7 days ago."
    )


# --- The blocklist ---------------------------------------------------------------------------

BLOCKLIST = reverse("admin:comments_blockedterm_changelist")
BLOCKLIST_ADD = reverse("admin:comments_blockedterm_add")


def test_editor_adds_a_domain_to_the_blocklist_and_new_comments_from_it_are_spam(
    editor_client, article
):
    page = parse(editor_client.get(BLOCKLIST_ADD))
    assert "E-mail domain: the part after @, and its subdomains" in text(page)

    response = editor_client.post(
        BLOCKLIST_ADD, {"kind": "email_domain", "value": " @Spam.Example ", "note": "Welle"}
    )

    assert response.status_code == 302
    assert BlockedTerm.objects.get().value == "spam.example"
    comment = comment_submit(
        article=article, name="Bot", email="x@mail.spam.example", body="Hallo", sender=Sender("")
    )
    assert (comment.status, comment.rule) == (Comment.Status.SPAM, Comment.Rule.BLOCKLIST)
    listed = parse(editor_client.get(BLOCKLIST, {"q": "spam"}))
    assert len(changelist_rows(listed)) == 1


def test_blocklist_refuses_a_duplicate_and_a_malformed_ip_hash(editor_client):
    BlockedTerm.objects.create(kind="word", value="casino")

    duplicate = editor_client.post(BLOCKLIST_ADD, {"kind": "word", "value": "casino"})
    malformed = editor_client.post(BLOCKLIST_ADD, {"kind": "ip_hash", "value": "203.0.113.9"})

    assert duplicate.status_code == 200
    assert malformed.status_code == 200
    assert field_errors(malformed, "value") == ["Copy the IP hash from a comment's page."]
    assert BlockedTerm.objects.count() == 1


def test_authors_cannot_see_the_blocklist(author_client):
    assert author_client.get(BLOCKLIST).status_code == 403


def test_blocking_the_senders_ip_hash_makes_their_next_comment_spam(editor_client, article):
    sender = Sender(ip="203.0.113.9")
    first = comment_submit(
        article=article, name="Bot", email="a@x.example", body="Eins", sender=sender
    )

    response = moderate(editor_client, "block_ip_hashes", [first])

    assert messages_after(editor_client, response) == [
        "1 IP hash added to the blocklist: new comments from it are spam."
    ]
    assert BlockedTerm.objects.get().value == ip_hash("203.0.113.9")
    second = comment_submit(
        article=article, name="Bot", email="b@y.example", body="Zwei", sender=sender
    )
    assert second.status == Comment.Status.SPAM
