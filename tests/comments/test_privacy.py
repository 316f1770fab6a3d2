"""What a commenter gives us and does not want shown: the e-mail address and the IP address."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from comments.privacy import clear_ip_hashes, erase_comments, export_comments
from comments.services import Sender, comment_submit
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


# --- Export, erasure and old IP hashes (comments/privacy.py, the commands, the admin) -------

GER = "ger.debruijn@example.nl"
CHANGELIST = reverse("admin:comments_comment_changelist")


@pytest.fixture
def gers_comments(db):
    """Ger's comments on two articles (typed with different capitals), one with a reply from
    someone else; and a comment of someone else."""
    first = ArticleFactory(title="Kunden verstehen")
    second = ArticleFactory(title="Teams führen")
    question = CommentFactory(
        article=first, name="Ger", email=GER, website="https://bruijn.example.nl/",
        signature="Ger J.F. de Bruijn, Businesstraining", body="Beste Hans, goed artikel!",
        ip_hash="ab" * 20, notify_replies=True,
    )  # fmt: skip
    answer = CommentFactory(article=first, parent=question, depth=1, body="Dank je, Ger!")
    waiting = CommentFactory(
        article=second, name="Ger", email="Ger.DeBruijn@Example.NL", body="Nog een vraag.",
        status=Comment.Status.PENDING,
    )  # fmt: skip
    return {"question": question, "answer": answer, "waiting": waiting}


def test_export_lists_every_comment_of_the_address_whatever_its_capitals(gers_comments):
    exported = export_comments("GER.DEBRUIJN@example.nl")

    assert [item["id"] for item in exported] == [
        gers_comments["question"].pk,
        gers_comments["waiting"].pk,
    ]
    first = exported[0]
    assert first["article_title"] == "Kunden verstehen"
    assert first["article_url"].endswith(gers_comments["question"].article.get_absolute_url())
    assert first["article_url"].startswith("http")
    assert {key: first[key] for key in ("name", "email", "website", "signature", "body")} == {
        "name": "Ger",
        "email": GER,
        "website": "https://bruijn.example.nl/",
        "signature": "Ger J.F. de Bruijn, Businesstraining",
        "body": "Beste Hans, goed artikel!",
    }
    assert (first["status"], first["parent"]) == ("approved", None)
    assert datetime.fromisoformat(first["created_at"]) == gers_comments["question"].created_at
    assert exported[1]["status"] == "pending"
    json.dumps(exported)  # JSON as it is


def test_erase_keeps_rows_and_thread_and_the_address_is_nowhere(client, gers_comments):
    question, answer = gers_comments["question"], gers_comments["answer"]
    page = client.get(question.article.get_absolute_url()).content.decode()
    assert "Beste Hans, goed artikel!" in page

    assert erase_comments(GER.upper()) == 2

    assert Comment.objects.count() == 3
    question.refresh_from_db()
    assert question.is_erased
    assert (question.name, question.website, question.signature, question.body) == ("", "", "", "")
    assert (question.ip_hash, question.notify_replies) == ("", False)
    assert question.status == Comment.Status.APPROVED  # its place in the thread stays
    answer.refresh_from_db()
    assert (answer.parent_id, answer.body) == (question.pk, "Dank je, Ger!")
    waiting = Comment.objects.get(pk=gers_comments["waiting"].pk)
    assert waiting.status == Comment.Status.REMOVED  # no empty row in the moderation queue
    assert not Comment.objects.filter(email__icontains="debruijn").exists()
    assert export_comments(GER) == []
    assert erase_comments(GER) == 0  # again: nothing left to erase
    page = client.get(question.article.get_absolute_url()).content.decode()
    assert "Beste Hans" not in page
    assert "bruijn.example.nl" not in page  # the website link went with the name
    assert "Dank je, Ger!" in page


def test_an_erased_commenter_is_no_longer_a_known_one(article, gers_comments):
    erase_comments(GER)

    comment = comment_submit(
        article=article, name="Ger", email=GER, body="Wieder da.", sender=Sender(ip="")
    )

    assert comment.status == Comment.Status.PENDING


def test_clear_ip_hashes_blanks_old_hashes_only_and_is_idempotent(settings, article):
    settings.COMMENT_IP_HASH_DAYS = 30
    old = CommentFactory(article=article, ip_hash="aa" * 20)
    fresh = CommentFactory(article=article, ip_hash="bb" * 20)
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))

    assert clear_ip_hashes() == 1
    assert clear_ip_hashes() == 0

    assert Comment.objects.get(pk=old.pk).ip_hash == ""
    assert Comment.objects.get(pk=fresh.pk).ip_hash == "bb" * 20
    assert clear_ip_hashes(days=0) == 1
    assert Comment.objects.get(pk=fresh.pk).ip_hash == ""


# --- The commands --------------------------------------------------------------------------


def run(*args, stdin: str | None = None, monkeypatch=None) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("builtins.input", lambda prompt="": stdin)
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_comments_export_prints_json_or_writes_a_file(gers_comments, tmp_path):
    out, _err = run("comments_export", GER)
    assert [item["body"] for item in json.loads(out)] == [
        "Beste Hans, goed artikel!",
        "Nog een vraag.",
    ]

    target = tmp_path / "ger.json"
    out, err = run("comments_export", GER, "--output", str(target))
    assert out == ""
    assert f"2 comment(s) of {GER} written to {target}." in err
    assert json.loads(target.read_text(encoding="utf-8")) == export_comments(GER)


def test_comments_erase_asks_first_unless_yes(gers_comments, monkeypatch):
    with pytest.raises(CommandError, match="Nothing erased"):
        run("comments_erase", GER, stdin="n", monkeypatch=monkeypatch)
    assert Comment.objects.filter(erased_at__isnull=False).count() == 0

    out, _err = run("comments_erase", GER, stdin="y", monkeypatch=monkeypatch)
    assert f"2 comment(s) of {GER} erased." in out

    out, _err = run("comments_erase", GER, "--yes")
    assert f"No comments of {GER} to erase." in out


def test_clear_ip_hashes_command_prints_the_count_and_is_idempotent(article):
    old = CommentFactory(article=article, ip_hash="aa" * 20)
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=10))

    first, _err = run("clear_ip_hashes", "--days", "7")
    second, _err = run("clear_ip_hashes", "--days", "7")

    assert first.strip() == "IP hashes cleared on 1 comment(s) older than 7 days."
    assert second.strip() == "IP hashes cleared on 0 comment(s) older than 7 days."


# --- The admin actions -----------------------------------------------------------------------


def test_admin_export_downloads_every_comment_of_the_selected_addresses(
    editor_client, gers_comments
):
    response = editor_client.post(
        CHANGELIST,
        {"action": "export_emails", "_selected_action": [gers_comments["question"].pk]},
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    data = json.loads(response.content)
    assert list(data) == [GER]
    assert [item["id"] for item in data[GER]] == [
        gers_comments["question"].pk,
        gers_comments["waiting"].pk,  # on another article, not selected: Ger's all the same
    ]


def test_admin_erase_asks_first_then_erases_every_comment_of_the_address(
    editor_client, gers_comments
):
    selected = {"action": "erase_emails", "_selected_action": [gers_comments["waiting"].pk]}

    confirmation = editor_client.post(CHANGELIST, selected)

    assert confirmation.status_code == 200
    page = parse(confirmation)
    rows = page.select("table.erase-addresses tbody tr")
    assert [[text(cell) for cell in row.select("td")] for row in rows] == [[GER, "2"]]
    assert not Comment.objects.filter(erased_at__isnull=False).exists()

    response = editor_client.post(CHANGELIST, {**selected, "post": "yes"})

    assert response.status_code == 302
    assert Comment.objects.filter(erased_at__isnull=False).count() == 2
    assert not Comment.objects.filter(email__iexact=GER).exists()
    page = parse(editor_client.get(response["Location"]))
    assert text(one(page, "ul.messagelist li")).startswith("2 comments erased")


def test_authors_can_neither_export_nor_erase(author_client, gers_comments):
    for action in ("export_emails", "erase_emails"):
        response = author_client.post(
            CHANGELIST,
            {"action": action, "_selected_action": [gers_comments["question"].pk], "post": "yes"},
        )
        assert response.status_code == 403
    assert not Comment.objects.filter(erased_at__isnull=False).exists()
