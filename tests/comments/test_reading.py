"""What readers see of the comments: each comment with its name, badge, signature, date and
text; "Reply"; the outcome of sending where the reader is; closed threads; comment counts on
the article lists; the privacy notice the form links to; and never a commenter's e-mail."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.contrib.flatpages.models import FlatPage
from django.template import Context, Template
from django.test import Client
from django.utils import timezone, translation

from articles import services as article_services
from articles.models import Article, Series
from comments.models import BlockedTerm, Comment
from comments.services import comments_set_status, thread_set_closed
from tests.comments.helpers import (
    THANKS,
    comment_data,
    comment_form,
    messages_shown,
    post_url,
    shown_comments,
)
from tests.factories import ArticleFactory, AuthorFactory, CommentFactory, EditorUserFactory
from tests.helpers import english_client, logged_in
from tests.html import one, parse, text

pytestmark = pytest.mark.django_db

PUBLISHED = "Thank you! Your comment is published."
AWAITING = "Awaiting moderation — only you see this"
# A post from the site's own page (the browser sends Origin): a logged-in account counts.
SAME_SITE = {"HTTP_ORIGIN": "http://testserver"}


def approve(*comments: Comment) -> None:
    comments_set_status(
        comments=Comment.objects.filter(pk__in=[c.pk for c in comments]), status="approved"
    )


def article_page(client, article, query: str = ""):
    response = client.get(article.get_absolute_url() + query)
    assert response.status_code == 200
    return parse(response)


def the_comment(page, comment: Comment):
    return one(page, f"li#comment-{comment.pk}")


def own_text(item) -> str:
    """The text of a comment itself, without the replies below it."""
    parts = [child for child in item.find_all(recursive=False) if child.name != "ol"]
    return " ".join(text(part) for part in parts)


# --- A comment as shown --------------------------------------------------------------------------


def test_name_links_the_website_with_nofollow_ugc_noopener(client, article):
    comment = CommentFactory(article=article, name="Ger", website="https://bruijn.example.nl/")

    link = one(the_comment(article_page(client, article), comment), ".comment-name a")

    assert link["href"] == "https://bruijn.example.nl/"
    assert link["rel"] == ["nofollow", "ugc", "noopener"]


def test_signature_stands_under_the_name_and_above_the_text(client, article):
    comment = CommentFactory(
        article=article, name="Ger J.F. de Bruijn", signature="Ger J.F. de Bruijn Businesstraining"
    )

    item = the_comment(article_page(client, article), comment)

    parts = item.select(".comment-name, .comment-signature, .comment-body")
    assert [part["class"][0] for part in parts] == [
        "comment-name",
        "comment-signature",
        "comment-body",
    ]
    assert text(one(item, ".comment-signature")) == "Ger J.F. de Bruijn Businesstraining"


def test_text_gets_paragraphs_quotes_and_links_but_no_markup(client, article):
    body = (
        "Beste Hans,\n\n> Zo hoor je met je klanten om te gaan.\n\nGoed artikel! Meer op "
        "https://bruijn.example.nl/training <b>vet</b>\nmet vriendelijke groet"
    )
    comment = CommentFactory(article=article, body=body)

    shown = one(the_comment(article_page(client, article), comment), ".comment-body")

    paragraphs = [" ".join(p.stripped_strings) for p in shown.find_all("p", recursive=False)]
    assert paragraphs == [
        "Beste Hans,",
        "Goed artikel! Meer op https://bruijn.example.nl/training <b>vet</b> "
        "met vriendelijke groet",
    ]
    assert text(one(shown, "blockquote")) == "Zo hoor je met je klanten om te gaan."
    link = one(shown, "a")
    assert link["href"] == "https://bruijn.example.nl/training"
    assert link["rel"] == ["nofollow", "ugc", "noopener"]
    assert shown.select("b") == []
    assert len(shown.select("br")) == 1


def test_the_date_is_machine_readable_to_the_second(client, article):
    comment = CommentFactory(article=article)
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now().replace(microsecond=123456)
    )

    time = one(the_comment(article_page(client, article), comment), "time")

    # The HTML checker refuses fractions of a second with six digits.
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", time["datetime"])


def test_the_heading_counts_the_public_comments(client, article):
    CommentFactory.create_batch(3, article=article)
    CommentFactory(article=article, status=Comment.Status.PENDING)
    CommentFactory(article=article, status=Comment.Status.SPAM)

    page = article_page(client, article)

    assert text(one(page, "h2#comments-title")) == "3 comments"
    assert len(shown_comments(page)) == 3
    # The article's header says so too, linking down to the comments.
    header_count = one(page, "article p.comment-count a")
    assert (text(header_count), header_count["href"].split("#")[1]) == ("3 comments", "comments")


def test_an_article_without_comments_says_so(client, article):
    page = article_page(client, article)

    assert text(one(page, "h2#comments-title")) == "Comments"
    assert text(one(page, ".comments-empty")) == "No comments yet."


# --- Badges ------------------------------------------------------------------------------------


def test_an_editor_writing_while_logged_in_carries_the_editor_badge(article):
    editor = logged_in(EditorUserFactory(first_name="Eva", last_name="Redakteurin"))

    response = editor.post(post_url(article), comment_data(name="Eva Redakteurin"), **SAME_SITE)

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.APPROVED
    badge = one(the_comment(article_page(Client(), article), comment), ".comment-badge")
    assert text(badge) == "Editor"


def test_an_author_of_the_article_carries_the_author_badge(author_user):
    article = ArticleFactory(
        authors=[article_services.author_record_for(user=author_user)], title="Eigenes"
    )
    author = logged_in(author_user)

    author.post(post_url(article), comment_data(name="Autorin"), **SAME_SITE)

    comment = Comment.objects.get()
    badge = one(the_comment(article_page(Client(), article), comment), ".comment-badge")
    assert text(badge) == "Author"
    assert "comment-badge-author" in badge["class"]


def test_a_visitor_typing_an_editors_name_gets_no_badge_and_waits(client, article):
    EditorUserFactory(first_name="Eva", last_name="Redakteurin")

    response = client.post(post_url(article), comment_data(name="eva redakteurin"), **SAME_SITE)

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.status, comment.rule, comment.badge) == (
        Comment.Status.PENDING,
        Comment.Rule.IMPERSONATION,
        "",
    )
    approve(comment)  # an editor lets it through: the name is shown, never a badge
    item = the_comment(article_page(client, article), comment)
    assert text(one(item, ".comment-name")) == "eva redakteurin"
    assert item.select(".comment-badge") == []


def test_a_badge_word_in_the_name_is_only_a_name(client, article):
    CommentFactory(article=article, name="Editor", badge="")

    page = article_page(client, article)

    assert page.select(".comment-badge") == []


# --- Replying ----------------------------------------------------------------------------------


def test_every_public_comment_has_a_reply_link_to_the_form(client, article):
    first = CommentFactory(article=article)
    answer = CommentFactory(article=article, parent=first, depth=1)

    page = article_page(client, article)

    url = article.get_absolute_url()
    for comment in (first, answer):
        link = one(the_comment(page, comment), f"a.comment-reply[href*='reply={comment.pk}']")
        assert link["href"] == f"{url}?reply={comment.pk}#comment-form"
        assert text(link) == f"Reply to {comment.name}"
    assert one(page, "form#comment-form")


def test_the_reply_address_shows_a_form_answering_that_comment(client, article):
    comment = CommentFactory(article=article, name="Hans Berater")

    page = article_page(client, article, f"?reply={comment.pk}")

    form = comment_form(page)
    assert one(form, 'input[name="parent"]')["value"] == str(comment.pk)
    note = one(page, ".replying-to")
    assert text(note) == "Replying to Hans Berater · Cancel reply"
    assert one(note, "a[href^='#comment-']")["href"] == f"#comment-{comment.pk}"
    cancel = note.select("a")[-1]
    assert cancel["href"] == f"{article.get_absolute_url()}#comments"


def test_a_reply_sent_from_that_form_is_stored_under_the_comment(client, article):
    comment = CommentFactory(article=article)
    form = comment_form(article_page(client, article, f"?reply={comment.pk}"))
    hidden = {field["name"]: field.get("value", "") for field in form.select("input[type=hidden]")}

    response = client.post(post_url(article), comment_data(**hidden, body="Meine Antwort."))

    assert response.status_code == 302
    assert Comment.objects.get(body="Meine Antwort.").parent == comment


@pytest.mark.parametrize("kind", ["pending", "erased", "other-article", "nonsense"])
def test_a_reply_address_for_a_comment_that_is_not_shown_gives_the_plain_form(
    client, article, kind
):
    if kind == "pending":
        pk = CommentFactory(article=article, status=Comment.Status.PENDING).pk
    elif kind == "erased":
        pk = CommentFactory(article=article, name="", body="", erased_at=timezone.now()).pk
    elif kind == "other-article":
        pk = CommentFactory().pk
    else:
        pk = "x"

    page = article_page(client, article, f"?reply={pk}")

    assert one(comment_form(page), 'input[name="parent"]').get("value", "") == ""
    assert page.select(".replying-to") == []


def test_a_reply_with_errors_comes_back_still_answering_the_comment(client, article):
    comment = CommentFactory(article=article, name="Hans Berater")

    response = client.post(post_url(article), comment_data(parent=comment.pk, body=""))

    assert response.status_code == 400
    page = parse(response)
    assert one(comment_form(page), 'input[name="parent"]')["value"] == str(comment.pk)
    assert text(one(page, ".replying-to")).startswith("Replying to Hans Berater")


def test_an_erased_comment_has_no_reply_link(client, article):
    erased = CommentFactory(article=article, name="", body="", erased_at=timezone.now())
    CommentFactory(article=article, parent=erased, depth=1)

    assert (
        the_comment(article_page(client, article), erased).find(
            "p", class_="comment-actions", recursive=False
        )
        is None
    )


# --- The form ------------------------------------------------------------------------------------


def test_the_form_says_comments_are_plain_text(client, article):
    form = comment_form(article_page(client, article))

    textarea = one(form, "textarea[name=body]")
    described = one(form, f"#{textarea['aria-describedby']}")
    assert text(described).startswith("Plain text:")
    assert "No HTML." in text(described)


def test_errors_are_tied_to_their_field(client, article):
    page = parse(client.post(post_url(article), comment_data(email="kaputt")))

    email = one(comment_form(page), "input[name=email]")
    described = email["aria-describedby"].split()
    assert "id_email_error" in described
    assert email["aria-invalid"] == "true"
    assert one(page, "#id_email_error")


def test_the_form_carries_no_per_reader_token(client, article):
    form = comment_form(article_page(client, article))

    assert form.select('input[name="csrfmiddlewaretoken"]') == []


@pytest.mark.parametrize(("language", "privacy"), [("en", "/en/privacy/"), ("nl", "/nl/privacy/")])
def test_the_consent_box_links_to_the_privacy_notice_of_the_edition(client, language, privacy):
    article = ArticleFactory(language=language)

    form = comment_form(article_page(client, article))

    label = one(form, 'label[for="id_consent"]')
    assert one(label, "a")["href"] == privacy
    assert one(form, "input#id_consent")["type"] == "checkbox"


def test_the_german_consent_box_links_to_the_datenschutz_page(client):
    # Needs the catalogue's "privacy/" (context "URL path") → "datenschutz/".
    article = ArticleFactory(language="de")

    form = comment_form(article_page(client, article))

    assert one(one(form, 'label[for="id_consent"]'), "a")["href"] == "/de/datenschutz/"


# --- After sending -------------------------------------------------------------------------------


def sent(client, article, **overrides):
    response = client.post(post_url(article), comment_data(**overrides))
    assert response.status_code == 302
    return response["Location"]


def test_the_reader_sees_their_comment_in_place_awaiting_moderation(client, article):
    CommentFactory(article=article, body="Schon da.")

    location = sent(client, article)

    comment = Comment.objects.get(status=Comment.Status.PENDING)
    assert location.endswith(f"#comment-{comment.pk}")
    page = parse(client.get(location))
    item = the_comment(page, comment)
    assert "is-pending" in item["class"]
    assert text(one(item, ".comment-pending-note")) == AWAITING
    assert text(one(item, ".comment-body")) == comment.body
    assert messages_shown(page) == [THANKS]
    assert one(item, ".message")["role"] == "status"
    # Shown in place: at the end of the thread, after the comment already there.
    assert [node["id"] for node in shown_comments(page)][-1] == f"comment-{comment.pk}"
    assert item.select(".comment-reply") == []


def test_a_pending_reply_is_shown_under_its_parent(client, article):
    parent = CommentFactory(article=article)
    CommentFactory(article=article)

    location = sent(client, article, parent=parent.pk, body="Antwort.")

    reply = Comment.objects.get(body="Antwort.")
    page = parse(client.get(location))
    replies = one(the_comment(page, parent), "ol.comment-replies")
    assert one(replies, f"li#comment-{reply.pk}")


def test_nobody_else_sees_the_pending_comment(client, article):
    sent(client, article, body="Nur für mich.")

    for reader in (Client(), english_client()):
        page = article_page(reader, article)
        assert shown_comments(page) == []
        assert "Nur für mich." not in text(page)
        assert messages_shown(page) == []


def test_a_tampered_token_shows_nothing(client, article):
    location = sent(client, article, body="Nur für mich.")
    address, anchor = location.split("#")
    tampered = address[:-1] + ("A" if address[-1] != "A" else "B")

    page = parse(client.get(f"{tampered}#{anchor}"))

    assert shown_comments(page) == []
    assert messages_shown(page) == []
    assert "Nur für mich." not in text(page)


def test_an_expired_token_shows_nothing(client, article):
    location = sent(client, article, body="Nur für mich.")

    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        page = parse(client.get(location))

    assert shown_comments(page) == []
    assert messages_shown(page) == []


def test_a_token_shows_its_own_comment_only(client, article):
    other = CommentFactory(article=article, status=Comment.Status.PENDING, body="Fremd.")

    location = sent(client, article, body="Meins.")

    page = parse(client.get(location))
    assert len(shown_comments(page)) == 1
    assert "Fremd." not in text(page)
    assert page.select_one(f"#comment-{other.pk}") is None


def test_a_token_on_another_article_shows_nothing(client, article):
    location = sent(client, article, body="Meins.")
    elsewhere = ArticleFactory(title="Anderswo")

    query = urlsplit(location).query
    page = article_page(client, elsewhere, f"?{query}")

    assert shown_comments(page) == []
    assert messages_shown(page) == []


def test_a_comment_published_at_once_says_so_and_is_shown_as_any(client, article):
    CommentFactory(
        article=article, name="Ger J.F. de Bruijn", email="ger.debruijn@example.nl"
    )  # a known commenter

    location = sent(client, article, body="Gleich sichtbar.")

    comment = Comment.objects.get(body="Gleich sichtbar.")
    assert comment.status == Comment.Status.APPROVED
    page = parse(client.get(location))
    item = the_comment(page, comment)
    assert messages_shown(page) == [PUBLISHED]
    assert item.select(".comment-pending-note") == []
    assert "is-pending" not in item["class"]
    assert the_comment(article_page(Client(), article), comment)


def test_spam_reads_like_any_held_comment(client, article):
    BlockedTerm.objects.create(kind=BlockedTerm.Kind.WORD, value="casino")

    location = sent(client, article, body="Bestes casino!")

    assert Comment.objects.get().status == Comment.Status.SPAM
    page = parse(client.get(location))
    assert messages_shown(page) == [THANKS]
    assert shown_comments(page) == []


def test_the_address_for_a_bot_shows_the_same_thanks_at_the_comments(client, article):
    page = article_page(client, article, "?comment=sent")

    assert messages_shown(page) == [THANKS]
    assert one(page, "section#comments .message")["role"] == "status"


def test_the_own_comment_page_is_found_in_a_long_thread(client, article, settings):
    settings.COMMENTS_PER_PAGE = 2
    CommentFactory.create_batch(5, article=article)

    location = sent(client, article, body="Ganz am Ende.")

    comment = Comment.objects.get(body="Ganz am Ende.")
    page = parse(client.get(location))
    assert the_comment(page, comment)
    assert one(page, "nav.pagination [aria-current='page']")["href"].endswith(
        "?comments=3#comments"
    )


# --- Closed threads and articles readers cannot comment on ------------------------------------


def assert_closed(page, comments) -> None:
    assert [node["id"] for node in shown_comments(page)] == [f"comment-{c.pk}" for c in comments]
    assert text(one(page, ".comments-closed")) == "Comments on this article are closed."
    assert page.select("form.comment-form") == []
    assert page.select(".comment-reply") == []


def test_a_thread_closed_by_an_editor_keeps_its_comments_and_has_no_form(client, article):
    comments = CommentFactory.create_batch(2, article=article)
    thread_set_closed(article=article, closed=True)

    assert_closed(article_page(client, article), comments)
    assert_closed(article_page(client, article, f"?reply={comments[0].pk}"), comments)


def test_a_thread_closes_by_itself_after_the_days_set(client, settings):
    settings.COMMENT_CLOSE_AFTER_DAYS = 30
    old = ArticleFactory(published_at=timezone.now() - timedelta(days=31))
    comments = [CommentFactory(article=old)]

    assert_closed(article_page(client, old), comments)


def test_a_reopened_thread_has_its_form_again(client, article):
    thread_set_closed(article=article, closed=True)
    thread_set_closed(article=article, closed=False)

    assert comment_form(article_page(client, article))


def test_an_archived_article_keeps_its_comments_and_says_why_it_takes_no_more(client):
    article = ArticleFactory(status=Article.Status.ARCHIVED)
    comment = CommentFactory(article=article)

    page = article_page(client, article)

    assert [node["id"] for node in shown_comments(page)] == [f"comment-{comment.pk}"]
    assert text(one(page, ".comments-closed")) == "Comments are closed: this article is archived."
    assert page.select("form.comment-form") == []


# --- The same page for everyone ------------------------------------------------------------------

VIEW_COUNT = re.compile(rb'(<p class="view-count">).*?(</p>)', re.S)


def test_the_article_page_is_the_same_for_every_anonymous_reader(article):
    first = CommentFactory(article=article)
    CommentFactory(article=article, parent=first, depth=1, badge="editor")
    CommentFactory(article=article, status=Comment.Status.PENDING, body="Wartet noch.")
    with_cookies = Client()
    with_cookies.cookies["sessionid"] = "abc"
    with_cookies.cookies["csrftoken"] = "x" * 32
    with_cookies.cookies["edition"] = "de"

    with time_machine.travel(timezone.now(), tick=False):
        responses = [reader.get(article.get_absolute_url()) for reader in (Client(), with_cookies)]

    plain, cookied = (VIEW_COUNT.sub(rb"\1\2", response.content) for response in responses)
    assert plain == cookied
    for response in responses:
        assert not response.cookies
        assert "cookie" not in response.get("Vary", "").lower()
    assert b"Wartet noch." not in plain


# --- Counts on the article lists -----------------------------------------------------------------


def card_counts(page) -> dict[str, str]:
    """Card title → its comment count link text (cards without one are left out)."""
    return {
        text(one(card, ".card-title")): text(one(card, ".card-comments a"))
        for card in page.select("article.card")
        if card.select_one(".card-comments")
    }


def test_cards_show_how_many_public_comments_an_article_has(client):
    talked_about = ArticleFactory(title="Viel besprochen", tags=["Führung"])
    CommentFactory.create_batch(2, article=talked_about)
    CommentFactory(article=talked_about, status=Comment.Status.PENDING)
    CommentFactory(article=talked_about, name="", body="", erased_at=timezone.now())
    one_comment = ArticleFactory(title="Einmal", category=talked_about.category)
    CommentFactory(article=one_comment)
    ArticleFactory(title="Still", category=talked_about.category)

    for url in ("/en/", talked_about.category.get_absolute_url()):
        page = article_page_at(client, url)
        assert card_counts(page) == {"Viel besprochen": "2 comments", "Einmal": "1 comment"}
    links = {a["href"] for a in article_page_at(client, "/en/").select(".card-comments a")}
    assert links == {
        f"{talked_about.get_absolute_url()}#comments",
        f"{one_comment.get_absolute_url()}#comments",
    }


def article_page_at(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    return parse(response)


def test_cards_in_the_archive_and_the_series_show_counts_too(client):
    series = article_services.named_save(
        obj=Series(title="Zehn Spielregeln", language="en"), by=None
    )
    part = ArticleFactory(title="Teil eins", series=series, series_part=1)
    CommentFactory.create_batch(3, article=part)

    year = f"/en/archive/{part.published_at:%Y}/"
    for url in (series.get_absolute_url(), year):
        assert card_counts(article_page_at(client, url)) == {"Teil eins": "3 comments"}


def test_the_count_link_for_an_article_page_reads_the_thread_once(
    article, django_assert_num_queries
):
    CommentFactory.create_batch(2, article=article)
    template = Template(
        "{% load comments %}{% comment_count_link article %}{% comment_count_link article %}"
    )

    with django_assert_num_queries(1), translation.override("en"):
        html = template.render(Context({"article": article}))

    link = one(parse(html), "p.comment-count:first-child a")
    assert text(link) == "2 comments"
    assert link["href"] == f"{article.get_absolute_url()}#comments"


# --- The privacy notice --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "title", "phrase"),
    [
        ("/en/privacy/", "Privacy notice", "never stored"),
        ("/nl/privacy/", "Privacyverklaring", "nooit opgeslagen"),
        ("/de/datenschutz/", "Datenschutz", "nie gespeichert"),
    ],
)
def test_each_edition_has_its_privacy_notice(client, url, title, phrase, settings):
    response = client.get(url)

    assert response.status_code == 200
    page = parse(response)
    assert text(one(page, "h1")) == title
    body = text(one(page, "article.flatpage"))
    assert phrase in body
    assert str(settings.COMMENT_IP_HASH_DAYS) in body
    assert not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()


def test_the_privacy_notice_says_what_the_editors_wrote(client):
    page = FlatPage.objects.get(url="/en/privacy/")
    page.content = "<p>Unsere eigene Fassung.</p>"
    page.save()

    assert "Unsere eigene Fassung." in text(article_page_at(client, "/en/privacy/"))


def test_a_removed_privacy_notice_is_a_404(client):
    FlatPage.objects.filter(url="/en/privacy/").delete()

    assert client.get("/en/privacy/").status_code == 404


def test_the_privacy_pages_come_and_go_with_their_migration():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("comments.migrations.0005_privacy_pages")
    urls = ["/de/datenschutz/", "/en/privacy/", "/nl/privacy/"]

    migration.remove_pages(apps, None)
    assert not FlatPage.objects.filter(url__in=urls).exists()
    migration.create_pages(apps, None)
    migration.create_pages(apps, None)  # again: nothing doubles
    assert sorted(FlatPage.objects.filter(url__in=urls).values_list("url", flat=True)) == urls


def test_editors_keep_the_privacy_notice_in_the_admin(editor_client):
    page = FlatPage.objects.get(url="/en/privacy/")

    listing = editor_client.get("/admin/flatpages/flatpage/")
    change = editor_client.get(f"/admin/flatpages/flatpage/{page.pk}/change/")

    assert listing.status_code == change.status_code == 200
    assert "Privacy notice" in text(parse(listing))


# --- The e-mail address is never public ----------------------------------------------------------

SECRET = "verborgen.leserin"
SECRET_EMAIL = f"{SECRET}@example.net"


def public_urls(client, start: list[str]) -> set[str]:
    """``start``, every page the sitemaps list, and every feed those pages link to."""
    urls = set(start)
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    urls.add("/sitemap.xml")
    for section in re.findall(rb"<loc>([^<]+)</loc>", index.content):
        urls.add(urlsplit(section.decode()).path)
        sitemap = client.get(urlsplit(section.decode()).path)
        for loc in re.findall(rb"<loc>([^<]+)</loc>", sitemap.content):
            urls.add(urlsplit(loc.decode()).path)
    for url in list(urls):
        response = client.get(url)
        if response.get("Content-Type", "").startswith("text/html"):
            for link in parse(response).select('link[rel="alternate"][type*="xml"]'):
                urls.add(urlsplit(link["href"]).path)
    return urls


def test_no_public_page_shows_a_commenters_email(client, settings):
    settings.COMMENTS_PER_PAGE = 1
    author = AuthorFactory(name="Anna Berg")
    article = ArticleFactory(title="Größe zeigen", tags=["Führung"], authors=[author])
    first = CommentFactory(article=article, email=SECRET_EMAIL, name="Lea")
    CommentFactory(article=article, parent=first, depth=1, email=SECRET_EMAIL)
    location = sent(client, article, email=SECRET_EMAIL, body="Noch eine, wartend.")
    CommentFactory(article=article, email=SECRET_EMAIL)  # a second page of comments

    urls = public_urls(
        client,
        [
            article.get_absolute_url(),
            f"{article.get_absolute_url()}?comments=2",
            f"{article.get_absolute_url()}?reply={first.pk}",
            location,
            "/en/",
            "/en/archive/",
            f"/en/archive/{article.published_at:%Y}/",
            f"/en/archive/{article.published_at:%Y}/{article.published_at.month}/",
            "/en/search/?q=Größe",
            "/en/privacy/",
            "/robots.txt",
        ],
    )

    assert len(urls) > 20  # the article, its lists, feeds and sitemaps were all looked at
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert SECRET not in content, url
        assert SECRET not in html.unescape(content), url  # nor hidden in entities


def test_a_comment_sent_to_a_thread_closed_meanwhile_comes_back_to_copy(client, article):
    form = comment_form(article_page(client, article))  # the reader starts writing …
    hidden = {field["name"]: field.get("value", "") for field in form.select("input[type=hidden]")}
    thread_set_closed(article=article, closed=True)  # … and an editor closes the thread

    response = client.post(post_url(article), comment_data(**hidden, body="Zu spät?"))

    assert response.status_code == 403
    page = parse(response)
    assert page.select("form.comment-form") == []
    assert text(one(page, ".comments-closed")) == "Comments on this article are closed."
    assert one(page, "textarea#returned-text").get_text().strip() == "Zu spät?"


def test_a_reply_to_a_comment_removed_meanwhile_comes_back_as_a_comment_on_the_article(
    client, article
):
    comment = CommentFactory(article=article, name="Hans Berater")
    comments_set_status(comments=Comment.objects.filter(pk=comment.pk), status="removed")

    response = client.post(post_url(article), comment_data(parent=comment.pk, body="Hallo?"))

    assert response.status_code == 400
    page = parse(response)
    form = comment_form(page)
    assert "no longer shown" in text(one(form, ".form-errors"))
    assert one(form, 'input[name="parent"]').get("value", "") == ""
    assert page.select(".replying-to") == []
    assert one(form, "textarea[name=body]").get_text().strip() == "Hallo?"


@pytest.mark.parametrize(
    "query", ["?reply=" + "9" * 5000, "?comment=" + "x" * 5000, "?reply=%C0%80"]
)
def test_odd_comment_parameters_show_the_article_as_usual(client, article, query):
    CommentFactory(article=article)

    page = article_page(client, article, query)

    assert len(shown_comments(page)) == 1
    assert comment_form(page)
