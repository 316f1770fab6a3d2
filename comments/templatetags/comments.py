"""The comment section of the article page, and comment counts for article lists.

Everything here reads only the address (``?comments=`` page, ``?reply=`` comment,
``?comment=`` token after sending) and the database, never the reader's session or account:
the page at an address is the same for every reader, so a cache may keep it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.db.models import Count
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import SafeString

from comments import text, threads
from comments.closing import accepts_comments
from comments.forms import CommentForm
from comments.models import Comment

register = template.Library()

# The outcome of sending, as the comment section says it.
SENT = "sent"  # held for an editor (or a bot, told the same)
PUBLISHED = "published"


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, article) -> dict:
    """The public comments of ``article`` (one page of its conversations), what became of
    the reader's own comment just sent, and the form to add one (or to reply)."""
    request = context.get("request")
    query = request.GET if request is not None else {}
    thread = threads.load(article)
    open_for_comments = accepts_comments(article)

    outcome, own = _own_comment(article, thread, query.get("comment", ""))
    form = context.get("comment_form")
    # A form that came back (with errors, or refused because the thread closed meanwhile).
    returned = form is not None and form.is_bound
    replying_to = _replying_to(thread, form, query.get("reply", "")) if open_for_comments else None
    if form is None:
        initial = {"parent": replying_to.pk} if replying_to is not None else {}
        form = CommentForm(article=article, initial=initial)
    elif form.is_bound and replying_to is None and form.data.get(form.add_prefix("parent")):
        # The comment it answered is gone (or closed to replies): sent again, the text becomes
        # a comment on the article, as the form's error says.
        form.data = form.data.copy()
        form.data[form.add_prefix("parent")] = ""

    number = _page_number(query.get("comments"))
    if number is None:
        # Without a page asked for, the page that shows what the reader came for.
        focus = own or replying_to
        number = (thread.page_number_of(focus.pk) if focus is not None else None) or 1
    page = thread.paginate(number)
    article_url = article.get_absolute_url()
    here = f"{article_url}?comments={page.number}" if page.number > 1 else article_url
    own_on_page = own is not None and own.pk in {node.pk for node in threads.walk(page.object_list)}
    return {
        "article": article,
        "thread": thread,
        "page": page,
        "conversations": page.object_list,
        "pagination": _pagination(page, article_url),
        "article_url": article_url,
        "here": here,
        "open": open_for_comments,
        "form": form,
        "returned": returned,
        "replying_to": replying_to,
        "outcome": outcome,
        "outcome_in_section": bool(outcome) and not own_on_page,
        "privacy_url": privacy_url(),
    }


def _page_number(value) -> int | None:
    """``?comments=N`` as a number; None when not given, 1 for anything unusable."""
    if value is None:
        return None
    value = value.strip()
    if not (value.isascii() and value.isdigit() and len(value) <= 9):
        return 1
    return int(value)


def _own_comment(article, thread: threads.CommentThread, token: str):
    """What the address after sending says: ("sent" | "published" | "", the reader's node).

    Only the comment the signed token names is shown, only on its own article, and only while
    it waits for an editor or is public; a spam verdict reads like any held comment (a spammer
    learns nothing), and a tampered or expired token shows nothing at all.
    """
    if not token:
        return "", None
    if token == SENT:
        return SENT, None
    from comments.views import own_comment  # the token's format lives with the view

    comment = own_comment(token)
    if comment is None or comment.article_id != article.pk:
        return "", None
    if comment.status == Comment.Status.APPROVED:
        node = thread.nodes.get(comment.pk)
        if node is not None:
            node.own = True
        return PUBLISHED, node
    if comment.status == Comment.Status.PENDING:
        return SENT, thread.show_own(comment)
    return SENT, None


def _replying_to(thread: threads.CommentThread, form, value) -> threads.Node | None:
    """The public comment the form answers: from a form that came back, or ``?reply=``."""
    if form is not None and form.is_bound:
        value = form.data.get(form.add_prefix("parent"), "")
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    node = thread.nodes.get(pk)
    return node if node is not None and node.is_public else None


def _pagination(page, article_url: str) -> dict:
    """What includes/pagination.html needs, with ``?comments=N#comments`` links."""

    def href(number: int) -> str:
        query = f"?comments={number}" if number > 1 else ""
        return f"{article_url}{query}#comments"

    if not page.has_other_pages():
        return {"page": None}
    links = [
        {"gap": True}
        if number == page.paginator.ELLIPSIS
        else {"number": number, "href": href(number), "current": number == page.number}
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
    return {
        "page": page,
        "links": links,
        "previous_href": href(page.number - 1) if page.has_previous() else "",
        "next_href": href(page.number + 1) if page.has_next() else "",
    }


def privacy_url() -> str:
    """The privacy notice of the current edition ("" until its address is wired up)."""
    try:
        return reverse("comments_public:privacy")
    except NoReverseMatch:
        return ""


@register.inclusion_tag("comments/count_link.html")
def comment_count_link(article) -> dict:
    """ "3 comments", linking to the comment section, for the article page's header (reads
    the thread the comment section shows: no query of its own)."""
    return {"article": article, "count": threads.load(article).count}


@register.simple_tag
def comment_counts(*article_lists: Iterable) -> dict[int, int]:
    """The number of public comments of every article in the lists, in one query:
    ``{% comment_counts featured articles as comment_counts %}``, then
    ``{{ comment_counts|comment_count:article }}`` in each card."""
    pks = {article.pk for articles in article_lists if articles for article in articles}
    if not pks:
        return {}
    rows = (
        Comment.objects.approved()
        .filter(article_id__in=pks, erased_at__isnull=True)
        .order_by()
        .values("article_id")
        .annotate(count=Count("id"))
    )
    return {row["article_id"]: row["count"] for row in rows}


@register.filter
def comment_count(counts, article) -> int:
    """``article``'s count from ``comment_counts`` (0 where none was taken)."""
    if not isinstance(counts, dict):
        return 0
    return counts.get(getattr(article, "pk", None), 0)


@register.filter
def comment_html(body: str) -> SafeString:
    """A comment's plain text as HTML (comments/text.py: paragraphs, quotes, links)."""
    return text.render(body or "")
