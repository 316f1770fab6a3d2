"""The write path and the status flow: who may move an article where, and what it needs.

Everything here calls articles/services.py as the admin does, with real users in the Author and
Editor groups (never superusers); ``by=None`` is the system (imports, the demo).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone

from articles import services
from articles.models import Article, Author, State, Status, Tag
from articles.revisions import article_versions
from articles.workflow import Action, allowed_actions
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    AuthorUserFactory,
    CategoryFactory,
    EditorUserFactory,
    SuperuserFactory,
    UserFactory,
    image_file,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now()
PAST, FUTURE = NOW - timedelta(days=1), NOW + timedelta(days=1)


def own_article(user, **fields) -> Article:
    """An article whose byline holds ``user``'s author record."""
    return ArticleFactory(authors=[services.author_record_for(user=user)], **fields)


def stored(article: Article) -> Article:
    return Article.objects.get(pk=article.pk)


# --- One source for each rule ----------------------------------------------------------------


# Every status with every kind of date the database allows (published and archived need one).
STATES = [
    (status, when)
    for status in Status.values
    for when in (None, "past", "future")
    if when is not None or status in (Status.DRAFT, Status.REVIEW)
]


@pytest.mark.parametrize(("status", "when"), STATES)
def test_is_public_and_published_agree_in_every_state(status, when):
    article = ArticleFactory(status=Status.DRAFT)
    date = {"past": PAST, "future": FUTURE, None: None}[when]
    Article.objects.filter(pk=article.pk).update(status=status, published_at=date)
    article = stored(article)

    assert article.is_public == Article.objects.published().filter(pk=article.pk).exists()
    assert article.is_reachable == Article.objects.reachable().filter(pk=article.pk).exists()
    expected_public = status == Status.PUBLISHED and when == "past"
    assert article.is_public is expected_public


def test_constraints_are_built_from_the_enumerations():
    conditions = {c.name: c.condition for c in Article._meta.constraints if hasattr(c, "condition")}

    assert conditions["article_status_valid"] == Q(status__in=Status.values)
    assert conditions["article_language_valid"] == Q(language__in=Article.Language.values)
    assert Article.Language.values == ["de", "nl", "en"]  # settings.LANGUAGES, in its order


# --- Roles and moves ---------------------------------------------------------------------------

# (action, state before, who) -> may they? "own" is an Author on the byline, "other" an Author
# who is not, "editor" an Editor.
CASES = [
    (Action.SUBMIT, State.DRAFT, "own", True),
    (Action.SUBMIT, State.DRAFT, "other", False),
    (Action.SUBMIT, State.DRAFT, "editor", True),
    (Action.SUBMIT, State.REVIEW, "own", False),
    (Action.WITHDRAW, State.REVIEW, "own", True),
    (Action.WITHDRAW, State.REVIEW, "other", False),
    (Action.WITHDRAW, State.DRAFT, "own", False),
    (Action.WITHDRAW, State.REVIEW, "editor", False),  # editors send back, with a note
    (Action.PUBLISH, State.REVIEW, "own", False),
    (Action.PUBLISH, State.REVIEW, "editor", True),
    (Action.PUBLISH, State.DRAFT, "editor", True),
    (Action.PUBLISH, State.SCHEDULED, "editor", True),
    (Action.PUBLISH, State.ARCHIVED, "editor", True),
    (Action.PUBLISH, State.PUBLISHED, "editor", False),
    (Action.SCHEDULE, State.REVIEW, "own", False),
    (Action.SCHEDULE, State.REVIEW, "editor", True),
    (Action.SCHEDULE, State.PUBLISHED, "editor", False),
    (Action.SEND_BACK, State.REVIEW, "own", False),
    (Action.SEND_BACK, State.REVIEW, "editor", True),
    (Action.SEND_BACK, State.DRAFT, "editor", False),
    (Action.UNPUBLISH, State.PUBLISHED, "own", False),
    (Action.UNPUBLISH, State.PUBLISHED, "editor", True),
    (Action.UNPUBLISH, State.SCHEDULED, "editor", True),
    (Action.UNPUBLISH, State.DRAFT, "editor", False),
    (Action.ARCHIVE, State.PUBLISHED, "own", False),
    (Action.ARCHIVE, State.PUBLISHED, "editor", True),
    (Action.ARCHIVE, State.SCHEDULED, "editor", False),
    (Action.ARCHIVE, State.REVIEW, "editor", False),
]


def article_in(state: State, owner) -> Article:
    fields = {
        State.DRAFT: {"status": Status.DRAFT},
        State.REVIEW: {"status": Status.REVIEW},
        State.SCHEDULED: {"status": Status.PUBLISHED, "published_at": FUTURE},
        State.PUBLISHED: {"status": Status.PUBLISHED},
        State.ARCHIVED: {"status": Status.ARCHIVED},
    }[state]
    return own_article(owner, **fields)


def move(action: Action, article: Article, by) -> Article:
    if action == Action.SUBMIT:
        return services.article_submit_for_review(article=article, by=by)
    if action == Action.WITHDRAW:
        return services.article_withdraw(article=article, by=by)
    if action == Action.PUBLISH:
        return services.article_publish(article=article, by=by)
    if action == Action.SCHEDULE:
        return services.article_publish(article=article, by=by, at=FUTURE + timedelta(days=3))
    if action == Action.SEND_BACK:
        return services.article_send_back(article=article, by=by, note="Bitte kürzen.")
    if action == Action.UNPUBLISH:
        return services.article_unpublish(article=article, by=by)
    return services.article_archive(article=article, by=by)


EXPECTED_STATE = {
    Action.SUBMIT: State.REVIEW,
    Action.WITHDRAW: State.DRAFT,
    Action.PUBLISH: State.PUBLISHED,
    Action.SCHEDULE: State.SCHEDULED,
    Action.SEND_BACK: State.DRAFT,
    Action.UNPUBLISH: State.DRAFT,
    Action.ARCHIVE: State.ARCHIVED,
}


@pytest.mark.parametrize(("action", "state", "who", "allowed"), CASES)
def test_each_move_is_allowed_or_refused_by_role_and_state(action, state, who, allowed):
    owner = AuthorUserFactory()
    article = article_in(state, owner)
    user = {"own": owner, "other": AuthorUserFactory(), "editor": EditorUserFactory()}[who]
    before = stored(article)
    revisions = len(article_versions(article))

    assert (action in allowed_actions(user, before)) is allowed
    if allowed:
        move(action, article, user)
        assert stored(article).state == EXPECTED_STATE[action]
        assert len(article_versions(article)) == revisions + 1
    else:
        with pytest.raises((PermissionDenied, ValidationError)):
            move(action, article, user)
        # Refused means nothing changed: status, date, version, history.
        after = stored(article)
        assert (after.status, after.published_at, after.lock_version) == (
            before.status,
            before.published_at,
            before.lock_version,
        )
        assert len(article_versions(article)) == revisions


def test_a_role_refusal_says_who_may():
    article = own_article(AuthorUserFactory(), status=Status.REVIEW)

    with pytest.raises(PermissionDenied, match="Only editors may do this: Publish now"):
        services.article_publish(article=article, by=AuthorUserFactory())


def test_a_state_refusal_names_the_article_and_its_state():
    article = ArticleFactory(title="Führung", status=Status.DRAFT)

    with pytest.raises(ValidationError, match="“Führung” cannot be archived .*Draft"):
        services.article_archive(article=article, by=EditorUserFactory())


def test_staff_without_a_group_and_readers_may_do_nothing():
    article = ArticleFactory(status=Status.DRAFT)
    for user in (UserFactory(is_staff=True), UserFactory()):
        assert allowed_actions(user, article) == []
        with pytest.raises(PermissionDenied):
            services.article_save(article=article, authors=article.ordered_authors, by=user)


def test_a_superuser_is_not_needed_but_may_do_everything():
    article = ArticleFactory(status=Status.REVIEW)

    services.article_publish(article=article, by=SuperuserFactory())

    assert stored(article).is_public


# --- Editing -----------------------------------------------------------------------------------


def test_an_author_edits_their_own_draft_but_not_once_it_is_in_review():
    writer = AuthorUserFactory()
    article = own_article(writer, status=Status.DRAFT)
    article.title = "Neu"
    services.article_save(article=article, authors=article.ordered_authors, by=writer)
    assert stored(article).title == "Neu"

    services.article_submit_for_review(article=article, by=writer)
    article.title = "Noch neuer"
    with pytest.raises(PermissionDenied, match="You may not change"):
        services.article_save(article=article, authors=article.ordered_authors, by=writer)
    assert stored(article).title == "Neu"


def test_an_author_cannot_edit_someone_elses_draft():
    article = own_article(AuthorUserFactory(), status=Status.DRAFT, title="Fremd")
    article.title = "Übernommen"

    with pytest.raises(PermissionDenied):
        services.article_save(
            article=article, authors=article.ordered_authors, by=AuthorUserFactory()
        )
    assert stored(article).title == "Fremd"


def test_an_editor_saves_a_published_article_live_and_a_new_slug_takes_effect_at_once(client):
    article = ArticleFactory(title="Alt", slug="alt")
    article.title, article.slug = "Neu", "neu"

    services.article_save(article=article, authors=article.ordered_authors, by=EditorUserFactory())

    assert client.get("/en/neu/").status_code == 200
    assert client.get("/en/alt/")["Location"] == "/en/neu/"


def test_the_status_moves_only_through_the_workflow():
    article = ArticleFactory(status=Status.DRAFT)
    article.status = Status.PUBLISHED
    article.published_at = PAST

    with pytest.raises(ValidationError, match="only through the workflow"):
        services.article_save(
            article=article, authors=article.ordered_authors, by=EditorUserFactory()
        )
    assert stored(article).status == Status.DRAFT


def test_only_editors_set_the_publish_date():
    writer = AuthorUserFactory()
    article = own_article(writer, status=Status.DRAFT)
    article.published_at = FUTURE

    with pytest.raises(PermissionDenied, match="Only editors set the publish date"):
        services.article_save(article=article, authors=article.ordered_authors, by=writer)


def test_a_public_article_is_not_taken_offline_by_a_future_date():
    article = ArticleFactory()
    article.published_at = FUTURE

    with pytest.raises(ValidationError, match="unpublish it"):
        services.article_save(
            article=article, authors=article.ordered_authors, by=EditorUserFactory()
        )
    assert stored(article).is_public


def test_an_author_keeps_themselves_on_the_byline():
    writer = AuthorUserFactory()
    article = own_article(writer, status=Status.DRAFT)

    with pytest.raises(ValidationError, match="Keep yourself on the byline"):
        services.article_save(article=article, authors=[AuthorFactory()], by=writer)


def test_an_authors_record_is_made_on_first_use_from_their_name():
    writer = AuthorUserFactory(first_name="Ger", last_name="de Bruijn")

    record = services.author_record_for(user=writer)

    assert (record.name, record.user, record.slug) == ("Ger de Bruijn", writer, "ger-de-bruijn")
    assert services.author_record_for(user=writer) == record
    assert Author.objects.filter(user=writer).count() == 1


@pytest.mark.parametrize("status", [Status.DRAFT, Status.PUBLISHED])
def test_every_article_keeps_at_least_one_author(status):
    article = ArticleFactory(status=status)

    with pytest.raises(ValidationError, match="at least one author"):
        services.article_save(article=article, authors=[], by=EditorUserFactory())
    assert stored(article).ordered_authors


def test_the_same_author_twice_is_refused():
    author = AuthorFactory(name="Anna")
    article = ArticleFactory(authors=[author])

    with pytest.raises(ValidationError, match="“Anna” is on the byline twice"):
        services.article_save(article=article, authors=[author, author], by=None)


# --- What publication needs --------------------------------------------------------------------


def test_submitting_needs_a_cover_description_when_there_is_a_cover(media_root):
    article = ArticleFactory(status=Status.DRAFT)
    (media_root / "covers").mkdir(parents=True)
    (media_root / "covers" / "x.jpg").write_bytes(image_file().read())
    Article.objects.filter(pk=article.pk).update(cover_image="covers/x.jpg", cover_alt="")

    with pytest.raises(ValidationError, match="Describe the cover image"):
        services.article_submit_for_review(article=article, by=None)
    assert stored(article).status == Status.DRAFT


@pytest.mark.parametrize("alt", ["Describe the image", "Beschrijf de afbeelding", ""])
def test_an_image_without_a_real_description_cannot_be_published(alt):
    body = f"Text.\n\n![{alt}](/media/markdownx/chart-1a2b.png)\n\nMore text."
    article = ArticleFactory(status=Status.DRAFT, body=body)

    with pytest.raises(ValidationError, match="“chart-1a2b.png” has no description yet"):
        services.article_publish(article=article, by=EditorUserFactory())
    with pytest.raises(ValidationError, match="chart-1a2b.png"):
        services.article_submit_for_review(article=article, by=None)
    assert stored(article).status == Status.DRAFT


def test_a_draft_may_keep_the_placeholder_while_it_is_written():
    article = ArticleFactory(status=Status.DRAFT)
    article.body = "![Describe the image](/media/markdownx/a.png)"

    services.article_save(article=article, authors=article.ordered_authors, by=None)

    assert "Describe the image" in stored(article).body


# --- Scheduling, unpublishing, archiving, sending back -----------------------------------------


def test_a_scheduled_article_goes_live_at_its_time_without_any_job(client):
    when = timezone.now() + timedelta(hours=2)
    article = ArticleFactory(status=Status.REVIEW, title="Geplant")
    services.article_publish(article=article, by=EditorUserFactory(), at=when)
    article = stored(article)

    assert article.state == State.SCHEDULED
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Geplant" not in client.get("/en/").content.decode()
    with time_machine.travel(when + timedelta(seconds=1), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert "Geplant" in client.get("/en/").content.decode()


def test_publishing_without_a_date_publishes_now():
    article = ArticleFactory(status=Status.REVIEW)
    before = timezone.now()

    services.article_publish(article=article, by=EditorUserFactory())

    assert before <= stored(article).published_at <= timezone.now()


def test_unpublishing_a_scheduled_article_forgets_its_date():
    article = ArticleFactory(published_at=FUTURE)

    services.article_unpublish(article=article, by=EditorUserFactory())

    assert (stored(article).status, stored(article).published_at) == (Status.DRAFT, None)


def test_an_archived_article_leaves_the_lists_but_its_address_answers_with_a_note(client):
    article = ArticleFactory(title="Von gestern", category=CategoryFactory(slug="alt"))
    services.article_archive(article=article, by=EditorUserFactory())

    assert "Von gestern" not in client.get("/en/").content.decode()
    assert "Von gestern" not in client.get("/en/category/alt/").content.decode()
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert "This article is archived" in page.content.decode()
    assert '<meta name="robots" content="noindex">' in page.content.decode()


def test_an_article_back_from_the_archive_keeps_its_date():
    article = ArticleFactory(published_at=PAST)
    editor = EditorUserFactory()
    services.article_archive(article=article, by=editor)

    services.article_publish(article=article, by=editor)

    assert stored(article).published_at == PAST


def test_sending_back_needs_a_note_which_the_author_then_sees():
    article = ArticleFactory(status=Status.REVIEW)
    editor = EditorUserFactory()

    with pytest.raises(ValidationError, match="note is required"):
        services.article_send_back(article=article, by=editor, note="  ")
    services.article_send_back(article=article, by=editor, note="Bitte die Quellen ergänzen.")

    article = stored(article)
    assert (article.status, article.review_note) == (Status.DRAFT, "Bitte die Quellen ergänzen.")
    assert article.status_changed_by == editor
    services.article_submit_for_review(article=article, by=None)
    assert stored(article).review_note == ""


# --- Deleting ----------------------------------------------------------------------------------


def test_drafts_are_deleted_by_their_author_or_an_editor():
    writer = AuthorUserFactory()
    mine, other = own_article(writer, status=Status.DRAFT), ArticleFactory(status=Status.DRAFT)

    services.article_delete(article=mine, by=writer)
    with pytest.raises(PermissionDenied):
        services.article_delete(article=other, by=writer)
    services.article_delete(article=other, by=EditorUserFactory())

    assert not Article.objects.exists()


def test_editors_archive_rather_than_delete_published_articles():
    article = ArticleFactory()

    with pytest.raises(PermissionDenied, match="archive"):
        services.article_delete(article=article, by=EditorUserFactory())
    assert Article.objects.filter(pk=article.pk).exists()


def test_a_published_article_removed_anyway_answers_410(client):
    article = ArticleFactory(slug="weg")

    services.article_delete(article=article, by=SuperuserFactory())

    response = client.get("/en/weg/")
    assert response.status_code == 410
    assert "has been removed by the editors" in response.content.decode()


# --- Two people, one article -------------------------------------------------------------------


def test_a_save_over_someone_elses_newer_save_is_refused():
    article = ArticleFactory(title="Original")
    opened = article.lock_version
    first, second = stored(article), stored(article)
    first.title, second.title = "Erste", "Zweite"
    services.article_save(
        article=first, authors=first.ordered_authors, by=EditorUserFactory(),
        expected_version=opened,
    )  # fmt: skip

    with pytest.raises(services.EditConflict):
        services.article_save(
            article=second, authors=second.ordered_authors, by=EditorUserFactory(),
            expected_version=opened,
        )  # fmt: skip
    assert stored(article).title == "Erste"


def test_a_tag_typed_slightly_differently_reuses_the_existing_one():
    ArticleFactory(tags=["Decision-making"])
    article = ArticleFactory(tags=[])

    services.article_add_tags(article=article, tags=["decision making"], by=EditorUserFactory())

    assert article.tags.names()[0] == "Decision-making"
    assert Tag.objects.count() == 1
