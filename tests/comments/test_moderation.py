"""An editor moderates comments in the admin: approve, mark as spam, remove."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comments.models import Comment
from comments.services import Sender, comment_submit
from tests.comments.helpers import moderate, shown_comments
from tests.factories import ArticleFactory, CommentFactory
from tests.helpers import count_queries
from tests.html import changelist_rows, one, parse, text

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")


def public_comment_ids(client, article) -> list[str]:
    page = parse(client.get(article.get_absolute_url()))
    return [element["id"] for element in shown_comments(page)]


def test_approve_action_publishes_the_selected_comments_only(client, editor_client, article):
    chosen = CommentFactory.create_batch(2, article=article, status=Comment.Status.PENDING)
    waiting = CommentFactory(article=article, status=Comment.Status.PENDING)

    response = moderate(editor_client, "mark_approved", chosen)

    assert response.status_code == 302
    assert {c.status for c in Comment.objects.filter(pk__in=[c.pk for c in chosen])} == {
        Comment.Status.APPROVED
    }
    assert Comment.objects.get(pk=waiting.pk).status == Comment.Status.PENDING
    assert public_comment_ids(client, article) == [f"comment-{c.pk}" for c in chosen]


def test_approve_action_tells_the_editor_how_many_changed(editor_client, article):
    comments = CommentFactory.create_batch(3, article=article, status=Comment.Status.PENDING)

    response = moderate(editor_client, "mark_approved", comments)

    page = parse(editor_client.get(response["Location"]))
    assert [text(item) for item in one(page, "ul.messagelist").select("li")] == [
        "3 comments marked as Approved."
    ]


@pytest.mark.parametrize(
    ("action", "status"),
    [("mark_spam", Comment.Status.SPAM), ("mark_removed", Comment.Status.REMOVED)],
)
def test_spam_and_removed_comments_leave_the_page_but_stay_in_the_database(
    client, editor_client, article, action, status
):
    kept = CommentFactory(article=article, body="Bleibt stehen.")
    hidden = CommentFactory(article=article, body="Kaufen Sie jetzt!")
    assert public_comment_ids(client, article) == [f"comment-{kept.pk}", f"comment-{hidden.pk}"]

    response = moderate(editor_client, action, [hidden])

    assert response.status_code == 302
    assert public_comment_ids(client, article) == [f"comment-{kept.pk}"]
    assert "Kaufen Sie jetzt!" not in client.get(article.get_absolute_url()).content.decode()
    # Nothing is lost: the row and everything in it are still there for the editors.
    hidden.refresh_from_db()
    assert hidden.status == status
    assert hidden.body == "Kaufen Sie jetzt!"
    assert Comment.objects.count() == 2


def test_only_approved_comments_are_public(client, article):
    approved = CommentFactory(article=article, status=Comment.Status.APPROVED)
    for status in (Comment.Status.PENDING, Comment.Status.SPAM, Comment.Status.REMOVED):
        CommentFactory(article=article, status=status, body=f"Nicht öffentlich: {status}")

    response = client.get(article.get_absolute_url())

    assert public_comment_ids(client, article) == [f"comment-{approved.pk}"]
    assert "Nicht öffentlich" not in response.content.decode()
    heading = one(parse(response), "h2#comments-title")
    assert text(heading) == "1 comment"


def test_a_comment_marked_as_spam_by_mistake_can_be_approved_again(client, editor_client, article):
    comment = CommentFactory(article=article)
    moderate(editor_client, "mark_spam", [comment])
    assert public_comment_ids(client, article) == []

    moderate(editor_client, "mark_approved", [comment])

    assert public_comment_ids(client, article) == [f"comment-{comment.pk}"]


def test_spam_and_removed_comments_can_be_found_in_the_admin(editor_client, article):
    spam = CommentFactory(article=article, status=Comment.Status.SPAM, name="Spambot")
    CommentFactory(article=article, status=Comment.Status.APPROVED, name="Leserin")

    page = parse(editor_client.get(CHANGELIST, {"status__exact": "spam"}))

    rows = changelist_rows(page)
    assert len(rows) == 1
    assert "Spambot" in text(rows[0])
    assert one(rows[0], 'input[name="_selected_action"]')["value"] == str(spam.pk)


def test_editors_cannot_add_comments_in_the_admin(editor_client, article):
    add_url = reverse("admin:comments_comment_add")

    assert editor_client.get(add_url).status_code == 403
    response = editor_client.post(
        add_url,
        {"article": article.pk, "status": "approved", "name": "Redaktion",
         "email": "r@example.org", "body": "Selbst geschrieben."},
    )  # fmt: skip
    assert response.status_code == 403
    assert not Comment.objects.exists()
    changelist = parse(editor_client.get(CHANGELIST))
    assert changelist.select_one(f'a[href="{add_url}"]') is None


def test_readers_cannot_moderate(client, article):
    comment = CommentFactory(article=article, status=Comment.Status.PENDING)

    response = client.post(
        CHANGELIST, {"action": "mark_approved", "_selected_action": [comment.pk]}
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_changelist_shows_who_wrote_what_on_which_article(editor_client):
    comment = CommentFactory(
        name="Ger", body="Sehr hilfreich.", article=ArticleFactory(title="Teams führen")
    )

    page = parse(editor_client.get(CHANGELIST))

    [row] = changelist_rows(page)
    shown = text(row)
    assert "Ger" in shown
    assert "Sehr hilfreich." in shown
    assert "Teams führen" in shown
    assert one(row, 'input[name="_selected_action"]')["value"] == str(comment.pk)


def test_changelist_queries_do_not_grow_with_the_number_of_comments(editor_client):
    # Each comment on its own article, so a missing select_related would show.
    for _ in range(3):
        CommentFactory(status=Comment.Status.PENDING)
    editor_client.get(CHANGELIST)  # warm up: session, content types
    few, response = count_queries(editor_client, CHANGELIST)
    assert len(changelist_rows(response)) == 3

    for _ in range(15):
        CommentFactory(status=Comment.Status.PENDING)
    many, response = count_queries(editor_client, CHANGELIST)

    assert len(changelist_rows(response)) == 18
    assert many == few


def test_a_commenter_approved_in_the_admin_is_known_next_time(editor_client, article):
    first = comment_submit(
        article=article, name="Ger", email="ger@example.nl", body="Erster Kommentar.",
        sender=Sender(ip="203.0.113.5"),
    )  # fmt: skip
    assert (first.status, first.rule) == (Comment.Status.PENDING, Comment.Rule.DEFAULT)

    moderate(editor_client, "mark_approved", [first])
    second = comment_submit(
        article=article, name="Ger", email="Ger@Example.NL", body="Zweiter Kommentar.",
        sender=Sender(ip="203.0.113.5"),
    )  # fmt: skip

    assert (second.status, second.rule) == (Comment.Status.APPROVED, Comment.Rule.KNOWN)
