from __future__ import annotations

from django.conf import settings
from django.core import checks

PROCESS_LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@checks.register(checks.Tags.caches, deploy=True)
def rate_limit_cache_is_shared(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """In production the comment rate limit needs one counter for all app server processes."""
    if settings.CACHES["default"]["BACKEND"] in PROCESS_LOCAL_CACHES:
        return [
            checks.Warning(
                "The cache is local to each process, so every gunicorn worker counts the "
                "comment rate limit (COMMENT_RATE_LIMIT) on its own.",
                hint="Set REDIS_URL to a Redis that all app servers share.",
                id="comments.W001",
            )
        ]
    return []


PRINTING_MAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}


@checks.register(deploy=True)
def mail_is_sent(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Editors (the Editor group) and commenters get mail: in production it must go out."""
    if settings.EMAIL_BACKEND in PRINTING_MAIL_BACKENDS:
        return [
            checks.Warning(
                "Mail is only printed or dropped, so editors are not told about held comments "
                "and reply notifications never arrive.",
                hint="Set EMAIL_URL, e.g. smtp+tls://user:password@mail.example.com:587.",
                id="comments.W002",
            )
        ]
    return []
