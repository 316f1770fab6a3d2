"""Request hygiene before anything reads the request: control characters in the path, stale
cookies.

A path with a control character (``/tag/%00/``) is nobody's page: it answers the friendly 404
at once instead of reaching a lookup (PostgreSQL refuses NUL in a query: a 500).

Stale cookies never change a public page.

Out of the box Django answers a malformed ``sessionid`` or ``csrftoken`` cookie on *any* page:
the session middleware deletes the one, the CSRF middleware replaces the other, each adding
``Set-Cookie`` and ``Vary: Cookie``. A public page would then differ with the reader's cookies,
and no cache could keep it. This middleware, placed before both, forgets such cookies for the
request, so Django's own middleware sees none: a page that uses neither session nor form
answers the same whatever cookies come along; a page with a form makes a fresh token.
"""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.http import Http404
from django.middleware.csrf import InvalidTokenFormat, _check_token_format


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
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(ord(character) < 32 or ord(character) == 127 for character in request.path_info):
            raise Http404("No page has a control character in its address.")
        return self.get_response(request)
