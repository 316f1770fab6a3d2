"""An article's comment thread as a reader sees it.

The whole thread is read in one query (``thread_rows``): the approved comments, and the rows
that have replies (a comment erased at its author's request, or one an editor removed after
it was answered) so the replies under them still find their place. The tree is built here,
in Python:

- replies nest under their parent, at most ``COMMENT_MAX_DEPTH`` levels deep; a reply below
  the deepest level is shown beside its parent (where ``services.attach_point`` stores new
  ones anyway);
- a reply whose parent is not public hangs under the nearest public ancestor, or at the top;
- an erased comment stays as "Comment removed at the author's request" while public replies
  hang under it, and disappears when none do.

Long threads are paginated by conversation (a top-level comment with all its replies),
``COMMENTS_PER_PAGE`` a page, oldest first: a comment stays on its page when newer ones
arrive, so ``page_of`` (the permalink) always finds it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q

from articles.models import Article
from comments.models import Comment

# What the page shows of a comment; the e-mail address is never even read.
SHOWN_FIELDS = (
    "id", "article_id", "parent_id", "depth", "name", "website", "signature", "body",
    "badge", "status", "created_at", "erased_at",
)  # fmt: skip


@dataclass(eq=False)
class Node:
    """A comment in the thread: its replies below it, the level it is shown at (0 = a
    comment on the article), and whether it is the reader's own comment awaiting moderation."""

    comment: Comment
    children: list[Node] = field(default_factory=list)
    level: int = 0
    own: bool = False

    @property
    def pk(self) -> int:
        return self.comment.pk

    @property
    def is_public(self) -> bool:
        return _is_public(self.comment)

    @property
    def is_erased(self) -> bool:
        return self.comment.erased_at is not None

    @property
    def is_pending(self) -> bool:
        return self.comment.status == Comment.Status.PENDING


@dataclass
class CommentThread:
    """The conversations of one article, in order, and how many public comments they hold."""

    roots: list[Node]
    nodes: dict[int, Node]  # every node shown, by comment pk
    count: int

    def conversation_index(self, pk: int) -> int | None:
        """The position of the conversation that shows comment ``pk`` (None if not shown)."""
        node = self.nodes.get(pk)
        if node is None:
            return None
        root = node
        while (parent := self._parents.get(root.pk)) is not None:
            root = parent
        return self.roots.index(root)

    def page_number_of(self, pk: int) -> int | None:
        index = self.conversation_index(pk)
        return None if index is None else index // per_page() + 1

    def paginate(self, number: int) -> Page:
        """Page ``number`` of the conversations; any other value gives the first page."""
        paginator = Paginator(self.roots, per_page())
        if number not in paginator.page_range:
            number = 1
        return paginator.page(number)

    def show_own(self, comment: Comment) -> Node:
        """Put the reader's own comment in the thread: where it is if it is public already,
        else, awaiting moderation, under its parent (beside it at the deepest level) or at
        the end of the conversations."""
        node = self.nodes.get(comment.pk)
        if node is not None:
            node.own = True
            return node
        node = Node(comment=comment, own=True)
        parent = self.nodes.get(comment.parent_id) if comment.parent_id else None
        while parent is not None and parent.level >= max_level():
            parent = self._parents.get(parent.pk)
        if parent is None:
            _insert(self.roots, node)
        else:
            node.level = parent.level + 1
            _insert(parent.children, node)
            self._parents[node.pk] = parent
        self.nodes[node.pk] = node
        return node

    @property
    def _parents(self) -> dict[int, Node]:
        if not hasattr(self, "_parent_map"):
            self._parent_map = {
                child.pk: node for node in self.nodes.values() for child in node.children
            }
        return self._parent_map


def _order(node: Node) -> tuple:
    return (node.comment.created_at, node.pk)


def _insert(nodes: list[Node], node: Node) -> None:
    """Put ``node`` among ``nodes`` in the order written (usually: at the end)."""
    bisect.insort(nodes, node, key=_order)


def per_page() -> int:
    return max(settings.COMMENTS_PER_PAGE, 1)


def max_level() -> int:
    """The deepest level a comment is shown at (0: no nesting at all)."""
    return max(settings.COMMENT_MAX_DEPTH - 1, 0)


def _is_public(comment: Comment) -> bool:
    return comment.status == Comment.Status.APPROVED and comment.erased_at is None


def thread_rows(article: Article) -> list[Comment]:
    """The rows the thread is built from, oldest first, in one query: the public comments and
    every comment that has replies (for the path from a reply to its nearest public ancestor)."""
    has_replies = Exists(Comment.objects.filter(parent=OuterRef("pk")))
    return list(
        Comment.objects.filter(article=article)
        .filter(Q(status=Comment.Status.APPROVED, erased_at__isnull=True) | Q(has_replies))
        .only(*SHOWN_FIELDS)
        .order_by("created_at", "pk")
    )


def build(rows: list[Comment]) -> CommentThread:
    """The thread of ``rows`` (as ``thread_rows`` gives them)."""
    by_pk = {row.pk: row for row in rows}
    nodes = {row.pk: Node(comment=row) for row in rows if _is_public(row) or row.erased_at}
    roots: list[Node] = []
    for row in rows:
        node = nodes.get(row.pk)
        if node is None:
            continue  # not shown: only a step on the way from its replies to an ancestor
        parent_pk = row.parent_id
        # Up through the hidden ones (a cycle in bad data must not loop forever).
        seen = set()
        while parent_pk is not None and parent_pk not in nodes and parent_pk not in seen:
            seen.add(parent_pk)
            parent_row = by_pk.get(parent_pk)
            parent_pk = parent_row.parent_id if parent_row is not None else None
        parent = nodes.get(parent_pk) if parent_pk is not None else None
        if parent is None:
            roots.append(node)
        else:
            parent.children.append(node)
    roots = [node for node in roots if _keep(node)]
    roots = _settle(roots, level=0)
    shown = {}
    for node in walk(roots):
        shown[node.pk] = node
    count = sum(1 for node in shown.values() if node.is_public)
    return CommentThread(roots=roots, nodes=shown, count=count)


def _keep(node: Node) -> bool:
    """Drop erased comments with no public reply below them (their children first)."""
    node.children = [child for child in node.children if _keep(child)]
    return node.is_public or bool(node.children)


def _settle(nodes: list[Node], *, level: int) -> list[Node]:
    """Give ``nodes`` their level; below the deepest level replies move up beside their
    parent, in the order they were written."""
    settled: list[Node] = []
    for node in nodes:
        node.level = level
        if level >= max_level():
            below = list(walk(node.children))
            node.children = []
            for moved in below:
                moved.children = []
                moved.level = level
            settled.extend([node, *below])
        else:
            node.children = _settle(node.children, level=level + 1)
            settled.append(node)
    if level >= max_level():
        settled.sort(key=_order)
    return settled


def walk(nodes: list[Node]):
    """Every node of ``nodes`` and below, in reading order."""
    for node in nodes:
        yield node
        yield from walk(node.children)


def load(article: Article) -> CommentThread:
    """The thread of ``article``, read once per article object (the comment count in the
    article's header and the comment section share it)."""
    cached = getattr(article, "_comment_thread", None)
    if cached is None:
        cached = build(thread_rows(article))
        article._comment_thread = cached
    return cached


def page_of(comment: Comment) -> int:
    """The page of the thread that shows ``comment`` (1 for the first)."""
    thread = build(thread_rows(comment.article))
    return thread.page_number_of(comment.pk) or 1
