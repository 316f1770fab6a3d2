"""Request hygiene before anything reads the request: bounded bodies, control characters in
the address, stale cookies.

A path with a control character (``/tag/%00/``) is nobody's page: it answers the friendly 404
at once instead of reaching a lookup (PostgreSQL refuses NUL in a query: a 500); a query
string with one (``?q=%00``) is a malformed request, the friendly 400. One place for every
address (public pages, feeds, sitemaps, search, the admin), so no view needs its own guard.

A body is bounded by its announced size and type before any code reads it (the 413 and 415
answers of ``BoundedBodyMiddleware``); the front (nginx) has the same limits.

Stale cookies never change a public page.

Out of the box Django answers a malformed ``sessionid`` or ``csrftoken`` cookie on *any* page:
the session middleware deletes the one, the CSRF middleware replaces the other, each adding
``Set-Cookie`` and ``Vary: Cookie``. A public page would then differ with the reader's cookies,
and no cache could keep it. ``DropMalformedCookiesMiddleware``, placed before both, forgets
such cookies for the request, so Django's own middleware sees none: a page that uses neither
session nor form answers the same whatever cookies come along; a page with a form makes a
fresh token.
"""

from __future__ import annotations

import re
from importlib import import_module
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import Http404, HttpResponse
from django.middleware.csrf import InvalidTokenFormat, _check_token_format
from django.template.loader import render_to_string
from django.urls import get_resolver, reverse
from django.utils import translation

from articles.editions import default_edition, edition_of_path

CONTROL_IN_PATH = re.compile(r"[\x00-\x1f\x7f]")
# C0 control characters but the tab, and DEL.
CONTROL_IN_QUERY = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f]")
FORM_URLENCODED = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"


def _malformed_csrf(value: str) -> bool:
    try:
        _check_token_format(value)
    except InvalidTokenFormat:
        return True
    return False


class DropMalformedCookiesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.session_store = import_module(settings.SESSION_ENGINE).SessionStore

    def __call__(self, request):
        cookies = request.COOKIES
        session_key = cookies.get(settings.SESSION_COOKIE_NAME)
        if session_key is not None and not self.session_store()._validate_session_key(session_key):
            del cookies[settings.SESSION_COOKIE_NAME]
        csrf_token = cookies.get(settings.CSRF_COOKIE_NAME)
        if csrf_token is not None and _malformed_csrf(csrf_token):
            del cookies[settings.CSRF_COOKIE_NAME]
        return self.get_response(request)


class RefuseControlCharactersMiddleware:
    """No control character reaches a view, a lookup or a template: in the path the address is
    nobody's page (404); in the query string the request is malformed (400).

    The query string is checked percent-decoded, keys and values alike, as raw bytes: no
    browser sends a control character from a form field (it strips line breaks from inputs),
    and PostgreSQL refuses NUL in any query. A tab is let through: a reader may paste one into
    the search box, and it is plain white space there. Invalid UTF-8 (``%C0%80``) and stray
    ``%`` signs decode to U+FFFD and to themselves, which every lookup takes as text.
    Request bodies are not checked: a comment has line breaks.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if CONTROL_IN_PATH.search(request.path_info):
            raise Http404("No page has a control character in its address.")
        query = unquote_to_bytes(request.META.get("QUERY_STRING", ""))
        if CONTROL_IN_QUERY.search(query):
            # Answered here, not raised: a raised BadRequest is logged with its traceback, and
            # a probe with a NUL is no error of ours. Django logs the 400 in one line.
            bad_request = get_resolver().resolve_error_handler(400)
            return bad_request(request, BadRequest("A control character in the query string."))
        return self.get_response(request)


class BoundedBodyMiddleware:
    """Request bodies are bounded before anything reads them (issue: an anonymous 200 MB
    multipart post used to be accepted and written to disk).

    Public addresses take at most ``PUBLIC_MAX_BODY_BYTES`` (a comment is a few KB) and only
    ``application/x-www-form-urlencoded``, what every public form of the site sends; the views
    named in ``PUBLIC_MULTIPART_VIEWS`` (the RFC 8058 one-click unsubscribe, which mail
    programs should send as ``multipart/form-data``) take multipart as well, within the same
    bound. The admin and the editor's endpoints (``/admin/``, ``/markdownx/``) take up to
    ``STAFF_MAX_BODY_BYTES``: long Markdown and cover images of up to
    ``IMAGE_UPLOAD_MAX_BYTES``; the login and password-reset forms under ``/admin/``, which
    anyone may post, keep the public limits. The same numbers as the front's
    ``client_max_body_size``.

    The size is judged by ``Content-Length`` alone. Without one (or with a malformed one)
    Django reads no body at all, so there is nothing to bound. The type is judged in
    ``process_view``: this middleware comes before every other that looks at a view (the CSRF
    check reads the form there), and it needs to know which view is asked for.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.staff_prefixes = (reverse("admin:index"), "/markdownx/")
        # Under /admin/ but posted by people not yet logged in: the public limits hold.
        self.open_staff_paths = (reverse("admin:login"), reverse("admin_password_reset"))

    def __call__(self, request):
        length = _content_length(request)
        if length > self._limit(request):
            return _body_refused(request, 413)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if _content_length(request) == 0 or self._for_staff(request):
            return None
        allowed = {FORM_URLENCODED}
        if request.resolver_match.view_name in settings.PUBLIC_MULTIPART_VIEWS:
            allowed.add(MULTIPART)
        if request.content_type not in allowed:
            return _body_refused(request, 415)
        return None

    def _for_staff(self, request) -> bool:
        path = request.path_info
        return path.startswith(self.staff_prefixes) and not path.startswith(self.open_staff_paths)

    def _limit(self, request) -> int:
        if self._for_staff(request):
            return settings.STAFF_MAX_BODY_BYTES
        return settings.PUBLIC_MAX_BODY_BYTES


def _content_length(request) -> int:
    """The announced body size; 0 without a valid one (Django then reads no body)."""
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def _body_refused(request, status: int) -> HttpResponse:
    """A small page saying why, in the language of the address's edition; no database query
    (it answers before the session, the user or anything else is looked at)."""
    language = edition_of_path(request.path_info) or default_edition()
    with translation.override(language):
        body = render_to_string("body_refused.html", {"status": status})
    response = HttpResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response
