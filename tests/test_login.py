"""Admin logins: lockout after failed attempts, unlocking, ``next=``, and password reset by mail.

Editors log in through Django's own admin form; django-axes counts failures per username and
per client address in the database (config/settings.py "Admin logins", config/logins.py).
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.conftest import clear_own_cache_keys
from tests.factories import UserFactory
from tests.helpers import english_client

pytestmark = pytest.mark.django_db

PASSWORD = "secret-pass-123"  # tests/factories.py UserFactory
ATTACKER = "198.51.100.66"
LOCKED_MESSAGE = "Too many failed login attempts"


def log_in(username: str, password: str, *, ip: str = ATTACKER, next_url="/admin/", **headers):
    """One try at the admin's login form, from its own browser at address ``ip``."""
    return english_client().post(
        "/admin/login/",
        {"username": username, "password": password, "next": next_url},
        REMOTE_ADDR=ip,
        **headers,
    )


def logged_in(response) -> bool:
    return response.status_code == 302 and response.wsgi_request.user.is_authenticated


def fail(times: int, *, usernames=None, ips=None, username="editor", ip=ATTACKER, **headers):
    """``times`` wrong passwords, each from ``ips[i]`` / as ``usernames[i]`` when given."""
    for i in range(times):
        response = log_in(
            usernames[i] if usernames else username,
            "wrong-password",
            ip=ips[i] if ips else ip,
            **headers,
        )
    return response


def addresses(count: int) -> list[str]:
    return [f"203.0.113.{i + 1}" for i in range(count)]


def assert_locked(response) -> None:
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED_MESSAGE in page
    assert "15 minutes" in page
    assert "ask an administrator" in page
    assert int(response["Retry-After"]) == 15 * 60
    assert not response.wsgi_request.user.is_authenticated


# Lockout per username and per address


def test_ten_wrong_passwords_then_the_right_one_is_refused_with_the_message(editor_user):
    ninth = fail(9)
    assert ninth.status_code == 200  # still the login form with its error
    assert LOCKED_MESSAGE not in ninth.content.decode()

    assert_locked(fail(1))
    assert_locked(log_in("editor", PASSWORD))
    # The page is the admin's own (its header), and offers the way out by mail.
    right = log_in("editor", PASSWORD)
    assert "editorial desk" in right.content.decode()
    assert reverse("admin_password_reset") in right.content.decode()


def test_username_lock_holds_from_every_address_and_survives_an_emptied_cache(editor_user):
    fail(10, ips=addresses(10))  # one failure from each address: only the username is over
    clear_own_cache_keys()  # the count lives in the database, shared by all app servers

    assert_locked(log_in("editor", PASSWORD, ip="192.0.2.200"))


def test_ten_failures_from_one_address_lock_it_for_a_user_who_never_failed(editor_user):
    fail(10, usernames=[f"guess{i}" for i in range(10)])

    assert_locked(log_in("editor", PASSWORD, ip=ATTACKER))
    assert logged_in(log_in("editor", PASSWORD, ip="192.0.2.10"))


def test_the_lock_says_nothing_about_whether_the_username_exists(editor_user):
    fail(10, ips=addresses(10))
    fail(10, username="nobody-by-that-name", ips=addresses(10))
    clear_own_cache_keys()

    known = log_in("editor", "wrong-password", ip="192.0.2.1")
    unknown = log_in("nobody-by-that-name", "wrong-password", ip="192.0.2.2")

    assert known.status_code == unknown.status_code == 429
    assert known.content == unknown.content


def test_the_lock_lifts_after_fifteen_minutes(editor_user):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail(10)
    with time_machine.travel(start + timedelta(minutes=14), tick=False):
        assert_locked(log_in("editor", PASSWORD))
    with time_machine.travel(start + timedelta(minutes=15, seconds=1), tick=False):
        assert logged_in(log_in("editor", PASSWORD))


class CountingHasher(MD5PasswordHasher):
    """The tests' own hasher (same algorithm), counting how often a password is checked."""

    checks = 0

    def verify(self, password, encoded):
        type(self).checks += 1
        return super().verify(password, encoded)


def test_a_locked_out_attempt_hashes_no_password(editor_user, settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    CountingHasher.checks = 0
    fail(10)
    assert CountingHasher.checks == 10

    assert_locked(log_in("editor", PASSWORD))
    assert_locked(log_in("editor", "another-guess"))

    assert CountingHasher.checks == 10


# Unlocking


def test_axes_reset_username_lifts_a_username_lock_at_once(editor_user):
    fail(10, ips=addresses(10))
    assert_locked(log_in("editor", PASSWORD))

    call_command("axes_reset_username", "editor")

    assert logged_in(log_in("editor", PASSWORD))


def test_axes_reset_ip_lifts_an_address_lock_at_once(editor_user):
    fail(10, usernames=[f"guess{i}" for i in range(10)])
    assert_locked(log_in("editor", PASSWORD))

    call_command("axes_reset_ip", ATTACKER)

    assert logged_in(log_in("editor", PASSWORD))


# Behind a proxy


def test_behind_one_proxy_the_lock_follows_the_forwarded_reader(editor_user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "127.0.0.1"
    fail(
        10,
        usernames=[f"guess{i}" for i in range(10)],
        ip=proxy,
        HTTP_X_FORWARDED_FOR="203.0.113.50",
    )

    assert_locked(log_in("editor", PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR="203.0.113.50"))
    # Another reader through the same proxy is not locked; a forged left-hand entry changes
    # nothing for the locked one.
    assert logged_in(log_in("editor", PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR="203.0.113.51"))
    assert_locked(
        log_in("editor", PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.50")
    )


# Where a login lands


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil", ""])
def test_a_bad_or_missing_next_lands_on_the_admin_index(editor_user, next_url):
    response = english_client().post(
        f"/admin/login/?next={next_url}",
        {"username": "editor", "password": PASSWORD, "next": next_url},
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_a_good_next_is_honoured(editor_user):
    response = log_in("editor", PASSWORD, next_url="/admin/articles/article/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/articles/article/"


# Password reset by e-mail


RESET_LINK = re.compile(r"http://testserver(/admin/password_reset/[^/\s]+/[^/\s]+/)")


def request_reset(email: str, *, ip: str = "192.0.2.77"):
    return english_client().post(reverse("admin_password_reset"), {"email": email}, REMOTE_ADDR=ip)


def reset_password_by_mail(new_password: str) -> None:
    """What the editor does: ask for the mail, follow its link, set a new password."""
    response = request_reset("editor@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    [message] = mail.outbox
    assert message.to == ["editor@example.org"]
    link = RESET_LINK.search(message.body).group(1)

    browser = english_client()
    form_page = browser.get(link, follow=True)
    assert form_page.status_code == 200
    done = browser.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    assert done["Location"] == reverse("password_reset_complete")
    complete = browser.get(done["Location"])
    assert "Your password has been set" in complete.content.decode()
    # Its "Log in" link leads to the admin's login page (not Django's /accounts/login/).
    assert f'href="{reverse("admin:login")}"' in complete.content.decode()


def test_login_page_links_to_password_reset(db):
    page = english_client().get("/admin/login/")

    assert f'href="{reverse("admin_password_reset")}"' in page.content.decode()
    form = english_client().get(reverse("admin_password_reset"))
    assert form.status_code == 200
    assert "editorial desk" in form.content.decode()  # the admin's own header


def test_an_editor_resets_a_forgotten_password_by_mail_and_logs_in(editor_user):
    reset_password_by_mail("Neues-Passwort-2025!")

    assert not logged_in(log_in("editor", PASSWORD))
    assert logged_in(log_in("editor", "Neues-Passwort-2025!", ip="192.0.2.5"))


def test_unknown_or_reader_addresses_get_the_same_answer_and_no_mail(editor_user):
    UserFactory(username="reader", email="reader@example.org")  # no staff: no admin login

    known = request_reset("editor@example.org")
    mail.outbox.clear()
    unknown = request_reset("nobody@example.org")
    reader = request_reset("reader@example.org")

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert (reader.status_code, reader["Location"]) == (known.status_code, known["Location"])
    assert mail.outbox == []


def test_reset_requests_are_limited_per_address(editor_user):
    for _ in range(5):
        assert request_reset("editor@example.org").status_code == 302
    assert len(mail.outbox) == 5

    refused = request_reset("editor@example.org")

    assert refused.status_code == 429
    assert "Too many password reset requests" in refused.content.decode()
    assert len(mail.outbox) == 5
    assert request_reset("editor@example.org", ip="192.0.2.78").status_code == 302


def test_a_completed_reset_lifts_the_username_lock(editor_user):
    fail(10, ips=addresses(10))
    assert_locked(log_in("editor", PASSWORD, ip="192.0.2.5"))

    reset_password_by_mail("Neues-Passwort-2025!")

    assert logged_in(log_in("editor", "Neues-Passwort-2025!", ip="192.0.2.5"))
