"""What a reader and an editor see and do on the comment pages.

Pages are read with BeautifulSoup (tests/html.py); these helpers only name the parts of the
article page and of the admin that the comments tests look at.
"""

from __future__ import annotations

from bs4 import Tag
from django.urls import reverse

from comments.spam import new_ticket
from tests.html import one, text

# The message a reader sees after sending a comment (and a bot after filling the honeypot).
THANKS = "Thank you! Your comment will appear once an editor has approved it."


def messages_shown(page: Tag) -> list[str]:
    """The confirmation the comment section shows (where the reader is, not at the top)."""
    return [text(item) for item in page.select("#comments .message")]


def shown_comments(page: Tag) -> list[Tag]:
    """The comments listed on an article page, in order."""
    return one(page, "section#comments").select("li.comment")


def comment_form(page: Tag) -> Tag:
    return one(page, "form.comment-form")


def form_errors(page: Tag) -> str:
    """Errors about the form as a whole (shown above the fields)."""
    box = comment_form(page).select_one(".form-errors")
    return text(box) if box else ""


def comment_data(**overrides) -> dict:
    """What a reader types into the comment form."""
    data = {
        "name": "Ger J.F. de Bruijn",
        "email": "ger.debruijn@example.nl",
        "website": "https://bruijn.example.nl/",
        "signature": "Ger J.F. de Bruijn, Businesstraining",
        "body": "Sehr hilfreich – vor allem der Abschnitt über Führung.",
        "consent": "on",
        "ticket": new_ticket(),
        "homepage": "",
    }
    data.update(overrides)
    return data


def post_url(article) -> str:
    return reverse("comments:post", args=[article.pk])


def moderate(editor_client, action: str, comments):
    """An editor ticks ``comments`` in the admin list and runs a bulk action."""
    return editor_client.post(
        reverse("admin:comments_comment_changelist"),
        {"action": action, "_selected_action": [comment.pk for comment in comments]},
    )
