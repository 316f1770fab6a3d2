"""Which status a new comment gets, and why: the moderation rules, in this order.

1. **Blocklist** (words, e-mail domains, IP hashes; editable in the admin) → spam.
2. **Links**: more than ``COMMENT_MAX_LINKS`` web addresses → held for an editor.
3. **Impersonation**: the name is one of the site's authors or staff (case and accents
   ignored) and the sender is not logged in as that person → held.
4. **Badge**: written while logged in as one of the article's authors or an editor → approved.
5. **Known commenter** (``COMMENT_KNOWN_COMMENTERS``, on by default): the e-mail address has an
   earlier approved comment by a visitor of the same name → approved at once, as WordPress
   does (comments written from an account never count: a visitor typing an editor's address
   is not known).
6. Otherwise → held (pending) for an editor.

The first rule that matches decides; its name (and what matched) is stored with the comment
and shown to moderators. Refusals that store nothing (honeypot, ticket, rate limit, closed
thread) happen before the rules, in the view (comments/spam.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model

from articles.models import Article, Author
from comments.models import BlockedTerm, Comment
from comments.text import count_links, fold


@dataclass(frozen=True)
class Candidate:
    """What the rules look at: the comment as typed, and who sent it."""

    article: Article
    name: str
    email: str
    body: str
    website: str
    signature: str
    ip_hash: str
    user: object | None  # the logged-in account, or None for a visitor
    badge: str  # Comment.Badge value, from the account, never from the typed name


@dataclass(frozen=True)
class Decision:
    status: str
    rule: str
    detail: str = ""


Rule = Callable[[Candidate], Decision | None]


def blocklist(candidate: Candidate) -> Decision | None:
    text = fold(" ".join([candidate.name, candidate.website, candidate.signature, candidate.body]))
    domain = candidate.email.rpartition("@")[2].lower()
    for term in BlockedTerm.objects.only("kind", "value"):
        value = term.value.strip()
        if not value:
            continue
        if term.kind == BlockedTerm.Kind.WORD:
            matched = fold(value) in text
        elif term.kind == BlockedTerm.Kind.EMAIL_DOMAIN:
            value = value.lower().lstrip("@")
            matched = domain == value or domain.endswith("." + value)
        else:
            matched = bool(candidate.ip_hash) and candidate.ip_hash == value
        if matched:
            return Decision(Comment.Status.SPAM, Comment.Rule.BLOCKLIST, str(term))
    return None


def too_many_links(candidate: Candidate) -> Decision | None:
    links = sum(count_links(field) for field in (candidate.body, candidate.signature))
    if links > settings.COMMENT_MAX_LINKS:
        detail = f"{links} > {settings.COMMENT_MAX_LINKS}"
        return Decision(Comment.Status.PENDING, Comment.Rule.LINKS, detail)
    return None


def impersonation(candidate: Candidate) -> Decision | None:
    name = fold(candidate.name)
    if not name:
        return None
    for person, names in _people():
        if name in names and not _is(candidate.user, person):
            return Decision(Comment.Status.PENDING, Comment.Rule.IMPERSONATION, candidate.name)
    return None


def _people() -> list[tuple[object, set[str]]]:
    """The site's authors and staff with every name they go by, folded (2 queries)."""
    people: list[tuple[object, set[str]]] = []
    for author in Author.objects.select_related("user"):
        people.append((author.user or author, {fold(author.name)} - {""}))
    staff = get_user_model().objects.filter(is_staff=True, is_active=True)
    for user in staff:
        names = {fold(user.get_full_name()), fold(user.get_username())} - {""}
        people.append((user, names))
    return people


def _is(user, person) -> bool:
    """An author without an account can be nobody; model equality compares class and pk."""
    return user is not None and person == user


def badge(candidate: Candidate) -> Decision | None:
    if candidate.badge:
        return Decision(Comment.Status.APPROVED, Comment.Rule.BADGE, candidate.badge)
    return None


def known_commenter(candidate: Candidate) -> Decision | None:
    if not settings.COMMENT_KNOWN_COMMENTERS:
        return None
    # A visitor's earlier comment under the same address *and* name; comments written from an
    # account (moderators' replies, badges) never vouch for a visitor typing that address.
    earlier = Comment.objects.approved().filter(
        email__iexact=candidate.email, erased_at__isnull=True, user__isnull=True
    )
    name = fold(candidate.name)
    if any(fold(known) == name for known in earlier.values_list("name", flat=True)[:50]):
        return Decision(Comment.Status.APPROVED, Comment.Rule.KNOWN)
    return None


RULES: list[Rule] = [blocklist, too_many_links, impersonation, badge, known_commenter]


def decide(candidate: Candidate) -> Decision:
    """The first rule that matches decides; without one, the comment waits for an editor."""
    for rule in RULES:
        decision = rule(candidate)
        if decision is not None:
            return decision
    return Decision(Comment.Status.PENDING, Comment.Rule.DEFAULT)


def badge_for(user, article: Article) -> str:
    """The badge a logged-in ``user`` earns on ``article``: "author" for one of its authors,
    "editor" for a member of the Editor group (or anyone who may moderate comments)."""
    if user is None or not user.is_authenticated or not user.is_staff:
        return Comment.Badge.NONE
    if article.authors.filter(user=user).exists():
        return Comment.Badge.AUTHOR
    if user.groups.filter(name="Editor").exists() or user.has_perm("comments.change_comment"):
        return Comment.Badge.EDITOR
    return Comment.Badge.NONE
