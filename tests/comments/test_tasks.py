"""Mail goes through the task queue: after the commit, in the worker, retried when the mail
server fails, and never at the cost of a reader's comment."""

from __future__ import annotations

import logging
from datetime import timedelta
from smtplib import SMTPException

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from comments import notifications, tasks
from comments.models import Comment
from tests.comments.helpers import THANKS, comment_data, messages_shown, post_url
from tests.comments.tasks_helpers import (  # noqa: F401
    run_tasks,
    waiting_tasks,
)
from tests.factories import ArticleFactory, CommentFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

EDITORS = [("Redaktion", "redaktion@example.org")]


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise SMTPException("451 mail server unavailable")


@pytest.fixture(autouse=True)
def editors(settings):
    settings.MANAGERS = EDITORS


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingEmailBackend"

    def back_up() -> None:
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    return back_up


@pytest.fixture
def post(client, article, django_capture_on_commit_callbacks):
    def send(**overrides):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(post_url(article), comment_data(**overrides))
        return response

    return send


def test_mail_is_queued_after_the_commit_and_sent_by_the_worker(
    client, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(post_url(article), comment_data())
        assert waiting_tasks() == []  # nothing is queued while the comment may still roll back

    comment = Comment.objects.get()
    [queued] = waiting_tasks()
    assert queued.task_path == "comments.tasks.mail_editors_held"
    assert queued.args_kwargs == {"args": [comment.pk], "kwargs": {}}
    assert mail.outbox == []  # the request sends nothing itself

    run_tasks()

    [message] = mail.outbox
    assert message.to == ["redaktion@example.org"]
    assert waiting_tasks() == []


def test_failing_mail_server_keeps_the_comment_and_queues_a_second_attempt(
    client, post, article, mail_server_down, caplog
):
    response = post()

    assert response.status_code == 302
    assert messages_shown(parse(client.get(response["Location"]))) == [THANKS]
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    started = timezone.now()

    with caplog.at_level(logging.ERROR, logger="comments.tasks"):
        run_tasks()

    assert mail.outbox == []
    assert Comment.objects.get() == comment  # still there, unchanged
    assert Comment.objects.get().status == Comment.Status.PENDING
    [retry] = waiting_tasks()
    assert retry.task_path == "comments.tasks.mail_editors_held"
    assert retry.args_kwargs == {"args": [comment.pk], "kwargs": {"attempt": 2}}
    assert retry.run_after > started
    # The operators learn about the outage from the log, at once.
    [record] = [r for r in caplog.records if r.name == "comments.tasks"]
    assert record.levelno == logging.ERROR
    assert str(comment.pk) in record.getMessage()
    assert "attempt 1 of 5" in record.getMessage()


def test_the_second_attempt_waits_and_then_delivers(post, mail_server_down):
    post()
    run_tasks()
    [retry] = waiting_tasks()

    mail_is_back = mail_server_down
    mail_is_back()
    run_tasks()  # too early: the retry is not due yet
    assert mail.outbox == []
    assert waiting_tasks() == [retry]

    with time_machine.travel(retry.run_after + timedelta(seconds=1)):
        run_tasks()

    [message] = mail.outbox
    assert message.to == ["redaktion@example.org"]
    assert waiting_tasks() == []


def test_gives_up_after_the_configured_number_of_attempts(post, settings, mail_server_down, caplog):
    settings.COMMENT_MAIL_ATTEMPTS = 3
    post()
    comment = Comment.objects.get()
    waits = []

    with caplog.at_level(logging.ERROR, logger="comments.tasks"):
        run_tasks()
        while queued := waiting_tasks():
            [retry] = queued
            waits.append(retry.run_after)
            with time_machine.travel(retry.run_after + timedelta(seconds=1)):
                run_tasks()

    assert len(waits) == 2  # attempts 2 and 3, then no more
    assert waits[1] - waits[0] > timedelta(minutes=1)  # each wait longer than the one before
    assert mail.outbox == []
    last = [r for r in caplog.records if r.name == "comments.tasks"][-1]
    assert last.levelno == logging.ERROR
    assert "gave up after 3 attempts" in last.getMessage()
    assert Comment.objects.get() == comment


def test_a_retry_sends_nothing_once_an_editor_has_decided(post, mail_server_down):
    mail_is_back = mail_server_down
    post()
    run_tasks()
    [retry] = waiting_tasks()
    Comment.objects.update(status=Comment.Status.APPROVED)  # decided in the admin meanwhile
    mail_is_back()

    with time_machine.travel(retry.run_after + timedelta(seconds=1)):
        run_tasks()

    assert mail.outbox == []
    assert waiting_tasks() == []


def test_a_queue_that_cannot_be_written_never_costs_the_comment(client, post, monkeypatch, caplog):
    class Unwritable:
        name = "mail_editors_held"

        def enqueue(self, *args, **kwargs):
            raise RuntimeError("database is locked")

    monkeypatch.setattr(tasks, "mail_editors_held", Unwritable())

    with caplog.at_level(logging.ERROR, logger="comments.notifications"):
        response = post()

    assert response.status_code == 302
    assert messages_shown(parse(client.get(response["Location"]))) == [THANKS]
    comment = Comment.objects.get()
    assert any(str(comment.pk) in record.getMessage() for record in caplog.records)


@pytest.mark.django_db(transaction=True)
def test_mail_goes_out_after_a_real_commit_and_a_mail_outage_is_no_error_page(client, settings):
    # With real transactions the after-commit hook runs inside the request: an exception
    # escaping it would reach the reader as a 500. The worker then runs outside any test
    # transaction, with its own locking, as in production.
    settings.EMAIL_BACKEND = f"{__name__}.FailingEmailBackend"
    article = ArticleFactory()

    response = client.post(post_url(article), comment_data())
    run_tasks()

    assert response.status_code == 302
    assert Comment.objects.filter(article=article, status=Comment.Status.PENDING).count() == 1
    assert mail.outbox == []
    [retry] = waiting_tasks()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(retry.run_after + timedelta(seconds=1)):
        run_tasks()
    [message] = mail.outbox
    assert message.to == ["redaktion@example.org"]


def test_hooks_queue_only_what_a_comment_calls_for(article):
    top = CommentFactory(article=article, status=Comment.Status.APPROVED)
    reply = CommentFactory(article=article, parent=top, depth=1, status=Comment.Status.PENDING)

    notifications.comment_stored(top.pk)  # approved, no opt-in, no parent: no mail at all
    notifications.comments_approved([top.pk])  # not a reply: nobody to tell
    assert waiting_tasks() == []

    notifications.comments_approved([reply.pk])
    assert [t.task_path for t in waiting_tasks()] == ["comments.tasks.mail_reply"]
