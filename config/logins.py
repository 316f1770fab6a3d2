"""Admin logins: what a locked-out login sees, and resetting a forgotten password by e-mail.

django-axes counts failed logins per username and per client address in the database, so every
app server sees the same lock (settings: "Admin logins"). While locked, its authentication
backend refuses before any password is hashed, and ``lockout_response`` answers 429 with the
admin's own login look. The message is the same whether the username exists or not, and
whether the username or the address is locked.

Password reset is Django's own (the admin's ``registration/password_reset_*`` templates), for
staff only, throttled per client address so the form cannot fill an inbox; the link in the
mail uses ``SITE_URL``, never the request's host. A completed reset lifts that username's
lockout: whoever reads the mailbox has proved who they are.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from axes.helpers import get_cool_off
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from comments import network

RESET_RATE_LIMIT_GROUP = "admin.password_reset"


def lockout_minutes(request: HttpRequest | None = None) -> int:
    """How long a lock lasts, in whole minutes (rounded up)."""
    cool_off = get_cool_off(request)
    return max(1, -(-int(cool_off.total_seconds()) // 60)) if cool_off else 0


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' answer to a login while locked (``AXES_LOCKOUT_CALLABLE``).

    Nothing in it depends on the username or on which of the two limits was reached.
    """
    minutes = lockout_minutes(request)
    context = {
        **admin.site.each_context(request),
        "title": _("Log in"),
        "minutes": minutes,
    }
    response = render(request, "admin/locked_out.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


class AdminContextMixin:
    """The admin site's header, title and colours on the auth views' pages."""

    def get_context_data(self, **kwargs):
        return {**admin.site.each_context(self.request), **super().get_context_data(**kwargs)}


class StaffPasswordResetForm(PasswordResetForm):
    """Only staff get a reset mail: the admin is the only place with a login."""

    def get_users(self, email):
        return (user for user in super().get_users(email) if user.is_staff)


def over_reset_rate_limit(request) -> bool:
    """Count this request against the address's limit; True once it is exceeded. If the shared
    cache is unreachable the request goes through (each mail still goes only to staff)."""
    return network.over_rate_limit(
        request,
        group=RESET_RATE_LIMIT_GROUP,
        rate=settings.PASSWORD_RESET_RATE_LIMIT,
        what="Password reset",
    )


class PasswordResetView(AdminContextMixin, auth_views.PasswordResetView):
    form_class = StaffPasswordResetForm

    def post(self, request, *args, **kwargs):
        if over_reset_rate_limit(request):
            form = self.get_form()
            form.is_valid()  # the typed address stays in the box
            form.add_error(
                "email",
                _(
                    "Too many password reset requests came from your address. Please try "
                    "again later, or ask an administrator to reset your password."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        site = urlsplit(settings.SITE_URL)
        form.save(
            domain_override=site.netloc,
            use_https=site.scheme == "https",
            token_generator=self.token_generator,
            from_email=self.from_email,
            email_template_name=self.email_template_name,
            subject_template_name=self.subject_template_name,
            request=self.request,
            html_email_template_name=self.html_email_template_name,
            extra_email_context=self.extra_email_context,
        )
        return super(auth_views.PasswordResetView, self).form_valid(form)


class PasswordResetDoneView(AdminContextMixin, auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(AdminContextMixin, auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        axes_reset(username=form.user.get_username())
        return response


class PasswordResetCompleteView(AdminContextMixin, auth_views.PasswordResetCompleteView):
    pass
