"""`manage.py import_markdown PATH...`: articles in Markdown with YAML front matter, moved in.

A thin wrapper around ``articles.importing.import_paths`` (which says how files are matched,
what is written and when nothing is); it runs in English, as Django's own commands do, so that
the messages of the checks read like the rest of its output.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from articles.importing import import_paths


class Command(BaseCommand):
    help = (
        "Import articles from Markdown files with YAML front matter (files, or folders searched "
        "recursively for *.md). A file imported before updates its article; one unchanged "
        "since its last import is left alone. Bad files are reported and skipped; the exit "
        "status is non-zero when any file failed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="A .md file or a folder.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check and try everything, then roll it back: nothing is written.",
        )

    def handle(self, *args: Any, paths: list[str], dry_run: bool, **options: Any) -> None:
        with translation.override("en"):
            result = import_paths(
                paths,
                dry_run=dry_run,
                stdout=self.stdout,
                stderr=self.stderr,
                verbosity=options["verbosity"],
            )
        if options["verbosity"] >= 1:
            style = self.style.ERROR if result.failed else self.style.SUCCESS
            self.stdout.write(result.summary(), style)
        if result.failed:
            raise CommandError(
                f"{result.failed} file{'s' if result.failed != 1 else ''} failed to import."
            )
