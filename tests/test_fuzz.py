"""No input gives a 5xx: random paths, query strings, headers and form posts thrown at every
public URL pattern of the site (hypothesis), on SQLite and on PostgreSQL.

The patterns come from walking ``config.urls`` in each edition (de, nl, en), so a page added
later is fuzzed too; the admin and the editor's endpoints (staff only) are left out. Each
``<converter:name>`` in a pattern is filled with a real value (the demo-like article, its tag,
category, author, series, comment) or with junk: any text percent-encoded, control characters,
``%`` sequences as they are, ``..``, very long strings, huge numbers.

Each run draws a new seed and prints it; ``FUZZ_SEED=<seed>`` repeats a run.
"""

from __future__ import annotations

import os
import secrets
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation
from hypothesis import HealthCheck, event, given, seed
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from articles.editions import EDITIONS
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, CommentFactory
from tests.helpers import english_client

pytestmark = pytest.mark.django_db

SEED = int(os.environ.get("FUZZ_SEED") or secrets.randbits(32))
STAFF_ONLY = ("admin/", "markdownx/", "media/")
FUZZ = hypothesis_settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "300")),
    deadline=None,
    derandomize=False,
    database=None,  # the seed alone repeats a run; nothing written into the checkout
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _walk(patterns, prefix: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def public_patterns() -> list[str]:
    """Every public route as written, once per edition (translated words: /nl/zoeken/)."""
    routes: set[str] = set()
    for language in EDITIONS:
        with translation.override(language):
            routes.update(_walk(get_resolver().url_patterns))
    return sorted("/" + route for route in routes if not route.startswith(STAFF_ONLY))


PATTERNS = public_patterns()

JUNK = st.sampled_from(
    [
        "%00", "%0a", "%1b", "%7f", "%", "%%", "%zz", "%C0%80", "%FF%FE", "%E2%80%AE", "%2F",
        "%2e%2e", "..", "../..", ".", "-1", "0", "99999999999999999999", "1e9", "x" * 3000,
        "ä" * 300, "%F0%9F%92%A9", "%u0000", "a b", "<script>", "'\"", "\\", "~", "+",
    ]
)  # fmt: skip
# Any text a client might put in an address: mostly printable (to get past the 400 for control
# characters and reach the views), sometimes with control and astral characters.
TEXT = st.one_of(
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=40),
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=40),
    st.text(max_size=40),
)
NUMBER = st.integers(min_value=-(2**70), max_value=2**70).map(str)


def segment(real: list[str]) -> st.SearchStrategy[str]:
    """One path segment, already in the address's percent-encoded form."""
    return st.one_of(
        st.sampled_from(real),
        st.sampled_from(real),
        TEXT.map(lambda value: quote(value, safe="")),
        NUMBER,
        JUNK,
    )


QUERY_KEYS = st.sampled_from(
    ["page", "q", "comments", "reply", "comment", "category", "e", "p", "next"]
)
QUERY_VALUES = st.one_of(TEXT, NUMBER, st.sampled_from(["1", "2", "0", "-1", "", "x" * 2000]))
RAW_QUERY_TAIL = st.sampled_from(["", "&", "=", "&&==", "%", "%zz", "q=%00", "a=%C0", "=%7F&"])

# What a server hands on as a header value: bytes read as Latin-1, no control but the tab.
HEADER_TEXT = st.text(
    alphabet=st.one_of(st.characters(min_codepoint=0x20, max_codepoint=0xFF), st.just("\t")),
    max_size=60,
)
HEADERS = st.fixed_dictionaries(
    {},
    optional={
        "HTTP_HOST": st.sampled_from(
            [*settings.ALLOWED_HOSTS, "testserver:80", "localhost:8000", "evil.example"]
        ),
        "HTTP_ACCEPT_LANGUAGE": st.one_of(
            HEADER_TEXT, st.sampled_from(["de", "nl-NL,nl;q=0.9", "*", "xx-YY;q=2", ",,;q="])
        ),
        "HTTP_COOKIE": st.one_of(
            HEADER_TEXT,
            st.builds(
                "edition={}; sessionid={}; csrftoken={}".format,
                HEADER_TEXT,
                HEADER_TEXT,
                HEADER_TEXT,
            ),
        ),  # fmt: skip
        "HTTP_REFERER": st.one_of(HEADER_TEXT, st.just("http://testserver/en/")),
        "HTTP_ORIGIN": st.one_of(HEADER_TEXT, st.sampled_from(["null", "http://testserver"])),
        "HTTP_SEC_FETCH_SITE": st.one_of(
            HEADER_TEXT, st.sampled_from(["same-origin", "cross-site", "none"])
        ),
        "HTTP_IF_MODIFIED_SINCE": st.one_of(HEADER_TEXT, st.just("Sat, 01 Jan 10000 00:00:00 GMT")),
        "HTTP_IF_NONE_MATCH": HEADER_TEXT,
        "HTTP_RANGE": st.one_of(HEADER_TEXT, st.just("bytes=99999999999999999999-")),
        "HTTP_X_FORWARDED_FOR": st.one_of(HEADER_TEXT, st.just("1.2.3.4, ::1, 999.1.1.1")),
        "HTTP_X_FORWARDED_PROTO": HEADER_TEXT,
    },
)


@pytest.fixture
def site():
    """Demo-like content: a German article with tag, series and a comment, an English one."""
    author = AuthorFactory(name="Anna Berg")
    category = CategoryFactory(name="Strategie")
    article = ArticleFactory(
        title="Führung in der Krise",
        language="de",
        category=category,
        authors=[author],
        tags=["Führung"],
    )
    english = ArticleFactory(title="Leading in a crisis", language="en", category=category)
    comment = CommentFactory(article=article)
    year = article.published_at.year
    return {
        "slug": [article.slug, english.slug, "fuehrung", category.slug, author.slug],
        "int": [str(article.pk), str(english.pk), str(comment.pk)],
        "year": [str(year)],
        "month": [str(article.published_at.month)],
        "language": list(EDITIONS),
    }


def fill(pattern: str, real: dict[str, list[str]]) -> st.SearchStrategy[str]:
    """``pattern`` with each ``<converter:name>`` replaced by a drawn segment."""
    pieces = pattern.replace(">", "<").split("<")
    # pieces alternate: text, "converter:name", text, …
    parts = []
    for index, piece in enumerate(pieces):
        if index % 2 == 0:
            parts.append(st.just(piece))
        else:
            converter, _, name = piece.partition(":")
            values = real.get(name) or real.get(converter) or real["slug"]
            parts.append(segment(values))
    return st.tuples(*parts).map("".join)


@st.composite
def addresses(draw, real):
    path = draw(st.sampled_from(PATTERNS).flatmap(lambda pattern: fill(pattern, real)))
    pairs = draw(st.lists(st.tuples(QUERY_KEYS | TEXT, QUERY_VALUES), max_size=4))
    query = "&".join(filter(None, [urlencode(pairs), draw(RAW_QUERY_TAIL)]))
    return f"{path}?{query}" if query else path


def form_posts():
    fields = st.dictionaries(
        st.one_of(
            st.sampled_from(["name", "email", "body", "parent", "ticket", "consent", "homepage"]),
            TEXT,
        ),
        st.one_of(TEXT, st.just("x" * 5000)),
        max_size=6,
    )
    return fields.map(lambda data: urlencode(data).encode())


def check(response, method: str, address: str) -> None:
    event(f"{method} {response.status_code}")  # pytest --hypothesis-show-statistics
    assert response.status_code < 500, (
        f"{method} {address} answered {response.status_code} (FUZZ_SEED={SEED})"
    )


def test_fuzz_seed_is_printed():
    print(f"fuzz seed: FUZZ_SEED={SEED}")


@seed(SEED)
@FUZZ
@given(data=st.data())
def test_no_get_gives_a_5xx(site, data):
    address = data.draw(addresses(site), label="address")
    headers = data.draw(HEADERS, label="headers")

    response = english_client().get(address, **headers)

    check(response, "GET", address)


@seed(SEED)
@FUZZ
@given(data=st.data())
def test_no_post_gives_a_5xx(site, data):
    address = data.draw(addresses(site), label="address")
    headers = data.draw(HEADERS, label="headers")
    body = data.draw(form_posts(), label="body")
    content_type = data.draw(
        st.sampled_from(["application/x-www-form-urlencoded", "text/plain", "multipart/form-data"])
    )

    response = english_client().generic("POST", address, body, content_type, **headers)

    check(response, "POST", address)


@pytest.mark.parametrize("address", ["/tag/%00/", "/de/tag/%00/", "/de/search/?q=%00"])
def test_nul_in_an_address_is_a_4xx(client, site, address):
    response = client.get(address)

    assert 400 <= response.status_code < 500
