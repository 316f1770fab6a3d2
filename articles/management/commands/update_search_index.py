"""`manage.py update_search_index`: make every article's search vector again (PostgreSQL).

The write path keeps the vectors current; this is for after an upgrade that changes how they
are made, or after articles were written around it (a restored database dump, SQL by hand).
On SQLite there is no vector to make and it says so.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, OutputWrapper
from django.db import transaction
from tqdm import tqdm

from articles import search
from articles.models import Article


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search vector of every article (PostgreSQL; SQLite searches "
        "without one). Safe to run on a live site: each batch is its own transaction."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not search.full_text():
            self.stdout.write("The database is not PostgreSQL: there is no search index to build.")
            return
        total = Article.objects.count()
        # The bar writes to the terminal itself: a command's OutputWrapper would end each of
        # its updates with a line break.
        stream = self.stderr._out if isinstance(self.stderr, OutputWrapper) else self.stderr
        show = options["verbosity"] >= 1 and hasattr(stream, "isatty") and stream.isatty()
        written = 0
        with tqdm(total=total, unit="article", file=stream, disable=not show) as bar:
            batches = search.rebuild_all()
            while True:
                # One transaction per batch: one commit per batch, locks held briefly.
                with transaction.atomic():
                    count = next(batches, None)
                if count is None:
                    break
                written += count
                bar.update(count)
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"Search index rebuilt for {written} articles."))
