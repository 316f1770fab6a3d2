"""The moderators' desk: the comment queue, a comment's page with its thread and a reply form,
closing an article's comments (from the article's page, comments/article_admin.py), the
blocklist, and a commenter's export and erasure.

Every write goes through comments/services.py or comments/privacy.py. Nothing is deleted from
here: "removed" and "spam" are statuses, and erasing blanks a comment but keeps its row.

On a comment's page an editor may change the status and fix what a reader typed (name,
website, signature, text: a typo the reader asked about, a phone number to take out) — less
drastic than removing the comment. The e-mail address stays as sent: it is what export, erasure
and the known-commenter rule go by. An erased comment has nothing left to edit.
"""

from __future__ import annotations

import json
import re

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Max
from django.db.models.functions import Lower
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import truncatechars
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from articles.models import Article
from comments import text
from comments.article_admin import THREAD_KEY
from comments.closing import closed_by_age
from comments.models import BlockedTerm, Comment
from comments.privacy import ERASED_EMAIL, erase_comments, export_comments
from comments.services import comments_set_status, moderator_reply, thread_set_closed

# --- The queue: filters and bulk actions ------------------------------------------------------


class ArticleFilter(admin.SimpleListFilter):
    """By article, without listing every article: the articles with comments waiting (the
    newest first, a few), plus the one chosen (e.g. from the article's page)."""

    title = gettext_lazy("article")
    parameter_name = "article"
    LIMIT = 15

    def lookups(self, request, model_admin):
        waiting = (
            Comment.objects.pending()
            .values("article", "article__title")
            .annotate(waiting=Count("pk"), newest=Max("created_at"))
            .order_by("-newest")[: self.LIMIT]
        )
        choices = [
            (str(row["article"]), f"{row['article__title']} ({row['waiting']})") for row in waiting
        ]
        chosen = self.value()
        if chosen and chosen.isdigit() and chosen not in {pk for pk, _label in choices}:
            title = Article.objects.filter(pk=chosen).values_list("title", flat=True).first()
            if title is not None:
                choices.insert(0, (chosen, title))
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        return queryset.filter(article_id=int(value)) if value.isdigit() else queryset.none()


def _moderation_action(status: str, description: str):
    def action(modeladmin, request, queryset) -> None:
        selected = queryset.count()
        changed = comments_set_status(comments=queryset, status=status, by=request.user)
        message = ngettext(
            "%(count)d comment marked as %(status)s.",
            "%(count)d comments marked as %(status)s.",
            changed,
        ) % {"count": changed, "status": Comment.Status(status).label}
        if selected > changed:
            message += " " + ngettext(
                "%(count)d already was.", "%(count)d already were.", selected - changed
            ) % {"count": selected - changed}
        modeladmin.message_user(request, message, messages.SUCCESS)

    action.__name__ = f"mark_{status}"
    return admin.action(description=description, permissions=["change"])(action)


@admin.action(description=gettext_lazy("Block the senders' IP hashes"), permissions=["block"])
def block_ip_hashes(modeladmin, request, queryset) -> None:
    hashes = set(queryset.exclude(ip_hash="").values_list("ip_hash", flat=True))
    if not hashes:
        modeladmin.message_user(
            request,
            _("The selected comments have no IP hash any more (cleared after some days)."),
            messages.WARNING,
        )
        return
    note = _("Blocked from the comment list by %(user)s") % {"user": request.user.get_username()}
    added = sum(
        BlockedTerm.objects.get_or_create(
            kind=BlockedTerm.Kind.IP_HASH, value=value, defaults={"note": note}
        )[1]
        for value in sorted(hashes)
    )
    message = ngettext(
        "%(count)d IP hash added to the blocklist: new comments from it are spam.",
        "%(count)d IP hashes added to the blocklist: new comments from them are spam.",
        added,
    ) % {"count": added}
    if len(hashes) > added:
        message += " " + ngettext(
            "%(count)d was on it already.", "%(count)d were on it already.", len(hashes) - added
        ) % {"count": len(hashes) - added}
    modeladmin.message_user(request, message, messages.SUCCESS)


def _emails(queryset) -> list[str]:
    """The distinct addresses of the selected comments, lower-cased, erased ones left out."""
    found = queryset.exclude(email=ERASED_EMAIL).annotate(address=Lower("email"))
    return sorted(set(found.values_list("address", flat=True)))


@admin.action(
    description=gettext_lazy("Export all comments of these e-mail addresses (JSON download)"),
    permissions=["change"],
)
def export_emails(modeladmin, request, queryset) -> HttpResponse | None:
    emails = _emails(queryset)
    if not emails:
        modeladmin.message_user(request, _("The selected comments are erased."), messages.WARNING)
        return None
    data = {email: export_comments(email) for email in emails}
    name = emails[0] if len(emails) == 1 else f"{len(emails)}-addresses"
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    safe = re.sub(r"[^A-Za-z0-9._@-]", "_", name)
    response["Content-Disposition"] = f'attachment; filename="comments-{safe}-{stamp}.json"'
    return response


@admin.action(
    description=gettext_lazy("Erase all comments of these e-mail addresses"),
    permissions=["change"],
)
def erase_emails(modeladmin, request, queryset) -> TemplateResponse | None:
    """Like Django's delete: a page that says what will happen, then the erasure."""
    emails = _emails(queryset)
    if not emails:
        modeladmin.message_user(request, _("The selected comments are erased."), messages.WARNING)
        return None
    if request.POST.get("post") == "yes":
        erased = sum(erase_comments(email) for email in emails)
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d comment erased: name, e-mail, text and IP hash are gone; "
                "the thread shows it as removed at the author's request.",
                "%(count)d comments erased: names, e-mails, texts and IP hashes are gone; "
                "the threads show them as removed at the author's request.",
                erased,
            )
            % {"count": erased},
            messages.SUCCESS,
        )
        return None
    counts = dict(
        Comment.objects.filter(erased_at__isnull=True)
        .annotate(address=Lower("email"))
        .filter(address__in=emails)
        .values_list("address")
        .annotate(count=Count("pk"))
    )
    return TemplateResponse(
        request,
        "admin/comments/comment/erase_confirmation.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": _("Erase the comments of these e-mail addresses?"),
            "opts": modeladmin.opts,
            "addresses": [(email, counts.get(email, 0)) for email in emails],
            "total": sum(counts.values()),
            "queryset": queryset,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        },
    )


# --- A comment's page ---------------------------------------------------------------------------


def _cleaned(value: str, *, multiline: bool, required: bool) -> str:
    value = text.clean(value, multiline=multiline)
    if required and not text.has_visible(value):
        raise forms.ValidationError(_("Write at least one visible character."))
    return value


class CommentAdminForm(forms.ModelForm):
    """What an editor may fix, cleaned as the reader's form cleans it (comments/text.py)."""

    class Meta:
        model = Comment
        fields = ["status", "name", "website", "signature", "body"]

    def clean_name(self) -> str:
        return _cleaned(self.cleaned_data["name"], multiline=False, required=True)

    def clean_signature(self) -> str:
        return _cleaned(self.cleaned_data["signature"], multiline=False, required=False)

    def clean_body(self) -> str:
        return _cleaned(self.cleaned_data["body"], multiline=True, required=True)


class ReplyForm(forms.Form):
    """A moderator's reply. Its ids differ from the comment form's on the same page."""

    body = forms.CharField(
        label=gettext_lazy("Your reply"),
        max_length=Comment._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        help_text=gettext_lazy(
            "Plain text, published at once under this comment with your name and the Editor "
            "badge (the Author badge on your own article)."
        ),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_reply_%s")
        super().__init__(*args, **kwargs)

    def clean_body(self) -> str:
        return _cleaned(self.cleaned_data["body"], multiline=True, required=True)


def reply_refusal(comment: Comment) -> str:
    """Why a moderator cannot answer ``comment`` ("" when they can)."""
    if comment.is_erased:
        return _("This comment was erased at its author's request; it takes no replies.")
    if comment.status in (Comment.Status.SPAM, Comment.Status.REMOVED):
        return _("Only approved or waiting comments can be answered; approve it first.")
    return ""


def _change_url(comment: Comment) -> str:
    return reverse("admin:comments_comment_change", args=[comment.pk])


STATUS_CLASSES = {  # the article states' colours (static/css/admin.css)
    Comment.Status.PENDING: "state-review",
    Comment.Status.APPROVED: "state-published",
    Comment.Status.SPAM: "state-archived",
    Comment.Status.REMOVED: "state-draft",
}


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    form = CommentAdminForm
    change_form_template = "admin/comments/comment/change_form.html"
    list_display = [
        "excerpt", "article_title", "author", "signature", "status_badge", "decided_by",
        "badge", "created_at",
    ]  # fmt: skip
    list_display_links = ["excerpt"]
    list_filter = ["status", "rule", ArticleFilter, "badge", "created_at"]
    list_select_related = ["article"]
    list_per_page = 50
    ordering = ["-created_at", "-pk"]
    search_fields = ["name", "email", "body", "signature", "article__title"]
    search_help_text = gettext_lazy("Name, e-mail address, text, signature or article title.")
    date_hierarchy = "created_at"
    actions = [
        _moderation_action(Comment.Status.APPROVED, gettext_lazy("Approve selected comments")),
        _moderation_action(Comment.Status.SPAM, gettext_lazy("Mark selected comments as spam")),
        _moderation_action(Comment.Status.REMOVED, gettext_lazy("Remove selected comments")),
        block_ip_hashes,
        export_emails,
        erase_emails,
    ]
    readonly_fields = [
        "article_link", "parent_link", "email", "notify_replies", "decided_by", "badge", "user",
        "created_at", "moderated", "ip_hash_display", "erased_at", "thread_context",
    ]  # fmt: skip

    def view_on_site(self, comment: Comment) -> str | None:
        # The permalink answers for public comments only.
        if comment.status != Comment.Status.APPROVED or comment.is_erased:
            return None
        return comment.get_absolute_url()

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("article", "parent", "moderated_by", "user")
        )

    # --- Who may do what --------------------------------------------------------------------

    def has_add_permission(self, request) -> bool:
        # Comments come from readers through the site; editors answer with the reply form.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # Nothing is deleted: "removed" is a status, erasure blanks the row.
        return False

    def has_block_permission(self, request) -> bool:
        return request.user.has_perm("comments.add_blockedterm")

    def get_fieldsets(self, request, obj=None):
        return [
            (None, {"fields": ["article_link", "parent_link", "status"]}),
            (
                _("What the reader sent"),
                {
                    "fields": ["name", "email", "website", "signature", "body", "notify_replies"],
                    "description": _(
                        "Fix a typo or take out a personal detail if you must; the e-mail "
                        "address stays as sent."
                    ),
                },
            ),
            (
                _("Moderation"),
                {
                    "fields": [
                        "decided_by",
                        "badge",
                        "user",
                        "created_at",
                        "moderated",
                        "ip_hash_display",
                        "erased_at",
                    ],  # fmt: skip
                },
            ),
            (_("Thread"), {"fields": ["thread_context"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_erased:
            fields += ["name", "website", "signature", "body"]
        return fields

    # --- Saving: a status change is a moderation decision (services) ------------------------

    def save_model(self, request, obj, form, change) -> None:
        typed = [name for name in form.changed_data if name != "status"]
        if typed:
            obj.save(update_fields=typed)
        if "status" in form.changed_data:
            comments_set_status(
                comments=Comment.objects.filter(pk=obj.pk), status=obj.status, by=request.user
            )

    # --- Extra pages: reply, close/reopen an article's comments ---------------------------

    def get_urls(self):
        return [
            path(
                "<path:object_id>/reply/",
                self.admin_site.admin_view(self.reply_view),
                name="comments_comment_reply",
            ),
            path(
                "thread/<int:article_id>/",
                self.admin_site.admin_view(self.thread_view),
                name="comments_comment_thread",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        comment = self.get_object(request, unquote(object_id))
        context = dict(extra_context or {})
        if comment is not None and self.has_change_permission(request, comment):
            context.update(self._reply_context(comment, ReplyForm()))
        return super().change_view(request, object_id, form_url, context)

    def _reply_context(self, comment: Comment, form: ReplyForm) -> dict:
        return {
            "reply_form": form,
            "reply_url": reverse("admin:comments_comment_reply", args=[comment.pk]),
            "reply_refusal": reply_refusal(comment),
            "reply_approves": comment.status == Comment.Status.PENDING,
        }

    def reply_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """A moderator's answer to a comment: published at once with their badge. A waiting
        comment is approved with it (an answer under an unpublished comment would hang in
        the air). With errors, this page shows the form again with the text kept."""
        parent = self.get_object(request, unquote(object_id))
        if parent is None:
            raise Http404(_("No comment with this number."))
        if not self.has_change_permission(request, parent):
            raise PermissionDenied
        refusal = reply_refusal(parent)
        if refusal:
            self.message_user(request, refusal, messages.ERROR)
            return HttpResponseRedirect(_change_url(parent))
        form = ReplyForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            with transaction.atomic():
                approved = parent.status == Comment.Status.PENDING
                if approved:
                    comments_set_status(
                        comments=Comment.objects.filter(pk=parent.pk),
                        status=Comment.Status.APPROVED,
                        by=request.user,
                    )
                reply = moderator_reply(
                    parent=parent, body=form.cleaned_data["body"], by=request.user
                )
            done = (
                _("Comment approved and your reply published with the %(badge)s badge.")
                if approved
                else _("Your reply is published with the %(badge)s badge.")
            ) % {"badge": reply.get_badge_display()}
            self.message_user(
                request,
                format_html('{} <a href="{}">{}</a>', done, _change_url(reply), _("Open it")),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(_change_url(parent))
        return TemplateResponse(
            request,
            "admin/comments/comment/reply.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Reply to %(name)s") % {"name": parent.name},
                "opts": self.opts,
                "original": parent,
                "body_html": text.render(parent.body),
                **self._reply_context(parent, form),
            },
            status=400 if form.is_bound else 200,
        )

    def thread_view(self, request: HttpRequest, article_id: int) -> HttpResponse:
        """Close or reopen an article's comments (the button on the article's page)."""
        if not request.user.has_perm("comments.change_thread"):
            raise PermissionDenied
        article = get_object_or_404(Article, pk=article_id)
        back = HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        if request.method != "POST":
            return back
        action = request.POST.get(THREAD_KEY)
        if action not in ("close", "reopen"):
            self.message_user(request, _("Unknown action."), messages.ERROR)
            return back
        thread_set_closed(article=article, closed=action == "close")
        if action == "close":
            message = _("Comments closed: the comments stay visible, readers cannot add new ones.")
        elif closed_by_age(article):
            message = _(
                "Comments reopened, but they stay closed: the article is older than the "
                "COMMENT_CLOSE_AFTER_DAYS setting allows."
            )
        else:
            message = _("Comments reopened: readers can comment again.")
        self.message_user(request, message, messages.SUCCESS)
        return back

    # --- Columns and read-only fields -------------------------------------------------------

    @admin.display(description=gettext_lazy("comment"))
    def excerpt(self, comment: Comment) -> str:
        if comment.is_erased:
            return _("(erased at the author's request)")
        return truncatechars(comment.body, 80)

    @admin.display(description=gettext_lazy("article"), ordering="article__title")
    def article_title(self, comment: Comment) -> str:
        query = urlencode({"article": comment.article_id})
        return format_html(
            '<a href="?{}" title="{}">{}</a>',
            query,
            _("Only the comments on this article"),
            truncatechars(comment.article.title, 60),
        )

    @admin.display(description=gettext_lazy("name"), ordering="name")
    def author(self, comment: Comment) -> str:
        return comment.name or "–"

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_badge(self, comment: Comment) -> str:
        return format_html(
            '<span class="state {}">{}</span>',
            STATUS_CLASSES.get(comment.status, ""),
            comment.get_status_display(),
        )

    @admin.display(description=gettext_lazy("decided by"), ordering="rule")
    def decided_by(self, comment: Comment) -> str:
        if comment.rule_detail:
            return f"{comment.get_rule_display()}: {comment.rule_detail}"
        return comment.get_rule_display()

    @admin.display(description=gettext_lazy("article"))
    def article_link(self, comment: Comment) -> str:
        article = comment.article
        return format_html(
            '<a href="{}">{}</a> · <a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("admin:articles_article_change", args=[article.pk]),
            article.title,
            article.get_absolute_url(),
            _("on the site"),
        )

    @admin.display(description=gettext_lazy("in reply to"))
    def parent_link(self, comment: Comment) -> str:
        parent = comment.parent
        if parent is None:
            return _("(the article)")
        return format_html(
            '<a href="{}">{}</a>',
            _change_url(parent),
            str(parent) if not parent.is_erased else _("(erased at the author's request)"),
        )

    @admin.display(description=gettext_lazy("moderated"))
    def moderated(self, comment: Comment) -> str:
        if comment.moderated_at is None:
            return "–"
        when = formats.date_format(
            timezone.localtime(comment.moderated_at), "SHORT_DATETIME_FORMAT"
        )
        who = comment.moderated_by.get_username() if comment.moderated_by else ""
        return f"{when} ({who})" if who else when

    @admin.display(description=gettext_lazy("IP hash"))
    def ip_hash_display(self, comment: Comment) -> str:
        if not comment.ip_hash:
            return _("(none: cleared after some days, or never known)")
        add = reverse("admin:comments_blockedterm_add")
        query = urlencode({"kind": BlockedTerm.Kind.IP_HASH, "value": comment.ip_hash})
        return format_html(
            '<code>{}</code> · <a href="{}?{}">{}</a>',
            comment.ip_hash,
            add,
            query,
            _("Add to the blocklist"),
        )

    @admin.display(description=gettext_lazy("thread"))
    def thread_context(self, comment: Comment) -> str:
        """The comments above this one (up to the article) and the replies to it."""
        ancestors = []
        parent = comment.parent
        while parent is not None:
            ancestors.insert(0, parent)
            parent = parent.parent
        replies = list(comment.replies.order_by("created_at", "pk"))
        return render_to_string(
            "admin/comments/comment/thread_context.html",
            {
                "comment": comment,
                "ancestors": [_context_item(item) for item in ancestors],
                "replies": [_context_item(item) for item in replies],
            },
        )


def _context_item(comment: Comment) -> dict:
    return {
        "comment": comment,
        "url": _change_url(comment),
        "body_html": text.render(comment.body) if not comment.is_erased else "",
    }


# --- The blocklist ------------------------------------------------------------------------------

HEX = re.compile(r"[0-9a-f]{16,128}")


class BlockedTermForm(forms.ModelForm):
    class Meta:
        model = BlockedTerm
        fields = ["kind", "value", "note"]

    def clean(self):
        data = super().clean()
        kind, value = data.get("kind"), data.get("value")
        if not kind or value is None:
            return data
        if kind == BlockedTerm.Kind.WORD:
            value = text.clean(value, multiline=False)
            if not text.has_visible(value):
                self.add_error("value", _("Write at least one visible character."))
        elif kind == BlockedTerm.Kind.EMAIL_DOMAIN:
            value = value.strip().lstrip("@").lower()
            if "." not in value or "@" in value or " " in value:
                self.add_error("value", _("Enter a domain such as spam.example."))
        else:
            value = value.strip().lower()
            if not HEX.fullmatch(value):
                self.add_error("value", _("Copy the IP hash from a comment's page."))
        data["value"] = value
        return data


@admin.register(BlockedTerm)
class BlockedTermAdmin(admin.ModelAdmin):
    form = BlockedTermForm
    list_display = ["value", "kind", "note", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value", "note"]
    ordering = ["kind", "value"]
    fieldsets = [
        (
            None,
            {
                "fields": ["kind", "value", "note"],
                "description": gettext_lazy(
                    "A new comment that matches an entry is stored as spam (moderation rule 1); "
                    "comments already there are not changed. "
                    "Word or phrase: found anywhere in name, website, signature or text, case "
                    "and accents ignored (“viagra” also matches “VIAGRA”). "
                    "E-mail domain: the part after @, and its subdomains (“spam.example” also "
                    "matches “mail.spam.example”). "
                    "IP hash: the sender's address in hashed form, copied from a comment's page "
                    "(“Add to the blocklist”); addresses change owners, so prefer a short note "
                    "with the date."
                ),
            },
        ),
    ]
