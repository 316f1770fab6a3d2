"""The editors' dashboard (the admin index): panels from each app, a fixed number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import services
from articles.models import Article, Status
from comments.models import Comment
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    AuthorUserFactory,
    CommentFactory,
    EditorUserFactory,
)
from tests.helpers import count_queries, logged_in
from tests.html import one, parse, text

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/"


def panel(page, heading_id: str):
    return one(parse(page), f'section[aria-labelledby="{heading_id}"]')


def test_the_admin_is_branded_with_the_sites_name(editor_client):
    page = parse(editor_client.get(DASHBOARD))

    assert text(one(page, "#site-name")) == "Consulting articles – editorial desk"
    assert text(one(page, "title")).endswith("| Consulting articles")


def test_review_queue_shows_author_and_waiting_time_oldest_first(editor_client):
    with_author = AuthorFactory(name="Ger de Bruijn")
    old = ArticleFactory(title="Lange wartend", status=Status.REVIEW, authors=[with_author])
    Article.objects.filter(pk=old.pk).update(status_changed_at=timezone.now() - timedelta(days=3))
    ArticleFactory(title="Frisch", status=Status.REVIEW)
    ArticleFactory(title="Entwurf", status=Status.DRAFT)

    queue = panel(editor_client.get(DASHBOARD), "panel-review")

    items = queue.select("li")
    assert [text(one(item, "a")) for item in items] == ["Lange wartend", "Frisch"]
    assert "Ger de Bruijn" in text(items[0]) and "submitted 3 days ago" in text(items[0])
    assert text(one(queue, ".count")) == "2"


def test_scheduled_articles_with_their_dates(editor_client):
    when = timezone.now() + timedelta(days=2)
    ArticleFactory(title="Übermorgen", published_at=when)
    ArticleFactory(title="Schon live")

    scheduled = panel(editor_client.get(DASHBOARD), "panel-scheduled")

    assert [text(one(li, "a")) for li in scheduled.select("li")] == ["Übermorgen"]
    assert one(scheduled, "time")["datetime"] == timezone.localtime(when).isoformat(
        timespec="seconds"
    )


def test_an_author_sees_their_drafts_those_sent_back_marked():
    writer = AuthorUserFactory()
    record = services.author_record_for(user=writer)
    sent_back = ArticleFactory(title="Zurück", status=Status.REVIEW, authors=[record])
    services.article_send_back(article=sent_back, by=EditorUserFactory(), note="Kürzer.")
    ArticleFactory(title="Mein Entwurf", status=Status.DRAFT, authors=[record])
    ArticleFactory(title="Fremder Entwurf", status=Status.DRAFT)
    client = logged_in(writer)

    page = client.get(DASHBOARD)

    drafts = panel(page, "panel-drafts")
    assert [text(one(li, "a")) for li in drafts.select("li")] == ["Zurück", "Mein Entwurf"]
    assert "Sent back" in text(drafts.select("li")[0])
    # Authors do not moderate: no comments panel for them.
    assert parse(page).select_one('section[aria-labelledby="panel-comments"]') is None


def test_comments_awaiting_moderation_with_a_link_to_the_filtered_list(editor_client):
    article = ArticleFactory()
    CommentFactory.create_batch(3, article=article, status=Comment.Status.PENDING)
    CommentFactory(article=article, status=Comment.Status.APPROVED)

    comments = panel(editor_client.get(DASHBOARD), "panel-comments")

    assert text(one(comments, ".count")) == "3"
    link = comments.select("a")[-1]
    assert link["href"] == "/admin/comments/comment/?status__exact=pending"
    assert text(link) == "Moderate all 3 comments"


def test_most_read_of_the_last_30_days_as_a_chart_labelled_as_lifetime_counts(editor_client):
    for title, views, days in [("Oft", 900, 3), ("Selten", 300, 10), ("Alt und oft", 5000, 40)]:
        article = ArticleFactory(title=title, published_at=timezone.now() - timedelta(days=days))
        Article.objects.filter(pk=article.pk).update(view_count=views)

    chart = panel(editor_client.get(DASHBOARD), "panel-most-read")

    rows = chart.select("tbody tr")
    assert [text(one(row, "th")) for row in rows] == ["Oft", "Selten"]
    assert [one(row, "rect")["width"] for row in rows] == ["100.0", "33.3"]
    assert "All views since each article was published." in text(chart)


def test_recently_changed_articles_with_their_state(editor_client):
    ArticleFactory(title="Älter")
    ArticleFactory(title="Neuer", status=Status.DRAFT)

    recent = panel(editor_client.get(DASHBOARD), "panel-recent")

    first = recent.select("li")[0]
    assert text(one(first, "a")) == "Neuer" and text(one(first, ".state")) == "Draft"


def fill(count: int) -> None:
    for index in range(count):
        authors = AuthorFactory.create_batch(2)
        ArticleFactory(status=Status.REVIEW, authors=authors)
        ArticleFactory(published_at=timezone.now() + timedelta(days=index + 1), authors=authors)
        article = ArticleFactory(authors=authors)
        CommentFactory(article=article, status=Comment.Status.PENDING)


# Session and user, the editor's own and group permissions, then per panel: review queue (page,
# bylines, count), scheduled (page, bylines, count), "my drafts" (the editor's author record:
# none, so no list), most read, recently changed, comments (count, page); and Django's own
# "recent actions" box.
DASHBOARD_BUDGET = 16


def test_the_dashboard_query_count_does_not_grow_with_rows(
    editor_client, django_assert_max_num_queries
):
    fill(2)
    editor_client.get(DASHBOARD)  # once before: what a process caches (content types)
    with django_assert_max_num_queries(DASHBOARD_BUDGET):
        few, _ = count_queries(editor_client, DASHBOARD)

    fill(10)
    with django_assert_max_num_queries(DASHBOARD_BUDGET):
        many, page = count_queries(editor_client, DASHBOARD)

    assert many == few
    assert text(one(panel(page, "panel-review"), ".count")) == "12"


def test_a_new_author_sees_an_empty_my_drafts_panel_inviting_to_write():
    page = logged_in(AuthorUserFactory()).get(DASHBOARD)

    drafts = panel(page, "panel-drafts")
    assert "No drafts. Start one with “Add article”." in text(drafts)
    assert one(drafts, "a.addlink")["href"] == "/admin/articles/article/add/"
