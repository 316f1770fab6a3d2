"""Share links: an editor lets a reviewer without an account read an unpublished article.

A link's address carries a random key signed with ``SECRET_KEY``: a key cut short or altered
fails the signature and is told apart from one that expired or was revoked. Each link expires
(``SHARE_LINK_DAYS`` by default, chosen per link) and can be revoked from the admin; the page it
shows is ``noindex`` and never cached (articles/views.py).
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import workflow
from articles.editions import edition_reverse
from articles.models import Article, ShareLink

_SALT = "articles.share-link"
MAX_DAYS = 90


class InvalidShareLink(Exception):
    """The address is not one this site made (mistyped, cut short or altered)."""


def share_token(link: ShareLink) -> str:
    return signing.Signer(salt=_SALT).sign(link.key)


def share_url(link: ShareLink) -> str:
    """The absolute address to send to the reviewer, in the article's edition."""
    path = edition_reverse("articles:share", link.article.language, token=share_token(link))
    return settings.SITE_URL + path


def find_share_link(token: str) -> ShareLink:
    """The link behind ``token`` (expired and revoked ones too: the page says which)."""
    try:
        key = signing.Signer(salt=_SALT).unsign(token)
    except signing.BadSignature as error:
        raise InvalidShareLink from error
    try:
        return ShareLink.objects.get(key=key)
    except ShareLink.DoesNotExist as error:
        raise InvalidShareLink from error


def _check_may_share(by) -> None:
    if not workflow.is_editor(by):
        raise PermissionDenied(_("Only editors create and revoke share links."))


@transaction.atomic
def share_link_create(
    *, article: Article, by, days: int | None = None, note: str = ""
) -> ShareLink:
    """A new link to ``article``, valid for ``days`` (default ``SHARE_LINK_DAYS``, at most 90)."""
    _check_may_share(by)
    days = settings.SHARE_LINK_DAYS if days is None else days
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(
            _("A share link lasts between 1 and %(max)d days.") % {"max": MAX_DAYS}, code="days"
        )
    link = ShareLink(
        article=article,
        key=secrets.token_urlsafe(24),
        note=note.strip(),
        created_by=by,
        expires_at=timezone.now() + timedelta(days=days),
    )
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def share_link_revoke(*, link: ShareLink, by) -> bool:
    """Revoke ``link`` at once; False when it was revoked already."""
    _check_may_share(by)
    return bool(
        ShareLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    )
