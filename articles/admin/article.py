"""The article desk: writing, the workflow buttons, bulk actions, history, share links.

Nothing here writes an article itself: the change form hands what the editor typed to the
write path (``articles/services.py``) in ``save_related``; what it refuses comes back as form
errors on the same page (``changeform_view`` renders the form again with the refusal).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from markdownx.admin import MarkdownxModelAdmin

from articles import services, sharing, workflow
from articles.admin.history import ArticleHistoryMixin
from articles.admin.listing import (
    ArticleActionForm,
    AuthorshipInline,
    MineFilter,
    StateFilter,
    add_tags,
    archive,
    publish,
    refusal_text,
    set_category,
    submit_for_review,
    unpublish,
)
from articles.admin.panels import render_article_panels
from articles.admin.structure import (
    ArticleStructureMixin,
    OutdatedTranslationFilter,
    RelatedArticleInline,
)
from articles.admin.taxonomy import READABLE_SLUGS_JS
from articles.forms import ArticleAdminForm, BylineFormSet, ShareLinkForm
from articles.models import Article, ShareLink, State, Status
from articles.workflow import Action

# POST keys of the change form's extra buttons: each saves the form, then does one more thing.
WORKFLOW_KEY, SHARE_KEY, REVOKE_KEY = "_workflow", "_share", "_share_revoke"
# Moves that take an article off the site: made at once, without saving the form.
TAKEDOWN = (Action.UNPUBLISH, Action.ARCHIVE)


class WriteRefused(Exception):
    """The write path refused the change; the form is shown again with ``error``."""

    def __init__(self, error: Exception):
        super().__init__(error)
        self.error = error


def _move(article: Article, request: HttpRequest, form: ArticleAdminForm | None) -> str:
    """Run the workflow button pressed on the change form; return what to tell the editor."""
    action = request.POST.get(WORKFLOW_KEY, "")
    by = request.user
    data = form.cleaned_data if form is not None else {}
    if action == Action.SUBMIT:
        services.article_submit_for_review(article=article, by=by)
        return _("Submitted for review: the editors see it on their dashboard.")
    if action == Action.WITHDRAW:
        services.article_withdraw(article=article, by=by)
        return _("Withdrawn from review: it is your draft again.")
    if action == Action.PUBLISH:
        services.article_publish(article=article, by=by)
        return _("Published: readers see it now.")
    if action == Action.SCHEDULE:
        if not data.get("published_at"):
            raise ValidationError(_("Choose a publish date in the future to schedule."))
        services.article_publish(article=article, by=by, at=data["published_at"])
        return _("Scheduled: it goes live by itself on %(date)s.") % {
            "date": formats.date_format(timezone.localtime(article.published_at), "DATETIME_FORMAT")
        }
    if action == Action.SEND_BACK:
        note = data.get("send_back_note") or request.POST.get("send_back_note", "")
        services.article_send_back(article=article, by=by, note=note)
        return _("Sent back to the author with your note.")
    if action == Action.UNPUBLISH:
        services.article_unpublish(article=article, by=by)
        return _("Unpublished: it is a draft again and no longer on the site.")
    if action == Action.ARCHIVE:
        services.article_archive(article=article, by=by)
        return _("Archived: off every list; its address shows it with a note.")
    raise ValidationError(_("Unknown action."))


@admin.register(Article)
class ArticleAdmin(ArticleHistoryMixin, ArticleStructureMixin, MarkdownxModelAdmin):
    form = ArticleAdminForm
    inlines = [AuthorshipInline, RelatedArticleInline]
    autocomplete_fields = ["series", "book"]
    change_form_template = "admin/articles/article/change_form.html"
    list_display = [
        "thumbnail", "title", "state_badge", "language_code", "translations", "category",
        "byline", "publish_date", "view_count",
    ]  # fmt: skip
    list_display_links = ["title"]
    list_filter = [
        StateFilter, MineFilter, "language", OutdatedTranslationFilter, "featured", "category",
        "authors",
    ]  # fmt: skip
    list_select_related = ["category"]
    list_per_page = 50
    search_fields = ["title", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    action_form = ArticleActionForm
    actions = [submit_for_review, publish, unpublish, archive, set_category, add_tags]
    readonly_fields = [
        "state_display", "cover_preview", "preview_link", "view_count", "reading_time",
        "created_at", "updated_at", "translations_panel",
    ]  # fmt: skip

    class Media:
        js = (
            *READABLE_SLUGS_JS,
            "js/admin-byline.js",
            "js/admin-unsaved.js",
        )

    # --- Who sees what --------------------------------------------------------------------

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authorships__author")

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is None:
            return super().has_change_permission(request)
        return workflow.can_change(request.user, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is None:
            return super().has_delete_permission(request)
        return workflow.can_delete(request.user, obj)

    def has_publish_permission(self, request) -> bool:
        return workflow.is_editor(request.user)

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Only drafts may be deleted, one by one from their page (with Django's confirmation).
        actions.pop("delete_selected", None)
        return actions

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not workflow.is_editor(request.user):
            fields += ["published_at", "featured"]  # only editors schedule and feature
        return fields

    def get_fieldsets(self, request, obj=None):
        publishing = ["state_display", "published_at", "featured", "preview_link"]
        if obj is not None and obj.status == Status.REVIEW and workflow.is_editor(request.user):
            publishing.append("send_back_note")
        text = ["title", "slug", "language", "category", "summary", "body"]
        editable = self.has_change_permission(request, obj)
        if editable:
            text += ["opened_version", "kept_cover"]
        return [
            (None, {"fields": text}),
            (_("Publishing"), {"fields": publishing}),
            (
                _("Cover image"),
                {"fields": ["cover_preview", "cover_image", "cover_alt", "cover_credit"]},
            ),  # fmt: skip
            (_("Tags"), {"fields": ["tags"]}),
            *self.structure_fieldsets(obj, editable),
            (
                _("Numbers"),
                {
                    "fields": ["view_count", "reading_time", "created_at", "updated_at"],
                    "classes": ["collapse"],
                },
            ),  # fmt: skip
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.refusal = getattr(request, "_article_write_refusal", None)
        # A cover kept by the attempt that was refused: the same file, not a second copy.
        form.kept_upload_name = getattr(request, "_article_kept_upload", "")
        return form

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        # A writer's new article starts with their own byline (their record is made now).
        if (
            obj.pk is None
            and isinstance(inline, AuthorshipInline)
            and request.method == "GET"
            and request.user.groups.filter(name=workflow.AUTHOR_GROUP).exists()
        ):
            author = services.author_record_for(user=request.user)
            kwargs["initial"] = [{"author": author.pk, "position": 0}]
        return kwargs

    # --- Saving: the write path, and the same page again when it refuses ------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except WriteRefused as refused:
            # Nothing was written (the view's transaction rolled back): show the form again
            # with what the editor typed and why it was refused.
            request._article_write_refusal = refused.error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change) -> None:
        """Nothing yet: ``save_related`` saves the article with its byline in one call."""

    def save_related(self, request, form, formsets, change) -> None:
        article = form.instance
        byline = next((f for f in formsets if isinstance(f, BylineFormSet)), None)
        # Without the inline (no right to see it) the byline stays as stored, never empty.
        authors = byline.authors() if byline is not None else _stored_byline(article)
        try:
            services.article_save(
                article=article,
                authors=authors,
                tags=form.cleaned_data.get("tags"),
                **self.structure_to_save(form, formsets),
                by=request.user,
                expected_version=form.cleaned_data.get("opened_version") if change else None,
            )
            done = self.unlink_if_asked(request, article, form)
            done += self._after_save(request, article, form)
        except (ValidationError, PermissionDenied) as error:
            # The transaction rolls back, but a new cover was already copied into covers/:
            # remove it; the kept upload waits for the next attempt (the form says so).
            if "cover_image" in form.changed_data and article.cover_image:
                default_storage.delete(article.cover_image.name)
            request._article_kept_upload = form.kept_upload_name
            raise WriteRefused(error) from error
        for message in done:  # only now that everything went through
            self.message_user(request, message, messages.SUCCESS)
        if form.kept_upload_name:
            # The article's cover is its own copy now (under covers/).
            default_storage.delete(form.kept_upload_name)

    def _after_save(self, request, article: Article, form) -> list[str]:
        """The extra button pressed beside Save (a move, a share link); what to tell."""
        done = []
        if request.POST.get(WORKFLOW_KEY):
            done.append(_move(article, request, form))
        if SHARE_KEY in request.POST:
            done.append(self._create_share_link(request, article))
        revoke = request.POST.get(REVOKE_KEY, "")
        if revoke:
            link = article.share_links.filter(pk=int(revoke) if revoke.isdigit() else None).first()
            if link is None:
                raise ValidationError(_("This share link does not belong to this article."))
            if sharing.share_link_revoke(link=link, by=request.user):
                done.append(_("Share link revoked."))
        return done

    def _create_share_link(self, request, article: Article) -> str:
        share_form = ShareLinkForm(request.POST)
        if not share_form.is_valid():
            raise ValidationError(
                [error for errors in share_form.errors.values() for error in errors]
            )
        link = sharing.share_link_create(
            article=article,
            by=request.user,
            days=share_form.cleaned_data["share_days"],
            note=share_form.cleaned_data["share_note"],
        )
        return format_html(
            "{} <code class='share-url'>{}</code>",
            _("Share link created; send this address to the reviewer:"),
            sharing.share_url(link),
        )

    def get_deleted_objects(self, objs, request):
        # An article's share links go with it; they are not a reason to refuse the delete.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        perms_needed.discard(ShareLink._meta.verbose_name)
        return deleted, counts, perms_needed, protected

    def construct_change_message(self, request, form, formsets, add=False):
        # The byline is saved by the write path, not by the formsets; the revision history
        # (History button) records what changed.
        return super().construct_change_message(request, form, [], add)

    def _stays_on_page(self, request) -> bool:
        return any(key in request.POST for key in (WORKFLOW_KEY, SHARE_KEY, REVOKE_KEY))

    def response_add(self, request, obj, post_url_continue=None):
        if self._stays_on_page(request):
            return HttpResponseRedirect(self._change_url(obj))
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if self._stays_on_page(request):
            return HttpResponseRedirect(self._change_url(obj))
        return super().response_change(request, obj)

    def _change_url(self, obj) -> str:
        return reverse("admin:articles_article_change", args=[obj.pk])

    def delete_model(self, request, obj) -> None:
        services.article_delete(article=obj, by=request.user)

    def delete_queryset(self, request, queryset) -> None:
        for article in queryset:
            services.article_delete(article=article, by=request.user)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        article = obj if obj is not None else Article()
        editable = self.has_change_permission(request, obj) if obj else True
        context.update(
            workflow_actions=[
                action
                for action in workflow.allowed_actions(request.user, article)
                # Send back and schedule need the form (note, date): only where it is editable.
                if editable or action not in (Action.SEND_BACK, Action.SCHEDULE)
            ],
            # Taking an article down must not wait for the form to be valid: these buttons
            # make the move alone (workflow_view) and do not save the form.
            takedown_actions=TAKEDOWN,
            workflow_url=(reverse("admin:articles_article_workflow", args=[obj.pk]) if obj else ""),
            form_editable=editable,
            share_links=[(link, sharing.share_url(link)) for link in obj.share_links.all()]
            if obj
            else [],
            can_share=obj is not None and workflow.is_editor(request.user),
            share_form=ShareLinkForm(initial={"share_days": settings.SHARE_LINK_DAYS}),
            review_note=obj.review_note if obj is not None and obj.status == Status.DRAFT else "",
            # What other apps show about this article (comments: counts, closing).
            article_panels=render_article_panels(request, obj) if obj is not None else [],
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- Extra pages: workflow for read-only viewers, history (ArticleHistoryMixin) -------

    def get_urls(self):
        return [
            path(
                "<path:object_id>/workflow/",
                self.admin_site.admin_view(self.workflow_view),
                name="articles_article_workflow",
            ),
            *super().get_urls(),
        ]

    def workflow_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The move alone, nothing else is saved: for taking an article down (unpublish,
        archive: an invalid form must not hold that up) and where the form is read-only (an
        Author withdrawing their article from review)."""
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[object_id]))
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404(_("No article with this number."))
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        try:
            message = _move(article, request, None)
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, refusal_text(error), messages.ERROR)
        else:
            self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(self._change_url(article))

    # --- Columns and read-only fields -----------------------------------------------------

    @admin.display(description=gettext_lazy("language"), ordering="language")
    def language_code(self, article: Article) -> str:
        return format_html(
            '<abbr title="{}">{}</abbr>', article.get_language_display(), article.language.upper()
        )

    @admin.display(description=gettext_lazy("date"), ordering="published_at")
    def publish_date(self, article: Article) -> str:
        # A draft's date is only a plan (or left from before it was unpublished).
        if article.published_at is None or article.status in (Status.DRAFT, Status.REVIEW):
            return "–"
        return formats.date_format(
            timezone.localtime(article.published_at), "SHORT_DATETIME_FORMAT"
        )

    @admin.display(description=gettext_lazy("authors"))
    def byline(self, article: Article) -> str:
        return ", ".join(author.name for author in article.ordered_authors)

    @admin.display(description=gettext_lazy("state"), ordering="status")
    def state_badge(self, article: Article) -> str:
        return format_html(
            '<span class="state state-{}">{}</span>', article.state, article.state_label
        )

    @admin.display(description=gettext_lazy("state"))
    def state_display(self, article: Article) -> str:
        if article.pk is None:
            return format_html('<span class="state state-draft">{}</span>', State.DRAFT.label)
        return self.state_badge(article)

    @admin.display(description=gettext_lazy("cover"))
    def thumbnail(self, article: Article) -> str:
        return _thumbnail(article, width=64, height=36)

    @admin.display(description=gettext_lazy("current cover"))
    def cover_preview(self, article: Article) -> str:
        return _thumbnail(article, width=160, height=90, lazy=False) or _("No cover image yet.")

    @admin.display(description=gettext_lazy("preview"))
    def preview_link(self, article: Article) -> str:
        if article.pk is None:
            return _("Save the article to preview it.")
        label = (
            _("View on the site") if article.is_reachable else _("Preview as readers will see it")
        )
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', article.get_absolute_url(), label
        )


def _stored_byline(article: Article):
    return list(article.ordered_authors) if article.pk else []


def _thumbnail(article: Article, *, width: int, height: int, lazy: bool = True) -> str:
    # Only a stored cover: not one chosen in a form that came back with errors.
    if not article.cover_image or not getattr(article.cover_image, "_committed", True):
        return ""
    return format_html(
        '<img class="cover-thumb" src="{}" width="{}" height="{}" alt="" loading="{}">',
        article.cover_thumbnail.url,  # computed: made when the cover was saved (renditions.py)
        width,
        height,
        "lazy" if lazy else "eager",
    )
