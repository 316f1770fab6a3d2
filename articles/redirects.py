"""Old addresses keep working: 301 to where the page lives now, 410 for what was removed.

Built on ``django.contrib.redirects`` (its table, its admin). The write path
(``articles/services.py``) calls ``record_move`` when a public page's address changes and
``record_gone`` when a public article is deleted. Every stored redirect points at the current
address: a second rename rewrites the older rows, so no reader follows a chain.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.redirects.middleware import (
    RedirectFallbackMiddleware as DjangoRedirectFallbackMiddleware,
)
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render


def _redirects():
    return Redirect.objects.filter(site_id=settings.SITE_ID)


def record_move(*, old_path: str, new_path: str, was_public: bool = True) -> None:
    """A page moved from ``old_path`` to ``new_path``: answer 301 there, forever, without
    chains. Addresses that led to ``old_path`` lead straight to ``new_path`` now; ``old_path``
    itself gets a redirect only if readers knew it (``was_public``), not for a draft's."""
    if old_path == new_path:
        return
    _redirects().filter(new_path=old_path).update(new_path=new_path)
    if was_public:
        Redirect.objects.update_or_create(
            site_id=settings.SITE_ID, old_path=old_path, defaults={"new_path": new_path}
        )
    # new_path answers by itself again (moving back to an earlier address included).
    release_path(path=new_path)


def record_gone(*, path: str) -> None:
    """The page at ``path`` was removed: it and every address leading to it answer 410."""
    _redirects().filter(new_path=path).update(new_path="")
    Redirect.objects.update_or_create(
        site_id=settings.SITE_ID, old_path=path, defaults={"new_path": ""}
    )


def release_path(*, path: str) -> None:
    """A live page takes ``path``: a redirect stored for it must not revive later."""
    _redirects().filter(old_path=path).delete()


def sync_site(**kwargs) -> None:
    """The Site record behind the redirects carries SITE_URL's host, never ``example.com``."""
    domain = urlsplit(settings.SITE_URL).netloc
    site, _ = Site.objects.get_or_create(pk=settings.SITE_ID, defaults={"domain": domain})
    if (site.domain, site.name) != (domain, domain):
        site.domain = site.name = domain
        site.save()


class RedirectFallbackMiddleware(DjangoRedirectFallbackMiddleware):
    """Django's fallback, matching the path without its query string (which is passed on), and
    answering 410 with the site's own page instead of an empty one."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if response.status_code != 404:
            return response
        paths = [request.path]
        if settings.APPEND_SLASH and not request.path.endswith("/"):
            paths.append(f"{request.path}/")
        found = {r.old_path: r for r in _redirects().filter(old_path__in=paths)}
        redirect = next((found[path] for path in paths if path in found), None)
        if redirect is None:
            return response
        if redirect.new_path == "":
            return render(request, "410.html", status=410)
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(
            f"{redirect.new_path}?{query}" if query else redirect.new_path
        )
