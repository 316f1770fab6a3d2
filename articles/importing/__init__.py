"""Moving articles in from Markdown files with YAML front matter (``manage.py import_markdown``).

``import_paths(paths)`` imports files and folders (folders recursively, ``*.md``, in sorted
order) and returns an ``ImportResult``; the command and ``load_demo`` both call it. The front
matter is described in ``frontmatter.py`` (reading) and ``writer.py`` (writing); the run's
phases are ``run.py``, finding articles and link targets ``targets.py``.

Which article a file is: the one with the file's ``slug`` in its language; else (no ``slug``,
or a slug the site does not have: the file renamed it) the one whose import record names the
file's path. The path is stored relative to the working directory when the file lies below it
(``articles/demo/de/x.md``: a checkout moved elsewhere, or run from the repository root as
``make run`` does, still matches), else absolute. Two files of one run naming one article: the
second fails.

Unchanged files are left alone: the content hash (SHA-256 of the file and of every image it
names) equal to the one stored at the last import means nothing is written, so what an editor
changed since stays. That includes a deletion: an imported article an editor deleted keeps its
import record (without article), and its unchanged file writes nothing; only a changed file
creates the article again. A changed file replaces what its keys describe; a key it leaves out
means empty (no summary, no tags, no cover, no series, no book, status ``draft`` unless
``published`` is given), except ``authors`` and ``category`` (required for a new article, kept
otherwise), ``slug`` (kept), ``related`` and ``translation_of`` (kept; ``related: []`` removes
the picks) and ``views`` (a count is only ever raised).

Three phases:

1. Every file is read and checked: YAML, keys, values (numbers within what their columns
   hold), images, that the slugs in ``related`` / ``translation_of`` exist on the site or
   among this run's files (in the article's language first, else the one article with that
   slug in any language), and that a translation of an article on the site is one its group
   can take (no second version in the file's language).
2. Each good, changed file is written in one transaction of its own: its content, and its
   links to articles that already exist (on the site before the run, or written earlier in
   it). A file that fails here (a refused translation included) leaves nothing behind, stored
   images included.
3. Links to files later in the run are set, one transaction per file. A file's own content is
   complete by then: when the target's file failed (in any phase) or the site refuses the link,
   the file still counts as created or updated, gets a warning
   (``path: related: “b” is not linked: its file failed to import; the link is made when the
   file imports``), and its import record forgets the hash, so that the next run writes it,
   and makes the link, again.

An unexpected error while reading or writing one file is reported for that file
(``path: the import failed: <type>: <message>``) and the run goes on; only an interrupt
(Ctrl-C) stops it.

``dry_run`` does all of it inside one transaction that is rolled back (so the database's own
checks run too) and deletes the images it stored.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

from django.core.files.storage import default_storage
from django.db import transaction

from articles.importing.frontmatter import Problem
from articles.importing.run import Run
from articles.importing.targets import CREATED, FAILED, UNCHANGED, UPDATED, Entry

__all__ = ["FileOutcome", "ImportResult", "Problem", "import_paths"]


@dataclass
class FileOutcome:
    """What became of one file; ``article_id`` is None for a failed new one, for an unchanged
    one whose article was deleted, and after a dry run for every new one (rolled back)."""

    path: str
    action: str
    article_id: int | None = None


@dataclass
class ImportResult:
    dry_run: bool = False
    files: list[FileOutcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(outcome.action == action for outcome in self.files)

    @property
    def failed(self) -> int:
        return self.count(FAILED)

    def summary(self) -> str:
        verbs = ("Would create", "would update") if self.dry_run else ("Created", "updated")
        text = (
            f"{verbs[0]}: {self.count(CREATED)}, {verbs[1]}: {self.count(UPDATED)}, "
            f"unchanged: {self.count(UNCHANGED)}, failed: {self.failed}"
        )
        if self.warnings:
            text += f" ({len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''})"
        return f"Dry run, nothing was written. {text}." if self.dry_run else f"{text}."


def import_paths(
    paths: Iterable[str | os.PathLike],
    *,
    dry_run: bool = False,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    verbosity: int = 1,
) -> ImportResult:
    """Import the Markdown files in ``paths``. Problems and warnings go to ``stderr`` as
    "<path>: <key>: <message>" lines (and into the result), with a progress bar when it is a
    terminal; at ``verbosity`` 2 each file's outcome goes to ``stdout``. Nothing is printed
    for a stream that is None; a command's ``self.stdout`` / ``self.stderr`` are fine."""
    run = Run(dry_run=dry_run, stdout=stdout, stderr=stderr, verbosity=verbosity)
    entries = run.collect(paths)
    if not dry_run:
        run.execute(entries)
        return _result(run, entries)
    try:
        with transaction.atomic():
            run.execute(entries)
            transaction.set_rollback(True)
    finally:
        for name in run.stored_files:
            default_storage.delete(name)
    return _result(run, entries)


def _result(run: Run, entries: list[Entry]) -> ImportResult:
    files = []
    for entry in entries:
        article_id = None if run.dry_run and entry.action == CREATED else entry.article_id
        files.append(FileOutcome(entry.name, entry.action, article_id))
        if run.verbosity >= 2:
            run.print(run.stdout, f"{entry.action:<10}{entry.name}")
    return ImportResult(run.dry_run, files, run.problems, run.warnings)
