"""What pages keep in the cache is kept under the content's *generation*: a number the write
path moves on after every change of an article, a category or a menu link. A new generation
makes every kept part new at once, without knowing which keys there are.
"""

from __future__ import annotations

import logging
import time

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "content-generation"
logger = logging.getLogger(__name__)


def content_generation() -> int:
    return cache.get_or_set(GENERATION_KEY, time.time_ns, None)


def _move_on() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there yet (or evicted): any new value will do
        cache.set(GENERATION_KEY, time.time_ns(), None)
    except Exception:  # an unreachable cache keeps nothing: pages are made afresh anyway
        logger.exception("Could not tell the cache that the content changed")


def content_changed() -> None:
    """Called by the write path after it changed what pages show: now, and once more when
    the transaction commits (a page made in between from the old rows is not kept)."""
    _move_on()
    transaction.on_commit(_move_on)
