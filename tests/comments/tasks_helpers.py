"""Running the task queue in tests: the real database backend and its real worker.

A test posts or moderates inside ``django_capture_on_commit_callbacks(execute=True)`` (so
the after-commit hooks queue their tasks), then calls ``run_tasks()``: the worker of
django-tasks-db runs every task that is due, as ``manage.py db_worker`` does, and returns.
"""

from __future__ import annotations

from functools import partial
from unittest import mock

from django.core.management import call_command
from django.db import connection
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult


def run_tasks() -> None:
    """Run every queued task that is due now, then return (``db_worker --batch``).

    The mail tasks handle a failing mail server themselves; a task that still fails is a bug,
    shown here with its traceback rather than as a mail that silently never came.
    """
    worker = partial(
        call_command, "db_worker", batch=True, startup_delay=False, interval=0, verbosity=0
    )
    if connection.in_atomic_block:
        # Inside a test's transaction the worker's check for stale connections (as between
        # requests) would close the one connection that transaction lives on: PostgreSQL's
        # really closes (SQLite's in-memory one ignores it). There is nothing stale to close.
        with mock.patch(f"{db_worker.__name__}.close_old_connections"):
            worker()
    else:
        worker()
    failed = DBTaskResult.objects.filter(status="FAILED")
    assert not failed.exists(), "\n".join(result.traceback for result in failed)


def waiting_tasks() -> list[DBTaskResult]:
    """The tasks still queued (due now or later), in the order the worker takes them."""
    return list(DBTaskResult.objects.filter(status="READY"))
