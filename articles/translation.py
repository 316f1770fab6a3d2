"""What exists once per language (django-modeltranslation): a category's name, slug and
description, and an author's bio. The admin edits the languages side by side; a translation
not yet written falls back to the site's language (settings.MODELTRANSLATION_*)."""

from __future__ import annotations

from modeltranslation.translator import TranslationOptions, register

from articles.models import Author, Category


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name", "slug", "description")


@register(Author)
class AuthorTranslation(TranslationOptions):
    fields = ("bio",)
