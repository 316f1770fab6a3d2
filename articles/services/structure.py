"""Writes of what an article is part of or points to: the related articles an editor picked,
its translations, series and books. ``article_save`` calls the article-side ones inside its own
transaction and revision; series and books are saved like authors and categories."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from articles.models import Article, Book, RelatedArticle, TranslationGroup


def check_related(article: Article, related: Sequence[Article]) -> None:
    if any(other.pk is not None and other.pk == article.pk for other in related):
        raise ValidationError({"related": _("An article cannot be related to itself.")})


def set_related(article: Article, related: Sequence[Article]) -> None:
    """The editor's picks, in their order (duplicates dropped)."""
    wanted: dict[int, int] = {}
    for other in related:
        wanted.setdefault(other.pk, len(wanted))
    article.related_links.exclude(related_id__in=wanted).delete()
    existing = {row.related_id: row for row in article.related_links.all()}
    for related_id, position in wanted.items():
        row = existing.get(related_id)
        if row is None:
            RelatedArticle.objects.create(article=article, related_id=related_id, position=position)
        elif row.position != position:
            row.position = position
            row.save(update_fields=["position"])


def related_ids(article: Article) -> list[int]:
    return list(article.related_links.order_by("position", "pk").values_list("related_id", flat=True))


def check_translation(article: Article, other: Article) -> list[Article]:
    """The versions ``article`` and ``other`` would share once linked (their groups merged), or
    a ``ValidationError`` when two of them would be in the same language."""
    if other.pk == article.pk:
        raise ValidationError({"translation_of": _("An article is not a translation of itself.")})
    members = {other.pk: other}
    for group_id in {article.translation_group_id, other.translation_group_id} - {None}:
        members.update({a.pk: a for a in Article.objects.filter(translation_group_id=group_id)})
    members.pop(article.pk, None)
    taken = {version.language: version for version in members.values()}
    if article.language in taken:
        clash = taken[article.language]
        raise ValidationError(
            {
                "translation_of": _(
                    "“%(title)s” is already the %(language)s version of these translations."
                )
                % {"title": clash.title, "language": clash.get_language_display()}
            }
        )
    return list(members.values())


def link_translation(article: Article, other: Article) -> None:
    """Put ``article`` and ``other`` (and the versions either was linked to) in one group."""
    members = check_translation(article, other)
    group_id = other.translation_group_id or article.translation_group_id
    if group_id is None:
        group_id = TranslationGroup.objects.create().pk
    Article.objects.filter(pk__in=[m.pk for m in members]).update(translation_group_id=group_id)
    article.translation_group_id = group_id


@transaction.atomic
def book_save(*, book: Book, by) -> Book:
    """Save a book on the topic (its ISBN checked and stored as ISBN-13)."""
    verb = "add" if book.pk is None else "change"
    if by is not None and not by.has_perm(f"articles.{verb}_book"):
        raise PermissionDenied(_("You may not change this."))
    book.full_clean()
    book.save()
    return book
