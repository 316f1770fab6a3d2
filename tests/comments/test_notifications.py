"""Editors hear about a new comment by e-mail, after it is stored; a mail outage loses nothing."""

from __future__ import annotations

import logging
import re
from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from comments.models import Comment
from tests.comments.helpers import THANKS, comment_data, messages_shown, post_url
from tests.factories import ArticleFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

EDITORS = [("Redaktion", "redaktion@example.org")]


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise SMTPException("451 mail server unavailable")


@pytest.fixture
def editors(settings):
    settings.MANAGERS = EDITORS
    return EDITORS


@pytest.fixture
def failing_mail(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingEmailBackend"


def test_new_comment_sends_one_mail_to_the_editors_after_commit(
    client, article, editors, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(post_url(article), comment_data())
        assert mail.outbox == []  # nothing is sent before the comment is committed

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["redaktion@example.org"]
    assert article.title in message.subject
    assert "Ger J.F. de Bruijn" in message.body
    assert "Sehr hilfreich" in message.body


def test_admin_link_in_the_notification_can_be_clicked(
    client, article, editors, django_capture_on_commit_callbacks
):
    # An e-mail client has no page to resolve "/admin/…" against: the link must be absolute.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(post_url(article), comment_data())

    comment = Comment.objects.get()
    change_path = reverse("admin:comments_comment_change", args=[comment.pk])
    [message] = mail.outbox
    assert re.search(rf"https?://[^\s/]+{re.escape(change_path)}", message.body), message.body


def test_no_mail_without_editors_configured(
    client, article, settings, django_capture_on_commit_callbacks
):
    settings.MANAGERS = []

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(post_url(article), comment_data())

    assert response.status_code == 302
    assert Comment.objects.count() == 1
    assert mail.outbox == []


@pytest.mark.parametrize(
    "overrides", [{"homepage": "https://spam.example/"}, {"body": ""}], ids=["bot", "invalid"]
)
def test_no_mail_for_comments_that_are_not_stored(
    client, article, editors, django_capture_on_commit_callbacks, overrides
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(post_url(article), comment_data(**overrides))

    assert not Comment.objects.exists()
    assert mail.outbox == []


def test_failing_mail_server_still_saves_the_comment_and_thanks_the_reader(
    client, article, editors, failing_mail, django_capture_on_commit_callbacks, caplog
):
    with (
        caplog.at_level(logging.ERROR, logger="comments.services"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(post_url(article), comment_data())

    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}?comment=sent#comments"
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert messages_shown(parse(client.get(response["Location"]))) == [THANKS]
    assert mail.outbox == []
    # The operators learn about the outage from the log.
    assert any(
        record.levelno == logging.ERROR and str(comment.pk) in record.getMessage()
        for record in caplog.records
    )


@pytest.mark.django_db(transaction=True)
def test_failing_mail_server_during_a_real_commit_gives_no_error_page(
    client, editors, failing_mail
):
    # With real transactions the notification runs inside the request, right after the
    # commit: an exception escaping it would reach the reader as a 500.
    article = ArticleFactory()

    response = client.post(post_url(article), comment_data())

    assert response.status_code == 302
    assert Comment.objects.filter(article=article, status=Comment.Status.PENDING).count() == 1
    assert messages_shown(parse(client.get(response["Location"]))) == [THANKS]


@pytest.mark.django_db(transaction=True)
def test_notification_is_sent_during_a_real_commit(client, editors):
    article = ArticleFactory()

    client.post(post_url(article), comment_data())

    [message] = mail.outbox
    assert message.to == ["redaktion@example.org"]
