"""Endpoints the admin's Markdown editor calls: live preview and image upload, staff only."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.forms import EditorImageForm
from articles.markdown import render_markdown
from articles.services import PLACEHOLDER_ALT


def editor_only(view):
    """For the editor's endpoints: only active staff who may write articles; others get 403
    (not a login redirect: the editor's JavaScript calls these)."""

    def check(user) -> bool:
        if (
            user.is_active
            and user.is_staff
            and (user.has_perm("articles.add_article") or user.has_perm("articles.change_article"))
        ):
            return True
        raise PermissionDenied

    return user_passes_test(check)(view)


@editor_only
@require_POST
def markdown_preview(request: HttpRequest) -> HttpResponse:
    """The editor's live preview: the same HTML that saving the article stores."""
    return HttpResponse(render_markdown(request.POST.get("content", "")))


@editor_only
@require_POST
def editor_image_upload(request: HttpRequest) -> JsonResponse:
    """An image dropped into the editor: checked, re-encoded, stored; answers Markdown for it.

    The alt text is a placeholder in the editor's language that they replace.
    """
    form = EditorImageForm(request.POST, request.FILES)
    if not form.is_valid():
        return JsonResponse(form.errors, status=400)
    image = form.cleaned_data["image"]
    # Named as a cover is (articles.images.upload_name): an ASCII slug, a random suffix, the
    # re-encoded format's extension; never the name the browser sent.
    path = default_storage.save(f"{settings.MARKDOWNX_MEDIA_PATH}{image.name}", image)
    # A paragraph of its own wherever it is dropped: glued to the next line, "# Heading"
    # would turn into text. The placeholder cannot be published (services.publication_problems).
    return JsonResponse(
        {"image_code": f"\n\n![{_(PLACEHOLDER_ALT)}]({default_storage.url(path)})\n\n"}
    )
