"""Full-text search of an edition's public articles.

On PostgreSQL each article stores a ``search_vector`` (GIN-indexed, migration 0006) made with
the text-search configuration of its language, so "Kunden" finds "Kunde" and "klanten" finds
"klant": title weighted A, summary B, tags and author names C, body D. The write path keeps it
current (``update_search_vectors`` after ``article_save``, ``reindex_named`` when an author or
tag is renamed or a tag deleted); ``manage.py update_search_index`` rebuilds every vector.
Queries use ``websearch_to_tsquery`` (quotes, ``OR``, ``-word``), are ranked, and their
snippets come from ``ts_headline`` with the matched words in ``<mark>``.

On SQLite the vector stays empty and searching falls back to every word appearing (any case,
as SQLite folds it: ASCII letters only) in the title, summary, body, tags or author names,
newest first: no stemming, no ranking, no weights, no operators.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Exists, F, Func, OuterRef, Q, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from articles.models import Article, ArticleAuthor, Author, Category, Tag, TaggedArticle

# PostgreSQL's text-search configuration for each article language.
CONFIGS = {"de": "german", "nl": "dutch", "en": "english"}
# Longer queries are cut (and the page says so): enough for any real question, and a bound
# on the work one request can ask of the database.
MAX_QUERY_LENGTH = 200
# Words of a SQLite query that are looked for; the rest are left out.
MAX_FALLBACK_WORDS = 10
# Around the matched words: sentinels that cannot be in the text (they are removed from it
# first), turned into <mark> once everything else is escaped.
START, STOP = "\x02", "\x03"
SNIPPET_WORDS = 30
INDEX_BATCH = 200

EMPTY = _("Enter a word or two to search the articles.")
TOO_SHORT = _("Please enter at least two letters or digits.")
SHORTENED = _("Your search was shortened to its first %(count)s characters.")


def search_config(language: str) -> str:
    return CONFIGS.get(language, "simple")


def full_text() -> bool:
    """Stemmed, ranked search (PostgreSQL) rather than the SQLite fallback."""
    return connection.vendor == "postgresql"


# --- What the reader typed ---------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """A reader's query made safe to search for: control characters gone, whitespace
    collapsed, at most ``MAX_QUERY_LENGTH`` characters (``shortened`` says it was cut).
    ``problem`` says why it cannot be searched for (empty, no word of two letters)."""

    text: str
    shortened: bool = False
    problem: str = ""

    @property
    def note(self) -> str:
        return SHORTENED % {"count": MAX_QUERY_LENGTH} if self.shortened else ""


def clean_query(raw: str | None) -> Query:
    # A query with NUL or another C0 control never gets here (config/middleware.py: 400);
    # tabs, C1 controls and format characters (bidi overrides, zero-width spaces) do, are
    # never meant, and the headline's sentinels are among them.
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in raw or "")
    text = " ".join(text.split())
    shortened = len(text) > MAX_QUERY_LENGTH
    if shortened:
        text = text[:MAX_QUERY_LENGTH].rstrip()
    if not text:
        return Query("", problem=str(EMPTY))
    if not re.search(r"[^\W_]{2}", text):
        return Query(text, shortened, problem=str(TOO_SHORT))
    return Query(text, shortened)


def fallback_words(text: str) -> list[str]:
    """The words (letters and digits, two or more) the SQLite fallback looks for."""
    words = dict.fromkeys(word.lower() for word in re.findall(r"[^\W_]{2,}", text))
    return list(words)[:MAX_FALLBACK_WORDS]


def _spellings(word: str) -> set[str]:
    """SQLite's LIKE ignores the case of ASCII letters only: "ärger" is also looked for as
    "Ärger" (German nouns, the first word of a sentence)."""
    return {word, word[:1].upper() + word[1:]}


# --- Keeping the vectors current (PostgreSQL) --------------------------------------------------


def plain_text(body_html: str) -> str:
    """The body as a reader reads it: no markup, entities decoded, and a space where a tag
    was, so table cells, headings and list items do not run into each other."""
    spaced = strip_tags(re.sub(r"(<[^>]+>)", r" \1", body_html or ""))
    return " ".join(html.unescape(spaced).split())


def update_search_vectors(article_ids: Iterable[int], *, without_tag: int | None = None) -> int:
    """Store the search vector of each article (in batches: three reads, then one UPDATE per
    article with its texts as values). Nothing on SQLite. ``without_tag`` leaves out a tag
    about to be deleted. Returns how many were written."""
    if not full_text():
        return 0
    ids = list(dict.fromkeys(article_ids))
    written = 0
    for start in range(0, len(ids), INDEX_BATCH):
        written += _index_batch(ids[start : start + INDEX_BATCH], without_tag)
    return written


def _index_batch(ids: list[int], without_tag: int | None) -> int:
    labels: dict[int, list[str]] = defaultdict(list)
    taggings = TaggedArticle.objects.filter(content_object_id__in=ids)
    if without_tag is not None:
        taggings = taggings.exclude(tag_id=without_tag)
    for article_id, name in taggings.values_list("content_object_id", "tag__name"):
        labels[article_id].append(name)
    bylines = ArticleAuthor.objects.filter(article_id__in=ids).order_by("position", "pk")
    for article_id, name in bylines.values_list("article_id", "author__name"):
        labels[article_id].append(name)
    rows = (
        Article.objects.filter(pk__in=ids)
        .order_by()
        .values_list("pk", "language", "title", "summary", "body_html")
    )
    for pk, language, title, summary, body_html in rows:
        config = search_config(language)
        parts = [
            (title, "A"),
            (summary, "B"),
            (" ".join(labels[pk]), "C"),
            (plain_text(body_html), "D"),
        ]
        vectors = [SearchVector(Value(text), config=config, weight=w) for text, w in parts]
        vector = vectors[0]
        for other in vectors[1:]:
            vector = vector + other
        Article.objects.filter(pk=pk).update(search_vector=vector)
    return len(rows)


def reindex_named(obj, *, before=None, deleting: bool = False) -> int:
    """After an author or tag was renamed (``before``: the stored row before the save), or
    before a tag is deleted: the vectors of its articles name it, so they are made again.
    Category names are not searched: nothing to do for them."""
    if not full_text() or not isinstance(obj, Author | Tag) or obj.pk is None:
        return 0
    if not deleting and (before is None or before.name == obj.name):
        return 0
    if isinstance(obj, Tag):
        ids = TaggedArticle.objects.filter(tag=obj).values_list("content_object_id", flat=True)
    else:
        ids = ArticleAuthor.objects.filter(author=obj).values_list("article_id", flat=True)
    without = obj.pk if deleting and isinstance(obj, Tag) else None
    return update_search_vectors(list(ids), without_tag=without)


def rebuild_all() -> Iterator[int]:
    """Make every article's vector again (after an upgrade or a bulk import); yields the size
    of each batch written, for a progress bar."""
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), INDEX_BATCH):
        yield update_search_vectors(ids[start : start + INDEX_BATCH])


# --- Finding -----------------------------------------------------------------------------------


def find(text: str, *, language: str, category: Category | None = None):
    """The public articles of the ``language`` edition matching ``text`` (a cleaned query),
    best first (PostgreSQL) or newest first (SQLite), as result cards (no text, no vector)."""
    articles = (
        Article.objects.published()
        .filter(language=language)
        .select_related("category")
        .defer("body", "body_html", "search_vector")
    )
    if category is not None:
        articles = articles.filter(category=category)
    if full_text():
        query = SearchQuery(text, search_type="websearch", config=search_config(language))
        return (
            articles.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-published_at", "-pk")
        )
    for word in fallback_words(text):
        found = Q()
        for spelling in _spellings(word):
            tagged = TaggedArticle.objects.filter(
                content_object=OuterRef("pk"), tag__name__icontains=spelling
            )
            bylined = ArticleAuthor.objects.filter(
                article=OuterRef("pk"), author__name__icontains=spelling
            )
            found |= (
                Q(title__icontains=spelling)
                | Q(summary__icontains=spelling)
                | Q(body__icontains=spelling)
                | Exists(tagged)
                | Exists(bylined)
            )
        articles = articles.filter(found)
    return articles.order_by("-published_at", "-pk")


def results_page(
    text: str, *, language: str, category: Category | None = None, number=1, per_page: int = 10
) -> Page:
    """One page of results with a ``snippet`` on each article: what the search page shows.
    Raises ``InvalidPage`` for a page number that is not there."""
    page = Paginator(find(text, language=language, category=category), per_page).page(number)
    page.object_list = list(page.object_list)
    add_snippets(page.object_list, text, language=language)
    return page


def add_snippets(articles: list[Article], text: str, *, language: str) -> None:
    """``article.snippet``: a piece of the summary and body around the matched words (which
    are in ``<mark>``), everything else escaped. One query for all."""
    if not articles:
        return
    ids = [article.pk for article in articles]
    if full_text():
        snippets = dict(_headlines(ids, text, language))
    else:
        words = fallback_words(text)
        rows = (
            Article.objects.filter(pk__in=ids).order_by().values_list("pk", "summary", "body_html")
        )
        snippets = {
            pk: _excerpt(f"{summary}\n{plain_text(body)}", words) for pk, summary, body in rows
        }
    for article in articles:
        article.snippet = snippets.get(article.pk, "")


def _headlines(ids: list[int], text: str, language: str) -> Iterator[tuple[int, SafeString]]:
    config = search_config(language)
    body_text = Func(
        F("body_html"),
        Value("<[^>]*>"),
        Value(""),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )
    source = Func(
        Concat("summary", Value("\n"), body_text, output_field=TextField()),
        Value(START + STOP),
        Value(""),
        function="translate",
        output_field=TextField(),
    )
    headline = SearchHeadline(
        source,
        SearchQuery(text, search_type="websearch", config=config),
        config=config,
        start_sel=START,
        stop_sel=STOP,
        max_words=SNIPPET_WORDS,
        min_words=SNIPPET_WORDS // 2,
        max_fragments=2,
        fragment_delimiter=" … ",
    )
    rows = Article.objects.filter(pk__in=ids).order_by().annotate(headline=headline)
    for pk, marked in rows.values_list("pk", "headline"):
        yield pk, _marked(marked or "")


def _marked(headline: str) -> SafeString:
    """The headline escaped, its sentinels turned into balanced ``<mark>`` elements."""
    out, open_ = [], False
    for chunk in re.split(f"([{START}{STOP}])", headline):
        if chunk == START and not open_:
            out.append("<mark>")
            open_ = True
        elif chunk == STOP and open_:
            out.append("</mark>")
            open_ = False
        elif chunk not in (START, STOP):
            # The body's text still has its entities (&amp;): decoded, then escaped once.
            out.append(escape(html.unescape(chunk)))
    if open_:
        out.append("</mark>")
    return mark_safe(" ".join("".join(out).split()))  # every text part is escaped


def _excerpt(text: str, words: list[str]) -> SafeString:
    """About ``SNIPPET_WORDS`` words of ``text`` from shortly before the first matched word,
    escaped, with the words found in ``<mark>`` (the SQLite fallback)."""
    tokens = text.split()
    # No words: a pattern that matches nothing (the start of the text, escaped).
    pattern = re.compile("|".join(map(re.escape, words)) or "(?!)", re.IGNORECASE)
    first = next((i for i, token in enumerate(tokens) if pattern.search(token)), 0)
    start = max(0, first - 5)
    out = []
    for token in tokens[start : start + SNIPPET_WORDS]:
        pieces, last = [], 0
        for match in pattern.finditer(token):
            pieces.append(escape(token[last : match.start()]))
            pieces.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
        pieces.append(escape(token[last:]))
        out.append("".join(pieces))
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_WORDS < len(tokens) else ""
    return mark_safe(prefix + " ".join(out) + suffix)  # every text part is escaped
