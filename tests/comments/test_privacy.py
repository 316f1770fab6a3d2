"""What a commenter gives us and does not want shown: the e-mail address and the IP address."""

from __future__ import annotations

import hashlib

import pytest

from comments.models import Comment
from tests.comments.helpers import comment_data, post_url, shown_comments
from tests.factories import ArticleFactory, AuthorFactory, CommentFactory
from tests.html import one, parse, text

pytestmark = pytest.mark.django_db

SECRET_EMAIL = "geheime.leserin@example.net"


@pytest.fixture
def commented_article(db):
    author = AuthorFactory(name="Anna Berg")
    article = ArticleFactory(title="Größe zeigen", tags=["Führung"], authors=[author])
    CommentFactory(article=article, name="Leserin Lea", email=SECRET_EMAIL)
    return article


def public_pages(article) -> dict[str, str]:
    return {
        "article": article.get_absolute_url(),
        "home": "/en/",
        "category": article.category.get_absolute_url(),
        "tag": article.tags.get().get_absolute_url(),
        "author": article.ordered_authors[0].get_absolute_url(),
    }


def attribute_values(page) -> list[str]:
    """Every attribute value on the page, as a browser decodes it (``&#64;`` reads as "@")."""
    values = []
    for node in page.select("*"):
        for value in node.attrs.values():
            values.extend(value if isinstance(value, list) else [value])
    return values


def test_commenter_email_appears_on_no_public_page(client, commented_article):
    # The comment itself is on the article page, so the e-mail had every chance to be there.
    article_page = parse(client.get(commented_article.get_absolute_url()))
    [shown] = shown_comments(article_page)
    assert text(one(shown, ".comment-name")) == "Leserin Lea"

    for page_name, url in public_pages(commented_article).items():
        response = client.get(url)
        assert response.status_code == 200, page_name
        # The bytes sent, and the page as parsed: an entity-encoded address hides from the
        # first and not from the second (text and attribute values are decoded).
        assert b"geheime.leserin" not in response.content, page_name
        page = parse(response)
        assert "geheime.leserin" not in page.get_text(), page_name
        leaks = [value for value in attribute_values(page) if "geheime.leserin" in value]
        assert leaks == [], page_name


def test_email_of_others_is_not_shown_when_the_form_comes_back_with_errors(
    client, commented_article
):
    response = client.post(
        post_url(commented_article), comment_data(email="ich@example.org", body="")
    )

    assert response.status_code == 400
    assert SECRET_EMAIL.encode() not in response.content


def test_ip_hash_is_not_the_raw_address_and_is_stable_per_address(client, article):
    client.post(post_url(article), comment_data(body="Erster."), REMOTE_ADDR="203.0.113.42")
    client.post(post_url(article), comment_data(body="Zweiter."), REMOTE_ADDR="203.0.113.42")
    client.post(post_url(article), comment_data(body="Dritter."), REMOTE_ADDR="198.51.100.7")

    first, second, other = Comment.objects.order_by("pk")
    assert first.ip_hash
    assert first.ip_hash == second.ip_hash
    assert first.ip_hash != other.ip_hash
    assert "203.0.113.42" not in first.ip_hash


def test_ip_hash_is_keyed_not_a_plain_digest_anyone_could_reverse(client, article):
    ip = "203.0.113.42"
    client.post(post_url(article), comment_data(), REMOTE_ADDR=ip)

    stored = Comment.objects.get().ip_hash
    plain_digests = {
        getattr(hashlib, name)(ip.encode()).hexdigest() for name in ("md5", "sha1", "sha256")
    }
    assert stored not in plain_digests


def test_raw_ip_is_stored_in_no_column_of_the_comment(client, article):
    ip = "203.0.113.42"
    client.post(post_url(article), comment_data(), REMOTE_ADDR=ip)

    [row] = Comment.objects.values()
    for column, value in row.items():
        assert ip not in str(value), column


def test_forwarded_client_gets_the_same_hash_as_when_it_connects_directly(
    client, article, settings
):
    client.post(post_url(article), comment_data(body="Direkt."), REMOTE_ADDR="203.0.113.42")
    settings.TRUSTED_PROXY_COUNT = 1
    client.post(
        post_url(article),
        comment_data(body="Über den Proxy."),
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.42",
    )

    direct, proxied = Comment.objects.order_by("pk")
    assert proxied.ip_hash == direct.ip_hash
    assert "10.0.0.1" not in str(Comment.objects.filter(pk=proxied.pk).values().get())
