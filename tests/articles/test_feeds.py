"""RSS 2.0 and Atom feeds of each edition and of its categories, tags, authors and series, as a
feed reader (feedparser) reads them, and the <link rel="alternate"> that pages name them with."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import feedparser
import pytest

from articles import services
from articles.editions import edition_reverse
from articles.models import Article, Series
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, image_file
from tests.helpers import count_queries
from tests.html import parse

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
RSS = "application/rss+xml"
ATOM = "application/atom+xml"
# The edition's feed: its articles, their bylines and their tags; a page's feed also looks up
# the page (category, tag, author).
EDITION_FEED_BUDGET = 3
PAGE_FEED_BUDGET = EDITION_FEED_BUDGET + 1


def read_feed(response) -> feedparser.FeedParserDict:
    """The feed as a reader sees it; it must be well-formed (feedparser's ``bozo`` unset)."""
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def get_feed(client, url: str, **headers) -> feedparser.FeedParserDict:
    return read_feed(client.get(url, **headers))


def both(url: str) -> list[str]:
    """A feed's RSS address and its Atom twin."""
    return [url, f"{url}atom/"]


def make_series(title: str = "Zehn Spielregeln", language: str = "en") -> Series:
    return services.named_save(obj=Series(title=title, language=language), by=None)


def titles(feed) -> list[str]:
    return [html.unescape(entry.title) for entry in feed.entries]


# --- The feed documents ----------------------------------------------------------------------


@pytest.mark.parametrize(("url", "version"), [("/en/feed/", "rss20"), ("/en/feed/atom/", "atom10")])
def test_the_edition_feed_is_well_formed_with_title_link_and_language(client, url, version):
    ArticleFactory(language="en", title="Strategy in a crisis")

    response = client.get(url)
    feed = read_feed(response)

    assert response["Content-Type"].startswith(RSS if version == "rss20" else ATOM)
    assert feed.version == version
    assert feed.feed.title == "Consulting articles"
    assert feed.feed.link == "http://testserver/en/"
    assert feed.feed.language == "en"
    assert titles(feed) == ["Strategy in a crisis"]


def test_the_german_edition_feed_is_titled_in_german(client):
    ArticleFactory(language="de")

    feed = get_feed(client, "/de/feed/")

    assert feed.feed.title == "Beratungsartikel"
    assert feed.feed.language == "de"
    assert feed.feed.description == "Ausführliche Artikel über Strategie, Führung und Organisation."


@pytest.mark.parametrize("url", both("/en/feed/"))
def test_an_item_carries_link_summary_and_its_dates_with_their_time_zone(client, url):
    published = datetime(2025, 3, 5, 9, 30, tzinfo=BERLIN)
    article = ArticleFactory(language="en", summary="What matters now.", published_at=published)

    response = client.get(url)
    entry = read_feed(response).entries[0]

    assert entry.link == f"http://testserver{article.get_absolute_url()}"
    assert entry.summary == "What matters now."
    # 09:30 in Berlin is 08:30 UTC, and the document says which zone it writes.
    assert entry.published_parsed[:5] == (2025, 3, 5, 8, 30)
    raw = response.content.decode()
    assert re.search(r"<pubDate>Wed, 05 Mar 2025 08:30:00 \+0000</pubDate>", raw) or re.search(
        r"<published>2025-03-05T08:30:00\+00:00</published>", raw
    )
    if url.endswith("atom/"):  # RSS has no date of the last change
        assert entry.updated_parsed >= entry.published_parsed
    assert entry.id.startswith("tag:testserver,")


def test_the_guid_stays_when_the_title_and_slug_change(client):
    article = ArticleFactory(language="en", title="First title")
    before = get_feed(client, "/en/feed/").entries[0]
    article.title, article.slug = "Second title", "second-title"
    services.article_save(article=article, authors=article.ordered_authors, by=None)

    after = get_feed(client, "/en/feed/").entries[0]

    assert after.link != before.link
    assert after.id == before.id
    assert after.guidislink is False


@pytest.mark.parametrize("url", both("/en/feed/"))
def test_a_title_with_markup_characters_reads_as_written(client, url):
    ArticleFactory(language="en", title="M&A <b>not bold</b>")

    entry = get_feed(client, url).entries[0]

    shown = html.unescape(entry.title) if entry.title_detail.type == "text/html" else entry.title
    assert shown == "M&A <b>not bold</b>"


@pytest.mark.parametrize("url", both("/en/feed/"))
def test_an_item_names_every_author_and_its_category_and_tags(client, url):
    authors = [AuthorFactory(name="Anna Berg"), AuthorFactory(name="Jan de Vries")]
    ArticleFactory(
        language="en",
        category=CategoryFactory(name="Strategy"),
        authors=authors,
        tags=["Leadership", "Amazon"],
    )

    entry = get_feed(client, url).entries[0]

    assert [author["name"] for author in entry.authors] == ["Anna Berg", "Jan de Vries"]
    assert sorted(tag.term for tag in entry.tags) == ["Amazon", "Leadership", "Strategy"]
    assert entry.tags[0].term == "Strategy"


@pytest.mark.parametrize("url", both("/en/feed/"))
def test_the_cover_is_the_enclosure_at_its_absolute_address_with_size_and_type(client, url):
    article = ArticleFactory(language="en", cover_image=image_file(), cover_alt="A red square")
    ArticleFactory(language="en")  # without a cover: no enclosure

    entries = get_feed(client, url).entries

    with_cover, without = (
        (entries[1], entries[0]) if entries[1].link.endswith(article.slug + "/") else entries
    )
    (enclosure,) = with_cover.enclosures
    assert enclosure.href == f"http://testserver{article.cover_image.url}"
    assert int(enclosure.length) == article.cover_image.size > 0
    assert enclosure.type == "image/jpeg"
    assert without.enclosures == []


@pytest.mark.parametrize("url", both("/en/feed/"))
def test_every_address_comes_from_site_url_not_from_the_request(client, settings, url):
    settings.SITE_URL = "https://www.example.com"
    article = ArticleFactory(language="en", cover_image=image_file(), cover_alt="A red square")

    response = client.get(url, HTTP_HOST="localhost")
    feed = read_feed(response)

    assert feed.feed.link == "https://www.example.com/en/"
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [
        f"https://www.example.com{url}"
    ]
    entry = feed.entries[0]
    assert entry.link == f"https://www.example.com{article.get_absolute_url()}"
    assert entry.enclosures[0].href.startswith("https://www.example.com/media/")
    assert b"localhost" not in response.content
    assert b"testserver" not in response.content


def test_the_edition_feed_holds_only_that_editions_articles(client):
    ArticleFactory(language="en", title="English")
    ArticleFactory(language="de", title="Deutsch")
    ArticleFactory(language="nl", title="Nederlands")

    assert titles(get_feed(client, "/en/feed/")) == ["English"]
    assert titles(get_feed(client, "/de/feed/")) == ["Deutsch"]
    assert titles(get_feed(client, "/nl/feed/atom/")) == ["Nederlands"]


@pytest.mark.parametrize("url", both("/en/feed/"))
def test_drafts_articles_in_review_scheduled_and_archived_ones_stay_out(client, url):
    ArticleFactory(language="en", title="Public")
    ArticleFactory(language="en", title="Draft", status=Article.Status.DRAFT)
    ArticleFactory(language="en", title="In review", status=Article.Status.REVIEW)
    ArticleFactory(
        language="en", title="Scheduled", published_at=datetime(2099, 1, 1, 9, 0, tzinfo=BERLIN)
    )
    ArticleFactory(language="en", title="Archived", status=Article.Status.ARCHIVED)

    assert titles(get_feed(client, url)) == ["Public"]


def test_a_feed_carries_the_newest_articles_up_to_feed_items(client, settings):
    settings.FEED_ITEMS = 3
    now = datetime.now(UTC)
    for days in range(5):
        ArticleFactory(language="en", title=f"{days} days ago", published_at=now - timedelta(days))

    assert titles(get_feed(client, "/en/feed/")) == ["0 days ago", "1 days ago", "2 days ago"]


# --- Summary or full text --------------------------------------------------------------------


def test_by_default_items_carry_the_summary_not_the_article(client):
    ArticleFactory(language="en", summary="Short.", body="The **whole** text.")

    for url in both("/en/feed/"):
        entry = get_feed(client, url).entries[0]
        assert entry.summary == "Short."
        assert "content" not in entry
        assert "whole" not in str(entry)


def test_full_text_puts_the_article_in_rss_description_and_atom_content(client, settings):
    settings.FEED_FULL_TEXT = True
    ArticleFactory(
        language="en",
        summary="Short.",
        body="The **whole** text. [More](/en/other/)\n\n![Chart](/media/chart.png)",
    )

    rss = get_feed(client, "/en/feed/").entries[0]
    atom = get_feed(client, "/en/feed/atom/").entries[0]

    assert "<strong>whole</strong>" in rss.description
    assert atom.summary == "Short."
    assert "<strong>whole</strong>" in atom.content[0].value
    for text in (rss.description, atom.content[0].value):
        # The site's own links and images work in a feed reader too.
        assert 'href="http://testserver/en/other/"' in text
        assert 'src="http://testserver/media/chart.png"' in text


# --- Feeds of a category, tag, author and series ---------------------------------------------


def test_a_category_feed_holds_that_categorys_articles_in_the_edition(client):
    strategy = CategoryFactory(name="Strategy")
    ArticleFactory(language="en", category=strategy, title="In it")
    ArticleFactory(language="en", title="Elsewhere")
    ArticleFactory(language="de", category=strategy, title="Auf Deutsch")
    url = edition_reverse("articles:category_feed", "en", slug=strategy.slug)

    for address in both(url):
        feed = get_feed(client, address)
        assert titles(feed) == ["In it"]
        assert feed.feed.title == "Consulting articles – Strategy"
        assert feed.feed.link == f"http://testserver{strategy.url_in('en')}"


def test_a_tag_feed_holds_the_editions_articles_with_that_tag(client):
    ArticleFactory(language="en", tags=["Amazon"], title="Tagged")
    ArticleFactory(language="en", tags=["Other"], title="Not tagged")
    ArticleFactory(language="nl", tags=["Amazon"], title="Nederlands")

    for address in both("/en/tag/amazon/feed/"):
        feed = get_feed(client, address)
        assert titles(feed) == ["Tagged"]
        assert feed.feed.title == "Consulting articles – Amazon"


def test_an_author_feed_holds_the_editions_articles_in_their_byline(client):
    anna = AuthorFactory(name="Anna Berg")
    ArticleFactory(language="en", authors=[AuthorFactory(), anna], title="Co-written")
    ArticleFactory(language="en", title="By someone else")
    ArticleFactory(language="de", authors=[anna], title="Auf Deutsch")

    for address in both(edition_reverse("articles:author_feed", "en", slug=anna.slug)):
        feed = get_feed(client, address)
        assert titles(feed) == ["Co-written"]
        assert feed.feed.title == "Consulting articles – Anna Berg"


def test_a_series_feed_holds_its_public_parts_in_its_own_edition(client):
    series = make_series("Ten rules")
    ArticleFactory(language="en", series=series, series_part=1, title="Part one")
    ArticleFactory(
        language="en",
        series=series,
        series_part=2,
        title="Part two",
        published_at=datetime(2099, 1, 1, tzinfo=BERLIN),
    )
    ArticleFactory(language="en", title="Not in it")

    for address in both(f"/en/series/{series.slug}/feed/"):
        feed = get_feed(client, address)
        assert titles(feed) == ["Part one"]
        assert feed.feed.title == "Consulting articles – Ten rules"
    assert client.get(f"/de/series/{series.slug}/feed/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/en/category/no-such-category/feed/",
        "/en/category/no-such-category/feed/atom/",
        "/en/tag/no-such-tag/feed/",
        "/en/author/nobody/feed/atom/",
        "/en/series/no-such-series/feed/",
        "/en/feed/rss/",
    ],
)
def test_an_unknown_slug_is_the_editions_friendly_404_page(client, url):
    response = client.get(url)

    assert response.status_code == 404
    assert parse(response).select_one("h1").get_text(strip=True) == "Page not found"


def test_a_series_whose_parts_are_all_unpublished_has_no_feed(client):
    series = make_series("Coming soon")
    ArticleFactory(
        language="en", series=series, series_part=1, status=Article.Status.DRAFT, title="Draft"
    )

    assert client.get(f"/en/series/{series.slug}/feed/").status_code == 404


# --- Query budget ----------------------------------------------------------------------------


def add_articles(count: int, *, category, authors) -> None:
    for number in range(count):
        ArticleFactory(
            language="en",
            category=category,
            authors=authors,
            tags=["Amazon", *(f"Topic {number}-{tag}" for tag in range(4))],
            cover_image=image_file() if number % 2 else "",
            cover_alt="A red square" if number % 2 else "",
        )


@pytest.mark.parametrize("full_text", [False, True])
def test_a_feed_costs_the_same_queries_with_3_or_30_articles(client, settings, full_text):
    settings.FEED_FULL_TEXT = full_text
    category = CategoryFactory(name="Strategy")
    authors = [AuthorFactory() for _ in range(3)]
    urls = [
        *both("/en/feed/"),
        *both(edition_reverse("articles:category_feed", "en", slug=category.slug)),
        *both("/en/tag/amazon/feed/"),
        *both(edition_reverse("articles:author_feed", "en", slug=authors[0].slug)),
    ]
    add_articles(3, category=category, authors=authors)
    client.get(urls[0])  # the Site record, read once per process
    few = {url: count_queries(client, url)[0] for url in urls}

    add_articles(27, category=category, authors=authors)
    many = {}
    for url in urls:
        many[url], response = count_queries(client, url)
        assert len(read_feed(response).entries) == 20

    assert many == few
    assert many == {
        url: EDITION_FEED_BUDGET if url.startswith("/en/feed/") else PAGE_FEED_BUDGET
        for url in urls
    }


# --- The pages name their feeds --------------------------------------------------------------


def feed_links(response) -> list[tuple[str, str, str]]:
    """(type, title, address) of each feed the page names in its head."""
    assert response.status_code == 200
    head = parse(response).head
    return [
        (link["type"], link["title"], link["href"])
        for link in head.select('link[rel="alternate"][type]')
        if link["type"] in (RSS, ATOM)
    ]


EDITION_FEEDS = [
    (RSS, "Consulting articles (RSS)", "http://testserver/en/feed/"),
    (ATOM, "Consulting articles (Atom)", "http://testserver/en/feed/atom/"),
]


def test_every_page_of_the_edition_names_the_edition_feeds(client):
    article = ArticleFactory(language="en")

    for url in ("/en/", article.get_absolute_url(), "/en/archive/", "/en/no-such-page/"):
        response = client.get(url)
        if url == "/en/no-such-page/":
            assert response.status_code == 404
            response.status_code = 200  # the friendly 404 page names them too
        assert feed_links(response) == EDITION_FEEDS


def test_the_german_edition_names_its_own_feeds(client):
    links = feed_links(client.get("/de/"))

    assert [href for _type, _title, href in links] == [
        "http://testserver/de/feed/",
        "http://testserver/de/feed/atom/",
    ]
    assert links[0][1] == "Beratungsartikel (RSS)"


def test_category_tag_author_and_series_pages_name_their_own_feeds_too(client):
    category = CategoryFactory(name="Strategy")
    anna = AuthorFactory(name="Anna Berg")
    series = make_series("Ten rules")
    ArticleFactory(
        language="en", category=category, authors=[anna], tags=["Amazon"], series=series,
        series_part=1,
    )  # fmt: skip
    pages = {
        category.url_in("en"): "Strategy",
        "/en/tag/amazon/": "Amazon",
        anna.url_in("en"): "Anna Berg",
        series.get_absolute_url(): "Ten rules",
    }

    for url, name in pages.items():
        links = feed_links(client.get(url))
        assert links[:2] == EDITION_FEEDS
        assert [(kind, title) for kind, title, _href in links[2:]] == [
            (RSS, f"Consulting articles – {name} (RSS)"),
            (ATOM, f"Consulting articles – {name} (Atom)"),
        ]
        rss, atom = (href for _kind, _title, href in links[2:])
        assert rss == f"http://testserver{url}feed/"
        assert atom == f"http://testserver{url}feed/atom/"
        # They lead to the feeds, which carry the page's article.
        assert len(get_feed(client, rss.removeprefix("http://testserver")).entries) == 1
        assert len(get_feed(client, atom.removeprefix("http://testserver")).entries) == 1
