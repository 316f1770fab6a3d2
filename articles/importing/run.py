"""One import run, in its three phases (``articles/importing/__init__.py`` describes them)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.management.base import OutputWrapper
from django.db import DatabaseError, transaction
from tqdm import tqdm

from articles.importing.frontmatter import Problem, check_images, read_source
from articles.importing.targets import (
    CREATED,
    FAILED,
    RETRIED,
    UNCHANGED,
    UPDATED,
    Entry,
    Unlinked,
    crash,
    find_target,
    links_now,
    match,
    problems_of,
    source_name,
    translation_clash,
)
from articles.importing.writer import Writer
from articles.models import Article, ImportRecord
from articles.services import import_record_save

SOURCE_PATH_MAX = ImportRecord._meta.get_field("source_path").max_length
GOOD = (CREATED, UPDATED, UNCHANGED)


class Run:
    def __init__(self, *, dry_run: bool, stdout, stderr, verbosity: int) -> None:
        self.dry_run, self.verbosity = dry_run, verbosity
        # A command's OutputWrapper would end each of the progress bar's updates with a line
        # break: write to the stream it wraps.
        self.stdout = stdout._out if isinstance(stdout, OutputWrapper) else stdout
        self.stderr = stderr._out if isinstance(stderr, OutputWrapper) else stderr
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.stored_files: list[str] = []
        self.writer = Writer()

    # --- Output ------------------------------------------------------------------------------

    def print(self, stream, line: str) -> None:
        if stream is not None:
            tqdm.write(line, file=stream)

    def _progress(self, items: list, description: str):
        stream = self.stderr
        tty = stream is not None and hasattr(stream, "isatty") and stream.isatty()
        return tqdm(items, desc=description, unit="file", file=stream, disable=not tty, leave=False)

    def _warn(self, warnings: list[Problem]) -> None:
        for warning in warnings:
            self.warnings.append(warning)
            self.print(self.stderr, f"{warning} (warning)")

    def _fail(self, entry: Entry, problems: list[Problem]) -> None:
        entry.action = FAILED
        for problem in problems:
            self.problems.append(problem)
            self.print(self.stderr, str(problem))

    # --- Phase 1: reading and checking -------------------------------------------------------

    def collect(self, paths: Iterable[str | os.PathLike]) -> list[Entry]:
        entries: list[Entry] = []
        seen: set[Path] = set()
        for given in paths:
            path = Path(given)
            if path.is_dir():
                files = sorted(found for found in path.rglob("*.md") if found.is_file())
                if not files:
                    self._warn([Problem(source_name(path), "", "no *.md files in this folder")])
            elif path.is_file():
                files = [path]
            else:
                entry = Entry(name=str(given), path=None)
                self._fail(entry, [Problem(entry.name, "", "no such file or folder")])
                entries.append(entry)
                continue
            for file in files:
                if file.resolve() not in seen:
                    seen.add(file.resolve())
                    entries.append(Entry(name=source_name(file), path=file))
        return entries

    def execute(self, entries: list[Entry]) -> None:
        claimed: dict[object, str] = {}
        for entry in self._progress([e for e in entries if not e.action], "Reading"):
            self._guarded(entry, self._check, entry, claimed)
        self._resolve_references(entries)
        changed = [e for e in entries if e.action in (CREATED, UPDATED)]
        for entry in self._progress(changed, "Importing"):
            self._write(entry)
        for entry in entries:
            if entry.action in (CREATED, UPDATED) and entry.waiting:
                self._link(entry)

    def _guarded(self, entry: Entry, check, *args) -> None:
        """A check of ``entry`` that raised something unexpected fails that file only (in a
        savepoint, so that a database error leaves the run's transaction usable)."""
        try:
            with transaction.atomic():
                check(*args)
        except Exception as error:
            self._fail(entry, [crash(entry.name, error)])

    def _check(self, entry: Entry, claimed: dict[object, str]) -> None:
        source = entry.source = read_source(entry.path, entry.name)
        self._warn(source.warnings)
        if len(entry.name) > SOURCE_PATH_MAX:
            source.error("", f"the path is longer than {SOURCE_PATH_MAX} characters")
        if source.problems:
            self._fail(entry, source.problems)
            return
        entry.article_id, unchanged = match(source)
        keys = [] if entry.article_id is None else [entry.article_id]
        if source.slug:
            keys.append((source.slug, source.language))
        clashes = {claimed[key] for key in keys if key in claimed}
        if clashes:
            self._fail(
                entry, [Problem(entry.name, "slug", f"names the same article as {min(clashes)}")]
            )
            return
        claimed.update(dict.fromkeys(keys, entry.name))
        if unchanged:
            entry.action = UNCHANGED
            return
        if entry.article_id is None:
            for key in ("authors", "category"):
                if not getattr(source, key):
                    source.error(key, "missing: a new article needs it")
        check_images(source)
        if source.problems:
            self._fail(entry, source.problems)
        else:
            entry.action = UPDATED if entry.article_id else CREATED

    def _resolve_references(self, entries: list[Entry]) -> None:
        """Point ``related`` and ``translation_of`` at articles or at files of this run. A
        slug found nowhere fails the file; so does a translation the site's articles refuse."""
        named = [e for e in entries if e.source is not None and e.source.slug]
        run = {(e.source.slug, e.source.language): e for e in named if e.action in GOOD}
        failed = {(e.source.slug, e.source.language): e for e in named if e.action == FAILED}
        for entry in entries:
            if entry.action in (CREATED, UPDATED) and (
                entry.source.related is not None or entry.source.translation_of
            ):
                self._guarded(entry, self._refer, entry, run, failed)

    def _refer(self, entry: Entry, run: dict, failed: dict) -> None:
        source, problems = entry.source, []

        def find(key: str, slug: str, language: str, *, any_language: bool):
            target = find_target(slug, language, run, failed, any_language=any_language)
            if target is entry or (isinstance(target, int) and target == entry.article_id):
                target = f"“{slug}” is this article itself"
            if not isinstance(target, str):
                return slug, target
            problems.append(Problem(entry.name, key, target))
            return None

        if source.related is not None:
            found = [
                find("related", slug, source.language, any_language=True) for slug in source.related
            ]
            entry.related = [pair for pair in found if pair is not None]
        if source.translation_of:
            slug, language = source.translation_of
            entry.translation_of = find("translation_of", slug, language, any_language=False)
            other = entry.translation_of[1] if entry.translation_of else None
            other_id = other.article_id if isinstance(other, Entry) else other
            if other_id is not None:  # an article the site has: does its group take this one?
                clash = translation_clash(
                    language=source.language, article_id=entry.article_id, other_id=other_id
                )
                if clash:
                    problems.append(Problem(entry.name, "translation_of", clash))
        if problems:
            self._fail(entry, problems)

    # --- Phase 2: each file in a transaction of its own --------------------------------------

    def _write(self, entry: Entry) -> None:
        """The file's content, and its links to articles that exist by now; links to files
        still to come wait for phase 3."""
        links = links_now(entry)
        retry = any(unlinked.retry for unlinked in links.unlinked)
        self.writer.files = []
        try:
            with transaction.atomic():
                article = self.writer.write(
                    entry.source, article_id=entry.article_id, related=links.related,
                    translation_of=links.translation_of,
                    content_hash="" if retry else entry.source.digest,
                )  # fmt: skip
        except (ValidationError, DatabaseError) as error:
            self._discard_files()
            self._fail(entry, problems_of(error, entry.name))
            return
        except Exception as error:
            self._discard_files()
            self._fail(entry, [crash(entry.name, error)])
            return
        except BaseException:
            self._discard_files()
            raise
        self.stored_files += self.writer.files
        entry.article_id = article.pk
        entry.waiting = links.waiting
        self._warn([unlinked.problem(entry.name) for unlinked in links.unlinked])

    def _discard_files(self) -> None:
        for name in self.writer.files:
            default_storage.delete(name)
        self.writer.files = []

    # --- Phase 3: links to files written later in the run ------------------------------------

    def _link(self, entry: Entry) -> None:
        """Make the links that waited for their files. One that cannot be made (its file
        failed, or the site refuses it) is a warning; the import record then forgets the
        file's hash, so that the next run writes the file, and tries the link, again."""
        links = links_now(entry)
        unlinked = [u for u in links.unlinked if (u.key, u.slug) in entry.waiting]
        gone = {(u.key, u.slug) for u in unlinked}
        for key, value in (("related", links.related), ("translation_of", links.translation_of)):
            came = [slug for k, slug in entry.waiting if k == key and (k, slug) not in gone]
            refused = came and self._try_link(entry, **{key: value})
            if refused:
                unlinked += [
                    Unlinked(key, slug, f"{refused}; {RETRIED}", retry=True) for slug in came
                ]
        warnings = [u.problem(entry.name) for u in unlinked]
        if any(u.retry for u in unlinked):
            failure = self._try(entry, self._forget_hash, entry)
            if failure:
                warnings.append(
                    Problem(entry.name, "", f"its import record kept its hash: {failure}")
                )
        self._warn(warnings)

    def _try_link(self, entry: Entry, **links) -> str:
        """Make ``links`` in a transaction; why not, if they were refused."""
        return self._try(
            entry, self.writer.link, entry.source, article_id=entry.article_id, **links
        )

    def _try(self, entry: Entry, write, *args, **kwargs) -> str:
        try:
            with transaction.atomic():
                write(*args, **kwargs)
        except (ValidationError, DatabaseError) as error:
            return " ".join(problem.message for problem in problems_of(error, entry.name))
        except Exception as error:
            return f"{type(error).__name__}: {error}"
        return ""

    def _forget_hash(self, entry: Entry) -> None:
        import_record_save(
            article=Article.objects.get(pk=entry.article_id), source_path=entry.name,
            content_hash="",
        )  # fmt: skip
