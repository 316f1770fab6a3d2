"""Writes of authors, categories and tags: their addresses keep working when they change."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from articles import redirects
from articles.models import NamedWithSlug, Tag


def _check_may(by, verb: str, model) -> None:
    if by is not None and not by.has_perm(f"articles.{verb}_{model._meta.model_name}"):
        raise PermissionDenied(_("You may not change this."))


@transaction.atomic
def named_save(*, obj: NamedWithSlug | Tag, by) -> NamedWithSlug | Tag:
    """Save an author, category or tag; a renamed slug keeps the old page address as a 301."""
    model = type(obj)
    _check_may(by, "add" if obj.pk is None else "change", model)
    stored = None if obj.pk is None else model.objects.select_for_update().get(pk=obj.pk)
    obj.full_clean()
    obj.save()
    if stored is not None and stored.slug:
        redirects.record_move(old_path=stored.get_absolute_url(), new_path=obj.get_absolute_url())
    redirects.release_path(path=obj.get_absolute_url())
    return obj


@transaction.atomic
def named_delete(*, obj: NamedWithSlug | Tag, by) -> None:
    """Delete an author, category or tag; its page and the addresses leading to it answer 410.
    (Categories and authors still named by an article are protected by the database.)"""
    _check_may(by, "delete", type(obj))
    redirects.record_gone(path=obj.get_absolute_url())
    obj.delete()
