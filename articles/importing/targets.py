"""Which article a file of the run is, and which articles its links point to.

A link (``related``, ``translation_of``) points to an article of the site (its pk) or to a file
of the run (its ``Entry``): a file later in the run has no article before it is written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError
from django.db.models import F

from articles.importing.frontmatter import Problem, SourceFile
from articles.models import Article, ImportRecord
from articles.services.structure import check_translation

CREATED, UPDATED, UNCHANGED, FAILED = "created", "updated", "unchanged", "failed"
# Why a link could not be made; the first two are retried by the next run.
TARGET_FAILED = "its file failed to import; the link is made when the file imports"
RETRIED = "the next run tries again"
TARGET_DELETED = "its article was deleted on the site"


@dataclass(eq=False)
class Entry:
    """One file in the run: what it says, which article it is, what became of it."""

    name: str
    path: Path | None
    source: SourceFile | None = None
    article_id: int | None = None
    action: str = ""
    # (slug as written, target): target is an article's pk or another file of the run.
    related: list[tuple[str, int | Entry]] | None = None
    translation_of: tuple[str, int | Entry] | None = None
    # The links (key, slug) whose target's file was still to be written when this one was.
    waiting: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Unlinked:
    """A link that was not made: a warning, not a failure (the file's own content is in)."""

    key: str
    slug: str
    why: str
    retry: bool

    def problem(self, name: str) -> Problem:
        return Problem(name, self.key, f"“{self.slug}” is not linked: {self.why}")


@dataclass
class Links:
    """The links of a file that can be made now: pks of existing articles (``related`` in the
    file's order, None when the file leaves them alone)."""

    related: list[int] | None = None
    translation_of: int | None = None
    waiting: list[tuple[str, str]] = field(default_factory=list)
    unlinked: list[Unlinked] = field(default_factory=list)


def links_now(entry: Entry) -> Links:
    """What ``entry``'s links point to at this moment of the run."""
    links = Links()

    def article_of(key: str, slug: str, target: int | Entry) -> int | None:
        if isinstance(target, int):
            return target
        if target.article_id is not None:  # existed before the run, or written in it
            return target.article_id
        if target.action == CREATED:  # its file comes later in the run
            if (key, slug) not in links.waiting:
                links.waiting.append((key, slug))
        elif all((key, slug) != (known.key, known.slug) for known in links.unlinked):
            failed = target.action == FAILED
            # Else unchanged, and an editor deleted its article: that stays so.
            why = TARGET_FAILED if failed else TARGET_DELETED
            links.unlinked.append(Unlinked(key, slug, why, retry=failed))
        return None

    if entry.related is not None:
        found = [article_of("related", slug, target) for slug, target in entry.related]
        links.related = [pk for pk in found if pk is not None]
    if entry.translation_of:
        links.translation_of = article_of("translation_of", *entry.translation_of)
    return links


def source_name(path: Path) -> str:
    """How the import record and the messages name ``path``: relative to the working
    directory when below it, else absolute."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


def match(source: SourceFile) -> tuple[int | None, bool]:
    """The article the file is (by slug and language, else by the path its import record
    names) and whether the file is unchanged since that import. A record whose article was
    deleted gives no article, and "unchanged" when the file is: the deletion stays."""
    if source.slug:
        found = Article.objects.filter(language=source.language, slug=source.slug)
        pk = found.values_list("pk", flat=True).first()
        if pk is not None:
            records = ImportRecord.objects.filter(article_id=pk, content_hash=source.digest)
            return pk, records.exists()
    records = ImportRecord.objects.filter(source_path=source.name)
    record = records.order_by(F("article_id").asc(nulls_last=True), "pk").first()
    if record is None:
        return None, False
    return record.article_id, record.content_hash == source.digest


def find_target(
    slug: str, language: str, run: dict, failed: dict, *, any_language: bool
) -> int | Entry | str:
    """The file of this run (``run``: good files by (slug, language)), else the article,
    else the failed file (``failed``) with ``slug`` in ``language``; else (if
    ``any_language``) the only one with ``slug`` in another language; else what is wrong."""
    if (slug, language) in run:
        return run[slug, language]
    found: dict[str, int | Entry] = dict(
        Article.objects.filter(slug=slug).values_list("language", "pk")
    )
    if language in found:
        return found[language]
    if (slug, language) in failed:
        return failed[slug, language]
    if not any_language:
        return f"no article “{slug}” in language {language}, on the site or in this import"
    found.update({lang: entry for (other, lang), entry in run.items() if other == slug})
    for (other, lang), entry in failed.items():
        if other == slug:
            found.setdefault(lang, entry)
    if len(found) == 1:
        return next(iter(found.values()))
    if not found:
        return f"no article “{slug}”, on the site or in this import"
    return f"“{slug}” is in several languages ({', '.join(sorted(found))}), none of them {language}"


def translation_clash(*, language: str, article_id: int | None, other_id: int) -> str | None:
    """Why the file's article (``article_id``, None for a new one; in ``language``) cannot
    be a translation of the article ``other_id`` as the site is now, e.g. its group has a
    version in ``language`` already; None when it can."""
    article = Article() if article_id is None else Article.objects.get(pk=article_id)
    article.language = language
    try:
        check_translation(article, Article.objects.get(pk=other_id))
    except ValidationError as error:
        return " ".join(error.messages)
    return None


def problems_of(error: ValidationError | DatabaseError, name: str) -> list[Problem]:
    if isinstance(error, DatabaseError):
        return [Problem(name, "", f"the database refused it: {error}")]
    fields = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
    return [
        Problem(name, "" if key == NON_FIELD_ERRORS else key, message)
        for key, messages in fields.items()
        for message in messages
    ]


def crash(name: str, error: Exception) -> Problem:
    """An error nobody expected, reported for the file it happened in."""
    return Problem(name, "", f"the import failed: {type(error).__name__}: {error}")
