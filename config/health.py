"""``/healthz`` for load balancers: 200 when this app server can serve pages, 503 when not.

It asks what every page needs: the database answers ``SELECT 1`` and the cache keeps a key and
gives it back. It is cheap (one query, two cache calls, each bounded by ``REDIS_TIMEOUT`` on
Redis), touches no session and no template, and is never cached. The body names the part that
failed, so a balancer's log says why a server was taken out.
"""

from __future__ import annotations

import logging
import secrets

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    parts = {"database": _database_answers(), "cache": _cache_round_trips()}
    healthy = all(parts.values())
    response = JsonResponse(
        {name: "ok" if ok else "error" for name, ok in parts.items()},
        status=200 if healthy else 503,
    )
    response["Cache-Control"] = "no-store"
    return response


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.warning("Health check: the database does not answer", exc_info=True)
        return False


def _cache_round_trips() -> bool:
    # A value of its own per call: two app servers probed at once must not read each other's.
    key, value = f"healthz:{secrets.token_hex(8)}", secrets.token_hex(8)
    try:
        cache.set(key, value, 10)
        return cache.get(key) == value
    except Exception:
        logger.warning("Health check: the cache does not answer", exc_info=True)
        return False
