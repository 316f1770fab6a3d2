"""The write path for what an article is part of: books and their ISBN, translations, picked
related articles, series parts, and bringing an article to a status (as imports do)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from articles import services
from articles.models import Article, Book, Series, Status, TranslationGroup
from articles.revisions import article_versions, describe
from tests.factories import ArticleFactory, AuthorUserFactory

pytestmark = pytest.mark.django_db


def save(article: Article, **changes) -> Article:
    return services.article_save(
        article=article, authors=list(article.ordered_authors), by=None, **changes
    )


# --- Books and their ISBN ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("978-3-16-148410-0", "9783161484100"),
        ("978 3 16 148410 0", "9783161484100"),
        ("3-16-148410-X", "9783161484100"),  # ISBN-10 with its X check digit, as ISBN-13
        ("0-306-40615-2", "9780306406157"),
    ],
)
def test_a_valid_isbn_is_stored_normalised_as_isbn_13(typed, stored):
    book = services.book_save(book=Book(title="Das Buch", isbn=typed), by=None)

    book.refresh_from_db()
    assert book.isbn == stored
    assert book.isbn_display.replace("-", "") == stored


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("978-3-16-148410-1", "check digit"),
        ("0-306-40615-3", "check digit"),
        ("978-3-16-14841", "10 or 13 digits"),
        ("ISBN 978-3-16-1484A0-0", "only digits"),
    ],
)
def test_an_invalid_isbn_is_refused_with_the_reason_and_nothing_is_saved(typed, reason):
    with pytest.raises(ValidationError) as refused:
        services.book_save(book=Book(title="Das Buch", isbn=typed), by=None)

    assert reason in " ".join(refused.value.message_dict["isbn"])
    assert not Book.objects.exists()


def test_a_book_needs_only_a_title():
    with pytest.raises(ValidationError) as refused:
        services.book_save(book=Book(authors="Anna Berg"), by=None)
    assert set(refused.value.message_dict) == {"title"}

    assert services.book_save(book=Book(title="Nur ein Titel"), by=None).pk


def test_two_books_with_the_same_isbn_are_refused():
    services.book_save(book=Book(title="Erste Auflage", isbn="9783161484100"), by=None)

    with pytest.raises(ValidationError):
        services.book_save(book=Book(title="Kopie", isbn="3-16-148410-X"), by=None)
    assert Book.objects.count() == 1


# --- Translations -------------------------------------------------------------------------------


def test_linking_a_translation_puts_both_versions_in_one_group():
    german = ArticleFactory(language="de")
    english = ArticleFactory(language="en")

    save(english, translation_of=german)

    german.refresh_from_db()
    english.refresh_from_db()
    assert german.translation_group_id == english.translation_group_id is not None
    assert describe(next(iter(article_versions(english))).revision) == "Saved"


def test_linking_to_a_version_of_a_group_joins_the_whole_group():
    german = ArticleFactory(language="de")
    english = ArticleFactory(language="en")
    dutch = ArticleFactory(language="nl")
    save(english, translation_of=german)

    save(dutch, translation_of=english)

    groups = set(Article.objects.values_list("translation_group", flat=True))
    assert len(groups) == 1 and None not in groups


def test_a_second_version_in_the_same_language_is_refused_and_nothing_changes():
    german = ArticleFactory(language="de")
    english = ArticleFactory(language="en")
    save(english, translation_of=german)
    other_english = ArticleFactory(language="en", title="Another English text")

    with pytest.raises(ValidationError) as refused:
        save(other_english, translation_of=german)

    assert "already the English version" in refused.value.message_dict["translation_of"][0]
    other_english.refresh_from_db()
    assert other_english.translation_group_id is None


def test_the_database_refuses_two_versions_in_one_language_too():
    german = ArticleFactory(language="de")
    english = ArticleFactory(language="en")
    save(english, translation_of=german)
    german.refresh_from_db()
    second = ArticleFactory(language="de")

    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=second.pk).update(translation_group=german.translation_group)


def test_unlinking_leaves_the_other_versions_linked():
    german, english, dutch = (ArticleFactory(language=code) for code in ("de", "en", "nl"))
    save(english, translation_of=german)
    save(dutch, translation_of=german)

    services.article_unlink_translation(article=dutch, by=None)

    german.refresh_from_db()
    english.refresh_from_db()
    assert dutch.translation_group_id is None
    assert german.translation_group_id == english.translation_group_id is not None


def test_merging_two_groups_that_share_a_language_is_refused_with_a_message():
    german, dutch = ArticleFactory(language="de"), ArticleFactory(language="nl", title="Eins")
    english, other_dutch = ArticleFactory(language="en"), ArticleFactory(language="nl")
    save(dutch, translation_of=german)
    save(other_dutch, translation_of=english)
    german.refresh_from_db()

    with pytest.raises(ValidationError) as refused:
        save(german, translation_of=english)

    assert "already the Dutch version" in refused.value.message_dict["translation_of"][0]
    german.refresh_from_db()
    english.refresh_from_db()
    assert german.translation_group_id != english.translation_group_id


def test_an_author_links_their_draft_to_a_published_version_of_someone_else():
    writer = AuthorUserFactory()
    own = ArticleFactory(
        language="nl", status=Status.DRAFT, authors=[services.author_record_for(user=writer)]
    )
    original = ArticleFactory(language="de")  # published: the author may not change it

    services.article_save(
        article=own, authors=list(own.ordered_authors), translation_of=original, by=writer
    )

    original.refresh_from_db()
    assert original.translation_group_id == own.translation_group_id is not None


def test_unlinking_one_of_two_versions_dissolves_the_pair():
    german, english = ArticleFactory(language="de"), ArticleFactory(language="en")
    save(english, translation_of=german)

    services.article_unlink_translation(article=english, by=None)

    german.refresh_from_db()
    assert german.translation_group_id is None
    assert not TranslationGroup.objects.exists()


def test_the_first_linked_version_is_the_original_the_others_follow():
    german, english = ArticleFactory(language="de"), ArticleFactory(language="en")
    save(english, translation_of=german)

    group = TranslationGroup.objects.get()
    assert group.original == german


def test_an_article_is_in_a_series_of_its_own_language():
    series = services.named_save(obj=Series(title="Zehn Spielregeln", language="de"), by=None)

    with pytest.raises(ValidationError) as refused:
        ArticleFactory(language="nl", series=series, series_part=1)

    assert "is in German; this article is in Dutch" in refused.value.message_dict["series"][0]


def test_a_book_carried_by_an_article_cannot_be_deleted():
    book = services.book_save(book=Book(title="Das Buch"), by=None)
    ArticleFactory(book=book)

    with pytest.raises(ProtectedError):
        book.delete()


def test_only_a_change_of_the_text_moves_the_text_date():
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        article = ArticleFactory()
    first = article.text_changed_at
    assert first == start

    with time_machine.travel(start + timedelta(days=1), tick=False):
        article.cover_credit = "Anna Berg"
        save(article)
    assert article.text_changed_at == first

    with time_machine.travel(start + timedelta(days=2), tick=False):
        article.body += "\n\nEin neuer Absatz."
        save(article)
    assert article.text_changed_at == start + timedelta(days=2)


# --- Related articles ---------------------------------------------------------------------------


def test_picked_related_articles_keep_the_editors_order():
    article = ArticleFactory()
    first, second, third = ArticleFactory.create_batch(3)

    save(article, related=[third, first, second])
    assert [link.related for link in article.related_links.all()] == [third, first, second]

    save(article, related=[second, third])
    assert [link.related for link in article.related_links.all()] == [second, third]


def test_an_article_is_not_related_to_itself():
    article = ArticleFactory()

    with pytest.raises(ValidationError) as refused:
        save(article, related=[article])

    assert "itself" in refused.value.message_dict["related"][0]
    assert not article.related_links.exists()


def test_saving_the_same_picks_again_stores_no_revision():
    article = ArticleFactory()
    other = ArticleFactory()
    save(article, related=[other])
    revisions = len(article_versions(article))

    save(article, related=[other])

    assert len(article_versions(article)) == revisions


# --- Series -------------------------------------------------------------------------------------


def test_two_articles_cannot_be_the_same_part_of_a_series():
    series = services.named_save(obj=Series(title="Zehn Spielregeln", language="en"), by=None)
    ArticleFactory(series=series, series_part=1)

    with pytest.raises(ValidationError) as refused:
        ArticleFactory(series=series, series_part=1)

    assert "Part 1 of this series is" in refused.value.message_dict["series_part"][0]


def test_a_series_part_needs_its_number():
    series = services.named_save(obj=Series(title="Zehn Spielregeln", language="en"), by=None)

    with pytest.raises(ValidationError):
        ArticleFactory(series=series, series_part=None)


def test_a_series_gets_a_readable_slug_from_its_title():
    series = services.named_save(obj=Series(title="Führung für Anfänger", language="de"), by=None)

    assert series.slug == "fuehrung-fuer-anfaenger"


# --- Reaching a status, as an import does ----------------------------------------------


@pytest.mark.parametrize("target", [Status.DRAFT, Status.REVIEW, Status.PUBLISHED, Status.ARCHIVED])
@pytest.mark.parametrize("start", [Status.DRAFT, Status.REVIEW, Status.PUBLISHED, Status.ARCHIVED])
def test_an_article_reaches_any_status_through_the_workflow_moves(start, target):
    article = ArticleFactory(status=start)
    when = timezone.now() - timedelta(days=3)

    services.article_move_to(article=article, status=target, published_at=when, by=None)

    article.refresh_from_db()
    assert article.status == target
    if target in (Status.PUBLISHED, Status.ARCHIVED) and start in (Status.DRAFT, Status.REVIEW):
        assert article.published_at == when


def test_a_future_date_schedules_the_article():
    article = ArticleFactory(status=Status.DRAFT)
    when = timezone.now() + timedelta(days=3)

    services.article_move_to(article=article, status=Status.PUBLISHED, published_at=when, by=None)

    article.refresh_from_db()
    assert article.state == Article.State.SCHEDULED
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_carried_over_views_never_lower_a_live_count():
    article = ArticleFactory()

    assert services.article_carry_over_views(article=article, views=8791)
    Article.objects.filter(pk=article.pk).update(view_count=9000)
    assert not services.article_carry_over_views(article=article, views=8791)

    article.refresh_from_db()
    assert article.view_count == 9000


def test_a_translation_linked_now_is_not_outdated_by_earlier_changes_of_its_original():
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        dutch = ArticleFactory(language="nl")
    with time_machine.travel(start + timedelta(days=1), tick=False):
        german = ArticleFactory(language="de")
    with time_machine.travel(start + timedelta(days=2), tick=False):
        save(dutch, translation_of=german)

    assert (
        Article.objects.with_translation_state().get(pk=dutch.pk).translation_outdated_since is None
    )

    with time_machine.travel(start + timedelta(days=3), tick=False):
        german.refresh_from_db()
        german.body += "\n\nNeu."
        save(german)

    states = dict(
        Article.objects.with_translation_state().values_list("pk", "translation_outdated_since")
    )
    assert states == {german.pk: None, dutch.pk: start + timedelta(days=3)}
