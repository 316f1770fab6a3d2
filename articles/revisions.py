"""Revisions of articles, stored by django-reversion, read back for the history, diff and restore.

The write path (``articles/services.py``) opens one revision per change; this module says what
a revision holds (the article with its byline and tags, not its view count) and how to read it.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime

import reversion
from django.contrib.contenttypes.models import ContentType
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from reversion.models import Revision, Version

from articles.models import Article, ArticleAuthor, Author, Category, Tag, TaggedArticle

# Derived from the body or counted by readers: not what an editor wrote.
NOT_REVISIONED = ["view_count", "body_html", "reading_time", "search_vector"]


def register_models() -> None:
    """Called once from ArticlesConfig.ready()."""
    reversion.register(ArticleAuthor)
    reversion.register(TaggedArticle)
    reversion.register(Article, follow=["authorships", "taggings"], exclude=NOT_REVISIONED)


def note(text: str, **params: str | datetime) -> str:
    """A revision comment, stored untranslated: ``text`` is an English source text marked with
    ``gettext_noop``; ``describe`` shows it in the language of whoever reads the history.
    Datetimes are stored as ISO and shown as local dates."""
    stored = {
        key: {"datetime": value.isoformat()} if isinstance(value, datetime) else value
        for key, value in params.items()
    }
    return json.dumps({"text": text, "params": stored}, ensure_ascii=False)


def describe(revision: Revision) -> str:
    """What a revision did, in the current language (comments not made by ``note`` as they
    are)."""
    comment = revision.get_comment()
    try:
        data = json.loads(comment)
    except ValueError:
        return comment
    if not isinstance(data, dict) or "text" not in data:
        return comment
    params = {
        key: formats.date_format(
            timezone.localtime(datetime.fromisoformat(value["datetime"])), "DATETIME_FORMAT"
        )
        if isinstance(value, dict)
        else value
        for key, value in data.get("params", {}).items()
    }
    return gettext(data["text"]) % params if params else gettext(data["text"])


@dataclass
class Snapshot:
    """What an editor wrote, as one revision stored it."""

    title: str = ""
    slug: str = ""
    language: str = ""
    summary: str = ""
    body: str = ""
    category_id: int | None = None
    cover_image: str = ""
    cover_alt: str = ""
    cover_credit: str = ""
    lock_version: int = 0
    author_ids: list[int] = field(default_factory=list)
    tag_ids: list[int] = field(default_factory=list)


def article_versions(article: Article):
    """The article's revisions, newest first, with who made them (one query)."""
    return (
        Version.objects.get_for_object(article)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
    )


def snapshot(version: Version) -> Snapshot:
    """The article as ``version`` stored it, byline in order and tags included."""
    data = version.field_dict
    types = ContentType.objects.get_for_models(ArticleAuthor, TaggedArticle)
    related = version.revision.version_set.filter(content_type__in=types.values())
    article_id = int(version.object_id)
    authorships, tag_ids = [], []
    for other in related:
        values = other.field_dict
        if other.content_type_id == types[ArticleAuthor].pk:
            if values["article_id"] == article_id:
                authorships.append((values["position"], int(other.object_id), values["author_id"]))
        elif values["content_object_id"] == article_id:
            tag_ids.append(values["tag_id"])
    return Snapshot(
        title=data["title"],
        slug=data["slug"],
        language=data["language"],
        summary=data["summary"],
        body=data["body"],
        category_id=data["category_id"],
        cover_image=str(data.get("cover_image") or ""),
        cover_alt=data["cover_alt"],
        cover_credit=data["cover_credit"],
        lock_version=data.get("lock_version", 0),
        author_ids=[author_id for _, _, author_id in sorted(authorships)],
        tag_ids=sorted(tag_ids),
    )


@dataclass
class Difference:
    label: str
    changed: bool
    html: SafeString


# Words, runs of white space and single other characters: what a reader sees change.
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def word_diff(old: str, new: str) -> SafeString:
    """``new`` against ``old``, escaped, removed words in ``<del>``, added ones in ``<ins>``.

    Lines are matched first, then the words of changed lines, so a long body stays fast.
    """
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(old_lines[i1:i2])))
        else:
            parts.append(_words_diff("".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])))
    return mark_safe("".join(parts))


def _words_diff(old: str, new: str) -> str:
    old_words, new_words = _TOKEN.findall(old), _TOKEN.findall(new)
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(''.join(old_words[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(''.join(new_words[j1:j2]))}</ins>")
    return "".join(parts)


def compare(old: Snapshot, new: Snapshot, *, with_address: bool = True) -> list[Difference]:
    """Field by field, what changed from ``old`` to ``new`` (names looked up in 3 queries);
    ``with_address=False`` leaves out the slug (a restore keeps the address)."""
    author_names = dict(
        Author.objects.filter(pk__in={*old.author_ids, *new.author_ids}).values_list("pk", "name")
    )
    tag_names = dict(
        Tag.objects.filter(pk__in={*old.tag_ids, *new.tag_ids}).values_list("pk", "name")
    )
    category_names = dict(
        Category.objects.filter(pk__in={old.category_id, new.category_id}).values_list("pk", "name")
    )

    def names(ids, known) -> str:
        return ", ".join(known.get(pk, f"#{pk}") for pk in ids)

    rows = [
        (Article._meta.get_field("title").verbose_name, old.title, new.title),
        (Article._meta.get_field("summary").verbose_name, old.summary, new.summary),
        (Article._meta.get_field("body").verbose_name, old.body, new.body),
        (
            Article._meta.get_field("authors").verbose_name,
            names(old.author_ids, author_names),
            names(new.author_ids, author_names),
        ),
        (
            Article._meta.get_field("category").verbose_name,
            category_names.get(old.category_id, ""),
            category_names.get(new.category_id, ""),
        ),
        (
            Article._meta.get_field("tags").verbose_name,
            names(old.tag_ids, tag_names),
            names(new.tag_ids, tag_names),
        ),
        *(
            [(Article._meta.get_field("slug").verbose_name, old.slug, new.slug)]
            if with_address
            else []
        ),
        (Article._meta.get_field("cover_image").verbose_name, old.cover_image, new.cover_image),
        (Article._meta.get_field("cover_alt").verbose_name, old.cover_alt, new.cover_alt),
        (Article._meta.get_field("cover_credit").verbose_name, old.cover_credit, new.cover_credit),
    ]
    return [
        Difference(label=str(label), changed=a != b, html=word_diff(a, b)) for label, a, b in rows
    ]
