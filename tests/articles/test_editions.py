"""The language editions (/de/, /nl/, /en/): where "/" leads, the switcher, one page per URL
whoever asks, the addresses from before the editions, and the slugs an article may not take.
(What each edition lists, and in which interface: test_home_archive_menu.py.)

Requests here use a fresh ``Client()`` whenever the reader's headers or cookies are the point;
the ``client`` fixture (which asks for English) only where they are not.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from articles import services
from articles.editions import edition_reverse
from articles.models import Category, Series
from tests.articles.helpers import ADD_URL, article_form_data
from tests.factories import ArticleFactory, AuthorFactory, EditorUserFactory
from tests.helpers import logged_in
from tests.html import field_errors, parse

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
# Cookies a reader may carry: a well-formed CSRF cookie (from a page with a form) and the
# key of a session that does not exist (an expired login).
CSRF_COOKIE = "a" * 32
STALE_SESSION = "0123456789abcdefghijklmnopqrstuv"


def browser(*, cookies: dict[str, str] | None = None, **headers) -> Client:
    """A reader's browser with its own cookie jar (``headers``: e.g. accept_language="de")."""
    client = Client(headers={key.replace("_", "-"): value for key, value in headers.items()})
    for name, value in (cookies or {}).items():
        client.cookies[name] = value
    return client


def switcher_links(page) -> dict[str, str]:
    """The language switcher's links: edition → where it leads (its ``next``), checking that
    each is a plain link through /edition/<language>/ inside a labelled nav."""
    links = {}
    for link in parse(page).select("nav a[hreflang]"):
        nav = link.find_parent("nav")
        assert nav.get("aria-label"), "the switcher's nav has no label"
        assert not [name for name in link.attrs if name.startswith("on")]
        language = link["hreflang"]
        address = urlsplit(link["href"])
        assert address.path == reverse("choose_edition", kwargs={"language": language})
        links[language] = parse_qs(address.query)["next"][0]
    return links


def category(**names) -> Category:
    """A category with a name per language (``name_de="Führung"``), saved as editors do."""
    return services.named_save(obj=Category(**names), by=None)


# --- "/" leads to the reader's edition -------------------------------------------------------


@pytest.mark.parametrize(
    ("cookies", "accept_language", "edition"),
    [
        ({"edition": "nl"}, "de", "nl"),  # the switcher's choice wins over the browser
        ({}, "nl-BE,nl;q=0.9,en;q=0.5", "nl"),
        ({}, "de-AT,de;q=0.8", "de"),
        ({}, "fr", "en"),  # no edition in French: the site's language (LANGUAGE_CODE=en)
        ({"edition": "fr"}, "de", "de"),  # a cookie naming no edition is ignored
        ({}, None, "en"),
    ],
)
def test_root_redirects_to_the_readers_edition(cookies, accept_language, edition):
    headers = {"accept_language": accept_language} if accept_language else {}

    response = browser(cookies=cookies, **headers).get("/")

    assert response.status_code == 302
    assert response["Location"] == f"/{edition}/"


def test_root_redirect_is_never_cached_and_says_what_it_depends_on():
    response = browser(accept_language="nl").get("/")

    cache_control = response["Cache-Control"]
    assert any(word in cache_control for word in ("no-cache", "no-store", "private", "max-age=0"))
    vary = response["Vary"].lower()
    assert "accept-language" in vary
    assert "cookie" in vary
    assert not response.cookies  # choosing is the switcher's job


# --- The switcher remembers the choice -------------------------------------------------------


def test_switcher_remembers_the_edition_and_goes_on_to_the_page():
    reader = browser(accept_language="de")
    article = ArticleFactory(language="nl", title="Klanten eerst")

    response = reader.get("/edition/nl/", {"next": article.get_absolute_url()})

    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    cookie = response.cookies["edition"]
    assert cookie.value == "nl"
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) >= 360 * 24 * 60 * 60
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
    # The next visit of "/" (same browser, still asking for German) goes to the choice.
    assert reader.get("/")["Location"] == "/nl/"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "javascript:alert(1)",
        "/\\evil.example/",
        "",
    ],
)
def test_switcher_leads_only_to_pages_of_this_site(target):
    response = browser().get("/edition/de/", {"next": target})

    assert response.status_code == 302
    assert response["Location"] == edition_reverse("articles:home", "de")
    assert response.cookies["edition"].value == "de"


def test_switcher_without_next_leads_to_the_editions_home():
    response = browser().get("/edition/nl/")

    assert response["Location"] == "/nl/"


def test_switcher_for_an_unknown_language_is_a_404_and_remembers_nothing():
    response = browser().get("/edition/fr/", {"next": "/en/"})

    assert response.status_code == 404
    assert not response.cookies


# --- One URL, one page: the cacheability contract --------------------------------------------

VIEW_COUNT = re.compile(rb'(<p class="view-count">).*?(</p>)', re.S)


def masked(response) -> bytes:
    """The page without the one per-request part of an article page: the displayed view
    count (counted on the render). The comment form's signed ticket says when the page was
    made, the same for every reader: the tests stop the clock (``frozen_clock``)."""
    return VIEW_COUNT.sub(rb"\1(masked)\2", response.content)


@pytest.fixture
def frozen_clock():
    with time_machine.travel(timezone.now(), tick=False):
        yield


def address(name: str, language: str | None = None, **kwargs) -> str | None:
    """The page ``name`` in ``language`` (None for the unprefixed ones); None if not built."""
    try:
        if language is None:
            return reverse(name, kwargs=kwargs or None)
        return edition_reverse(name, language, **kwargs)
    except NoReverseMatch:
        return None


@pytest.fixture
def public_site(db):
    """Enough of a site for every kind of public page: twelve English articles (two pages of
    the home page), a German and a Dutch one, a category, a tag, an author and a series."""
    author = AuthorFactory(name="Anna Berg")
    leadership = category(name_de="Führung", name_nl="Leiderschap", name_en="Leadership")
    series = services.named_save(obj=Series(title="Ten rules", language="en"), by=None)
    march = datetime(2024, 3, 5, 10, 0, tzinfo=BERLIN)
    common = {"language": "en", "category": leadership, "authors": [author], "tags": ["Strategy"]}
    english = [
        ArticleFactory(title=f"Note {n}", published_at=march.replace(day=n + 1), **common)
        for n in range(1, 12)
    ]
    english.insert(0, ArticleFactory(title="Rule one", published_at=march, series=series,
                                     series_part=1, **common))  # fmt: skip
    german = ArticleFactory(language="de", title="Führung heute", category=leadership)
    ArticleFactory(language="nl", title="Leiderschap vandaag", category=leadership)
    search = address("articles:search", "en")
    return {
        "home-de": address("articles:home", "de"),
        "home-nl": address("articles:home", "nl"),
        "home-en": address("articles:home", "en"),
        "home-en-page-2": address("articles:home", "en") + "?page=2",
        "article-en": english[0].get_absolute_url(),
        "article-de": german.get_absolute_url(),
        "category-en": leadership.url_in("en"),
        "category-de": leadership.url_in("de"),
        "tag-en": address("articles:tag", "en", slug="strategy"),
        "author-en": author.url_in("en"),
        "series-en": series.get_absolute_url(),
        "archive-en": address("articles:archive", "en"),
        "archive-year-en": address("articles:archive_year", "en", year=2024),
        "archive-month-en": address("articles:archive_month", "en", year=2024, month=3),
        "not-found-en": "/en/no-such-page/",
        "not-found-de": "/de/no-such-page/",
        "search-en": search and f"{search}?q=x",
        "feed-en": address("articles:feed", "en"),
        "feed-atom-de": address("articles:feed_atom", "de"),
        "category-feed-en": address("articles:category_feed", "en", slug=leadership.slug_en),
        "sitemap": address("sitemap"),
        "sitemap-articles": address("sitemap_section", section="articles"),
        "robots": address("robots_txt"),
    }  # fmt: skip


READER_VARIANTS = [
    {},
    {"accept_language": "de"},
    {
        "accept_language": "nl",
        "cookies": {"edition": "de", "sessionid": STALE_SESSION, "csrftoken": CSRF_COOKIE},
    },
]
PAGES = [
    "home-de", "home-nl", "home-en", "home-en-page-2", "article-en", "article-de",
    "category-en", "category-de", "tag-en", "author-en", "series-en", "archive-en",
    "archive-year-en", "archive-month-en", "not-found-en", "not-found-de", "search-en",
    "feed-en", "feed-atom-de", "category-feed-en", "sitemap", "sitemap-articles", "robots",
]  # fmt: skip


@pytest.mark.parametrize("page", PAGES)
def test_every_reader_gets_the_same_page_for_the_same_url(public_site, page, frozen_clock):
    url = public_site[page]
    if not url:
        pytest.skip(f"{page}: its URL name does not resolve (not built yet)")
    is_article = page.startswith("article-")

    responses = [browser(**variant).get(url) for variant in READER_VARIANTS]

    expected_status = 404 if page.startswith("not-found") else 200
    assert [r.status_code for r in responses] == [expected_status] * len(READER_VARIANTS)
    bodies = [masked(r) if is_article else r.content for r in responses]
    assert bodies[1] == bodies[0], "Accept-Language changed the page"
    assert bodies[2] == bodies[0], "the reader's cookies changed the page"
    for response in responses:
        vary = response.get("Vary", "").lower()
        assert "accept-language" not in vary
        cookies = set(response.cookies)
        # Not even the comment form sets a cookie: it carries no CSRF token (README
        # "Comments on cached pages").
        assert "cookie" not in vary
        assert cookies == set()
    assert not Session.objects.exists()


@pytest.mark.parametrize("page", ["home-en", "category-en", "robots"])
@pytest.mark.parametrize(
    "cookie", [("sessionid", "garbage"), ("csrftoken", "garbage")], ids=["session", "csrf"]
)
def test_a_malformed_cookie_changes_nothing_either(public_site, page, cookie):
    """A cookie that is not even well-formed (the issue's ``sessionid=garbage``) must not
    make a public page say ``Vary: Cookie`` or send ``Set-Cookie`` either."""
    name, value = cookie

    response = browser(cookies={name: value}).get(public_site[page])

    assert response.status_code == 200
    assert response.content == browser().get(public_site[page]).content
    assert "cookie" not in response.get("Vary", "").lower()
    assert not response.cookies


def test_staff_see_the_same_public_article_as_readers(public_site, frozen_clock):
    url = public_site["article-en"]
    editor = logged_in(EditorUserFactory())

    as_staff = editor.get(url)
    as_reader = browser().get(url)

    assert as_staff.status_code == as_reader.status_code == 200
    assert masked(as_staff) == masked(as_reader)


# --- Addresses from before the editions ------------------------------------------------------


def test_old_category_address_answers_301_to_the_edition_whose_slug_it_is():
    both = category(name_de="Führung", name_nl="Leiderschap", name_en="Leadership")
    shared = category(name_de="Strategie", name_nl="Strategie", name_en="Strategy")

    assert browser().get("/category/leadership/").status_code == 301
    assert browser().get("/category/leadership/")["Location"] == both.url_in("en")
    assert browser().get("/category/fuehrung/")["Location"] == both.url_in("de")
    assert browser().get("/category/leiderschap/")["Location"] == both.url_in("nl")
    # "strategie" is German and Dutch: German comes first after the site's language.
    assert browser().get("/category/strategie/")["Location"] == shared.url_in("de")


def test_old_tag_author_and_series_addresses_answer_301():
    author = AuthorFactory(name="Anna Berg")
    series = services.named_save(obj=Series(title="Zehn Regeln", language="de"), by=None)
    ArticleFactory(language="de", tags=["Amazon"], authors=[author], series=series, series_part=1)

    for old, new in [
        ("/tag/amazon/", edition_reverse("articles:tag", "en", slug="amazon")),
        ("/author/anna-berg/", author.url_in("en")),
        (f"/series/{series.slug}/", series.get_absolute_url()),
    ]:
        response = browser(accept_language="nl").get(old)
        assert response.status_code == 301, old
        assert response["Location"] == new


@pytest.mark.parametrize(
    "old", ["/category/nothing/", "/tag/nothing/", "/author/nobody/", "/series/nothing/"]
)
def test_old_address_of_something_unknown_is_a_404(old):
    assert browser().get(old).status_code == 404


# --- The switcher's links --------------------------------------------------------------------


def test_switcher_on_an_article_leads_to_its_translation_else_the_editions_home(client):
    english = ArticleFactory(language="en", title="Customers first")
    dutch = ArticleFactory(language="nl", title="Klanten eerst")
    services.article_save(
        article=dutch, authors=list(dutch.ordered_authors), translation_of=english, by=None
    )

    links = switcher_links(client.get(english.get_absolute_url()))

    assert links == {"nl": dutch.get_absolute_url(), "de": "/de/"}
    assert switcher_links(client.get(dutch.get_absolute_url()))["en"] == english.get_absolute_url()


def test_switcher_ignores_a_translation_that_is_not_published(client):
    english = ArticleFactory(language="en", title="Customers first")
    draft = ArticleFactory(language="nl", title="Klanten eerst", status="draft")
    services.article_save(
        article=draft, authors=list(draft.ordered_authors), translation_of=english, by=None
    )

    assert switcher_links(client.get(english.get_absolute_url()))["nl"] == "/nl/"


def test_switcher_on_a_category_page_leads_to_the_category_in_the_other_edition(client):
    leadership = category(name_de="Führung", name_nl="Leiderschap", name_en="Leadership")
    ArticleFactory(language="en", category=leadership)
    ArticleFactory(language="de", category=leadership)

    links = switcher_links(client.get(leadership.url_in("en")))

    # German has articles there: its page, in its slug; Dutch has none: its home, no dead end.
    assert links == {"de": leadership.url_in("de"), "nl": "/nl/"}
    assert links["de"].endswith("/fuehrung/")


@pytest.mark.parametrize("page", ["archive_year", "archive_month"])
def test_switcher_on_a_period_of_the_archive_leads_to_the_other_archives(client, page):
    # The other editions may have nothing in March 2024: their archive lists what they have.
    ArticleFactory(language="en", published_at=datetime(2024, 3, 5, 10, tzinfo=BERLIN))
    period = {"year": 2024, "month": 3} if page == "archive_month" else {"year": 2024}

    links = switcher_links(client.get(edition_reverse(f"articles:{page}", "en", **period)))

    assert links == {
        language: edition_reverse("articles:archive", language) for language in ("de", "nl")
    }


def test_switcher_on_a_series_leads_to_the_other_homes(client):
    series = services.named_save(obj=Series(title="Zehn Regeln", language="en"), by=None)
    ArticleFactory(language="en", series=series, series_part=1)

    links = switcher_links(client.get(series.get_absolute_url()))

    assert links == {"de": "/de/", "nl": "/nl/"}


def test_switcher_on_the_home_page_leads_to_the_other_homes(client):
    assert switcher_links(client.get("/en/")) == {"de": "/de/", "nl": "/nl/"}


# --- Slugs an article may not take -----------------------------------------------------------


def path_word(name: str, language: str, **kwargs) -> str:
    """The first word of an edition's own address (``archive`` in /en/archive/)."""
    return edition_reverse(name, language, **kwargs).split("/")[2]


@pytest.mark.parametrize(
    ("language", "name", "kwargs"),
    [
        ("en", "articles:archive", {}),
        ("en", "articles:tag", {"slug": "x"}),
        ("de", "articles:category", {"slug": "x"}),
        ("nl", "articles:author", {"slug": "x"}),
        ("en", "articles:feed", {}),
    ],
)
def test_an_article_slug_that_would_hide_an_edition_page_is_refused(language, name, kwargs):
    taken = path_word(name, language, **kwargs)

    with pytest.raises(ValidationError) as refused:
        ArticleFactory(language=language, slug=taken, status="draft")

    [message] = refused.value.message_dict["slug"]
    assert taken in message
    assert f"/{language}/{taken}/" in message


def test_a_title_like_an_edition_page_gets_another_slug(client):
    article = ArticleFactory(language="en", title="Archive")

    assert article.slug != path_word("articles:archive", "en")
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get(edition_reverse("articles:archive", "en")).status_code == 200


def test_the_admin_says_why_a_reserved_slug_is_refused(editor_user):
    editor = logged_in(editor_user)
    category_ = category(name_en="Leadership")
    taken = path_word("articles:archive", "en")

    response = editor.post(
        ADD_URL,
        article_form_data(category=category_, authors=[AuthorFactory()], language="en", slug=taken),
    )

    assert response.status_code == 200  # the form again, with the message
    [message] = field_errors(response, "slug")
    assert f"/en/{taken}/" in message
