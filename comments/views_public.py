"""The privacy notice: a flat page per edition (django.contrib.flatpages), so the editors keep
its text in the admin's "Flat pages"; comments/migrations/0005_privacy_pages.py writes the
first version. Like every public page it is the same for every reader: nothing here looks at
the session or the account."""

from __future__ import annotations

from django.conf import settings
from django.contrib.flatpages.models import FlatPage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def privacy_notice(request: HttpRequest) -> HttpResponse:
    """The flat page at this address, on this site; 404 if the editors removed it."""
    page = FlatPage.objects.filter(url=request.path, sites=settings.SITE_ID).first()
    if page is None:
        raise Http404(_("No privacy notice has been written for this edition yet."))
    return render(request, page.template_name or "flatpages/default.html", {"flatpage": page})
