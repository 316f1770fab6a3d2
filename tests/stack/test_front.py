"""What nginx in front of gunicorn gives the site, tried against the real ``make serve``.

Slow clients cannot take the site down, readers behind the front are still told apart by
their own address, bodies are capped before anyone reads them, and no response names the
server software.
"""

from __future__ import annotations

import http.client
import socket
import time
import uuid
from urllib.parse import urlencode

import pytest
from django.test import override_settings

from comments.network import ip_hash
from config.headers import PERMISSIONS_POLICY
from tests.html import one, parse
from tests.stack.conftest import RATE_LIMIT, Stack

pytestmark = pytest.mark.stack

HALF_SENT = 64
READER_SECONDS = 2
READER_A, READER_B = "127.0.0.2", "127.0.0.3"  # Linux routes all of 127/8 to loopback


def request(
    stack: Stack,
    method: str,
    path: str,
    *,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    source: str = "127.0.0.1",
    timeout: float = 10,
) -> tuple[http.client.HTTPResponse, bytes]:
    """One request through the front, from ``source`` (a loopback address of the reader's)."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", stack.port, timeout=timeout, source_address=(source, 0)
    )
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response, response.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def article_path(stack) -> str:
    """An article of the demo content, as a reader finds it from the English home page."""
    response, html = request(stack, "GET", "/en/")
    assert response.status == 200
    link = parse(html.decode()).select_one('a[href$="#comments"]')
    assert link is not None, "the home page links no article"
    return link["href"].split("#")[0]


def half_sent(stack: Stack, number: int) -> socket.socket:
    """A connection that sends part of a request and then nothing more: headers without the
    blank line that ends them, or a POST that announces more body than it sends."""
    connection = socket.create_connection(("127.0.0.1", stack.port), timeout=5)
    host = f"Host: 127.0.0.1:{stack.port}\r\n"
    if number % 2:
        connection.sendall(
            f"POST /en/comments/post/1/ HTTP/1.1\r\n{host}"
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\n"
            "name=half&body=".encode()
        )
    else:
        connection.sendall(f"GET /en/ HTTP/1.1\r\n{host}User-Agent: slow\r\n".encode())
    return connection


def still_open(connection: socket.socket) -> bool:
    """Nothing answered and not closed: the front still holds the connection, waiting."""
    connection.setblocking(False)
    try:
        return connection.recv(1) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False


def test_half_sent_requests_do_not_stop_a_reader(stack, article_path):
    held = []
    try:
        for number in range(HALF_SENT):
            held.append(half_sent(stack, number))

        started = time.monotonic()
        response, _ = request(stack, "GET", article_path, timeout=READER_SECONDS)
        took = time.monotonic() - started

        assert response.status == 200
        assert took < READER_SECONDS
        # The attack was still under way while the reader was served.
        assert all(still_open(connection) for connection in held)
    finally:
        for connection in held:
            connection.close()


def comment_form(stack: Stack, article_path: str, source: str) -> tuple[str, dict[str, str]]:
    """The comment form of the article page as ``source`` gets it: its address and fields."""
    response, html = request(stack, "GET", article_path, source=source)
    assert response.status == 200
    form = one(parse(html.decode()), "form#comment-form")
    ticket = one(form, 'input[name="ticket"]')["value"]
    return form["action"].split("#")[0], {"ticket": ticket, "homepage": ""}


def post_comment(stack: Stack, article_path: str, source: str, body: str) -> int:
    """A reader at ``source`` fills in the form and sends it; the status of the answer."""
    action, fields = comment_form(stack, article_path, source)
    fields.update(
        name="Reader at " + source,
        email=f"reader-{source.replace('.', '-')}@example.org",
        body=body,
        consent="on",
    )
    response, _ = request(
        stack,
        "POST",
        action,
        body=urlencode(fields).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        source=source,
    )
    return response.status


def test_two_readers_behind_the_front_are_counted_apart(stack, article_path):
    run = uuid.uuid4().hex[:8]
    bodies_a = [f"Reader A, comment {n}, run {run}." for n in range(RATE_LIMIT + 1)]
    body_b = f"Reader B, run {run}."

    statuses_a = [post_comment(stack, article_path, READER_A, body) for body in bodies_a]
    status_b = post_comment(stack, article_path, READER_B, body_b)

    # A is refused once over the limit; B, behind the same front, is not counted with A.
    assert statuses_a == [302] * RATE_LIMIT + [429]
    assert status_b == 302
    stored = dict(stack.comments())
    with override_settings(SECRET_KEY=stack.secret_key):
        hash_a, hash_b = ip_hash(READER_A), ip_hash(READER_B)
    assert hash_a != hash_b
    assert [stored.get(body) for body in bodies_a] == [hash_a] * RATE_LIMIT + [None]
    assert stored.get(body_b) == hash_b


def test_no_response_names_the_server(stack, article_path):
    page, _ = request(stack, "GET", article_path)
    refused, _ = request(stack, "POST", "/en/comments/post/1/", body=b"x" * 100_000)

    assert page.status == 200
    assert page.getheader("Server") is None
    assert refused.getheader("Server") is None


def test_every_answer_carries_the_permissions_policy_once(stack, article_path):
    """Django's pages and nginx's own answers (a refused body, a malformed address, media) all
    switch the powerful browser features off, with one header each."""
    _, html = request(stack, "GET", article_path)
    image = parse(html.decode()).select_one('img[src^="/media/"]')["src"]
    answers = {
        "page": request(stack, "GET", article_path)[0],
        "413 from nginx": request(stack, "POST", "/en/comments/post/1/", body=b"x" * 100_000)[0],
        "400 from nginx": request(stack, "GET", "/en/%00/")[0],
        "media": request(stack, "GET", image)[0],
    }

    for name, response in answers.items():
        assert response.msg.get_all("Permissions-Policy") == [PERMISSIONS_POLICY], name
    assert [answers[name].status for name in answers] == [200, 413, 400, 200]


def test_a_100_kb_comment_is_refused_by_the_front(stack, article_path):
    action, fields = comment_form(stack, article_path, "127.0.0.1")
    fields.update(name="Flood", email="flood@example.org", consent="on", body="x" * 100_000)

    response, html = request(
        stack,
        "POST",
        action,
        body=urlencode(fields).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )

    assert response.status == 413
    assert b"413 Request Entity Too Large" in html  # nginx's page: Django never saw it


def test_staff_uploads_may_be_larger_but_not_unbounded(stack):
    # Only the headers: the front answers from Content-Length before reading any body.
    def announce(path: str, size: int) -> int:
        with socket.create_connection(("127.0.0.1", stack.port), timeout=5) as connection:
            connection.sendall(
                f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{stack.port}\r\n"
                f"Content-Type: multipart/form-data; boundary=x\r\n"
                f"Content-Length: {size}\r\n\r\n".encode()
            )
            connection.settimeout(2)
            try:
                return int(connection.recv(64).split()[1])
            except TimeoutError:
                return 0  # the front waits for the body: it is within the limit

    assert announce("/admin/articles/article/add/", 13 * 1024 * 1024) == 413
    assert announce("/markdownx/upload/", 13 * 1024 * 1024) == 413
    assert announce("/admin/articles/article/add/", 5 * 1024 * 1024) == 0
    # Anyone may post the login and the password reset: the public limit holds there.
    assert announce("/admin/login/", 100 * 1024) == 413
    assert announce("/admin/password_reset/", 100 * 1024) == 413
    assert announce("/en/comments/post/1/", 100 * 1024) == 413


def test_the_admin_login_works_through_the_front(stack):
    """The Host header reaches Django with its port, so the admin's CSRF origin check passes:
    a wrong password is answered with the login form again, not with 403."""
    page, html = request(stack, "GET", "/admin/login/")
    cookie = page.getheader("Set-Cookie").split(";")[0]
    token = one(parse(html.decode()), 'input[name="csrfmiddlewaretoken"]')["value"]

    response, html = request(
        stack,
        "POST",
        "/admin/login/",
        body=urlencode(
            {"csrfmiddlewaretoken": token, "username": "nobody", "password": "no"}
        ).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie,
            "Origin": f"http://127.0.0.1:{stack.port}",
            "Referer": f"http://127.0.0.1:{stack.port}/admin/login/",
        },
    )

    assert response.status == 200
    assert b'name="password"' in html


def test_media_is_served_by_the_front(stack, article_path):
    _, html = request(stack, "GET", article_path)
    image = parse(html.decode()).select_one('img[src^="/media/"]')
    assert image is not None, "the demo article shows no uploaded image"

    response, content = request(stack, "GET", image["src"])

    assert response.status == 200
    assert response.getheader("Content-Type").startswith("image/")
    assert response.getheader("Cache-Control") == "max-age=86400"  # the front's rule for media
    assert "default-src 'none'" in response.getheader("Content-Security-Policy")
    assert "camera=()" in response.getheader("Permissions-Policy")
    assert len(content) > 1000
