"""`make run` creates the admin account named in DJANGO_SUPERUSER_USERNAME / _PASSWORD / _EMAIL."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import HttpRequest

pytestmark = pytest.mark.django_db

VARIABLES = ["DJANGO_SUPERUSER_USERNAME", "DJANGO_SUPERUSER_PASSWORD", "DJANGO_SUPERUSER_EMAIL"]


@pytest.fixture(autouse=True)
def no_superuser_variables(monkeypatch):
    """Whatever the machine running the tests has set, each test starts without them."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)


def ensure_superuser() -> str:
    out = io.StringIO()
    call_command("ensure_superuser", stdout=out)
    return out.getvalue()


def can_log_in(client, password: str) -> bool:
    """The test client's login, with the request django-axes' backend needs to count it."""
    return client.login(username="chefin", password=password, request=HttpRequest())


def set_account(monkeypatch, *, password: str, email: str = "admin@example.org") -> None:
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "chefin")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", password)
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", email)


def test_creates_a_superuser_who_can_log_into_the_admin(client, monkeypatch):
    set_account(monkeypatch, password="erstes-Passwort-1")

    output = ensure_superuser()

    assert "Created superuser 'chefin'" in output
    user = get_user_model().objects.get(username="chefin")
    assert (user.is_superuser, user.is_staff, user.email) == (True, True, "admin@example.org")
    assert can_log_in(client, "erstes-Passwort-1")
    response = client.get("/admin/")
    assert response.status_code == 200
    assert response.context["user"].username == "chefin"


def test_running_it_again_updates_the_password_without_a_second_account(client, monkeypatch):
    set_account(monkeypatch, password="erstes-Passwort-1")
    ensure_superuser()
    set_account(monkeypatch, password="zweites-Passwort-2", email="neu@example.org")

    output = ensure_superuser()

    assert "Updated superuser 'chefin'" in output
    [user] = get_user_model().objects.filter(username="chefin")
    assert user.email == "neu@example.org"
    assert not can_log_in(client, "erstes-Passwort-1")
    assert can_log_in(client, "zweites-Passwort-2")
    assert client.get("/admin/").status_code == 200


def test_without_the_variables_it_creates_nobody_and_says_how_to():
    output = ensure_superuser()

    assert not get_user_model().objects.exists()
    assert "manage.py createsuperuser" in output


def test_a_username_without_a_password_is_an_error(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "chefin")

    with pytest.raises(CommandError, match="DJANGO_SUPERUSER_PASSWORD"):
        ensure_superuser()

    assert not get_user_model().objects.exists()
