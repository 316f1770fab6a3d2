"""When the database cannot be reached, every page answers 503 with ``Retry-After``: an honest
"back in a few minutes" instead of a 500, and the reader's typed text is shown back, not lost.

It is done in one place, the URLconf's ``handler500`` (config/urls.py). Django turns every
exception a view or a middleware lets through into a call of that handler, and so it does with
an exception raised while the 404 page is made; while the handler runs, ``sys.exc_info()``
still holds the exception (django/core/handlers/exception.py: ``response_for_exception`` and
``get_exception_response`` both end in ``handle_uncaught_exception``). Every other error gets
Django's own 500 page, unchanged.

The 503 page is a standalone template rendered without the request: no context processor runs
(the header menu would query the very database that is down), so it needs no query at all.
Its language comes from the address (/de/…, /nl/…, /en/…), as every page's does. The page
never shows a link to the address asked for (a path such as ``//elsewhere.example`` would
make it a link to another site); reloading is what the reader does.
"""

from __future__ import annotations

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views import defaults

from articles.editions import default_edition, edition_of_path

# Fields a reader never typed: the CSRF token, the comment form's signed ticket, its honeypot
# (comments/forms.py, comments/spam.py), the comment it answers and its checkboxes, and where
# a login form sends the user next.
TECHNICAL_FIELDS = frozenset(
    {"csrfmiddlewaretoken", "ticket", "homepage", "parent", "consent", "notify_replies", "next"}
)
# Never printed on a page, not even back to the person who typed them.
SECRET_WORDS = ("password", "token", "secret")  # django-otp sends "otp_token"
# The labels readers saw on the comment form; any other form's fields show their name.
FIELD_LABELS = {
    "name": _("Name"),
    "email": _("E-mail"),
    "website": _("Website"),
    "signature": _("Signature"),
    "body": _("Your comment"),
}


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: 503 while the database is unreachable, else Django's own 500 page."""
    if database_unreachable(sys.exc_info()[1]):
        return outage_response(request)
    return defaults.server_error(request)


def database_unreachable(error: BaseException | None) -> bool:
    """Whether ``error``, or an error it was raised from or while handling, says that the
    database could not be reached (Django's wrapper or the driver's own exception)."""
    kinds = _connection_errors()
    pending, seen = [error], set()
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        if isinstance(current, kinds):
            return True
        seen.add(id(current))
        pending += [current.__cause__, current.__context__]
    return False


def _connection_errors() -> tuple[type[BaseException], ...]:
    kinds = [OperationalError, InterfaceError]
    for alias in connections:
        database = connections[alias].Database
        kinds += [database.OperationalError, database.InterfaceError]
    return tuple(kinds)


def outage_response(request: HttpRequest) -> HttpResponse:
    """The 503 page in the language of the address, with what the reader sent shown back."""
    language = edition_of_path(request.path_info) or default_edition()
    with translation.override(language):
        html = loader.render_to_string("503.html", {"sent": submitted_texts(request)})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(settings.OUTAGE_RETRY_AFTER)
    # Never kept by a cache or a browser: the page may carry what the reader typed, and the
    # site is back in a few minutes.
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = language
    return response


def submitted_texts(request: HttpRequest) -> list[dict]:
    """Every non-empty text the reader posted, with its label, in the order sent."""
    if request.method != "POST":
        return []
    try:
        data = request.POST
    except Exception:  # a body that cannot be read (too large, malformed) has nothing to show
        return []
    return [
        {"label": FIELD_LABELS.get(name, name), "value": value, "rows": _rows(value)}
        for name, values in data.lists()
        if _typed_by_a_person(name)
        for value in values
        if value.strip()
    ]


def _rows(value: str) -> int:
    """A name gets a small box, a comment a large one."""
    return 2 if len(value) <= 80 and "\n" not in value else 8


def _typed_by_a_person(name: str) -> bool:
    """Not a technical field, not a secret, not a button (``_save``) or a formset's count."""
    lowered = name.lower()
    return not (
        name in TECHNICAL_FIELDS
        or any(word in lowered for word in SECRET_WORDS)
        or name.startswith("_")
        or name.endswith(("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS"))
    )
