"""The article's History button: its revisions, the difference between any two, and restoring
one (through the write path, as a new revision)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from articles import services
from articles.models import Article
from articles.revisions import article_versions, compare, describe, snapshot


def version_label(version) -> str:
    return formats.date_format(timezone.localtime(version.revision.date_created), "DATETIME_FORMAT")


class ArticleHistoryMixin:
    """For ArticleAdmin: replaces Django's log-entry history with the revisions."""

    revisions_template = "admin/articles/article/revisions.html"
    compare_template = "admin/articles/article/compare.html"

    def get_urls(self):
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="articles_article_restore",
            ),
            *super().get_urls(),
        ]

    def _viewable(self, request: HttpRequest, object_id: str) -> Article:
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404(_("No article with this number."))
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def _context(self, request: HttpRequest, article: Article, title: str) -> dict:
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": None,
            "opts": self.opts,
            "original": article,
            "has_view_permission": True,
            "can_restore": self.has_change_permission(request, article),
        }

    def history_view(self, request, object_id, extra_context=None):
        article = self._viewable(request, object_id)
        versions = list(article_versions(article))
        for version in versions:
            version.label = version_label(version)
            version.description = describe(version.revision)
        context = {
            **self._context(request, article, _("Revisions of “%(title)s”") % {"title": article}),
            "versions": versions,
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.revisions_template, context)

    def compare_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Two revisions side by side: ``?a=<id>&b=<id>``, or ``?from_version=<n>`` (the
        version an editor's form was opened at) against the newest."""
        article = self._viewable(request, object_id)
        versions = list(article_versions(article))
        if len(versions) < 2:
            raise Http404(_("This article has only one revision so far."))
        by_id = {str(version.pk): version for version in versions}
        newer = by_id.get(request.GET.get("b", ""), versions[0])
        if "from_version" in request.GET:
            older = next(
                (
                    version
                    for version in versions
                    if str(version.field_dict.get("lock_version")) == request.GET["from_version"]
                ),
                versions[-1],
            )
        else:
            older = by_id.get(request.GET.get("a", ""), versions[1])
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        older.label, newer.label = version_label(older), version_label(newer)
        context = {
            **self._context(request, article, _("Changes to “%(title)s”") % {"title": article}),
            "older": older,
            "newer": newer,
            "differences": compare(snapshot(older), snapshot(newer)),
        }
        return TemplateResponse(request, self.compare_template, context)

    def restore_view(self, request: HttpRequest, object_id: str, version_id: int) -> HttpResponse:
        """GET: what restoring would change; POST: restore it as a new revision."""
        article = self._viewable(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        versions = list(article_versions(article))
        target = next((version for version in versions if version.pk == version_id), None)
        if target is None:
            raise Http404(_("This revision does not belong to this article."))
        target.label = version_label(target)
        history_url = reverse("admin:articles_article_history", args=[article.pk])
        if request.method == "POST":
            try:
                services.article_restore_revision(
                    article=article,
                    snapshot=snapshot(target),
                    made_at=target.revision.date_created,
                    by=request.user,
                )
            except (ValidationError, PermissionDenied) as error:
                text = " ".join(error.messages) if isinstance(error, ValidationError) else error
                self.message_user(request, text, messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("The revision of %(date)s is restored; the restore is a revision itself.")
                    % {"date": target.label},
                    messages.SUCCESS,
                )
            return HttpResponseRedirect(history_url)
        current = versions[0]
        current.label = version_label(current)
        context = {
            **self._context(request, article, _("Restore an earlier revision")),
            "older": current,
            "newer": target,
            "restoring": True,
            "differences": compare(snapshot(current), snapshot(target), with_address=False),
        }
        return TemplateResponse(request, self.compare_template, context)
