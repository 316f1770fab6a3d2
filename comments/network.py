"""Who is asking: the client's IP address behind a known number of reverse proxies."""

from __future__ import annotations

from django.conf import settings
from django.utils.crypto import salted_hmac


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
