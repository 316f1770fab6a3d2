"""Threads as a reader sees them: replies under their parent, nested three levels deep at most,
long threads in pages of conversations, and a comment's permalink finding its page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from comments import threads
from comments.models import Comment
from comments.services import comments_set_status, moderator_reply
from tests.comments.helpers import comment_data, post_url, shown_comments
from tests.factories import CommentFactory
from tests.helpers import count_queries
from tests.html import one, parse, text

pytestmark = pytest.mark.django_db


def reply_to(parent: Comment, **fields) -> Comment:
    """A reply stored as comment_submit stores one (depth one below its parent)."""
    return CommentFactory(article=parent.article, parent=parent, depth=parent.depth + 1, **fields)


def conversation(article, *, replies: int = 2, answers: int = 1) -> list[Comment]:
    """A comment with ``replies`` replies, each answered ``answers`` times: three levels."""
    top = CommentFactory(article=article)
    made = [top]
    for _ in range(replies):
        child = reply_to(top)
        made.append(child)
        made.extend(reply_to(child) for _ in range(answers))
    return made


def page_of_article(client, article, query: str = ""):
    response = client.get(article.get_absolute_url() + query)
    assert response.status_code == 200
    return parse(response)


def ids(nodes) -> list[str]:
    return [node["id"] for node in nodes]


def replies_of(page, comment: Comment) -> list[str]:
    """The ids of the comments shown directly under ``comment`` (one level down)."""
    item = one(page, f"li#comment-{comment.pk}")
    replies = item.find("ol", class_="comment-replies", recursive=False)
    return ids(replies.find_all("li", class_="comment", recursive=False)) if replies else []


def top_level(page) -> list[str]:
    return ids(one(page, "ol.comment-list").find_all("li", class_="comment", recursive=False))


# --- One query for the whole thread ------------------------------------------------------------


def test_fifty_comments_in_three_levels_cost_no_more_queries_than_five(client, article):
    conversation(article)  # 5 comments: 1 + 2 replies + 2 answers
    client.get(article.get_absolute_url())  # the site's menu is cached from now on
    few, response = count_queries(client, article.get_absolute_url())
    assert len(shown_comments(parse(response))) == 5

    for _ in range(9):
        conversation(article)
    many, response = count_queries(client, article.get_absolute_url())

    page = parse(response)
    assert len(shown_comments(page)) == 50
    assert len(page.select("ol.comment-list > li > ol > li > ol > li.comment")) == 20
    assert many == few


def test_the_thread_is_read_without_the_email_addresses(article, django_assert_num_queries):
    conversation(article)

    with django_assert_num_queries(1) as captured:
        thread = threads.build(threads.thread_rows(article))

    assert thread.count == 5
    assert "email" not in captured.captured_queries[0]["sql"]


# --- Nesting -----------------------------------------------------------------------------------


def test_replies_are_shown_under_their_parent_in_the_order_written(client, article):
    first, answer_1, answer_1a, answer_2, answer_2a = conversation(article)
    second = CommentFactory(article=article)

    page = page_of_article(client, article)

    assert top_level(page) == [f"comment-{first.pk}", f"comment-{second.pk}"]
    assert replies_of(page, first) == [f"comment-{answer_1.pk}", f"comment-{answer_2.pk}"]
    assert replies_of(page, answer_1) == [f"comment-{answer_1a.pk}"]
    assert replies_of(page, answer_2) == [f"comment-{answer_2a.pk}"]


def test_a_reply_to_the_deepest_level_is_stored_and_shown_beside_it(client, article):
    top = CommentFactory(article=article)
    middle = reply_to(top)
    deepest = reply_to(middle)

    response = client.post(
        post_url(article), comment_data(body="Eine Antwort ganz unten.", parent=deepest.pk)
    )
    assert response.status_code == 302
    answer = Comment.objects.get(body="Eine Antwort ganz unten.")
    comments_set_status(comments=Comment.objects.filter(pk=answer.pk), status="approved")

    # Stored where services.attach_point puts it: beside the deepest comment, not below it.
    assert (answer.parent_id, answer.depth) == (middle.pk, 2)
    page = page_of_article(client, article)
    assert replies_of(page, middle) == [f"comment-{deepest.pk}", f"comment-{answer.pk}"]
    assert replies_of(page, deepest) == []


def test_replies_stored_deeper_than_allowed_are_shown_at_the_deepest_level(client, article):
    # Rows from before the limit (or from a larger one): they still read as a conversation.
    top = CommentFactory(article=article)
    middle = reply_to(top)
    deepest = reply_to(middle)
    too_deep = reply_to(deepest)
    deeper_still = reply_to(too_deep)
    later = reply_to(middle)

    page = page_of_article(client, article)

    assert replies_of(page, middle) == [
        f"comment-{deepest.pk}",
        f"comment-{too_deep.pk}",
        f"comment-{deeper_still.pk}",
        f"comment-{later.pk}",
    ]
    assert page.select("ol.comment-replies ol.comment-replies ol.comment-replies") == []


def test_a_smaller_depth_setting_nests_less(client, article, settings):
    settings.COMMENT_MAX_DEPTH = 2
    top, answer, answer_of_answer, *_ = conversation(article, replies=1)

    page = page_of_article(client, article)

    assert replies_of(page, top) == [f"comment-{answer.pk}", f"comment-{answer_of_answer.pk}"]


def test_a_reply_whose_parent_was_removed_hangs_under_the_nearest_public_comment(client, article):
    top = CommentFactory(article=article)
    removed = reply_to(top, status=Comment.Status.REMOVED, body="Entfernt.")
    orphan = reply_to(removed, body="Antwort auf Entferntes.")

    page = page_of_article(client, article)

    assert replies_of(page, top) == [f"comment-{orphan.pk}"]
    assert "Entfernt." not in text(one(page, "section#comments"))


def test_a_reply_to_a_comment_that_is_not_public_stands_at_the_top(client, article, editor_user):
    waiting = CommentFactory(article=article, status=Comment.Status.PENDING, body="Wartet.")
    answer = moderator_reply(parent=waiting, body="Danke, wir prüfen das.", by=editor_user)
    first = CommentFactory(article=article)
    first.created_at = timezone.now().replace(year=2000)
    first.save()

    page = page_of_article(client, article)

    assert top_level(page) == [f"comment-{first.pk}", f"comment-{answer.pk}"]
    assert "Wartet." not in text(one(page, "section#comments"))


def test_an_erased_comment_with_replies_leaves_a_note_and_its_replies(client, article):
    erased = CommentFactory(article=article, name="", body="", erased_at=timezone.now())
    answer = reply_to(erased, body="Die Antwort bleibt.")
    alone = CommentFactory(article=article, name="", body="", erased_at=timezone.now())

    page = page_of_article(client, article)

    item = one(page, f"li#comment-{erased.pk}")
    assert text(one(item, ".comment-erased")) == "Comment removed at the author's request"
    # Nothing of its own but the note (what follows it are the replies).
    assert [child.name for child in item.find_all(recursive=False)] == ["p", "ol"]
    assert replies_of(page, erased) == [f"comment-{answer.pk}"]
    assert page.select_one(f"#comment-{alone.pk}") is None
    # The heading counts what can be read: the reply, not the note.
    assert text(one(page, "h2#comments-title")) == "1 comment"


def test_an_erased_comment_whose_replies_are_not_public_is_not_shown(client, article):
    erased = CommentFactory(article=article, name="", body="", erased_at=timezone.now())
    reply_to(erased, status=Comment.Status.SPAM)

    page = page_of_article(client, article)

    assert shown_comments(page) == []
    assert text(one(page, "h2#comments-title")) == "Comments"


# --- Pages of conversations --------------------------------------------------------------------


@pytest.fixture
def five_conversations(article, settings):
    """Five conversations of three comments each, two conversations a page (pages 1, 2, 3)."""
    settings.COMMENTS_PER_PAGE = 2
    return [conversation(article, replies=1) for _ in range(5)]


def test_a_long_thread_is_paginated_by_conversation(client, article, five_conversations):
    first_page = page_of_article(client, article)
    second_page = page_of_article(client, article, "?comments=2")
    last_page = page_of_article(client, article, "?comments=3")

    tops = [f"comment-{made[0].pk}" for made in five_conversations]
    assert top_level(first_page) == tops[:2]
    assert top_level(second_page) == tops[2:4]
    assert top_level(last_page) == tops[4:]
    # A conversation is never cut: its replies are on its page.
    assert len(shown_comments(second_page)) == 6
    # The heading counts the whole thread.
    assert text(one(second_page, "h2#comments-title")) == "15 comments"


def test_page_links_lead_to_the_comment_pages(client, article, five_conversations):
    nav = one(page_of_article(client, article, "?comments=2"), "section#comments nav.pagination")

    url = article.get_absolute_url()
    assert one(nav, 'a[rel="prev"]')["href"] == f"{url}#comments"
    assert one(nav, 'a[rel="next"]')["href"] == f"{url}?comments=3#comments"
    assert one(nav, '[aria-current="page"]')["href"] == f"{url}?comments=2#comments"
    assert text(one(nav, 'a[rel="prev"]')) == "Older comments"


def test_a_short_thread_has_no_page_links(client, article):
    conversation(article)

    assert page_of_article(client, article).select("section#comments nav.pagination") == []


@pytest.mark.parametrize("value", ["99", "0", "-1", "abc", "", "1e3", "２", "9" * 5000])
def test_an_unusable_comment_page_shows_the_first(client, article, five_conversations, value):
    page = page_of_article(client, article, f"?comments={value}")

    assert top_level(page) == [f"comment-{made[0].pk}" for made in five_conversations[:2]]


def test_page_of_finds_the_page_of_any_comment(article, five_conversations):
    assert [threads.page_of(made[-1]) for made in five_conversations] == [1, 1, 2, 2, 3]


def test_the_permalink_leads_to_the_page_that_shows_the_comment(
    client, article, five_conversations
):
    answer = five_conversations[2][-1]  # in the third conversation: page 2

    response = client.get(reverse("comments:permalink", args=[answer.pk]))

    assert response.status_code == 302
    url = article.get_absolute_url()
    assert response["Location"] == f"{url}?comments=2#comment-{answer.pk}"
    page = parse(client.get(response["Location"]))
    assert one(page, f"li#comment-{answer.pk}")


def test_the_permalink_of_a_comment_on_the_first_page_has_no_page_number(
    client, article, five_conversations
):
    first = five_conversations[0][0]

    response = client.get(reverse("comments:permalink", args=[first.pk]))

    assert response["Location"] == f"{article.get_absolute_url()}#comment-{first.pk}"


def test_the_date_of_a_comment_links_to_its_permalink(client, article):
    comment = CommentFactory(article=article)

    item = one(page_of_article(client, article), f"li#comment-{comment.pk}")

    assert one(item, "a.comment-permalink")["href"] == reverse(
        "comments:permalink", args=[comment.pk]
    )
