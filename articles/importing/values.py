"""Typed reads of a front-matter mapping (``frontmatter.py`` uses them for every key).

A value of the wrong type, out of range or naming a missing image is a problem on its key,
collected on the file (``SourceFile.error``), never raised.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import Model


class Source(Protocol):
    """What the values need of the file they come from (``frontmatter.SourceFile``)."""

    path: Path

    def error(self, key: str, message: str) -> None: ...


def largest(model: type[Model], name: str) -> int:
    """The largest number the column of ``model.name`` holds on every database (32767 for a
    ``PositiveSmallIntegerField``): a bigger one in a file is that file's problem, not an
    overflow that stops the run."""
    kind = model._meta.get_field(name).get_internal_type()
    return BaseDatabaseOperations.integer_field_ranges[kind][1]


class Values:
    """The values of one mapping of ``source``'s front matter; ``prefix`` names it in
    messages ("book." for the keys of ``book``)."""

    def __init__(self, source: Source, data: dict, prefix: str = ""):
        self.source, self.data, self.prefix = source, data, prefix

    def raw(self, key: str):
        return self.data.get(key)

    def error(self, key: str, message: str) -> None:
        self.source.error(self.prefix + key, message)

    def text(self, key: str) -> str:
        value = self.data.get(key)
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float | date):
            self.error(key, f"must be text, not {kind(value)}")
            return ""
        return str(value).strip()

    def names(self, key: str, *, split_commas: bool = False) -> list[str]:
        """A list of texts; a single text is a list of one (split at commas if asked)."""
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            value = value.split(",") if split_commas else [value]
        if not isinstance(value, list) or any(
            isinstance(item, bool | list | dict) for item in value
        ):
            self.error(key, f"must be a list of names, not {kind(value)}")
            return []
        return [str(item).strip() for item in value if item is not None and str(item).strip()]

    def choice(self, key: str, choices: list[str], default: str) -> str:
        value = self.text(key)
        if not value:
            return default
        if value.lower() not in choices:
            self.error(key, f"“{value}” is not one of {', '.join(choices)}")
            return default
        return value.lower()

    def flag(self, key: str) -> bool | None:
        """``true`` or ``false`` (YAML's own); None when the key is not there."""
        value = self.data.get(key)
        if value is None or isinstance(value, bool):
            return value
        self.error(key, f"must be true or false, not “{value}”")
        return None

    def number(self, key: str, *, minimum: int, maximum: int) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not (minimum <= value <= maximum)
        ):
            self.error(key, f"must be a whole number from {minimum} to {maximum}, not “{value}”")
            return None
        return value

    def moment(self, key: str) -> datetime | None:
        """ISO 8601 with an offset (YAML may already have made it a datetime)."""
        value = given = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.strip())
            except ValueError:
                self.error(key, f"“{value}” is not a date and time in ISO 8601")
                return None
        if isinstance(value, datetime) and value.tzinfo is None:
            self.error(
                key,
                f"“{value.isoformat()}” has no offset from UTC: write it with one, e.g. "
                f"{value.isoformat()}+01:00",
            )
            return None
        if not isinstance(value, datetime):
            shown = given.isoformat() if isinstance(given, date) else given
            self.error(
                key,
                f"“{shown}” needs a time and its offset from UTC, e.g. 2025-03-01T09:00:00+01:00",
            )
            return None
        return value

    def image(self, key: str) -> Path | None:
        target = self.text(key)
        return self.file(target, self.prefix + key) if target else None

    def file(self, target: str, field_name: str) -> Path | None:
        path = self.source.path.parent / target
        try:
            found = path.is_file()
        except OSError:  # e.g. a name too long for the file system
            found = False
        if not found:
            self.source.error(field_name, f"image not found: {target}")
            return None
        return path


def kind(value) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"“{value}”"
