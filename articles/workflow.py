"""Who may do what to an article, and which moves the workflow allows. Rules only, no writes.

Roles are Django groups made by a data migration: an **Author** writes, edits their own
articles while they are drafts, and submits them for review; an **Editor** also edits every
article, publishes, schedules, sends back, unpublishes and archives (``publish_article``,
``edit_any_article``). The write path (``articles/services.py``) asks these rules before every
change; the admin asks them to decide which buttons to show.

``user=None`` is the system (imports, the demo): it may do everything.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Author, State, Status

# The group whose members get their own byline on a new article (articles/admin/article.py).
AUTHOR_GROUP = "Author"


class Action(models.TextChoices):
    SUBMIT = "submit", _("Submit for review")
    WITHDRAW = "withdraw", _("Withdraw from review")
    PUBLISH = "publish", _("Publish now")
    SCHEDULE = "schedule", _("Schedule")
    SEND_BACK = "send_back", _("Send back to the author")
    UNPUBLISH = "unpublish", _("Unpublish")
    ARCHIVE = "archive", _("Archive")


@dataclass(frozen=True)
class Move:
    sources: frozenset[State]
    target: Status
    editors_only: bool
    # Completes "… cannot be %(done)s": what the move does, in the past participle.
    done: str
    # Only the article's own authors (editors send back instead).
    authors_only: bool = False


MOVES: dict[Action, Move] = {
    Action.SUBMIT: Move(frozenset({State.DRAFT}), Status.REVIEW, False, _("submitted for review")),
    Action.WITHDRAW: Move(
        frozenset({State.REVIEW}), Status.DRAFT, False, _("withdrawn"), authors_only=True
    ),
    Action.PUBLISH: Move(
        frozenset({State.DRAFT, State.REVIEW, State.SCHEDULED, State.ARCHIVED}),
        Status.PUBLISHED,
        True,
        _("published"),
    ),
    Action.SCHEDULE: Move(
        frozenset({State.DRAFT, State.REVIEW, State.SCHEDULED}),
        Status.PUBLISHED,
        True,
        _("scheduled"),
    ),  # fmt: skip
    Action.SEND_BACK: Move(frozenset({State.REVIEW}), Status.DRAFT, True, _("sent back")),
    Action.UNPUBLISH: Move(
        frozenset({State.SCHEDULED, State.PUBLISHED, State.ARCHIVED}),
        Status.DRAFT,
        True,
        _("unpublished"),
    ),  # fmt: skip
    Action.ARCHIVE: Move(frozenset({State.PUBLISHED}), Status.ARCHIVED, True, _("archived")),
}


def _is_staff(user) -> bool:
    return user.is_active and user.is_staff


def is_editor(user) -> bool:
    """Publishes, schedules, sends back, unpublishes, archives; edits every article."""
    return user is None or (_is_staff(user) and user.has_perm("articles.publish_article"))


def author_record(user) -> Author | None:
    """The byline record linked to ``user``, if there is one (no query when already loaded)."""
    try:
        return user.author_profile
    except Author.DoesNotExist:
        return None


def is_bylined(user, article: Article) -> bool:
    """Whether ``user`` is on the article's byline (uses a prefetched byline when there is one)."""
    if article.pk is None or user is None:
        return False
    return any(authorship.author.user_id == user.pk for authorship in article.authorships.all())


def can_add(user) -> bool:
    return user is None or (_is_staff(user) and user.has_perm("articles.add_article"))


def can_change(user, article: Article) -> bool:
    """Editors change every article; an Author their own while it is a draft."""
    if user is None:
        return True
    if not _is_staff(user):
        return False
    if article.pk is None:
        return user.has_perm("articles.add_article")
    if user.has_perm("articles.edit_any_article"):
        return True
    return (
        user.has_perm("articles.change_article")
        and article.status == Status.DRAFT
        and is_bylined(user, article)
    )


def can_preview(user, article: Article) -> bool:
    """Who sees an unpublished article at its own address: editors, and its own authors."""
    if user is None or not _is_staff(user):
        return False
    if user.has_perm("articles.edit_any_article") or user.has_perm("articles.publish_article"):
        return True
    return user.has_perm("articles.change_article") and is_bylined(user, article)


def can_delete(user, article: Article) -> bool:
    """Only drafts are deleted (Editors archive instead); a superuser may remove anything."""
    if user is not None and user.is_superuser and user.is_active:
        return True
    if article.status != Status.DRAFT:
        return False
    if user is None:
        return True
    if not (_is_staff(user) and user.has_perm("articles.delete_article")):
        return False
    return user.has_perm("articles.edit_any_article") or is_bylined(user, article)


def role_refusal(user, article: Article, action: Action) -> str | None:
    """Why ``user``'s role does not allow ``action`` on ``article``, or None."""
    move = MOVES[action]
    if move.authors_only and user is not None and not can_act_as_author(user, article):
        return _("Only the article's authors may do this: %(action)s.") % {"action": action.label}
    if is_editor(user):
        return None
    if move.editors_only:
        return _("Only editors may do this: %(action)s.") % {"action": action.label}
    if not can_act_as_author(user, article):
        return _("Only the article's authors and the editors may do this: %(action)s.") % {
            "action": action.label
        }
    return None


def state_refusal(article: Article, action: Action) -> str | None:
    """Why the article's current state does not allow ``action``, or None."""
    if article.state in MOVES[action].sources:
        return None
    return _("“%(title)s” cannot be %(done)s in its current state (%(state)s).") % {
        "title": article.title,
        "done": MOVES[action].done,
        "state": article.state_label,
    }


def move_refusal(user, article: Article, action: Action) -> str | None:
    """Why ``user`` may not make ``action`` on ``article`` now, or None when they may."""
    return role_refusal(user, article, action) or state_refusal(article, action)


def can_act_as_author(user, article: Article) -> bool:
    """An Author moving their own article (submit, withdraw)."""
    return (
        user is not None
        and _is_staff(user)
        and user.has_perm("articles.change_article")
        and is_bylined(user, article)
    )


def allowed_actions(user, article: Article) -> list[Action]:
    """The workflow buttons to offer ``user`` on ``article``, in the order they are shown."""
    if article.pk is None:  # the add form: what may follow saving the new draft
        if not can_add(user):
            return []
        return [
            action
            for action, move in MOVES.items()
            if State.DRAFT in move.sources and (is_editor(user) or not move.editors_only)
        ]
    return [action for action in Action if move_refusal(user, article, action) is None]
