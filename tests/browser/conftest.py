"""A real Chromium, driven by Playwright, against pytest-django's ``live_server``.

Playwright never downloads a browser here: the tests use the system's Chromium (Debian's
``chromium`` package, ``make browser-deps``). Without one they skip on a laptop and fail in CI,
so a CI run can never pass by silently not running them.
"""

from __future__ import annotations

import mimetypes
import os
import shutil
from collections.abc import Iterator
from importlib import import_module
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.sites.models import Site
from django.db import connections
from playwright.sync_api import expect, sync_playwright

from articles.redirects import sync_site

# Flags for a root, sandbox-less, network-less machine: without the background-networking ones
# Chromium keeps trying to reach Google's hosts, and those connections are refused here.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SYSTEM_CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
NOT_FOUND = "Chromium not found: install it with `make browser-deps`; browser tests did not run"
# Long enough for a cold Chromium and the editor's debounced AJAX preview on a busy CI machine.
TIMEOUT_MS = 15_000
expect.set_options(timeout=TIMEOUT_MS)


def _executable(path: str | os.PathLike[str]) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def find_chromium(playwright) -> tuple[str | None, str]:
    """The Chromium to drive and, when there is none, why (for the skip or failure message)."""
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit:
        # Asked for by name: use exactly that one, never something else behind the user's back.
        if _executable(explicit):
            return explicit, ""
        return None, f"{NOT_FOUND} (CHROMIUM_PATH={explicit!r} is not an executable file)"
    for candidate in (*SYSTEM_CHROMIUM, shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and _executable(candidate):
            return candidate, ""
    # Playwright's own build, if someone installed it by hand (`playwright install chromium`).
    try:
        bundled = playwright.chromium.executable_path
    except Exception:  # Playwright raises its own error types for a missing build
        bundled = ""
    if bundled and _executable(bundled):
        return bundled, ""
    return None, f"{NOT_FOUND} (looked at CHROMIUM_PATH, {', '.join(SYSTEM_CHROMIUM)}, PATH)"


def _no_browser(reason: str):
    """In CI a missing browser is an error; on a developer's machine it is a loud skip."""
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{reason}. CI must run the browser tests.", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """One headless Chromium for the whole run, shared by every browser test (each gets its own
    context: own cookies, own storage). With one live server, that keeps CI fast.

    Playwright's sync API runs an asyncio loop in the test thread for as long as the browser
    lives; Django then takes every ORM call from the tests (factories, asserts on rows) for one
    made from async code and refuses it. Those calls are ordinary blocking ones, so Django may
    allow them: the browser tests run last (tests/conftest.py orders them), and the variable is
    removed again when the browser closes.
    """
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            path, reason = find_chromium(playwright)
            if path is None:
                _no_browser(reason)
            chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
            try:
                yield chromium
            finally:
                chromium.close()
                # While Playwright's loop runs, asgiref takes this thread for an async one and
                # Django hands the tests a second set of database connections, apart from the
                # thread's usual ones. Close them while that is still so: left open,
                # PostgreSQL refuses to drop the test database ("being accessed by other
                # users").
                connections.close_all()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(autouse=True)
def migrated_data(transactional_db):
    """The Author and Editor groups and the site, as migrate leaves them.

    A browser test commits for real, and the flush after each transactional test empties every
    table, groups and site included. So each test puts them back with the code that made them:
    the roles migrations' own functions and the post-migrate site sync.
    """
    import_module("articles.migrations.0003_roles").create_roles(django_apps, None)
    import_module("articles.migrations.0005_structure_roles").grant(django_apps, None)
    import_module("comments.migrations.0002_editor_moderates").grant(django_apps, None)
    import_module("comments.migrations.0004_editor_blocklist").grant(django_apps, None)
    sync_site()
    Site.objects.clear_cache()


@pytest.fixture
def new_context(browser, live_server, request, tmp_path):
    """Opens fresh browser contexts (a person each: own cookies) and closes them after the test;
    on failure each context's pages are saved as screenshots."""
    contexts = []

    def open_context(*, locale: str = "en-US", color_scheme: str = "light", width: int = 1280):
        context = browser.new_context(
            base_url=live_server.url,
            locale=locale,
            color_scheme=color_scheme,
            viewport={"width": width, "height": 900},
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.route(f"{live_server.url}/media/**", serve_media)
        contexts.append(context)
        return context

    yield open_context
    report = getattr(request.node, "rep_call", None)
    for number, context in enumerate(contexts):
        if report is not None and report.failed:
            for index, page in enumerate(context.pages):
                target = tmp_path / f"failure-{number}-{index}.png"
                page.screenshot(path=str(target), full_page=True)
                print(f"\nscreenshot at failure: {target}")
        context.close()


def serve_media(route) -> None:
    """Uploads as the web server in front serves them in production (README "The production
    stack"): the live server, like gunicorn, does not serve MEDIA_ROOT, so without this every
    cover would be a broken image. Reads the folder of the running test (MEDIA_ROOT)."""
    root = Path(settings.MEDIA_ROOT).resolve()
    target = (root / unquote(urlsplit(route.request.url).path).removeprefix("/media/")).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        route.fulfill(status=404, body="")
        return
    content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    route.fulfill(status=200, body=target.read_bytes(), headers={"Content-Type": content_type})


@pytest.fixture
def page(new_context) -> Iterator:
    """A fresh page (own cookies) with English as the reader's language, for stable texts."""
    yield new_context().new_page()


@pytest.fixture
def screenshot(page, tmp_path):
    """Saves a full-page screenshot into the test's temporary folder (never committed)."""

    def take(name: str) -> Path:
        target = tmp_path / f"{name}.png"
        page.screenshot(path=str(target), full_page=True)
        print(f"screenshot: {target}")
        return target

    return take


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Lets the page fixture see whether the test body failed (for the failure screenshot).
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report
