"""The header menu of each edition, which editors arrange in the admin."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from articles.editions import in_edition
from articles.models.article import Article, Language
from articles.models.taxonomy import Category


class MenuItem(models.Model):
    """One link in an edition's header menu: to a category, an article or another address.
    While an edition has no items, its menu lists the categories that have articles there."""

    language = models.CharField(
        _("edition"), max_length=2, choices=Language.choices,
        help_text=_(
            "The edition whose header shows this link. While an edition has no menu links, "
            "its header lists its categories; its first link replaces that list."
        ),
    )  # fmt: skip
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Links are shown in ascending position.")
    )
    label = models.CharField(
        _("label"), max_length=60, blank=True,
        help_text=_("The link's text; empty: the category's name or the article's title."),
    )  # fmt: skip
    category = models.ForeignKey(
        Category, verbose_name=_("category"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="menu_items",
    )  # fmt: skip
    article = models.ForeignKey(
        Article, verbose_name=_("article"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="menu_items",
    )  # fmt: skip
    url = models.URLField(
        _("other address"), blank=True, help_text=_("A page elsewhere, e.g. https://example.com/.")
    )

    class Meta:
        ordering = ["language", "position", "pk"]
        verbose_name = _("menu link")
        verbose_name_plural = _("menu links")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(category__isnull=False, article__isnull=True, url="")
                    | Q(category__isnull=True, article__isnull=False, url="")
                    | (Q(category__isnull=True, article__isnull=True) & ~Q(url=""))
                ),
                name="menuitem_one_target",
                violation_error_message=_(
                    "Choose exactly one target: a category, an article or another address."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        if self.label:
            return self.label
        if self.category_id:
            with in_edition(self.language):  # the name the edition's readers see
                return self.category.name
        if self.article_id:
            return self.article.title
        return self.url

    @property
    def href(self) -> str:
        if self.category_id:
            return self.category.url_in(self.language)
        if self.article_id:
            return self.article.get_absolute_url()
        return self.url

    def clean(self) -> None:
        if self.url and not self.label:
            raise ValidationError({"label": _("A link to another address needs a label.")})
        if self.article_id and self.article.language != self.language:
            raise ValidationError(
                {"article": _("This article is in another language than the edition.")}
            )
