"""Series and books in the admin, and what the article form shows of an article's structure:
its series and book, the related articles (an inline the write path saves, not the formset),
its translations and whether it may be outdated next to them."""

from __future__ import annotations

from datetime import datetime

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import services
from articles.admin.listing import ArticlePartInline
from articles.admin.taxonomy import NamedAdmin
from articles.forms import ArticleAutocomplete, BookAdminForm, RelatedFormSet
from articles.models import Article, Book, Language, RelatedArticle, Series, normalise_isbn

# --- Series and books --------------------------------------------------------------------------


@admin.register(Series)
class SeriesAdmin(NamedAdmin):
    """Saved through ``named_save``, like categories: a renamed slug keeps its old address."""

    prepopulated_fields = {"slug": ["title"]}
    list_display = ["title", "language", "part_count"]
    list_filter = ["language"]
    search_fields = ["title", "description"]
    ordering = ["title"]  # the annotation below drops the model's ordering; pages need one
    fields = ["title", "slug", "language", "description", "parts_list"]
    readonly_fields = ["parts_list"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_parts=Count("parts"))

    @admin.display(description=gettext_lazy("parts"), ordering="num_parts")
    def part_count(self, series: Series) -> int:
        return series.num_parts

    @admin.display(description=gettext_lazy("parts"))
    def parts_list(self, series: Series) -> str:
        if series.pk is None:
            return _(
                "An article joins the series on its own form, under “Series and further reading”."
            )
        parts = series.parts.order_by("series_part", "pk")
        return render_to_string(
            "admin/articles/series/parts.html",
            {"parts": [(part, _article_change_url(part)) for part in parts]},
        )


@admin.register(Book)
class BookAdmin(admin.ModelAdmin):
    """Saved through ``book_save``; ISBN errors show on the field, the cover is sanitised."""

    form = BookAdminForm
    list_display = ["title", "authors", "year", "isbn_column"]
    search_fields = ["title", "authors", "isbn"]
    ordering = ["title"]

    def save_model(self, request, obj, form, change) -> None:
        services.book_save(book=obj, by=request.user)

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # The ISBN is stored as 13 digits: "3-16-148410-X" as typed finds it too.
        try:
            isbn = normalise_isbn(search_term.strip()) if search_term.strip() else ""
        except ValidationError:
            isbn = ""
        if isbn:
            found = found | queryset.filter(isbn=isbn)
        return found, may_have_duplicates

    @admin.display(description=gettext_lazy("ISBN"), ordering="isbn")
    def isbn_column(self, book: Book) -> str:
        return book.isbn_display or "–"


# --- The article form's related articles --------------------------------------------------------


class RelatedArticleInline(ArticlePartInline):
    """Further reading picked by the editor, in order. The rows go to
    ``article_save(related=…)`` in the order of their positions (ArticleAdmin.save_related)."""

    model = RelatedArticle
    fk_name = "article"
    formset = RelatedFormSet
    extra = 1
    autocomplete_fields = ["related"]
    fields = ["related", "position"]
    verbose_name = gettext_lazy("related article")
    verbose_name_plural = gettext_lazy("Related articles")
    classes = ["related-inline"]

    def get_queryset(self, request):
        # Each row's title names its article: fetch them with the rows, not one by one.
        return super().get_queryset(request).select_related("related")

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["widgets"] = {"related": ArticleAutocomplete(self.admin_site, exclude=obj)}
        kwargs["help_texts"] = {
            "position": _("Readers see them in ascending order; empty: after the others.")
        }
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "related":
            # Pick an existing article; writing a new one belongs on its own page.
            wrapper = formfield.widget
            wrapper.can_add_related = wrapper.can_change_related = False
            wrapper.can_delete_related = wrapper.can_view_related = False
        return formfield


# --- Translations: the versions of an article, and whether its original changed since --------


def _changed(code: str) -> str:
    """The annotation holding when the ``code`` version of an article last changed its text."""
    return f"version_{code}_changed"


def with_translations(queryset: QuerySet) -> QuerySet:
    """Per language, when the other version in that language last changed its text (None: no
    such version), and the group's original: the same number of queries for any rows."""
    versions = {}
    for code in Language.values:
        other = (
            Article.objects.filter(translation_group_id=OuterRef("translation_group_id"))
            .filter(language=code)
            .exclude(pk=OuterRef("pk"))
            .order_by()
        )
        # Never NULL for a version that exists: one saved before the date was kept counts
        # from its creation.
        changed = other.values(changed=Coalesce("text_changed_at", "created_at"))[:1]
        versions[_changed(code)] = Subquery(changed)
    return queryset.annotate(
        **versions,
        original_language=F("translation_group__original__language"),
        original_version_id=F("translation_group__original_id"),
    ).with_translation_state()


def other_versions(article: Article) -> list[tuple[str, str, datetime, bool]]:
    """From ``with_translations``: (code, language, text changed, this one is outdated by it)."""
    found = []
    original = getattr(article, "original_language", None)
    outdated = article.translation_outdated_since is not None
    for code, name in Language.choices:
        changed = getattr(article, _changed(code), None)
        if changed is not None and code != article.language:
            found.append((code, name, changed, outdated and code == original))
    return found


def _date(moment: datetime, format_name: str = "DATETIME_FORMAT") -> str:
    return formats.date_format(timezone.localtime(moment), format_name)


def outdated_notes(article: Article) -> list[str]:
    """ "Possibly outdated: …" when the original's text changed after this translation's."""
    return [
        _(
            "Possibly outdated: the %(language)s version was changed on %(date)s, after this "
            "translation was last saved."
        )
        % {"language": name, "date": _date(article.translation_outdated_since)}
        for _code, name, _changed_at, later in other_versions(article)
        if later
    ]


class OutdatedTranslationFilter(admin.SimpleListFilter):
    title = gettext_lazy("translations")
    parameter_name = "outdated"

    def lookups(self, request, model_admin):
        return [("1", gettext_lazy("Possibly outdated translation"))]

    def queryset(self, request, queryset):
        if self.value() != "1":
            return queryset
        return queryset.filter(translation_outdated_since__isnull=False)


def _article_change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


class ArticleStructureMixin:
    """For ArticleAdmin: series, book, related articles and translations on the form (handed
    to the write path with the rest), the translations column and filter in the list."""

    def get_queryset(self, request):
        return with_translations(super().get_queryset(request))

    def get_search_results(self, request, queryset, search_term):
        match = request.resolver_match
        if match is not None and match.url_name == "autocomplete":
            # Picking an article is picking it by its title (the list's search also reads
            # the text, which would offer articles that merely mention the word).
            found = queryset.filter(title__icontains=search_term.strip())
            may_have_duplicates = False
            # What ArticleAutocomplete asks to leave out: the article itself, its language.
            exclude = request.GET.get("exclude", "")
            if exclude.isdigit():
                found = found.exclude(pk=int(exclude))
            if request.GET.get("other_than") in Language.values:
                found = found.exclude(language=request.GET["other_than"])
            return found, may_have_duplicates
        return super().get_search_results(request, queryset, search_term)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.admin_site = self.admin_site
        return form

    def structure_fieldsets(self, obj: Article | None, editable: bool) -> list:
        translations = ["translations_panel"]
        if editable:
            translations.append("translation_of")
            if obj is not None and obj.translation_group_id is not None:
                translations.append("unlink_translation")
            if obj is not None and getattr(obj, "translation_outdated_since", None):
                translations.append("translation_checked")
        return [
            (
                _("Series and further reading"),
                {"fields": ["series", "series_part", "book"], "classes": ["further-reading"]},
            ),  # fmt: skip
            (_("Translations"), {"fields": translations}),
        ]

    def structure_to_save(self, form, formsets) -> dict:
        """What ``article_save`` takes from this part of the form: the related articles in
        order (None without the inline: left as stored) and the version to link it to."""
        rows = next((f for f in formsets if isinstance(f, RelatedFormSet)), None)
        return {
            "related": rows.articles() if rows is not None else None,
            "translation_of": form.cleaned_data.get("translation_of"),
        }

    def unlink_if_asked(self, request, article: Article, form) -> list[str]:
        if form.cleaned_data.get("unlink_translation"):
            services.article_unlink_translation(article=article, by=request.user)
            return [_("Unlinked from its translations; the other versions stay linked.")]
        if form.cleaned_data.get("translation_checked"):
            services.article_confirm_translation(article=article, by=request.user)
            return [_("Marked as checked against its original.")]
        return []

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["outdated_translations"] = outdated_notes(obj) if obj is not None else []
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description=gettext_lazy("translations"))
    def translations(self, article: Article) -> str:
        shown = []
        for code, name, changed, later in other_versions(article):
            marker = ""
            if later:
                when = _("changed on %(date)s") % {"date": _date(changed, "SHORT_DATE_FORMAT")}
                marker = format_html(
                    ' <span class="state state-review translation-outdated" title="{}">{}'
                    '<span class="visually-hidden"> ({})</span></span>',
                    when, _("outdated"), when,
                )  # fmt: skip
            shown.append((name, code.upper(), marker))
        return format_html_join(" ", '<abbr title="{}">{}</abbr>{}', shown) or "–"

    @admin.display(description=gettext_lazy("other versions"))
    def translations_panel(self, article: Article) -> str:
        if article.pk is None or article.translation_group_id is None:
            return _("Not linked to versions in other languages.")
        original_id = getattr(article, "original_version_id", None)
        versions = (
            Article.objects.filter(translation_group_id=article.translation_group_id)
            .exclude(pk=article.pk)
            .order_by("language")
        )
        return render_to_string(
            "admin/articles/article/translations.html",
            {
                "versions": [
                    {
                        "article": version,
                        "url": _article_change_url(version),
                        "changed": version.text_changed_at,
                        "original": version.pk == original_id,
                        "later": version.pk == original_id
                        and article.translation_outdated_since is not None,
                    }
                    for version in versions
                ]
            },
        )
