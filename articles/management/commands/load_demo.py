"""`manage.py load_demo`: the demo site that `make run` shows on a first start.

The demo is content like any other: Markdown files with front matter in ``articles/demo/``
(images beside them), imported by the same import as a real site moving in
(``manage.py import_markdown``, ``articles/importing/``). The authors' bios and the categories'
descriptions come from ``articles/demo/site.yaml``. Other apps add their own demo data: every
installed app with a ``demo.py`` has its ``load(say=…)`` called afterwards (the comments app
loads its reader comments so), as the dashboard collects ``dashboard.py``.

Running it again, as `make run` does on every start, duplicates nothing: an author or category
that exists (by its demo slug or its name) is left alone, and a demo file whose content did
not change since its last import writes nothing, so what an editor changed in a demo article
(title, text, byline, status, view count) stays, and a demo article an editor deleted stays
deleted.
"""

from __future__ import annotations

from collections import Counter
from importlib import import_module
from pathlib import Path
from typing import Any

import yaml
from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from django.utils.module_loading import module_has_submodule

from articles.importing import import_paths
from articles.models import Author, Category
from articles.services import named_save

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"


class Command(BaseCommand):
    help = (
        "Load the demo site: articles in German, Dutch and English (a long read, a series, a "
        "book, a pair of translations, a draft and a scheduled one) with authors, categories, "
        "covers and comments. Idempotent: a second run changes nothing."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.verbosity: int = options["verbosity"]
        created = self.load_site()
        self.say(
            "Authors and categories: "
            + (
                ", ".join(f"{count} {what} created" for what, count in created.items())
                if created
                else "nothing was missing."
            )
        )
        # Each file's outcome is the progress report (a line per file, as it is done).
        with translation.override("en"):
            result = import_paths(
                [DEMO_DIR],
                stdout=self.stdout if self.verbosity >= 1 else None,
                stderr=self.stderr,
                verbosity=2 if self.verbosity >= 1 else 0,
            )
        self.say(f"Articles: {result.summary()}")
        if result.failed:
            raise CommandError(f"{result.failed} demo files could not be imported (see above).")
        for app_config in apps.get_app_configs():
            if app_config.name != "articles" and module_has_submodule(app_config.module, "demo"):
                import_module(f"{app_config.name}.demo").load(say=self.say)

    @transaction.atomic
    def load_site(self) -> Counter[str]:
        """The demo's authors and categories (with bios and descriptions), where missing."""
        site = yaml.safe_load((DEMO_DIR / "site.yaml").read_text(encoding="utf-8"))
        created: Counter[str] = Counter()
        for label, model in (("authors", Author), ("categories", Category)):
            # By address or by name (in any language): one an editor renamed (either) is
            # still the demo's own.
            keys = [f for f in fields_of(model) if f.startswith(("slug", "name"))]
            known = {
                str(value).casefold()
                for row in model.objects.values_list(*keys)
                for value in row
                if value
            }
            for fields in site[label]:
                own = {
                    str(v).casefold() for k, v in fields.items() if k.startswith(("slug", "name"))
                }
                if not own & known:
                    named_save(obj=model(**fields), by=None)
                    created[label] += 1
        return created

    def say(self, message: str) -> None:
        if self.verbosity >= 1:
            self.stdout.write(message)


def fields_of(model) -> list[str]:
    """The names of ``model``'s columns (with each language's column of translated ones)."""
    return [field.name for field in model._meta.concrete_fields]
