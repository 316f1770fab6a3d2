"""The admin's lists answer a bad date in the address as any other bad filter: with the list
and "?e=1" (Django's redirect for wrong lookups), never with a 500.

Django's ``ChangeList`` turns the date hierarchy's ``?<field>__year=…&__month=…&__day=…`` into
a range with ``datetime(year, month, day)`` and catches only ``ValueError`` there. A year past
C's int (``?published_at__year=99999999999``) raises ``OverflowError``; year 9999 fails one
step later, computing the end of the range (``year + 1``); and a date in year 1 becomes year 0
when the database adapter converts it to UTC. The admin site (config/admin.py) gives every
ModelAdmin registered with it, the project's and the apps', ``BoundedListsMixin``.
"""

from __future__ import annotations

import functools

from django.contrib.admin.options import IncorrectLookupParameters

# The years whose whole range (and its conversion to and from UTC) a datetime can hold.
FIRST_YEAR, LAST_YEAR = 2, 9998


class BoundedDates:
    """For a ``ChangeList``: a date beyond what a datetime holds is a wrong filter."""

    def get_filters(self, request):
        if self.date_hierarchy:
            self._check_year(self.params.get(f"{self.date_hierarchy}__year"))
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error

    @staticmethod
    def _check_year(value: str | None) -> None:
        try:
            year = int(value)
        except (TypeError, ValueError):
            return  # none given, or Django's own check says "wrong"
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise IncorrectLookupParameters(f"Year {year} is out of range.")


@functools.cache
def bounded(changelist: type) -> type:
    """``changelist`` (Django's or an app's own) with ``BoundedDates``."""
    if issubclass(changelist, BoundedDates):
        return changelist
    return type(changelist.__name__, (BoundedDates, changelist), {})


class BoundedListsMixin:
    """For a ModelAdmin: its list refuses impossible dates as wrong filters."""

    def get_changelist(self, request, **kwargs):
        return bounded(super().get_changelist(request, **kwargs))
