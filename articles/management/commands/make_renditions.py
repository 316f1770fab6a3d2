"""`manage.py make_renditions`: make the cover renditions that are missing.

The write path makes a cover's renditions when the cover is saved (articles/renditions.py).
This is for covers that reached MEDIA_ROOT another way: media copied from another server
without its CACHE folder, an upgrade that adds a size, or a cover saved before renditions
existed. What exists already is left alone, so it is safe to run on a live site, again and
again (the deployment steps in the README run it after each migrate).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, OutputWrapper
from tqdm import tqdm

from articles import renditions
from articles.models import Article


class Command(BaseCommand):
    help = (
        "Make the missing renditions (sizes, WebP and JPEG, thumbnail, social picture) of "
        "every article's cover image. Leaves existing files alone."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        articles = Article.objects.exclude(cover_image="").only(*renditions.COVER_FIELDS)
        # The bar writes to the terminal itself: a command's OutputWrapper would end each of
        # its updates with a line break.
        stream = self.stderr._out if isinstance(self.stderr, OutputWrapper) else self.stderr
        show = options["verbosity"] >= 1 and hasattr(stream, "isatty") and stream.isatty()
        made = missing = 0
        with tqdm(total=articles.count(), unit="cover", file=stream, disable=not show) as bar:
            for article in articles.iterator(chunk_size=200):
                if article.cover_image.storage.exists(article.cover_image.name):
                    made += renditions.make(article)
                else:
                    missing += 1
                    self.stderr.write(f"Cover file missing: {article.cover_image.name}")
                bar.update(1)
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"{made} renditions made."))
        if missing:
            self.stderr.write(
                self.style.WARNING(f"{missing} cover files are missing: restore them first.")
            )
