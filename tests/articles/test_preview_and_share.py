"""Previews at the article's own address for staff, and share links for reviewers without an
account: valid, expired, revoked, tampered."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles import services, sharing
from articles.models import ShareLink, Status
from tests.articles.helpers import change_form_data, change_url
from tests.factories import ArticleFactory, AuthorUserFactory, EditorUserFactory
from tests.helpers import english_client, logged_in
from tests.html import changelist_rows, one, parse, text

pytestmark = pytest.mark.django_db


def preview_bar(response) -> str:
    bar = parse(response).select_one(".staff-bar .preview-note")
    return text(bar) if bar else ""


def is_private(response) -> bool:
    cache = response.get("Cache-Control", "")
    return "private" in cache and "no-store" in cache


# --- Preview at the article's own address -------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "state"),
    [
        ({"status": Status.DRAFT}, "Draft"),
        ({"status": Status.REVIEW}, "In review"),
        ({"published_at": timezone.now() + timedelta(days=2)}, "Scheduled for"),
    ],
    ids=["draft", "review", "scheduled"],
)
def test_staff_preview_an_unpublished_article_and_readers_get_404(
    client, editor_client, fields, state
):
    article = ArticleFactory(title="Noch geheim", **fields)

    assert client.get(article.get_absolute_url()).status_code == 404

    response = editor_client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert one(parse(response), "h1").get_text() == "Noch geheim"
    assert preview_bar(response).startswith(state)
    assert preview_bar(response).endswith("— not public")
    assert is_private(response)
    assert one(parse(response), 'meta[name="robots"]')["content"] == "noindex"


def test_a_preview_counts_no_view():
    article = ArticleFactory(status=Status.DRAFT)
    client = logged_in(EditorUserFactory())

    client.get(article.get_absolute_url())

    article.refresh_from_db()
    assert article.view_count == 0


def test_an_author_previews_their_own_draft_but_not_someone_elses():
    writer = AuthorUserFactory()
    mine = ArticleFactory(status=Status.DRAFT, authors=[services.author_record_for(user=writer)])
    other = ArticleFactory(status=Status.DRAFT)
    client = logged_in(writer)

    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404


def test_public_pages_are_not_marked_private_for_readers(client):
    article = ArticleFactory()

    response = client.get(article.get_absolute_url())

    assert not is_private(response)
    assert not preview_bar(response)
    assert parse(response).select_one('meta[name="robots"]') is None


def test_the_change_form_links_to_the_preview(editor_client):
    article = ArticleFactory(status=Status.DRAFT)

    page = parse(editor_client.get(change_url(article)))

    link = one(page, ".field-preview_link a")
    assert link["href"] == article.get_absolute_url()
    assert text(link) == "Preview as readers will see it"


# --- Share links ---------------------------------------------------------------------------------


def make_link(article, **options) -> ShareLink:
    return sharing.share_link_create(article=article, by=EditorUserFactory(), **options)


def path_of(link: ShareLink) -> str:
    return sharing.share_url(link).removeprefix("http://testserver")


def test_an_editor_creates_a_share_link_on_the_change_form(editor_client):
    article = ArticleFactory(status=Status.REVIEW)
    data = change_form_data(article, _share="1", share_days="3", share_note="Dr. Meyer")

    response = editor_client.post(change_url(article), data, follow=True)

    link = ShareLink.objects.get(article=article)
    assert (link.note, link.created_by.username) == ("Dr. Meyer", "editor")
    assert abs(link.expires_at - (timezone.now() + timedelta(days=3))) < timedelta(minutes=1)
    assert sharing.share_url(link) in text(one(parse(response), ".messagelist"))
    # Listed on the article with its expiry, with a button to revoke it.
    row = one(parse(response), ".share-links tbody tr")
    assert "Dr. Meyer" in text(row) and "Active" in text(row)
    assert one(row, 'button[name="_share_revoke"]')["value"] == str(link.pk)


def test_a_share_link_shows_the_draft_to_someone_without_an_account():
    article = ArticleFactory(status=Status.REVIEW, title="Zur Prüfung")
    link = make_link(article)
    reviewer = english_client()  # a fresh browser, nobody logged in

    response = reviewer.get(path_of(link))

    assert response.status_code == 200
    assert one(parse(response), "h1").get_text() == "Zur Prüfung"
    assert preview_bar(response).startswith("Preview for review — not public — link valid until")
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert is_private(response)
    assert one(parse(response), 'meta[name="robots"]')["content"] == "noindex"
    # Nobody may comment on what is not public; the page says so.
    assert parse(response).select_one("form.comment-form") is None
    assert reviewer.get(article.get_absolute_url()).status_code == 404


def test_a_share_link_expires_after_the_days_chosen():
    article = ArticleFactory(status=Status.DRAFT)
    link = make_link(article, days=2)
    reviewer = english_client()

    with time_machine.travel(timezone.now() + timedelta(days=1, hours=23), tick=False):
        assert reviewer.get(path_of(link)).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=2, minutes=1), tick=False):
        response = reviewer.get(path_of(link))

    assert response.status_code == 410
    assert "This link expired on" in text(parse(response))


def test_the_default_lifetime_is_seven_days(settings):
    link = make_link(ArticleFactory(status=Status.DRAFT))

    assert abs(link.expires_at - (timezone.now() + timedelta(days=7))) < timedelta(minutes=1)


@pytest.mark.parametrize("days", [0, 91])
def test_a_lifetime_outside_one_to_ninety_days_is_refused(days):
    with pytest.raises(ValidationError, match="between 1 and 90 days"):
        make_link(ArticleFactory(status=Status.DRAFT), days=days)
    assert not ShareLink.objects.exists()


def test_a_revoked_share_link_ends_at_once(editor_client):
    article = ArticleFactory(status=Status.DRAFT)
    link = make_link(article)

    editor_client.post(change_url(article), change_form_data(article, _share_revoke=link.pk))

    response = english_client().get(path_of(link))
    assert response.status_code == 410
    assert "The editors withdrew this link" in text(parse(response))


def test_share_links_are_listed_and_revoked_in_their_own_admin_list(editor_client):
    links = [make_link(ArticleFactory(status=Status.DRAFT)) for _ in range(2)]

    listing = editor_client.get("/admin/articles/sharelink/")
    assert len(changelist_rows(listing)) == 2
    response = editor_client.post(
        "/admin/articles/sharelink/",
        {"action": "revoke", "_selected_action": [link.pk for link in links]},
        follow=True,
    )

    assert "2 links revoked." in text(one(parse(response), ".messagelist"))
    assert all(link.is_revoked for link in ShareLink.objects.all())


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-3],  # cut short when copied
        # a letter changed (to another one: a key may start with "x" by chance)
        lambda token: ("y" if token.startswith("x") else "x") + token[1:],
        lambda token: signing.Signer(salt="another").sign("made-up"),
    ],
    ids=["cut-short", "changed", "forged"],
)
def test_a_tampered_share_link_gets_a_clear_404(client, tamper):
    link = make_link(ArticleFactory(status=Status.DRAFT))

    response = client.get(f"/en/share/{tamper(sharing.share_token(link))}/")

    assert response.status_code == 404
    assert "This preview link is not valid" in text(parse(response))


@pytest.mark.parametrize("archive", [False, True], ids=["public", "archived"])
def test_a_share_link_to_an_article_now_public_leads_to_its_address(client, archive):
    article = ArticleFactory(status=Status.REVIEW)
    link = make_link(article)
    services.article_publish(article=article, by=EditorUserFactory())
    if archive:
        services.article_archive(article=article, by=EditorUserFactory())

    response = client.get(path_of(link))

    assert (response.status_code, response["Location"]) == (302, article.get_absolute_url())


def test_only_editors_create_or_revoke_share_links():
    writer = AuthorUserFactory()
    article = ArticleFactory(status=Status.DRAFT, authors=[services.author_record_for(user=writer)])

    with pytest.raises(PermissionDenied):
        sharing.share_link_create(article=article, by=writer)
    link = make_link(article)
    with pytest.raises(PermissionDenied):
        sharing.share_link_revoke(link=link, by=writer)
    assert ShareLink.objects.get().is_active


def test_an_author_pressing_share_on_their_draft_is_refused_and_nothing_is_saved():
    writer = AuthorUserFactory()
    article = ArticleFactory(
        status=Status.DRAFT, title="Alt", authors=[services.author_record_for(user=writer)]
    )
    client = logged_in(writer)

    response = client.post(change_url(article), change_form_data(article, title="Neu", _share="1"))

    assert response.status_code == 200
    assert "Only editors create and revoke share links." in text(one(parse(response), ".errorlist"))
    article.refresh_from_db()
    assert article.title == "Alt"
    assert not ShareLink.objects.exists()
