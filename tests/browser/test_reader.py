"""What a reader does in a real browser: read an article, leave a comment, see it approved."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.comments.helpers import THANKS
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "anna.berg@example.org"
SIGNATURE = "Anna Berg, Organisationsberatung"
TEXT = "Sehr hilfreich – besonders der Teil über Führung."


@pytest.fixture(autouse=True)
def no_typing_delay(settings):
    settings.COMMENT_MIN_SECONDS = 0  # the ticket is tested in tests/comments/test_spam.py


@pytest.fixture
def article():
    return ArticleFactory(title="Strategie in unsicheren Zeiten")


def fill_comment_form(page, *, name: str) -> None:
    form = page.locator("form.comment-form")
    form.get_by_role("textbox", name="Name").fill(name)
    form.get_by_role("textbox", name="E-mail").fill(EMAIL)
    form.get_by_role("textbox", name="Signature").fill(SIGNATURE)
    form.get_by_role("textbox", name="Your comment").fill(TEXT)
    form.locator("#id_consent").check()
    form.get_by_role("button", name="Send comment").click()


def test_comment_appears_with_signature_only_after_approval(page, article, screenshot):
    page.goto(article.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)

    fill_comment_form(page, name="Anna Berg")

    # The thanks are where the reader is: in the comment section, on screen.
    thanks = page.locator("#comments .message")
    expect(thanks).to_contain_text(THANKS)
    expect(thanks).to_be_in_viewport()
    comment = Comment.objects.get(article=article)
    assert comment.status == Comment.Status.PENDING
    # The reader sees their own comment, marked as waiting; other readers do not.
    own = page.locator(f"#comment-{comment.pk}")
    expect(own.locator(".comment-pending-note")).to_be_visible()
    expect(own.locator(".comment-body")).to_have_text(TEXT)
    page.goto(article.get_absolute_url())
    expect(page.locator(".comment-list")).to_have_count(0)
    expect(page.locator("#comments")).not_to_contain_text(TEXT)

    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.APPROVED)
    page.goto(article.get_absolute_url())

    shown = page.locator(f"#comment-{comment.pk}")
    expect(shown.locator(".comment-name")).to_have_text("Anna Berg")
    expect(shown.locator(".comment-body")).to_have_text(TEXT)
    expect(shown.locator(".comment-signature")).to_have_text(SIGNATURE)
    # The thank-you message was for the one answer after posting, not for every visit.
    expect(page.locator("#comments .message")).to_have_count(0)
    assert EMAIL not in page.content()
    screenshot("approved-comment")


def test_empty_name_shows_error_at_the_field_and_keeps_the_text(page, article, screenshot):
    page.goto(article.get_absolute_url())

    fill_comment_form(page, name="")

    name_field = page.locator(".field", has=page.locator("#id_name"))
    expect(name_field).to_have_class("field has-error")
    expect(name_field.locator(".field-errors")).to_have_text("This field is required.")
    expect(page.locator("#id_body")).to_have_value(TEXT)
    expect(page.locator("#id_signature")).to_have_value(SIGNATURE)
    expect(page.locator("#comments .message")).to_have_count(0)
    assert not Comment.objects.exists()
    screenshot("empty-name")


def test_honeypot_field_is_off_screen_while_the_real_fields_are_not(page, article):
    # The trap must be in the form (bots fill it) yet never seen by a person: with the form's
    # end in view, the comment field is on screen and the trap is not.
    page.goto(article.get_absolute_url())
    form = page.locator("form.comment-form")
    form.get_by_role("button", name="Send comment").scroll_into_view_if_needed()

    expect(form.get_by_role("textbox", name="Your comment")).to_be_in_viewport()
    trap = form.locator('input[name="homepage"]')
    expect(trap).to_be_attached()
    expect(trap).not_to_be_in_viewport()


def test_the_pages_the_workflow_adds_for_readers_pass_axe(new_context):
    """The archived note, the reviewer's preview bar, the ended and invalid link pages and the
    410 page: no critical or serious axe-core violation."""
    from articles import services, sharing
    from articles.editions import edition_reverse
    from articles.models import Article
    from tests.browser.axe import blocking_violations
    from tests.factories import EditorUserFactory, SuperuserFactory

    editor = EditorUserFactory()
    archived = ArticleFactory(title="Von gestern")
    services.article_archive(article=archived, by=editor)
    draft = ArticleFactory(title="Zur Prüfung", status=Article.Status.REVIEW)
    live = sharing.share_link_create(article=draft, by=editor)
    ended = sharing.share_link_create(article=draft, by=editor)
    sharing.share_link_revoke(link=ended, by=editor)
    removed = ArticleFactory(slug="entfernt")
    services.article_delete(article=removed, by=SuperuserFactory())
    page = new_context().new_page()

    for url, status in [
        (archived.get_absolute_url(), 200),
        (sharing.share_url(live).removeprefix("http://testserver"), 200),
        (sharing.share_url(ended).removeprefix("http://testserver"), 410),
        (edition_reverse("articles:share", "en", token="not-a-link"), 404),
        (f"/{removed.language}/entfernt/", 410),
    ]:
        response = page.goto(url)
        assert response.status == status, url
        assert blocking_violations(page) == [], url


def test_an_article_with_its_series_book_translations_and_related_reading_passes_axe(new_context):
    """The series navigation, the book box, the offer of another language, related articles and
    the series page: no critical or serious axe-core violation."""
    from articles import services
    from articles.models import Article, Book, Series
    from tests.browser.axe import blocking_violations

    series = services.named_save(obj=Series(title="Zehn Spielregeln", language="de"), by=None)
    book = services.book_save(
        book=Book(title="Fair verhandeln", authors="Anna Berg", isbn="978-3-16-148410-0"), by=None
    )
    german = {"language": "de", "series": series}
    first = ArticleFactory(title="Spielregeln, Teil 1", series_part=1, book=book, **german)
    second = ArticleFactory(
        title="Spielregeln, Teil 2", series_part=2, cover_credit="Anna Berg", **german
    )
    ArticleFactory(
        title="Spielregeln, Teil 3", series_part=3, **german,
        status=Article.Status.PUBLISHED, published_at=first.published_at.replace(year=2099),
    )  # fmt: skip
    english = ArticleFactory(title="Rules of the game, part 1", language="en")
    services.article_save(
        article=english, authors=list(english.ordered_authors), translation_of=first, by=None
    )
    services.article_save(article=second, authors=list(second.ordered_authors),
                          related=[first, english], by=None)  # fmt: skip
    page = new_context().new_page()

    for url in [first.get_absolute_url(), second.get_absolute_url(), series.get_absolute_url()]:
        response = page.goto(url)
        assert response.status == 200, url
        assert blocking_violations(page) == [], url
    page.goto(first.get_absolute_url())
    expect(page.get_by_role("navigation", name="Teile dieser Serie")).to_contain_text(
        "Teil 1 von 3"
    )
