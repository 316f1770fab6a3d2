"""What an Author and an Editor may do in the admin and on the editor endpoints — as real staff
users in the groups the roles migration made, never as superusers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from articles import services, sharing
from articles.models import Article, Status
from tests.articles.helpers import (
    ADD_URL,
    AJAX,
    PREVIEW_URL,
    UPLOAD_URL,
    article_form_data,
    change_form_data,
    change_url,
)
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    AuthorUserFactory,
    CategoryFactory,
    EditorUserFactory,
    image_file,
)
from tests.helpers import logged_in
from tests.html import field_errors, one, parse, text

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"


@pytest.fixture
def writer():
    return AuthorUserFactory(username="writer", first_name="Wanda", last_name="Writer")


@pytest.fixture
def writer_client(writer):
    return logged_in(writer)


def own_article(user, **fields) -> Article:
    return ArticleFactory(authors=[services.author_record_for(user=user)], **fields)


def workflow_buttons(response) -> list[str]:
    return [button["value"] for button in parse(response).select('button[name="_workflow"]')]


def messages_of(response) -> str:
    found = parse(response).select_one(".messagelist")
    return text(found) if found else ""


# --- The groups -----------------------------------------------------------------------------------


def permissions(group: str) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=group).permissions.select_related("content_type")
    }


def test_the_author_group_writes_and_nothing_more():
    assert permissions("Author") == {
        "articles.add_article", "articles.change_article", "articles.view_article",
        "articles.delete_article", "articles.view_author", "articles.view_category",
        "articles.view_tag", "articles.view_series", "articles.view_book",
    }  # fmt: skip


def test_the_editor_group_publishes_moderates_and_keeps_the_redirects():
    granted = permissions("Editor")

    assert {
        "articles.publish_article", "articles.edit_any_article", "articles.change_category",
        "articles.change_author", "articles.view_sharelink", "redirects.change_redirect",
        "comments.change_comment", "comments.view_comment", "articles.change_series",
        "articles.add_book",
    } <= granted  # fmt: skip
    assert not any(p.startswith(("auth.add", "auth.change", "auth.delete")) for p in granted)
    assert "comments.delete_comment" not in granted  # comments are marked, never deleted


# --- Admin pages by role --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "author", "editor"),
    [
        ("/admin/", 200, 200),
        (CHANGELIST, 200, 200),
        (ADD_URL, 200, 200),
        ("/admin/articles/category/add/", 403, 200),
        ("/admin/articles/author/add/", 403, 200),
        ("/admin/articles/sharelink/", 403, 200),
        ("/admin/redirects/redirect/", 403, 200),
        ("/admin/comments/comment/", 403, 200),
        ("/admin/auth/user/add/", 403, 403),
    ],
)
def test_who_reaches_which_admin_page(writer_client, editor_client, url, author, editor):
    assert writer_client.get(url).status_code == author
    assert editor_client.get(url).status_code == editor


def test_an_authors_new_article_starts_with_their_byline(writer, writer_client):
    page = parse(writer_client.get(ADD_URL))

    chosen = one(page, 'select[name="authorships-0-author"] option[selected]')
    assert text(chosen) == "Wanda Writer"
    assert writer.author_profile.name == "Wanda Writer"  # made on first use


def test_an_author_writes_a_draft_and_submits_it_from_the_add_form(writer, writer_client):
    record = services.author_record_for(user=writer)
    data = article_form_data(
        category=CategoryFactory(), authors=[record], title="Mein Entwurf", _workflow="submit"
    )

    response = writer_client.post(ADD_URL, data, follow=True)

    article = Article.objects.get(title="Mein Entwurf")
    assert article.status == Status.REVIEW
    assert "Submitted for review" in messages_of(response)


def test_an_author_sees_only_submit_on_a_draft_and_editors_see_the_rest(
    writer, writer_client, editor_client
):
    draft = own_article(writer, status=Status.DRAFT)
    review = own_article(writer, status=Status.REVIEW)

    assert workflow_buttons(writer_client.get(change_url(draft))) == ["submit"]
    assert workflow_buttons(writer_client.get(change_url(review))) == ["withdraw"]
    assert workflow_buttons(editor_client.get(change_url(review))) == [
        "publish", "schedule", "send_back",
    ]  # fmt: skip
    published = ArticleFactory()
    assert workflow_buttons(editor_client.get(change_url(published))) == ["unpublish", "archive"]


def test_an_author_cannot_publish_by_forging_the_button(writer, writer_client):
    article = own_article(writer, status=Status.DRAFT, title="Alt")

    response = writer_client.post(
        change_url(article), change_form_data(article, title="Neu", _workflow="publish")
    )

    assert response.status_code == 200
    assert "Only editors may do this: Publish now." in text(parse(response))
    article.refresh_from_db()
    assert (article.title, article.status) == ("Alt", Status.DRAFT)  # nothing saved


def test_an_author_reads_but_cannot_change_someone_elses_article(writer_client):
    article = ArticleFactory(title="Fremd")

    page = writer_client.get(change_url(article))
    assert page.status_code == 200
    assert parse(page).select_one('input[name="_save"]') is None  # a read-only view

    response = writer_client.post(change_url(article), change_form_data(article, title="Meins"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == "Fremd"


def test_an_author_cannot_change_their_article_in_review_but_may_withdraw_it(writer, writer_client):
    article = own_article(writer, status=Status.REVIEW, title="Eingereicht")

    response = writer_client.post(change_url(article), change_form_data(article, title="Anders"))
    assert response.status_code == 403

    response = writer_client.post(
        f"/admin/articles/article/{article.pk}/workflow/", {"_workflow": "withdraw"}, follow=True
    )
    assert "Withdrawn from review" in messages_of(response)
    article.refresh_from_db()
    assert (article.title, article.status) == ("Eingereicht", Status.DRAFT)


def test_the_author_sees_the_editors_note_on_an_article_sent_back(writer, writer_client):
    article = own_article(writer, status=Status.REVIEW)
    services.article_send_back(article=article, by=EditorUserFactory(), note="Bitte kürzen.")

    note = one(parse(writer_client.get(change_url(article))), ".review-note")

    assert "Sent back by the editors" in text(note) and "Bitte kürzen." in text(note)


def test_an_editor_sends_back_with_a_note_from_the_change_form(editor_client):
    article = ArticleFactory(status=Status.REVIEW)

    without = editor_client.post(
        change_url(article), change_form_data(article, _workflow="send_back")
    )
    assert field_errors(without, "send_back_note") == [
        "Tell the author what to change: the note is required."
    ]
    response = editor_client.post(
        change_url(article),
        change_form_data(article, _workflow="send_back", send_back_note="Quellen fehlen."),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.status, article.review_note) == (Status.DRAFT, "Quellen fehlen.")


def test_an_editor_schedules_from_the_change_form_and_the_list_says_when(editor_client):
    article = ArticleFactory(status=Status.REVIEW, title="Bald")
    when = timezone.localtime() + timedelta(days=2)
    data = change_form_data(
        article,
        _workflow="schedule",
        published_at_0=when.strftime("%Y-%m-%d"),
        published_at_1=when.strftime("%H:%M:%S"),
    )

    assert editor_client.post(change_url(article), data).status_code == 302

    article.refresh_from_db()
    assert article.state == Article.State.SCHEDULED
    badge = one(parse(editor_client.get(CHANGELIST)), "td.field-state_badge .state")
    assert "state-scheduled" in badge["class"]
    assert text(badge).startswith("Scheduled for")


def test_scheduling_needs_a_date_in_the_future(editor_client):
    article = ArticleFactory(status=Status.REVIEW)

    response = editor_client.post(
        change_url(article), change_form_data(article, _workflow="schedule")
    )

    assert field_errors(response, "published_at") == [
        "Choose a publish date in the future to schedule."
    ]
    article.refresh_from_db()
    assert article.status == Status.REVIEW


def test_removing_every_author_is_refused_naming_the_authors_field(editor_client):
    article = ArticleFactory()
    data = change_form_data(article)
    data["authorships-0-DELETE"] = "on"

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 200
    errors = one(parse(response), "#authorships-group .errorlist")
    assert text(errors) == "An article needs at least one author: add one under “Authors”."
    assert article.authorships.count() == 1


def test_drafts_are_deleted_from_the_admin_and_published_articles_are_not(
    writer, writer_client, editor_client
):
    draft = own_article(writer, status=Status.DRAFT)
    published = ArticleFactory()

    assert editor_client.get(f"/admin/articles/article/{published.pk}/delete/").status_code == 403
    response = writer_client.post(f"/admin/articles/article/{draft.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert list(Article.objects.all()) == [published]


# --- Bulk actions ---------------------------------------------------------------------------------


def bulk(client, action: str, articles, **extra):
    data = {"action": action, "_selected_action": [a.pk for a in articles], **extra}
    return client.post(CHANGELIST, data, follow=True)


def test_bulk_publish_reports_what_changed_and_what_was_refused_and_why(editor_client):
    ready = [ArticleFactory(status=Status.REVIEW) for _ in range(2)]
    already = ArticleFactory(title="Schon da")

    response = bulk(editor_client, "publish", [*ready, already])

    assert "2 articles changed." in messages_of(response)
    assert "1 refused: “Schon da” cannot be published" in messages_of(response)
    assert all(Article.objects.get(pk=a.pk).is_public for a in ready)


def test_bulk_publish_leaves_drafts_to_review(editor_client):
    draft = ArticleFactory(title="Noch roh", status=Status.DRAFT)

    response = bulk(editor_client, "publish", [draft])

    assert "1 refused: “Noch roh” is a draft: it goes through review" in messages_of(response)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_bulk_action_without_its_input_says_so_once(editor_client):
    articles = [ArticleFactory() for _ in range(3)]

    response = bulk(editor_client, "add_tags", articles, tags="")

    assert messages_of(response) == "Type the tags next to the action first."


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [
        ("submit_for_review", Status.DRAFT, Status.REVIEW),
        ("unpublish", Status.PUBLISHED, Status.DRAFT),
        ("archive", Status.PUBLISHED, Status.ARCHIVED),
    ],
)
def test_bulk_moves(editor_client, action, before, after):
    articles = [ArticleFactory(status=before) for _ in range(3)]

    response = bulk(editor_client, action, articles)

    assert "3 articles changed." in messages_of(response)
    assert {Article.objects.get(pk=a.pk).status for a in articles} == {after}


def test_bulk_set_category_and_add_tags(editor_client):
    articles = [ArticleFactory(tags=["Alt"]) for _ in range(2)]
    target = CategoryFactory(name="Strategie")

    bulk(editor_client, "set_category", articles, category=target.pk)
    response = bulk(editor_client, "add_tags", articles, tags="Führung, Neu")

    assert "2 articles changed." in messages_of(response)
    for article in articles:
        article.refresh_from_db()
        assert article.category == target
        assert sorted(article.tags.names()) == ["Alt", "Führung", "Neu"]


def test_an_author_is_offered_only_the_bulk_actions_of_an_author(writer, writer_client):
    own = own_article(writer, status=Status.DRAFT)
    other = ArticleFactory(status=Status.DRAFT, title="Fremd")

    page = parse(writer_client.get(CHANGELIST))
    offered = {
        option["value"] for option in page.select('select[name="action"] option') if option["value"]
    }
    assert offered == {"submit_for_review", "set_category", "add_tags"}
    response = bulk(writer_client, "submit_for_review", [own, other])

    assert "1 article changed." in messages_of(response)
    assert "1 refused: Fremd: Only the article's authors and the editors may do this" in (
        messages_of(response)
    )
    assert bulk(writer_client, "publish", [own]).status_code == 200  # not offered: nothing happens
    own.refresh_from_db()
    assert own.status == Status.REVIEW


# --- The editor endpoints (Markdown preview, image upload) ----------------------------------------


@pytest.mark.parametrize("role", [AuthorUserFactory, EditorUserFactory], ids=["author", "editor"])
def test_authors_and_editors_use_the_editor_endpoints(role):
    client = logged_in(role())

    preview = client.post(PREVIEW_URL, {"content": "**fett**"}, **AJAX)
    upload = client.post(UPLOAD_URL, {"image": image_file()}, **AJAX)

    assert (preview.status_code, preview.content.decode()) == (
        200,
        "<p><strong>fett</strong></p>\n",
    )
    assert upload.status_code == 200 and "image_code" in upload.json()


def test_the_changelist_filters_my_articles(writer, writer_client):
    own_article(writer, title="Meins")
    ArticleFactory(title="Fremd", authors=[AuthorFactory()])

    page = parse(writer_client.get(f"{CHANGELIST}?mine=1"))

    assert [text(t) for t in page.select("th.field-title")] == ["Meins"]


def test_a_draft_with_a_share_link_can_be_deleted(editor_client):
    draft = ArticleFactory(status=Status.DRAFT)
    sharing.share_link_create(article=draft, by=EditorUserFactory(username="boss"))

    response = editor_client.post(f"/admin/articles/article/{draft.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Article.objects.exists()


def test_unpublish_and_archive_act_at_once_without_waiting_for_the_form(editor_client):
    article = ArticleFactory()

    page = parse(editor_client.get(change_url(article)))
    for action in ("unpublish", "archive"):
        button = one(page, f'button[name="_workflow"][value="{action}"]')
        assert button["formaction"] == f"/admin/articles/article/{article.pk}/workflow/"
    # Even an article whose text would no longer pass (say, from before the placeholder
    # check) comes off the site at once.
    Article.objects.filter(pk=article.pk).update(body="![Describe the image](/media/x.png)")
    response = editor_client.post(
        f"/admin/articles/article/{article.pk}/workflow/", {"_workflow": "archive"}, follow=True
    )

    assert "Archived" in messages_of(response)
    article.refresh_from_db()
    assert article.status == Status.ARCHIVED


def test_scheduling_needs_the_form_with_its_date(editor_client):
    article = ArticleFactory(status=Status.REVIEW)

    response = editor_client.post(
        f"/admin/articles/article/{article.pk}/workflow/", {"_workflow": "schedule"}, follow=True
    )

    assert "Choose a publish date in the future to schedule." in messages_of(response)
    article.refresh_from_db()
    assert article.status == Status.REVIEW


@pytest.mark.parametrize("revoke", ["abc", "999999"])
def test_a_forged_revoke_is_refused_with_a_message(editor_client, revoke):
    article = ArticleFactory(status=Status.DRAFT, title="Alt")

    response = editor_client.post(
        change_url(article), change_form_data(article, title="Neu", _share_revoke=revoke)
    )

    assert response.status_code == 200
    assert "This share link does not belong to this article." in text(parse(response))
    article.refresh_from_db()
    assert article.title == "Alt"


def test_the_workflow_page_of_an_unknown_article_is_a_404(editor_client):
    response = editor_client.post("/admin/articles/article/abc/workflow/", {"_workflow": "archive"})

    assert response.status_code == 404


def test_bulk_add_tags_refuses_a_tag_that_is_too_long(editor_client):
    article = ArticleFactory(title="Mit Tags", tags=["Alt"])

    response = bulk(editor_client, "add_tags", [article], tags="x" * 101)

    assert "0 articles changed." in messages_of(response)
    assert "A tag may have at most 100 characters" in messages_of(response)
    assert article.tags.names()[0] == "Alt" and article.tags.count() == 1
