"""/sitemap.xml (an index of one sitemap per kind of page) and /robots.txt, read as a search
engine reads them: parsed XML, absolute addresses, dates and hreflang alternates."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from articles import services
from articles.editions import EDITIONS, edition_reverse
from articles.models import Article, Category, Series
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory
from tests.helpers import count_queries
from tests.html import parse

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
SITE = "http://testserver"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SECTIONS = ["articles", "categories", "tags", "authors", "series"]


def day(number: int) -> datetime:
    """A publish date in March 2025, at 10:00 in Berlin."""
    return datetime(2025, 3, number, 10, 0, tzinfo=BERLIN)


def read_index(response) -> dict[str, str | None]:
    """{address of a sitemap: its lastmod}."""
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}sitemapindex"
    return {
        item.findtext(f"{SITEMAP}loc"): item.findtext(f"{SITEMAP}lastmod")
        for item in root.iter(f"{SITEMAP}sitemap")
    }


def read_sitemap(response) -> dict[str, dict]:
    """{address: {"lastmod": "2025-03-05" or None, "alternates": {hreflang: address}}}."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    entries = {}
    for url in root.iter(f"{SITEMAP}url"):
        loc = url.findtext(f"{SITEMAP}loc")
        assert loc not in entries, f"{loc} listed twice"
        entries[loc] = {
            "lastmod": url.findtext(f"{SITEMAP}lastmod"),
            "alternates": {
                link.get("hreflang"): link.get("href")
                for link in url.iter(f"{XHTML}link")
                if link.get("rel") == "alternate"
            },
        }
    return entries


def section(client, name: str, **headers) -> dict[str, dict]:
    return read_sitemap(client.get(f"/sitemap-{name}.xml", **headers))


def link_translation(article: Article, of: Article) -> None:
    services.article_save(
        article=article, authors=article.ordered_authors, translation_of=of, by=None
    )


def make_series(title: str, language: str = "en") -> Series:
    return services.named_save(obj=Series(title=title, language=language), by=None)


# --- The index -------------------------------------------------------------------------------


def test_the_index_lists_one_sitemap_per_kind_of_page_and_each_answers(client):
    ArticleFactory(language="en")

    index = read_index(client.get("/sitemap.xml"))

    assert list(index) == [f"{SITE}/sitemap-{name}.xml" for name in SECTIONS]
    for address in index:
        read_sitemap(client.get(address.removeprefix(SITE)))


def test_the_index_dates_each_sitemap_by_its_newest_change(client):
    article = ArticleFactory(language="en", published_at=day(5))
    Article.objects.filter(pk=article.pk).update(updated_at=day(7))

    index = read_index(client.get("/sitemap.xml"))

    assert datetime.fromisoformat(index[f"{SITE}/sitemap-articles.xml"]) == day(7)
    assert datetime.fromisoformat(index[f"{SITE}/sitemap-categories.xml"]) == day(5)
    # No series has a public part: nothing to date.
    assert index[f"{SITE}/sitemap-series.xml"] is None


# --- Articles --------------------------------------------------------------------------------


def test_the_article_sitemap_lists_every_editions_public_articles_only(client):
    public = [ArticleFactory(language=language) for language in EDITIONS]
    ArticleFactory(language="en", status=Article.Status.DRAFT)
    ArticleFactory(language="de", status=Article.Status.REVIEW)
    ArticleFactory(language="nl", published_at=datetime(2099, 1, 1, tzinfo=BERLIN))
    ArticleFactory(language="en", status=Article.Status.ARCHIVED)

    entries = section(client, "articles")

    assert sorted(entries) == sorted(f"{SITE}{a.get_absolute_url()}" for a in public)


def test_an_articles_lastmod_is_when_it_last_changed(client):
    article = ArticleFactory(language="de", published_at=day(5))
    Article.objects.filter(pk=article.pk).update(updated_at=day(7))

    entries = section(client, "articles")

    assert entries[f"{SITE}{article.get_absolute_url()}"]["lastmod"] == "2025-03-07"


def test_an_article_names_its_published_translations_as_alternates(client):
    german = ArticleFactory(language="de", title="Führung", published_at=day(2))
    dutch = ArticleFactory(language="nl", title="Leiderschap", published_at=day(3))
    english = ArticleFactory(language="en", title="Leadership", status=Article.Status.DRAFT)
    alone = ArticleFactory(language="en", title="Untranslated")
    link_translation(dutch, german)
    link_translation(english, german)

    entries = section(client, "articles")

    expected = {
        "de": f"{SITE}{german.get_absolute_url()}",
        "nl": f"{SITE}{dutch.get_absolute_url()}",
        # The site's language (en in the tests) has no public version: the first published.
        "x-default": f"{SITE}{german.get_absolute_url()}",
    }
    assert entries[expected["de"]]["alternates"] == expected
    assert entries[expected["nl"]]["alternates"] == expected
    assert f"{SITE}{english.get_absolute_url()}" not in entries
    assert entries[f"{SITE}{alone.get_absolute_url()}"]["alternates"] == {}


def test_the_x_default_is_the_version_in_the_sites_language_when_published(client):
    german = ArticleFactory(language="de", published_at=day(2))
    english = ArticleFactory(language="en", published_at=day(3))
    link_translation(english, german)

    entries = section(client, "articles")

    alternates = entries[f"{SITE}{german.get_absolute_url()}"]["alternates"]
    assert alternates["x-default"] == f"{SITE}{english.get_absolute_url()}"
    assert set(alternates) == {"de", "en", "x-default"}


# --- Categories, tags, authors, series -------------------------------------------------------


def test_a_category_is_listed_in_each_edition_with_public_articles_there(client):
    strategy = CategoryFactory(name_en="Strategy", name_de="Strategie", name_nl="Strategie")
    ArticleFactory(language="de", category=strategy, published_at=day(1))
    ArticleFactory(language="de", category=strategy, published_at=day(4))
    ArticleFactory(language="nl", category=strategy, published_at=day(2))
    ArticleFactory(language="en", category=strategy, status=Article.Status.DRAFT)
    CategoryFactory(name="Empty")
    only_drafts = CategoryFactory(name="Only drafts")
    ArticleFactory(language="en", category=only_drafts, status=Article.Status.DRAFT)

    entries = section(client, "categories")

    german = f"{SITE}{strategy.url_in('de')}"
    dutch = f"{SITE}{strategy.url_in('nl')}"
    assert set(entries) == {german, dutch}
    assert german.endswith("/strategie/")
    assert entries[german]["lastmod"] == "2025-03-04"
    assert entries[dutch]["lastmod"] == "2025-03-02"
    for entry in entries.values():
        assert entry["alternates"] == {"de": german, "nl": dutch}


def test_a_category_in_one_edition_only_names_no_alternates(client):
    ArticleFactory(language="en", category=CategoryFactory(name="Strategy"))

    (entry,) = section(client, "categories").values()

    assert entry["alternates"] == {}


def test_a_tag_is_listed_in_each_edition_with_public_articles_carrying_it(client):
    ArticleFactory(language="en", tags=["Amazon"], published_at=day(3))
    ArticleFactory(language="de", tags=["Amazon"], published_at=day(6))
    ArticleFactory(language="en", tags=["Unpublished"], status=Article.Status.DRAFT)

    entries = section(client, "tags")

    english, german = f"{SITE}/en/tag/amazon/", f"{SITE}/de/tag/amazon/"
    assert set(entries) == {english, german}
    assert entries[english]["lastmod"] == "2025-03-03"
    assert entries[german]["lastmod"] == "2025-03-06"
    assert entries[german]["alternates"] == {"en": english, "de": german}


def test_an_author_is_listed_in_each_edition_with_public_articles_in_their_byline(client):
    anna, ben = AuthorFactory(name="Anna Berg"), AuthorFactory(name="Ben Kuiper")
    ArticleFactory(language="nl", authors=[ben, anna], published_at=day(8))
    ArticleFactory(language="en", authors=[ben], published_at=day(9))
    AuthorFactory(name="Never published")

    entries = section(client, "authors")

    assert entries == {
        f"{SITE}{anna.url_in('nl')}": {"lastmod": "2025-03-08", "alternates": {}},
        f"{SITE}{ben.url_in('nl')}": {
            "lastmod": "2025-03-08",
            "alternates": {"nl": f"{SITE}{ben.url_in('nl')}", "en": f"{SITE}{ben.url_in('en')}"},
        },
        f"{SITE}{ben.url_in('en')}": {
            "lastmod": "2025-03-09",
            "alternates": {"nl": f"{SITE}{ben.url_in('nl')}", "en": f"{SITE}{ben.url_in('en')}"},
        },
    }


def test_a_series_is_listed_in_its_own_edition_while_a_part_is_public(client):
    rules = make_series("Ten rules", "en")
    ArticleFactory(language="en", series=rules, series_part=1, published_at=day(2))
    ArticleFactory(language="en", series=rules, series_part=2, published_at=day(5))
    coming = make_series("Coming", "de")
    ArticleFactory(
        language="de",
        series=coming,
        series_part=1,
        published_at=datetime(2099, 1, 1, tzinfo=BERLIN),
    )

    entries = section(client, "series")

    assert entries == {
        f"{SITE}{rules.get_absolute_url()}": {"lastmod": "2025-03-05", "alternates": {}}
    }


# --- Addresses, errors, caching --------------------------------------------------------------


def test_every_address_comes_from_site_url_not_from_the_request(client, settings):
    settings.SITE_URL = "https://www.example.com"
    german = ArticleFactory(language="de", tags=["Amazon"])
    link_translation(ArticleFactory(language="en", tags=["Amazon"]), german)

    index = read_index(client.get("/sitemap.xml", HTTP_HOST="localhost"))
    addresses = list(index)
    for name in SECTIONS:
        for loc, entry in section(client, name, HTTP_HOST="localhost").items():
            addresses += [loc, *entry["alternates"].values()]

    assert len(addresses) > len(SECTIONS) + 4
    assert all(address.startswith("https://www.example.com/") for address in addresses)


@pytest.mark.parametrize(
    "url", ["/sitemap-nothing.xml", "/sitemap-articles.xml?p=7", "/sitemap-tags.xml?p=two"]
)
def test_an_unknown_section_or_page_is_the_friendly_404_page(client, url):
    ArticleFactory(language="en")

    response = client.get(url)

    assert response.status_code == 404
    assert parse(response).select_one("h1").get_text(strip=True) == "Page not found"


# --- Query budget ----------------------------------------------------------------------------

# The articles' sitemap: their count, one page of them and their published translations.
ARTICLES_BUDGET = 3
# Categories, tags, authors, series: one aggregate query each.
LISTS_BUDGET = 1
# The index: the articles' count and newest change, and each other section's entries.
INDEX_BUDGET = 2 + 4 * LISTS_BUDGET


def add_translated_articles(pairs: int, *, category: Category, authors) -> None:
    """``pairs`` German articles, each with a linked English version, several tags and
    authors, some in a series."""
    series = make_series(f"Series {Series.objects.count()}", "de")
    for number in range(pairs):
        tags = ["Amazon", *(f"Topic {number}-{tag}" for tag in range(4))]
        german = ArticleFactory(
            language="de", category=category, authors=authors, tags=tags, series=series,
            series_part=number + 1,
        )  # fmt: skip
        english = ArticleFactory(language="en", category=category, authors=authors, tags=tags)
        link_translation(english, german)


def test_the_sitemaps_cost_the_same_queries_with_few_or_many_articles(client):
    category = CategoryFactory(name="Strategy")
    authors = [AuthorFactory() for _ in range(3)]
    urls = ["/sitemap.xml", *(f"/sitemap-{name}.xml" for name in SECTIONS)]
    add_translated_articles(2, category=category, authors=authors)
    client.get(urls[0])  # the Site record, read once per process
    few = {url: count_queries(client, url)[0] for url in urls}

    add_translated_articles(13, category=category, authors=authors)
    many = {}
    for url in urls:
        many[url], response = count_queries(client, url)
    assert len(read_sitemap(response)) == 2  # two series by now

    assert many == few
    assert many == {
        "/sitemap.xml": INDEX_BUDGET,
        "/sitemap-articles.xml": ARTICLES_BUDGET,
        **{f"/sitemap-{name}.xml": LISTS_BUDGET for name in SECTIONS[1:]},
    }
    assert len(section(client, "articles")) == 30


# --- robots.txt ------------------------------------------------------------------------------


def robots_rules(client) -> tuple[list[str], list[str]]:
    """The Disallow paths and the Sitemap addresses of /robots.txt."""
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    disallow = [line.split(":", 1)[1].strip() for line in lines if line.startswith("Disallow:")]
    sitemaps = [line.split(":", 1)[1].strip() for line in lines if line.startswith("Sitemap:")]
    return disallow, sitemaps


def blocked(path: str, disallow: list[str]) -> bool:
    return any(path.startswith(rule) for rule in disallow)


def test_robots_txt_points_to_the_sitemap_index(client, settings):
    settings.SITE_URL = "https://www.example.com"

    _disallow, sitemaps = robots_rules(client)

    assert sitemaps == ["https://www.example.com/sitemap.xml"]


def test_robots_txt_keeps_crawlers_out_of_the_admin_switcher_and_share_links(client):
    disallow, _sitemaps = robots_rules(client)

    assert blocked("/admin/login/", disallow)
    for language in EDITIONS:
        assert blocked(f"/edition/{language}/?next=/{language}/", disallow)
        # The share link's path word is the edition's own (/de/<word>/…).
        assert blocked(edition_reverse("articles:share", language, token="abc.def"), disallow)
    assert blocked("/share/abc.def/", disallow)


def test_robots_txt_leaves_the_readers_pages_open(client):
    article = ArticleFactory(language="de", tags=["Amazon"])
    disallow, _sitemaps = robots_rules(client)

    for path in [
        "/de/",
        article.get_absolute_url(),
        article.category.url_in("de"),
        "/de/tag/amazon/",
        "/de/feed/",
        "/sitemap.xml",
    ]:
        assert not blocked(path, disallow), path
