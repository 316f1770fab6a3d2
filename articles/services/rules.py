"""What a write must satisfy before the write path stores it: a publishable article, a
byline, tags that fit, the version the editor's form was opened at."""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from articles import workflow
from articles.models import Article, Author, Tag

# The alt text an image dropped into the editor gets until the editor describes it.
PLACEHOLDER_ALT = gettext_noop("Describe the image")
_MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]*)")


class EditConflict(ValidationError):
    """The article was saved by someone else after the form being saved was opened."""

    def __init__(self, *, article: Article, opened: int):
        self.article = article
        self.opened = opened
        super().__init__(
            _(
                "Someone else saved this article after you opened it. Your changes are not "
                "saved yet: look at what changed, then save again to replace their version "
                "with yours."
            ),
            code="conflict",
        )


# --- Reading what an article needs -----------------------------------------------------------


def placeholder_alt_texts() -> set[str]:
    """The placeholder in every interface language (an editor may have dropped it in any)."""
    texts = set()
    for code in Article.Language.values:
        with translation.override(code):
            texts.add(_(PLACEHOLDER_ALT))
    return texts | {PLACEHOLDER_ALT}


def publication_problems(article: Article, *, author_count: int) -> dict[str, list[str]]:
    """What keeps ``article`` from review or publication, by field ("__all__" for the rest)."""
    problems: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        problems.setdefault(field, []).append(message)

    if not article.title.strip():
        add("title", _("An article needs a title."))
    if not article.body.strip():
        add("body", _("An article needs a body."))
    if author_count == 0:
        add("__all__", _("An article needs at least one author: add one under “Authors”."))
    if article.cover_image and not article.cover_alt.strip():
        add("cover_alt", _("Describe the cover image for readers who cannot see it."))
    placeholders = placeholder_alt_texts()
    for match in _MARKDOWN_IMAGE.finditer(article.body):
        if match["alt"].strip() in placeholders or not match["alt"].strip():
            name = match["src"].rsplit("/", 1)[-1] or match["src"]
            add(
                "body",
                _(
                    "The image “%(name)s” has no description yet (its text is “%(alt)s”): "
                    "say what it shows between the square brackets."
                )
                % {"name": name, "alt": match["alt"]},
            )
    return problems


def refuse_if(problems: dict[str, list[str]]) -> None:
    if problems:
        raise ValidationError(problems)


def check_byline(*, authors: Sequence[Author], by) -> None:
    if not authors:
        raise ValidationError(
            _("An article needs at least one author: add one under “Authors”."), code="no_author"
        )
    seen: set[int] = set()
    for author in authors:
        if author.pk in seen:
            raise ValidationError(
                _("“%(name)s” is on the byline twice.") % {"name": author.name}, code="twice"
            )
        seen.add(author.pk)
    own = workflow.author_record(by) if by is not None else None
    if by is not None and not by.has_perm("articles.edit_any_article") and own not in authors:
        raise ValidationError(
            _("Keep yourself on the byline: without it you could no longer edit this article."),
            code="self_removed",
        )


def check_tags(tags: Sequence[str | Tag]) -> None:
    limit = Tag._meta.get_field("name").max_length
    names = [tag if isinstance(tag, str) else tag.name for tag in tags]
    too_long = [name for name in names if len(name) > limit]
    if too_long:
        raise ValidationError(
            {
                "tags": _("A tag may have at most %(limit)d characters: %(tags)s")
                % {"limit": limit, "tags": ", ".join(f"„{tag[:30]}…“" for tag in too_long)}
            },
            code="tag_too_long",
        )
