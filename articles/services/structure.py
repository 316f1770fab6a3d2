"""Writes of what an article is part of or points to: the related articles an editor picked,
its translations, series and books. ``article_save`` calls the article-side ones inside its own
transaction and revision; series and books are saved like authors and categories."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from articles import workflow
from articles.models import Article, Book, ImportRecord, TranslationGroup


def check_related(article: Article, related: Sequence[Article]) -> None:
    if any(other.pk is not None and other.pk == article.pk for other in related):
        raise ValidationError({"related": _("An article cannot be related to itself.")})


def sync_ordered(rows, *, key: str, wanted: Sequence[int]) -> None:
    """Make an article's ordered rows (its byline, its related picks: ``rows`` is the related
    manager, ``key`` the column naming what a row points to) hold ``wanted`` in that order:
    rows for others go, missing ones are created, the rest renumbered. Duplicates count once."""
    positions = {pk: index for index, pk in enumerate(dict.fromkeys(wanted))}
    rows.exclude(**{f"{key}__in": positions}).delete()
    existing = {getattr(row, key): row for row in rows.all()}
    for pk, position in positions.items():
        row = existing.get(pk)
        if row is None:
            rows.create(**{key: pk, "position": position})
        elif row.position != position:
            row.position = position
            row.save(update_fields=["position"])


def set_related(article: Article, related: Sequence[Article]) -> None:
    """The editor's picks, in their order."""
    sync_ordered(article.related_links, key="related_id", wanted=[other.pk for other in related])


def related_ids(article: Article) -> list[int]:
    return list(
        article.related_links.order_by("position", "pk").values_list("related_id", flat=True)
    )


def check_translation(article: Article, other: Article, *, by=None) -> list[Article]:
    """The other versions ``article`` will share a group with once linked to ``other`` (the
    groups of both merged), or a ``ValidationError`` when two of them would be in the same
    language; ``PermissionDenied`` when the link would move articles ``by`` may not change."""
    if other.pk == article.pk:
        raise ValidationError({"translation_of": _("An article is not a translation of itself.")})
    # The groups as stored now: the caller's objects may predate a link made since.
    stored = Article.objects.filter(pk__in=[pk for pk in (article.pk, other.pk) if pk])
    groups = dict(stored.values_list("pk", "translation_group_id"))
    other.translation_group_id = groups.get(other.pk)
    group_ids = {groups.get(article.pk), other.translation_group_id} - {None}
    members = {
        version.pk: version
        for version in Article.objects.filter(translation_group_id__in=group_ids)
    }
    members[other.pk] = other
    members.pop(article.pk, None)
    taken: dict[str, Article] = {article.language: article}
    for version in sorted(members.values(), key=lambda version: version.pk):
        clash = taken.get(version.language)
        if clash is not None:
            raise ValidationError(
                {
                    "translation_of": _(
                        "“%(title)s” is already the %(language)s version of these translations."
                    )
                    % {
                        "title": version.title if clash is article else clash.title,
                        "language": version.get_language_display(),
                    }
                }
            )
        taken[version.language] = version
    # Joining the other article's group moves only this one (and puts a group-less ``other``
    # in a group: that is the link itself); merging two groups moves the versions of this
    # one's group too, which only someone who may change them does.
    target = other.translation_group_id or groups.get(article.pk)
    moving = [
        version
        for version in members.values()
        if version.pk != other.pk and version.translation_group_id != target
    ]
    refused = [version for version in moving if not workflow.can_change(by, version)]
    if refused:
        raise PermissionDenied(
            _("Linking these translations would change “%(title)s”, which you may not change.")
            % {"title": refused[0].title}
        )
    return list(members.values())


def link_translation(article: Article, other: Article, *, by=None) -> None:
    """Put ``article`` and ``other`` (and the versions either was linked to) in one group.
    ``other`` is the original the group's translations follow, unless the group it is in
    already has one."""
    members = check_translation(article, other, by=by)
    group = None
    if other.translation_group_id is not None:
        group = TranslationGroup.objects.get(pk=other.translation_group_id)
    elif article.translation_group_id is not None:
        group = TranslationGroup.objects.get(pk=article.translation_group_id)
    if group is None:
        group = TranslationGroup.objects.create(original=other)
    elif group.original_id is None:
        group.original = other
        group.save(update_fields=["original"])
    Article.objects.filter(pk__in=[m.pk for m in members]).update(translation_group=group)
    article.translation_group_id = group.pk
    forget_empty_groups()


def leave_translations(article: Article) -> None:
    """Take ``article`` out of its group; a group that loses its original has none (its
    translations are no longer compared), a group left with one version is dissolved."""
    group_id = article.translation_group_id
    TranslationGroup.objects.filter(pk=group_id, original=article).update(original=None)
    article.translation_group = None
    rest = Article.objects.filter(translation_group_id=group_id).exclude(pk=article.pk)
    if rest.count() == 1:
        rest.update(translation_group=None)


def forget_empty_groups() -> None:
    TranslationGroup.objects.filter(articles__isnull=True).delete()


@transaction.atomic
def book_save(*, book: Book, by) -> Book:
    """Save a book on the topic (its ISBN checked and stored as ISBN-13)."""
    verb = "add" if book.pk is None else "change"
    if by is not None and not by.has_perm(f"articles.{verb}_book"):
        raise PermissionDenied(_("You may not change this."))
    book.full_clean()
    book.save()
    return book


def import_record_save(*, article: Article, source_path: str, content_hash: str) -> ImportRecord:
    """Remember which file ``article`` was imported from and what it held (the import's
    "unchanged" check); an empty hash makes the next import write the file again."""
    record = ImportRecord.objects.filter(source_path=source_path).first()
    if record is None:
        record = ImportRecord.objects.filter(article=article).first() or ImportRecord()
    record.article = article
    record.source_path = source_path
    record.content_hash = content_hash
    record.full_clean(exclude=["article"])
    # One record per article: another file's record that named it no longer does.
    ImportRecord.objects.filter(article=article).exclude(pk=record.pk).update(article=None)
    record.save()
    return record
