"""Spam defences without a CAPTCHA: the signed ticket, duplicates, clean text, closed threads,
and the rate limit shared by app server processes through Redis."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings as django_settings
from django.utils import timezone

from comments.models import Comment
from comments.services import thread_set_closed
from comments.spam import new_ticket
from tests.comments.helpers import comment_data, comment_form, form_errors, post_url
from tests.html import field_errors, one, parse

pytestmark = pytest.mark.django_db


def typed_text(page) -> str:
    return one(comment_form(page), 'textarea[name="body"]').get_text().strip()


# The signed ticket -------------------------------------------------------------------------


@pytest.fixture
def three_seconds(settings):
    settings.COMMENT_MIN_SECONDS = 3
    settings.COMMENT_MAX_AGE_HOURS = 24


def test_a_form_sent_within_three_seconds_is_refused_with_the_text_kept(
    client, article, three_seconds
):
    response = client.post(post_url(article), comment_data(ticket=new_ticket(), body="Schnell!"))

    assert response.status_code == 400
    page = parse(response)
    assert "quicker than anyone can type" in form_errors(page)
    assert typed_text(page) == "Schnell!"
    assert not Comment.objects.exists()


def test_the_refused_form_carries_a_new_ticket_that_works(client, article, three_seconds):
    old = new_ticket()
    with time_machine.travel(timezone.now() + timedelta(hours=25), tick=False):
        refused = client.post(post_url(article), comment_data(ticket=old, body="Lange offen"))
        page = parse(refused)
        assert refused.status_code == 400
        assert "open for a long time" in form_errors(page)
        fresh = one(comment_form(page), 'input[name="ticket"]')["value"]
        assert fresh != old
    with time_machine.travel(timezone.now() + timedelta(hours=25, seconds=5), tick=False):
        sent = client.post(post_url(article), comment_data(ticket=fresh, body="Lange offen"))

    assert sent.status_code == 302
    assert Comment.objects.get().body == "Lange offen"


@pytest.mark.parametrize("ticket", ["", "1700000000", "MTcwMDAwMDAwMA:forged:signature"])
def test_a_missing_or_forged_ticket_is_refused(client, article, three_seconds, ticket):
    response = client.post(post_url(article), comment_data(ticket=ticket))

    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_a_form_sent_after_a_minute_is_accepted(client, article, three_seconds):
    ticket = new_ticket()
    with time_machine.travel(timezone.now() + timedelta(minutes=1), tick=False):
        response = client.post(post_url(article), comment_data(ticket=ticket))

    assert response.status_code == 302


# Duplicates ----------------------------------------------------------------------------------


def test_the_same_text_twice_within_ten_minutes_is_stored_once(client, article):
    first = client.post(post_url(article), comment_data())
    second = client.post(post_url(article), comment_data())

    assert Comment.objects.count() == 1
    # The reader sees the same outcome: back at their one comment.
    assert first["Location"].split("#")[1] == second["Location"].split("#")[1]


def test_the_same_text_after_ten_minutes_is_a_new_comment(client, article):
    client.post(post_url(article), comment_data())
    with time_machine.travel(timezone.now() + timedelta(minutes=11), tick=False):
        client.post(post_url(article), comment_data())

    assert Comment.objects.count() == 2


# Clean text ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Hallo\x07 Welt\x1b[31m", "Hallo Welt[31m"),  # BEL and ESC
        ("Preis \u202e€ 001\u202c", "Preis € 001"),  # bidirectional override
        ("unsicht\u200bbar\u2060\ufeff", "unsichtbar"),  # zero-width characters
        ("Tag\U000e0041\U000e0042s", "Tags"),  # Unicode tag characters (format, invisible)
        ("e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301", "é\u0301\u0301\u0301"),
    ],
)
def test_invisible_and_control_characters_are_removed_from_the_text(client, article, typed, stored):
    client.post(post_url(article), comment_data(body=typed))

    assert Comment.objects.get().body == stored


def test_a_name_with_control_characters_is_cleaned(client, article):
    client.post(post_url(article), comment_data(name="Ger\x1b de\u200b Bruijn\u202e"))

    assert Comment.objects.get().name == "Ger de Bruijn"


def test_a_nul_character_is_refused_with_a_message(client, article):
    response = client.post(post_url(article), comment_data(body="Text\x00mit NUL"))

    assert response.status_code == 400
    assert field_errors(parse(response), "body") == ["Null characters are not allowed."]


@pytest.mark.parametrize("field", ["name", "body"])
@pytest.mark.parametrize(
    "typed", ["\u200b\u200b", "\u202e \u2060", "\u0301\u0301", " \x07 ", "\u2800\u2800"]
)
def test_a_name_or_text_with_nothing_visible_is_refused(client, article, field, typed):
    response = client.post(post_url(article), comment_data(**{field: typed}))

    assert response.status_code == 400
    assert field_errors(parse(response), field) == ["Please write something a reader can see."]
    assert not Comment.objects.exists()


def test_the_text_keeps_its_paragraphs(client, article):
    client.post(post_url(article), comment_data(body="Eins\r\n\r\n\r\n\r\nZwei\r\nDrei"))

    assert Comment.objects.get().body == "Eins\n\nZwei\nDrei"


# Closed threads ------------------------------------------------------------------------------


def test_a_comment_on_a_closed_thread_is_refused_with_its_text(client, article):
    thread_set_closed(article=article, closed=True)

    response = client.post(post_url(article), comment_data(body="Zu spät?"))

    assert response.status_code == 403
    section = one(parse(response), "section#comments")
    assert "closed" in section.get_text()
    # The text is shown back, to copy.
    assert one(section, "textarea").get_text().strip() == "Zu spät?"
    assert not Comment.objects.exists()


def test_comments_close_by_themselves_after_the_configured_days(client, article, settings):
    settings.COMMENT_CLOSE_AFTER_DAYS = 30
    with time_machine.travel(article.published_at + timedelta(days=29), tick=False):
        assert client.post(post_url(article), comment_data(body="Noch offen")).status_code == 302
    with time_machine.travel(article.published_at + timedelta(days=31), tick=False):
        late = client.post(post_url(article), comment_data(body="Zu spät"))

    assert late.status_code == 403
    assert list(Comment.objects.values_list("body", flat=True)) == ["Noch offen"]


def test_a_reopened_thread_takes_comments_again(client, article):
    thread_set_closed(article=article, closed=True)
    thread_set_closed(article=article, closed=False)

    assert client.post(post_url(article), comment_data()).status_code == 302


# The rate limit across processes ---------------------------------------------------------------

WORKER = """
import json, sys
import django
django.setup()
from django.conf import settings
settings.CACHES["default"]["KEY_PREFIX"] = sys.argv[1]
settings.COMMENT_RATE_LIMIT = "4/d"
from django.test import RequestFactory
from comments.spam import over_rate_limit
refused = [over_rate_limit(RequestFactory().post("/", REMOTE_ADDR="203.0.113.77"))
           for _ in range(5)]
print(json.dumps(refused.count(False)))
"""


@pytest.mark.skipif(
    "redis" not in django_settings.CACHES["default"]["BACKEND"].lower(),
    reason="needs the shared Redis cache (REDIS_URL): the PostgreSQL + Redis run has it",
)
def test_two_app_server_processes_share_one_rate_limit():
    """Two processes (as two gunicorn workers or two servers) sending from one address get
    the limit once between them, not once each."""
    prefix = f"cms-test-limit-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test"}
    root = Path(__file__).resolve().parents[2]
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, prefix],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for _ in range(2)
    ]
    allowed = []
    for worker in workers:
        out, err = worker.communicate(timeout=60)
        assert worker.returncode == 0, err
        allowed.append(json.loads(out.strip().splitlines()[-1]))

    assert sum(allowed) == 4  # of 10 attempts from one address in two processes
