"""Writes of authors, categories, series and tags (their addresses keep working when they
change) and of the editions' header menus."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from articles import caching, redirects, search
from articles.models import MenuItem, NamedWithSlug, Tag


def _check_may(by, verb: str, model) -> None:
    if by is not None and not by.has_perm(f"articles.{verb}_{model._meta.model_name}"):
        raise PermissionDenied(_("You may not change this."))


@transaction.atomic
def named_save(*, obj: NamedWithSlug | Tag, by) -> NamedWithSlug | Tag:
    """Save an author, category, series or tag; a renamed slug keeps the old page address as
    a 301, in each edition that has a page for it (a category's slug is per language)."""
    model = type(obj)
    _check_may(by, "add" if obj.pk is None else "change", model)
    stored = None if obj.pk is None else model.objects.select_for_update().get(pk=obj.pk)
    old_urls = stored.edition_urls() if stored is not None and stored.slug else {}
    obj.full_clean()
    obj.save()
    search.reindex_named(obj, before=stored)  # a renamed author or tag: its articles' vectors
    caching.content_changed()  # a category's name in the header menu
    new_urls = obj.edition_urls()
    if len(old_urls) == len(new_urls) == 1:  # a series moved to another language moves along
        old_urls = dict.fromkeys(new_urls, *old_urls.values())
    for language, old_path in old_urls.items():
        if language in new_urls:
            redirects.record_move(old_path=old_path, new_path=new_urls[language])
    for new_path in new_urls.values():
        redirects.release_path(path=new_path)
    return obj


@transaction.atomic
def named_delete(*, obj: NamedWithSlug | Tag, by) -> None:
    """Delete an author, category or tag; its page and the addresses leading to it answer 410.
    (Categories and authors still named by an article are protected by the database.)"""
    _check_may(by, "delete", type(obj))
    for path in obj.edition_urls().values():
        redirects.record_gone(path=path)
    search.reindex_named(obj, deleting=True)  # a tag's articles stop being found by it
    obj.delete()
    caching.content_changed()


@transaction.atomic
def menu_link_save(*, link: MenuItem, by) -> MenuItem:
    """Add or change a link of an edition's header menu; every page shows it at once."""
    _check_may(by, "add" if link.pk is None else "change", MenuItem)
    link.full_clean()
    link.save()
    caching.content_changed()
    return link


@transaction.atomic
def menu_link_delete(*, link: MenuItem, by) -> None:
    _check_may(by, "delete", MenuItem)
    link.delete()
    caching.content_changed()
