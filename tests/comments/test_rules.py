"""The moderation rules (comments/moderation.py), one by one and in their documented order."""

from __future__ import annotations

import pytest

from comments import moderation
from comments.models import BlockedTerm, Comment
from comments.network import ip_hash
from comments.services import Sender, comment_submit
from tests.comments.helpers import comment_data, post_url
from tests.factories import AuthorFactory, CommentFactory, EditorUserFactory

pytestmark = pytest.mark.django_db

READER_IP = "203.0.113.5"


def submit(article, *, user=None, **typed) -> Comment:
    values = {
        "name": "Ger de Bruijn",
        "email": "ger@bruijn.example.nl",
        "body": "Goed artikel! Zo hoor je met je klanten om te gaan.",
        **typed,
    }
    return comment_submit(article=article, sender=Sender(ip=READER_IP, user=user), **values)


def test_a_strangers_comment_waits_for_an_editor(article):
    comment = submit(article)

    assert comment.status == Comment.Status.PENDING
    assert comment.rule == Comment.Rule.DEFAULT


# 1. Blocklist ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "value", "typed"),
    [
        (BlockedTerm.Kind.WORD, "casino", {"body": "Best CASINO bonus here"}),
        (BlockedTerm.Kind.WORD, "cheap pills", {"signature": "Cheap   Pills Ltd"}),
        (BlockedTerm.Kind.WORD, "rolex", {"website": "https://rolex.example/"}),
        (BlockedTerm.Kind.WORD, "müller", {"name": "MULLER"}),  # accents and case ignored
        (BlockedTerm.Kind.EMAIL_DOMAIN, "spam.example", {"email": "x@spam.example"}),
        (BlockedTerm.Kind.EMAIL_DOMAIN, "@spam.example", {"email": "x@mail.spam.example"}),
    ],
)
def test_a_blocklist_match_is_spam_and_says_which_entry(article, kind, value, typed):
    BlockedTerm.objects.create(kind=kind, value=value)

    comment = submit(article, **typed)

    assert comment.status == Comment.Status.SPAM
    assert comment.rule == Comment.Rule.BLOCKLIST
    assert value in comment.rule_detail


def test_a_blocked_ip_hash_is_spam(article):
    BlockedTerm.objects.create(kind=BlockedTerm.Kind.IP_HASH, value=ip_hash(READER_IP))

    assert submit(article).status == Comment.Status.SPAM


def test_a_similar_domain_is_not_blocked(article):
    BlockedTerm.objects.create(kind=BlockedTerm.Kind.EMAIL_DOMAIN, value="spam.example")

    assert submit(article, email="x@notspam.example").rule == Comment.Rule.DEFAULT


def test_the_blocklist_comes_before_a_known_commenter(article):
    CommentFactory(article=article, name="Ger de Bruijn", email="ger@bruijn.example.nl")
    BlockedTerm.objects.create(kind=BlockedTerm.Kind.WORD, value="casino")

    comment = submit(article, body="Visit my casino")

    assert (comment.status, comment.rule) == (Comment.Status.SPAM, Comment.Rule.BLOCKLIST)


# 2. Links ----------------------------------------------------------------------------------


def test_up_to_the_link_limit_a_comment_is_not_held_for_its_links(article, settings):
    settings.COMMENT_MAX_LINKS = 2
    body = "See https://a.example/ and www.b.example for more."

    assert submit(article, body=body).rule == Comment.Rule.DEFAULT


def test_more_links_than_the_limit_hold_a_known_commenter(article, settings):
    settings.COMMENT_MAX_LINKS = 2
    CommentFactory(article=article, name="Ger de Bruijn", email="ger@bruijn.example.nl")
    body = "https://a.example/ https://b.example/ https://c.example/"

    comment = submit(article, body=body)

    assert (comment.status, comment.rule) == (Comment.Status.PENDING, Comment.Rule.LINKS)
    assert comment.rule_detail == "3 > 2"


# 3. Impersonation -----------------------------------------------------------------------------


@pytest.mark.parametrize("typed_name", ["Hans Berger", "hans berger", "HÁNS  BÉRGER"])
def test_a_visitor_using_an_authors_name_is_held(article, typed_name):
    AuthorFactory(name="Hans Berger")
    CommentFactory(article=article, email="ger@bruijn.example.nl")  # even a known address

    comment = submit(article, name=typed_name)

    assert (comment.status, comment.rule) == (Comment.Status.PENDING, Comment.Rule.IMPERSONATION)
    assert comment.badge == ""


def test_a_visitor_using_a_staff_members_name_is_held(article):
    EditorUserFactory(first_name="Petra", last_name="Schulz")

    assert submit(article, name="petra schulz").rule == Comment.Rule.IMPERSONATION


def test_a_visitor_using_an_editors_name_through_the_form_gets_no_badge(client, article):
    EditorUserFactory(first_name="Petra", last_name="Schulz")

    client.post(post_url(article), comment_data(name="Petra Schulz"))

    comment = Comment.objects.get()
    assert comment.badge == ""
    assert comment.rule == Comment.Rule.IMPERSONATION
    assert comment.status == Comment.Status.PENDING


# 4. Badge ------------------------------------------------------------------------------------


def test_an_editor_logged_in_is_published_with_the_editor_badge(article):
    editor = EditorUserFactory(first_name="Petra", last_name="Schulz")

    comment = submit(article, name="Petra Schulz", user=editor)

    assert comment.status == Comment.Status.APPROVED
    assert (comment.rule, comment.badge) == (Comment.Rule.BADGE, Comment.Badge.EDITOR)


def test_one_of_the_articles_authors_gets_the_author_badge(article, author_user):
    author = article.authors.first()
    author.user = author_user
    author.save()

    comment = submit(article, name=author.name, user=author_user)

    assert (comment.status, comment.badge) == (Comment.Status.APPROVED, Comment.Badge.AUTHOR)


def test_a_logged_in_author_of_another_article_gets_no_badge(article, author_user):
    comment = submit(article, name="Someone", user=author_user)

    assert comment.badge == ""
    assert comment.status == Comment.Status.PENDING


# 5. Known commenter ----------------------------------------------------------------------------


def test_an_address_with_an_approved_comment_is_published_at_once(article):
    # On another article, the address and name in other case.
    CommentFactory(name="ger de bruijn", email="Ger@Bruijn.example.nl")

    comment = submit(article)

    assert (comment.status, comment.rule) == (Comment.Status.APPROVED, Comment.Rule.KNOWN)


def test_the_same_address_under_another_name_is_not_known(article):
    CommentFactory(name="Hans Berger", email="ger@bruijn.example.nl")

    assert submit(article).rule == Comment.Rule.DEFAULT


def test_a_moderators_address_does_not_make_a_visitor_known(article):
    """A moderator's reply is written from an account: typing that address (and name) as a
    visitor gets no free pass."""
    editor = EditorUserFactory(first_name="Petra", last_name="Schulz", email="petra@example.org")
    CommentFactory(article=article, name="Petra Schulz", email="petra@example.org", user=editor)

    comment = submit(article, name="Someone", email="petra@example.org")

    assert comment.status == Comment.Status.PENDING


def test_a_pending_or_spam_comment_does_not_make_an_address_known(article):
    CommentFactory(email="ger@bruijn.example.nl", status=Comment.Status.PENDING)
    CommentFactory(email="ger@bruijn.example.nl", status=Comment.Status.SPAM)

    assert submit(article).status == Comment.Status.PENDING


def test_known_commenters_can_be_switched_off(article, settings):
    settings.COMMENT_KNOWN_COMMENTERS = False
    CommentFactory(email="ger@bruijn.example.nl")

    assert submit(article).rule == Comment.Rule.DEFAULT


def test_the_rules_run_in_the_documented_order():
    assert [rule.__name__ for rule in moderation.RULES] == [
        "blocklist", "too_many_links", "impersonation", "badge", "known_commenter",
    ]  # fmt: skip


def test_moderators_see_the_rule_that_held_a_comment(editor_client, article):
    AuthorFactory(name="Hans Berger")
    comment = submit(article, name="Hans Berger")

    page = editor_client.get(f"/admin/comments/comment/{comment.pk}/change/")

    assert page.status_code == 200
    assert "Name of an author or editor" in page.content.decode()
