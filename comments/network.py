"""Who is asking: the client's IP address behind a known number of reverse proxies, and how
often that address asked (the comment and password-reset rate limits)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.crypto import salted_hmac
from django_ratelimit.core import is_ratelimited

logger = logging.getLogger(__name__)


def client_ip(request) -> str:
    """The reader's IP address.

    Behind ``TRUSTED_PROXY_COUNT`` proxies, each appending to X-Forwarded-For, the client is
    the entry that many places from the right; entries further left are the client's own
    claims and could be forged, so they are never used.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def ip_hash(ip: str) -> str:
    """A keyed hash of an IP address: the same reader gives the same value, nobody can reverse
    it without SECRET_KEY, and the address itself is never stored."""
    return salted_hmac("cms.ip-hash", ip).hexdigest()


def over_rate_limit(request, *, group: str, rate: str, what: str) -> bool:
    """Count this POST against its client address's limit (``rate`` in django-ratelimit's
    syntax, on the shared cache); True once the limit is exceeded.

    If the cache cannot be reached the request is let through (fail open, README "Redis is
    down or hung") and ``what`` is logged: the reader's text is never lost to an error page.
    """
    try:
        return is_ratelimited(
            request,
            group=group,
            key=_by_address,
            rate=rate,
            method="POST",
            increment=True,
        )
    except Exception:
        logger.exception("%s rate limit unavailable (cache error); letting it through", what)
        return False


def _by_address(group: str, request) -> str:
    return client_ip(request)
