"""What the article list and the byline offer: filters by state and byline, the bulk actions
(each through the write path, reporting what changed and what was refused), the byline inline."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from taggit.utils import parse_tags

from articles import services
from articles.forms import BylineFormSet
from articles.models import Article, ArticleAuthor, Category, State, Status


def refusal_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You may not do this.")


class ArticlePartInline(admin.TabularInline):
    """Rows that are part of the article (its byline, its related articles): who may change
    the article may change them; the write path saves them, not the formset."""

    def has_add_permission(self, request, obj=None) -> bool:
        return (
            self._article_admin().has_change_permission(request, obj)
            if obj
            else (self._article_admin().has_add_permission(request))
        )

    def has_change_permission(self, request, obj=None) -> bool:
        return self.has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.has_add_permission(request, obj)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._article_admin().has_view_permission(request, obj)

    def _article_admin(self) -> admin.ModelAdmin:
        return self.admin_site._registry[Article]


class AuthorshipInline(ArticlePartInline):
    """The byline: authors in order, moved with up/down buttons (no numbers to type)."""

    model = ArticleAuthor
    formset = BylineFormSet
    extra = 1
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    verbose_name = gettext_lazy("author")
    verbose_name_plural = gettext_lazy("Authors")
    classes = ["byline-inline"]

    def get_queryset(self, request):
        # Each row's title names its author: fetch them with the rows, not one by one.
        return super().get_queryset(request).select_related("author")

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["widgets"] = {"position": forms.HiddenInput}
        return super().get_formset(request, obj, **kwargs)


class StateFilter(admin.SimpleListFilter):
    title = gettext_lazy("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return State.choices

    def queryset(self, request, queryset):
        value = self.value()
        if value == State.SCHEDULED:
            return queryset.scheduled()
        if value == State.PUBLISHED:
            return queryset.published()
        if value in State.values:
            return queryset.filter(status=value)
        return queryset


class MineFilter(admin.SimpleListFilter):
    title = gettext_lazy("byline")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", gettext_lazy("Written by me"))]

    def queryset(self, request, queryset):
        return queryset.bylined(request.user) if self.value() == "1" else queryset


class ArticleActionForm(ActionForm):
    """The bulk-action bar, with what "set category" and "add tags" need."""

    category = forms.ModelChoiceField(
        Category.objects.all(), required=False, label=gettext_lazy("Category")
    )
    tags = forms.CharField(
        required=False, label=gettext_lazy("Tags"),
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("e.g. Leadership, Strategy")}),
    )  # fmt: skip


def _bulk(description: str, permission: str, *, prepare: Callable | None = None):
    """A bulk action that runs ``do(article, request, prepared)`` through the write path per
    article and reports how many changed and, with reasons, how many were refused.

    ``prepare(request)`` reads what the action needs from the bar once (a category, tags);
    when it refuses, nothing runs and the editor is told once.
    """

    def decorate(do: Callable) -> Callable:
        def action(modeladmin, request, queryset) -> None:
            try:
                prepared = prepare(request) if prepare else None
            except ValidationError as error:
                modeladmin.message_user(request, refusal_text(error), messages.ERROR)
                return
            changed, refused = 0, []
            for article in queryset:
                try:
                    do(article, request, prepared)
                except (PermissionDenied, ValidationError) as error:
                    reason = refusal_text(error)
                    refused.append(
                        reason if article.title in reason else f"{article.title}: {reason}"
                    )
                else:
                    changed += 1
            modeladmin.message_user(
                request,
                ngettext("%(count)d article changed.", "%(count)d articles changed.", changed)
                % {"count": changed},
                messages.SUCCESS if changed else messages.INFO,
            )
            if refused:
                modeladmin.message_user(
                    request,
                    ngettext(
                        "%(count)d refused: %(reasons)s",
                        "%(count)d refused: %(reasons)s",
                        len(refused),
                    )
                    % {"count": len(refused), "reasons": " · ".join(refused)},
                    messages.WARNING,
                )

        action.__name__ = do.__name__
        return admin.action(description=description, permissions=[permission])(action)

    return decorate


@_bulk(gettext_lazy("Submit for review"), "change")
def submit_for_review(article, request, prepared):
    services.article_submit_for_review(article=article, by=request.user)


@_bulk(gettext_lazy("Publish now (articles in review or scheduled)"), "publish")
def publish(article, request, prepared):
    # Publishing many at once is for what was reviewed; a draft is published from its page.
    if article.status == Status.DRAFT:
        raise ValidationError(
            _("“%(title)s” is a draft: it goes through review, or is published from its page.")
            % {"title": article.title}
        )
    services.article_publish(article=article, by=request.user)


@_bulk(gettext_lazy("Unpublish (back to draft)"), "publish")
def unpublish(article, request, prepared):
    services.article_unpublish(article=article, by=request.user)


@_bulk(gettext_lazy("Archive"), "publish")
def archive(article, request, prepared):
    services.article_archive(article=article, by=request.user)


def _chosen_category(request) -> Category:
    category = Category.objects.filter(pk=request.POST.get("category") or None).first()
    if category is None:
        raise ValidationError(_("Choose the category next to the action first."))
    return category


@_bulk(
    gettext_lazy("Set category (choose it next to the action)"), "change", prepare=_chosen_category
)
def set_category(article, request, category):
    services.article_set_category(article=article, category=category, by=request.user)


def _typed_tags(request) -> list[str]:
    tags = parse_tags(request.POST.get("tags", ""))
    if not tags:
        raise ValidationError(_("Type the tags next to the action first."))
    return tags


@_bulk(gettext_lazy("Add tags (type them next to the action)"), "change", prepare=_typed_tags)
def add_tags(article, request, tags):
    services.article_add_tags(article=article, tags=tags, by=request.user)
