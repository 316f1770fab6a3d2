"""Security headers on every response: Permissions-Policy and the Content-Security-Policy.

**Permissions-Policy** switches off the powerful browser features the site never uses, so no
script that ever slipped into a page (or a page that frames ours) could ask a reader for the
camera, the microphone, the location or a payment. It is set here, outermost in MIDDLEWARE,
so public pages, the admin, error pages and WhiteNoise's static files all carry it.

**Content-Security-Policy** comes from django-csp (settings ``CONTENT_SECURITY_POLICY``): the
public pages allow scripts, styles and images from the site itself only. The admin gets the
same policy with one relaxation, inline styles, which Django's admin widgets and select2 set
on elements they build; its scripts stay "self only" (Django's admin has no inline scripts).
"""

from __future__ import annotations

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

# Each feature "()" (allowed for nobody). Only features Chromium recognises in this header (it
# warns on every page about any other); the deprecated interest-cohort is browsing-topics now.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        # Not "web-share": Chromium does not know it in this header and warns on every page.
        "xr-spatial-tracking",
    )
)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


# What the admin needs beyond the public policy (see the module docstring), added to it.
ADMIN_PREFIX = "/admin/"
ADMIN_POLICY_UPDATE = {"style-src": [UNSAFE_INLINE]}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's relaxation applied under ``/admin/``."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.update is None and request.path_info.startswith(ADMIN_PREFIX):
            parts.update = ADMIN_POLICY_UPDATE
        return parts
