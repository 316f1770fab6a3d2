"""The workflow's moves: submit, withdraw, send back, publish or schedule, unpublish, archive;
and bringing an article to a status by those moves (imports). Each is one revision."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from articles import caching, redirects, workflow
from articles.models import Article, Status
from articles.revisions import note as revision_note
from articles.services.articles import _locked, _owns_address, _record, _revision
from articles.services.rules import publication_problems, refuse_if
from articles.workflow import Action

# --- Moving through the workflow -------------------------------------------------------------


def _move(
    *,
    article: Article,
    by,
    action: Action,
    comment: str,
    check_content: bool,
    changes: Callable[[Article], dict] | None = None,
) -> Article:
    """Move the stored, locked article by ``action``; ``changes(stored)`` says which fields
    change with it (decided on the locked row, not on what the caller last read)."""
    stored = _locked(article)
    refusal = workflow.role_refusal(by, stored, action)
    if refusal:
        raise PermissionDenied(refusal)
    refusal = workflow.state_refusal(stored, action)
    if refusal:
        raise ValidationError(refusal, code="state")
    if check_content:
        refuse_if(publication_problems(stored, author_count=stored.authorships.count()))
    for name, value in (changes(stored) if changes else {}).items():
        setattr(stored, name, value)
    stored.status = workflow.MOVES[action].target
    stored.status_changed_at = timezone.now()
    stored.status_changed_by = by
    stored.lock_version += 1
    stored.full_clean()
    with _revision(by=by, comment=comment):
        stored.save()
        if _owns_address(stored):
            redirects.release_path(path=stored.get_absolute_url())
        _record(stored)
    caching.content_changed()  # published or taken down: menus and lists change
    article.refresh_from_db()  # the caller's object shows the new state too
    return stored


@transaction.atomic
def article_submit_for_review(*, article: Article, by) -> Article:
    """Draft → in review; the editors' note from an earlier round is cleared."""
    return _move(
        article=article, by=by, action=Action.SUBMIT, check_content=True,
        comment=revision_note(gettext_noop("Submitted for review")),
        changes=lambda stored: {"review_note": ""},
    )  # fmt: skip


@transaction.atomic
def article_withdraw(*, article: Article, by) -> Article:
    """In review → draft, by its author (to change something before the editors look)."""
    return _move(
        article=article, by=by, action=Action.WITHDRAW, check_content=False,
        comment=revision_note(gettext_noop("Withdrawn from review")),
    )  # fmt: skip


@transaction.atomic
def article_send_back(*, article: Article, by, note: str) -> Article:
    """In review → draft, with a note the author sees on the article."""
    text = note.strip()
    if not text:
        raise ValidationError(
            {"review_note": _("Tell the author what to change: the note is required.")}
        )
    return _move(
        article=article, by=by, action=Action.SEND_BACK, check_content=False,
        comment=revision_note(gettext_noop("Sent back: %(note)s"), note=text),
        changes=lambda stored: {"review_note": text},
    )  # fmt: skip


@transaction.atomic
def article_publish(*, article: Article, by, at: datetime | None = None) -> Article:
    """Publish now (``at`` None or past) or schedule (``at`` in the future; no cron needed).

    An article brought back from the archive without a date keeps its original one.
    """
    stored = _locked(article)
    now = timezone.now()
    if at is None:
        at = stored.published_at if stored.status == Status.ARCHIVED else now
    scheduling = at > now
    comment = (
        revision_note(gettext_noop("Scheduled for %(date)s"), date=at)
        if scheduling
        else revision_note(gettext_noop("Published"))
    )
    return _move(
        article=article, by=by, action=Action.SCHEDULE if scheduling else Action.PUBLISH,
        check_content=True, comment=comment,
        changes=lambda stored: {"published_at": at, "review_note": ""},
    )  # fmt: skip


@transaction.atomic
def article_unpublish(*, article: Article, by) -> Article:
    """Published, scheduled or archived → draft; a scheduled article loses its date."""

    def forget_a_future_date(stored: Article) -> dict:
        return {"published_at": None} if stored.state == Article.State.SCHEDULED else {}

    return _move(
        article=article, by=by, action=Action.UNPUBLISH, check_content=False,
        comment=revision_note(gettext_noop("Unpublished")), changes=forget_a_future_date,
    )  # fmt: skip


@transaction.atomic
def article_archive(*, article: Article, by) -> Article:
    """Published → archived: off every list, its address still answers with a note."""
    return _move(
        article=article, by=by, action=Action.ARCHIVE, check_content=False,
        comment=revision_note(gettext_noop("Archived")),
    )  # fmt: skip


# --- Bringing an article to a status (imports) -----------------------------------------------


@transaction.atomic
def article_move_to(*, article: Article, status: str, published_at: datetime | None, by) -> Article:
    """Bring ``article`` to ``status`` (with ``published_at`` for published and archived ones)
    by the workflow's own moves, each one a revision, as an editor would click them."""
    article.refresh_from_db()
    if status in (Status.DRAFT, Status.REVIEW) and article.status in (
        Status.PUBLISHED,
        Status.ARCHIVED,
    ):
        article_unpublish(article=article, by=by)
    if status == Status.DRAFT and article.status == Status.REVIEW:
        article_withdraw(article=article, by=by)
    elif status == Status.REVIEW and article.status == Status.DRAFT:
        article_submit_for_review(article=article, by=by)
    elif status in (Status.PUBLISHED, Status.ARCHIVED):
        at = published_at or article.published_at or timezone.now()
        if article.status == Status.PUBLISHED and article.published_at != at:
            article_unpublish(article=article, by=by)  # a new date: the same moves as an editor
        if article.status != Status.PUBLISHED and not (
            article.status == Status.ARCHIVED and status == Status.ARCHIVED
        ):
            article_publish(article=article, by=by, at=at)
        if status == Status.ARCHIVED and article.status != Status.ARCHIVED:
            article_archive(article=article, by=by)
    return article
