"""A reader leaves a comment: what they see, what is stored, what other readers see."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from tests.comments.helpers import (
    THANKS,
    comment_data,
    comment_form,
    messages_shown,
    moderate,
    post_url,
    shown_comments,
)
from tests.factories import ArticleFactory
from tests.helpers import Browser, english_client
from tests.html import field_errors, one, parse, text

pytestmark = pytest.mark.django_db


def test_valid_comment_is_stored_as_pending_and_redirects_to_the_comments(client, article):
    response = client.post(post_url(article), comment_data())

    comment = Comment.objects.get()
    assert response.status_code == 302
    # Back at the comment, with a signed token that shows the reader their own comment.
    location = response["Location"]
    assert location.startswith(f"{article.get_absolute_url()}?comment=")
    assert location.endswith(f"#comment-{comment.pk}")
    assert comment.article == article
    assert comment.status == Comment.Status.PENDING
    assert comment.name == "Ger J.F. de Bruijn"
    assert comment.email == "ger.debruijn@example.nl"
    assert comment.website == "https://bruijn.example.nl/"
    assert comment.signature == "Ger J.F. de Bruijn, Businesstraining"
    assert comment.body == "Sehr hilfreich – vor allem der Abschnitt über Führung."


def test_thank_you_message_is_shown_once_after_the_redirect(client, article):
    response = client.post(post_url(article), comment_data())

    page = parse(client.get(response["Location"]))
    assert messages_shown(page) == [THANKS]
    # Said at the address the reader lands on (no cookie, no session: the article's own
    # address stays the same page for everyone), not as a permanent banner.
    assert messages_shown(parse(client.get(article.get_absolute_url()))) == []


def test_pending_comment_is_not_shown_until_an_editor_approves_it(client, editor_client, article):
    client.post(post_url(article), comment_data())
    comment = Comment.objects.get()

    page = parse(client.get(article.get_absolute_url()))
    assert shown_comments(page) == []
    assert "Sehr hilfreich" not in text(one(page, "section#comments"))

    response = moderate(editor_client, "mark_approved", [comment])
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED

    page = parse(Browser().get(article.get_absolute_url()))
    [shown] = shown_comments(page)
    assert shown["id"] == f"comment-{comment.pk}"
    assert text(one(shown, ".comment-name")) == "Ger J.F. de Bruijn"
    assert text(one(shown, ".comment-body")) == (
        "Sehr hilfreich – vor allem der Abschnitt über Führung."
    )
    assert text(one(shown, ".comment-signature")) == "Ger J.F. de Bruijn, Businesstraining"


def test_approved_comment_links_the_website_with_nofollow_ugc(client, editor_client, article):
    client.post(post_url(article), comment_data())
    moderate(editor_client, "mark_approved", Comment.objects.all())

    [shown] = shown_comments(parse(client.get(article.get_absolute_url())))
    link = one(one(shown, ".comment-name"), "a")
    assert link["href"] == "https://bruijn.example.nl/"
    assert text(link) == "Ger J.F. de Bruijn"
    assert "nofollow" in link["rel"]
    assert "ugc" in link["rel"]


def test_website_without_scheme_is_linked_over_https(client, editor_client, article):
    client.post(post_url(article), comment_data(website="bruijn.example.nl"))
    moderate(editor_client, "mark_approved", Comment.objects.all())

    [shown] = shown_comments(parse(client.get(article.get_absolute_url())))
    assert one(one(shown, ".comment-name"), "a")["href"] == "https://bruijn.example.nl"


def test_comment_without_website_and_signature_shows_plain_name(client, editor_client, article):
    response = client.post(post_url(article), comment_data(website="", signature=""))
    assert response.status_code == 302
    moderate(editor_client, "mark_approved", Comment.objects.all())

    [shown] = shown_comments(parse(client.get(article.get_absolute_url())))
    assert text(one(shown, ".comment-name")) == "Ger J.F. de Bruijn"
    assert shown.select_one(".comment-name a") is None
    assert shown.select_one(".comment-signature") is None


def test_signature_line_is_shown_under_the_name_before_the_text(client, editor_client, article):
    # The signature belongs to the commenter, like a byline ("Ger J.F. de Bruijn,
    # Businesstraining"); the model's help text promises "a line under the name".
    client.post(post_url(article), comment_data())
    moderate(editor_client, "mark_approved", Comment.objects.all())

    [shown] = shown_comments(parse(client.get(article.get_absolute_url())))
    order = shown.select(".comment-name, .comment-signature, .comment-body")
    assert [element["class"][0] for element in order] == [
        "comment-name",
        "comment-signature",
        "comment-body",
    ]


def test_article_page_shows_the_comment_form_with_every_field(client, article):
    form = comment_form(parse(client.get(article.get_absolute_url())))

    assert form["method"] == "post"
    # Sent back with errors, the page opens at the form, not at the comments above it.
    assert form["action"] == f"{post_url(article)}#comment-form"
    assert form["id"] == "comment-form"
    names = {control.get("name") for control in form.select("input, textarea")}
    assert {"name", "email", "website", "signature", "body", "homepage"} <= names


# Invalid input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("name", {"name": ""}),
        ("email", {"email": "not-an-address"}),
        ("email", {"email": ""}),
        ("body", {"body": ""}),
        ("body", {"body": "   \n  "}),
        ("website", {"website": "http://"}),
    ],
)
def test_invalid_input_shows_the_article_again_with_the_error(client, article, field, overrides):
    response = client.post(post_url(article), comment_data(**overrides))

    assert response.status_code == 400
    page = parse(response)
    assert text(one(page, "h1.article-title")) == "Führung in der Krise"
    assert field_errors(page, field) != []
    wrapper = one(comment_form(page), f"#id_{field}").parent
    assert "has-error" in wrapper["class"]
    assert Comment.objects.count() == 0


def test_missing_name_says_the_field_is_required(client, article):
    page = parse(client.post(post_url(article), comment_data(name="")))

    assert field_errors(page, "name") == ["This field is required."]
    assert field_errors(page, "body") == []


def test_the_errors_are_summed_up_at_the_top_of_the_form_with_links_to_the_fields(client, article):
    page = parse(client.post(post_url(article), comment_data(name="", email="ger@")))

    summary = one(comment_form(page), ".form-errors")
    assert summary["role"] == "alert"  # read out at once, once: the fields' errors are not
    assert [(link["href"], text(link)) for link in summary.select("li a")] == [
        ("#id_name", "Name"),
        ("#id_email", "E-mail"),
    ]
    assert comment_form(page).select(".field-errors[role]") == []


def test_bad_email_says_to_enter_a_valid_address(client, article):
    page = parse(client.post(post_url(article), comment_data(email="ger@")))

    assert field_errors(page, "email") == ["Enter a valid email address."]
    assert field_errors(page, "name") == []


def test_invalid_form_keeps_everything_the_reader_typed(client, article):
    typed = "Mein langer Kommentar,\nmit „Anführungszeichen“ & <Sonderzeichen>."
    page = parse(
        client.post(post_url(article), comment_data(email="kaputt", body=typed, name="Ger"))
    )

    form = comment_form(page)
    assert one(form, 'textarea[name="body"]').get_text().strip() == typed
    assert one(form, 'input[name="name"]')["value"] == "Ger"
    assert one(form, 'input[name="email"]')["value"] == "kaputt"
    assert one(form, 'input[name="signature"]')["value"] == "Ger J.F. de Bruijn, Businesstraining"


def test_invalid_form_does_not_show_the_thank_you_message(client, article):
    page = parse(client.post(post_url(article), comment_data(body="")))

    assert messages_shown(page) == []
    assert THANKS not in text(page)


# Honeypot ------------------------------------------------------------------------------------


def test_filled_honeypot_looks_like_success_but_stores_nothing(client, article):
    person = english_client()
    human = person.post(post_url(article), comment_data())
    bot = client.post(post_url(article), comment_data(homepage="https://spam.example/"))

    assert bot.status_code == human.status_code == 302
    assert bot["Location"].startswith(f"{article.get_absolute_url()}?comment=")
    assert messages_shown(parse(client.get(bot["Location"]))) == [THANKS]
    assert Comment.objects.count() == 1  # only the person's


def test_filled_honeypot_with_otherwise_invalid_data_still_looks_like_success(client, article):
    response = client.post(post_url(article), comment_data(homepage="x", email="", body=""))

    assert response.status_code == 302
    assert not Comment.objects.exists()


def test_honeypot_field_is_hidden_from_people(client, article):
    form = comment_form(parse(client.get(article.get_absolute_url())))

    trap = one(form, 'input[name="homepage"]')
    assert trap["tabindex"] == "-1"
    assert trap["autocomplete"] == "off"
    container = trap.parent
    assert "hp" in container["class"]
    assert container["aria-hidden"] == "true"


# Cached pages and CSRF ------------------------------------------------------------------------


def test_article_page_form_carries_no_per_reader_token(client, article):
    """The page is the same for every reader (a cache may keep it): no CSRF token, no cookie."""
    response = client.get(article.get_absolute_url())

    form = comment_form(parse(response))
    assert form.select_one('input[name="csrfmiddlewaretoken"]') is None
    assert one(form, 'input[name="ticket"]')["value"]
    assert "csrftoken" not in response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_page_rendered_for_one_reader_accepts_another_readers_comment(article):
    """A cached copy of the page, made for the first reader, works for the second: the form
    has nothing tied to the reader who caused it to be rendered."""
    first = Browser(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    cached_html = first.get(article.get_absolute_url()).content.decode()
    form = comment_form(parse(cached_html))
    fields = {field["name"]: field.get("value", "") for field in form.select("input[type=hidden]")}

    second = Browser(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    response = second.post(
        form["action"].split("#")[0], comment_data(ticket=fields["ticket"], name="Second Reader")
    )

    assert response.status_code == 302
    assert Comment.objects.get().name == "Second Reader"


def test_a_post_from_another_website_is_refused_and_stores_nothing(editor_client, article):
    """A form on another site would make its visitors' browsers post for it, each from their
    own address (past the per-address limit), and would borrow a logged-in editor's badge."""
    for headers in ({"HTTP_ORIGIN": "https://evil.example"}, {"HTTP_SEC_FETCH_SITE": "cross-site"}):
        response = editor_client.post(post_url(article), comment_data(body="Fremd"), **headers)

        assert response.status_code == 403
        assert "another website" in parse(response).get_text()
    assert not Comment.objects.exists()


def test_a_logged_in_editor_without_origin_or_referer_counts_as_a_visitor(editor_client, article):
    response = editor_client.post(post_url(article), comment_data(name="Anyone"))

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.badge, comment.user) == ("", None)
    assert comment.status == Comment.Status.PENDING


def test_same_site_post_from_a_logged_in_editor_carries_the_badge(editor_client, article):
    response = editor_client.post(
        post_url(article), comment_data(), HTTP_ORIGIN="http://testserver"
    )

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.badge == Comment.Badge.EDITOR
    assert comment.status == Comment.Status.APPROVED


# Articles a reader cannot comment on ----------------------------------------------------------


def unpublished_article(kind: str) -> Article:
    # Dates are taken when the test runs, not when pytest collects it: a long run must not
    # turn "scheduled for tomorrow" into "published an hour ago".
    now = timezone.now()
    if kind == "draft":
        return ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    if kind == "draft-with-date":
        return ArticleFactory(status=Article.Status.DRAFT, published_at=now - timedelta(days=1))
    return ArticleFactory(published_at=now + timedelta(days=1))


@pytest.mark.parametrize("kind", ["draft", "draft-with-date", "scheduled"])
def test_comment_on_unpublished_article_is_404(client, kind):
    hidden = unpublished_article(kind)

    response = client.post(post_url(hidden), comment_data())

    assert response.status_code == 404
    assert not Comment.objects.exists()


@pytest.mark.parametrize("article_id", ["999999", "99999999999999999999"])
def test_comment_on_unknown_article_is_404(client, article, article_id):
    response = client.post(f"/comments/post/{article_id}/", comment_data())

    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_get_on_the_post_address_is_405(client, article):
    response = client.get(post_url(article))

    assert response.status_code == 405
    assert response["Allow"] == "POST"
