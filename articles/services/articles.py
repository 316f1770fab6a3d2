"""Writes of articles: save, the workflow moves, delete, restore, the bulk changes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from functools import partial

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from articles import caching, redirects, renditions, search, workflow
from articles.models import Article, Author, Category, Status, Tag
from articles.revisions import Snapshot
from articles.revisions import note as revision_note
from articles.services import structure
from articles.services.rules import (
    EditConflict,
    check_byline,
    check_tags,
    publication_problems,
    refuse_if,
)

# --- Who writes ------------------------------------------------------------------------------


def author_record_for(*, user) -> Author:
    """The byline record of a staff user who writes, created on first use from their name."""
    existing = workflow.author_record(user)
    if existing is not None:
        return existing
    author = Author(name=user.get_full_name() or user.get_username(), user=user)
    author.save()  # the slug follows from the name, made unique
    user.author_profile = author
    return author


# --- Saving ----------------------------------------------------------------------------------


@contextmanager
def _revision(*, by, comment: str) -> Iterator[None]:
    """One revision for one change: who made it (None: the system) and what it was."""
    with reversion.create_revision(manage_manually=True, atomic=False):
        reversion.set_user(by)
        reversion.set_comment(comment)
        yield


def _locked(article: Article) -> Article:
    """The stored row, locked until the transaction ends: two writers take turns."""
    return Article.objects.select_for_update().get(pk=article.pk)


def _set_byline(article: Article, authors: Sequence[Author]) -> None:
    structure.sync_ordered(
        article.authorships, key="author_id", wanted=[author.pk for author in authors]
    )


@transaction.atomic
def article_save(
    *,
    article: Article,
    authors: Sequence[Author],
    tags: Sequence[str | Tag] | None = None,
    related: Sequence[Article] | None = None,
    translation_of: Article | None = None,
    by,
    expected_version: int | None = None,
    comment: str = "",
) -> Article:
    """Store what an editor wrote: fields, byline in order, tags and the related articles
    picked in order (None: leave them), and link it to ``translation_of`` (another language's
    version of it; the versions either was linked to join too).

    ``expected_version`` is the ``lock_version`` the editor's form was opened at: if someone
    saved in between, ``EditConflict`` is raised and nothing is written. The status moves only
    through the workflow functions below; the publish date only by editors.
    """
    stored = None if article.pk is None else _locked(article)
    if stored is None:
        if not workflow.can_add(by):
            raise PermissionDenied(_("You may not write articles."))
    else:
        if not workflow.can_change(by, stored):
            raise PermissionDenied(
                _("You may not change “%(title)s” (%(state)s).")
                % {"title": stored.title, "state": stored.state_label}
            )
        if expected_version is not None and expected_version != stored.lock_version:
            raise EditConflict(article=stored, opened=expected_version)
        if article.status != stored.status:
            raise ValidationError(
                _("The status changes only through the workflow (submit, publish, …)."),
                code="status",
            )
    _normalise(article, stored)
    if stored is not None:
        # Not the form's to change: links made and text dates set since it was loaded stay.
        article.translation_group_id = stored.translation_group_id
        article.text_changed_at = stored.text_changed_at
        article.translation_checked_at = stored.translation_checked_at
    previous_date = stored.published_at if stored is not None else None
    if article.published_at != previous_date:
        if not workflow.is_editor(by):
            raise PermissionDenied(_("Only editors set the publish date."))
        if stored is not None and stored.is_public and not article.is_public:
            raise ValidationError(
                {"published_at": _("To take a public article off the site, unpublish it.")}
            )
    previously_featured = stored.featured if stored is not None else False
    if article.featured != previously_featured and not workflow.is_editor(by):
        raise PermissionDenied(_("Only editors feature articles on the home page."))
    check_byline(authors=authors, by=by)
    if tags is not None:
        check_tags(tags)
        tags = _known_tags(tags)
    if related is not None:
        structure.check_related(article, related)
    article.full_clean()
    if translation_of is not None:
        structure.check_translation(article, translation_of, by=by)
    if article.status != Status.DRAFT:
        refuse_if(publication_problems(article, author_count=len(authors)))
    if stored is not None and not _changes_anything(
        stored, article, authors, tags, related, translation_of
    ):
        return article  # a workflow button on an unchanged form: no empty revision

    article.lock_version = (stored.lock_version if stored is not None else 0) + 1
    if stored is None or any(
        getattr(stored, name) != getattr(article, name) for name in TEXT_FIELDS
    ):
        article.text_changed_at = timezone.now()
    if translation_of is not None:
        # Linking says "this is its translation" now: not outdated by what came before.
        article.translation_checked_at = timezone.now()
    with _revision(
        by=by,
        comment=comment
        or (revision_note(gettext_noop("Saved") if stored else gettext_noop("Created"))),
    ):
        article.save()
        if article.cover_image and (
            stored is None or stored.cover_image.name != article.cover_image.name
        ):
            # Once the save is in (a refused or dry-run save leaves no file behind), before any
            # reader asks: no reader's request ever makes an image.
            transaction.on_commit(partial(renditions.make_for, article.pk), robust=True)
        _set_byline(article, authors)
        if tags is not None:
            article.tags.set(list(tags))
        if related is not None:
            structure.set_related(article, related)
        if translation_of is not None:
            structure.link_translation(article, translation_of, by=by)
            article.save(update_fields=["translation_group"])
        if stored is not None:
            redirects.record_move(
                old_path=stored.get_absolute_url(),
                new_path=article.get_absolute_url(),
                was_public=stored.is_reachable,
            )
        if _owns_address(article):
            redirects.release_path(path=article.get_absolute_url())
        # Text, byline and tags as stored now (PostgreSQL; nothing on SQLite).
        search.update_search_vectors([article.pk])
        caching.content_changed()  # the header menu and whatever pages keep
        _record(article)
    return article


def _normalise(article: Article, stored: Article | None) -> None:
    """What a browser changes without the editor: line breaks (a form sends CRLF) and the
    publish date's fraction of a second (the form has none)."""
    article.body = article.body.replace("\r\n", "\n")
    article.summary = article.summary.replace("\r\n", "\n")
    if (
        stored is not None
        and stored.published_at is not None
        and article.published_at is not None
        and article.published_at.replace(microsecond=0)
        == stored.published_at.replace(microsecond=0)
    ):
        article.published_at = stored.published_at


def _known_tags(tags: Sequence[str | Tag]) -> list[str | Tag]:
    """Typed tag names that match an existing tag by its address ("Decision making" and
    "Decision-making") use that tag's name, so no near-twin is created."""
    slugs = {name: Tag().slugify(name) for name in tags if isinstance(name, str)}
    existing = dict(Tag.objects.filter(slug__in=slugs.values()).values_list("slug", "name"))
    return [existing.get(slugs[tag], tag) if isinstance(tag, str) else tag for tag in tags]


# What an editor writes; a save that changes none of it (nor byline nor tags) stores nothing.
CONTENT_FIELDS = (
    "title", "slug", "language", "summary", "body", "category_id", "published_at",
    "cover_image", "cover_alt", "cover_credit", "series_id", "series_part", "book_id",
    "featured",
)  # fmt: skip
# What a translation follows: when one of these changes, the other versions may be outdated.
TEXT_FIELDS = ("title", "summary", "body")


def _changes_anything(
    stored: Article,
    article: Article,
    authors: Sequence[Author],
    tags: Sequence | None,
    related: Sequence[Article] | None = None,
    translation_of: Article | None = None,
) -> bool:
    if any(getattr(stored, name) != getattr(article, name) for name in CONTENT_FIELDS):
        return True
    if related is not None and structure.related_ids(stored) != list(
        dict.fromkeys(other.pk for other in related)
    ):
        return True
    if translation_of is not None and (
        stored.translation_group_id is None
        or stored.translation_group_id != translation_of.translation_group_id
    ):
        return True
    if [row.author_id for row in stored.authorships.order_by("position", "pk")] != [
        author.pk for author in authors
    ]:
        return True
    if tags is None:
        return False
    names = {(tag if isinstance(tag, str) else tag.name).casefold() for tag in tags}
    return names != {name.casefold() for name in stored.tags.values_list("name", flat=True)}


def _owns_address(article: Article) -> bool:
    """Published (scheduled too) or archived: no stored redirect may answer at its address,
    not even while it is still scheduled (browsers would keep a 301 for good)."""
    return article.status in (Status.PUBLISHED, Status.ARCHIVED)


def _record(article: Article) -> None:
    """Add ``article`` as it is now, byline and tags included, to the open revision."""
    # A byline or tags loaded before this change (the admin prefetches them) would put the
    # old ones into the revision.
    getattr(article, "_prefetched_objects_cache", {}).clear()
    reversion.add_to_revision(article)


@transaction.atomic
def article_delete(*, article: Article, by) -> None:
    """Delete a draft. A superuser may delete more: a public address then answers 410 Gone."""
    stored = _locked(article)
    if not workflow.can_delete(by, stored):
        raise PermissionDenied(
            _("Only drafts can be deleted; archive “%(title)s” instead.") % {"title": stored.title}
        )
    with _revision(by=by, comment=revision_note(gettext_noop("Deleted"))):
        reversion.add_to_revision(stored)
    if stored.is_reachable:
        redirects.record_gone(path=stored.get_absolute_url())
    stored.delete()
    caching.content_changed()


# --- History ---------------------------------------------------------------------------------


@transaction.atomic
def article_restore_revision(
    *, article: Article, snapshot: Snapshot, made_at: datetime, by
) -> Article:
    """Bring back the text, byline, tags, category and cover of an earlier revision, as a new
    save (itself a revision). Address, language, status and dates stay as they are now."""
    article = _locked(article)
    article.title = snapshot.title
    article.summary = snapshot.summary
    article.body = snapshot.body
    if Category.objects.filter(pk=snapshot.category_id).exists():
        article.category_id = snapshot.category_id
    if not snapshot.cover_image or article.cover_image.storage.exists(snapshot.cover_image):
        article.cover_image = snapshot.cover_image
    article.cover_alt = snapshot.cover_alt
    article.cover_credit = snapshot.cover_credit
    found = Author.objects.in_bulk(snapshot.author_ids)
    authors = [found[pk] for pk in snapshot.author_ids if pk in found]
    tags = list(Tag.objects.filter(pk__in=snapshot.tag_ids).values_list("name", flat=True))
    return article_save(
        article=article,
        authors=authors or list(article.ordered_authors),
        tags=tags,
        by=by,
        comment=revision_note(gettext_noop("Restored the revision of %(date)s"), date=made_at),
    )


# --- Changes to many articles at once (the admin's bulk actions) -----------------------------


def _current_byline(article: Article) -> list[Author]:
    return [row.author for row in article.authorships.select_related("author")]


@transaction.atomic
def article_set_category(*, article: Article, category: Category, by) -> Article:
    article = _locked(article)
    article.category = category
    return article_save(
        article=article, authors=_current_byline(article), by=by,
        comment=revision_note(gettext_noop("Category set to %(name)s"), name=category.name),
    )  # fmt: skip


@transaction.atomic
def article_add_tags(*, article: Article, tags: Sequence[str], by) -> Article:
    article = _locked(article)
    current = list(article.tags.values_list("name", flat=True))
    known = {name.casefold() for name in current}
    return article_save(
        article=article, authors=_current_byline(article), by=by,
        tags=current + [tag for tag in tags if tag.casefold() not in known],
        comment=revision_note(gettext_noop("Tags added: %(tags)s"), tags=", ".join(tags)),
    )  # fmt: skip


# --- Translations ----------------------------------------------------------------------------


@transaction.atomic
def article_unlink_translation(*, article: Article, by) -> Article:
    """Take ``article`` out of its translation group; the other versions stay linked (a
    single one left over is no longer in a group)."""
    stored = _locked(article)
    if not workflow.can_change(by, stored):
        raise PermissionDenied(_("You may not change “%(title)s”.") % {"title": stored.title})
    if stored.translation_group_id is None:
        return stored
    with _revision(by=by, comment=revision_note(gettext_noop("Unlinked from its translations"))):
        structure.leave_translations(stored)
        stored.lock_version += 1
        stored.save(update_fields=["translation_group", "lock_version"])
        structure.forget_empty_groups()
        _record(stored)
    article.refresh_from_db()
    return stored


@transaction.atomic
def article_confirm_translation(*, article: Article, by) -> Article:
    """An editor checked the translation against its original: it is not outdated any more
    (until the original's text changes again)."""
    stored = _locked(article)
    if not workflow.can_change(by, stored):
        raise PermissionDenied(_("You may not change “%(title)s”.") % {"title": stored.title})
    with _revision(by=by, comment=revision_note(gettext_noop("Checked against the original"))):
        stored.translation_checked_at = timezone.now()
        stored.save(update_fields=["translation_checked_at"])
        _record(stored)
    article.refresh_from_db()
    return stored
