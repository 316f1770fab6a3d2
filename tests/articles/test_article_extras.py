"""What surrounds an article on its page: breadcrumbs, the table of contents, "more in this
category", share links and the print stylesheet."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone

from articles import reading, services
from articles.models import Article
from articles.toc import table_of_contents
from tests.factories import ArticleFactory, CategoryFactory
from tests.html import markup, one, parse, text

pytestmark = pytest.mark.django_db

SITE = "https://www.example.com"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)


# --- Breadcrumbs -----------------------------------------------------------------------------


def test_breadcrumbs_lead_from_the_edition_home_through_the_category(client):
    category = CategoryFactory(name="Strategie")
    article = ArticleFactory(title="Kunden binden", category=category, language="de")

    page = parse(client.get(article.get_absolute_url()))

    nav = one(page, "nav.breadcrumbs")
    assert nav.get("aria-label")
    links = nav.select("ol > li > a")
    assert [text(link) for link in links][1:] == ["Strategie", "Kunden binden"]
    assert [link["href"] for link in links] == [
        "/de/",
        category.url_in("de"),
        article.get_absolute_url(),
    ]
    assert links[-1].get("aria-current") == "page"


def test_the_category_is_named_once_outside_the_breadcrumbs(client):
    category = CategoryFactory(name="Strategie")
    article = ArticleFactory(category=category)
    ArticleFactory(category=category)  # "more in this category" has something to show

    page = parse(client.get(article.get_absolute_url()))

    one(page, "nav.breadcrumbs").decompose()
    assert text(one(page, "main")).count("Strategie") == 1


# --- Table of contents -----------------------------------------------------------------------

LONG_BODY = """Einleitung.

## Ausgangslage

Text.

### Zahlen *und* Fakten

Text.

#### Zu klein für den Inhalt

## Was zu tun ist

### Erster Schritt

### Zweiter Schritt
"""


def test_a_long_article_has_a_table_of_contents_linking_its_headings(client):
    article = ArticleFactory(body=LONG_BODY)

    page = parse(client.get(article.get_absolute_url()))

    toc = one(page, "nav.toc")
    top = toc.select(":scope > ol > li")
    assert [text(one(item, ":scope > a")) for item in top] == ["Ausgangslage", "Was zu tun ist"]
    assert [text(a) for a in top[0].select(":scope > ol > li > a")] == ["Zahlen und Fakten"]
    assert [text(a) for a in top[1].select(":scope > ol > li > a")] == [
        "Erster Schritt",
        "Zweiter Schritt",
    ]
    body = one(page, "div.body")
    for link in toc.select("a"):
        target = body.select_one(f'[id="{link["href"].removeprefix("#")}"]')
        assert target is not None and text(target) == text(link)


def test_a_short_article_has_no_table_of_contents(client):
    article = ArticleFactory(body="## Eins\n\nText.\n\n### Zwei\n\nText.")

    assert parse(client.get(article.get_absolute_url())).select("nav.toc") == []


def test_headings_in_the_contents_are_text(client):
    article = ArticleFactory(body="## 5 < 6 & 7\n\n## <b>Fett</b>\n\n## `<script>`\n")

    toc = one(parse(client.get(article.get_absolute_url())), "nav.toc")

    assert [text(a) for a in toc.select("a")] == ["5 < 6 & 7", "Fett", "<script>"]
    assert toc.select("script, b") == []


def test_a_subheading_before_the_first_heading_stands_on_its_own():
    html = '<h3 id="a">A</h3><h2 id="b">B</h2><h3 id="c">C</h3><h2>no id</h2>'

    entries = table_of_contents(html)

    assert [(e.id, [c.id for c in e.children]) for e in entries] == [("a", []), ("b", ["c"])]


# --- More in this category -------------------------------------------------------------------


def test_more_articles_are_the_newest_in_the_same_category_and_edition(client):
    category = CategoryFactory(name="Strategie")
    article = ArticleFactory(category=category, published_at=days_ago(30))
    same = [ArticleFactory(category=category, published_at=days_ago(d)) for d in (5, 1, 3, 9)]
    ArticleFactory(category=category, status=Article.Status.DRAFT)
    ArticleFactory(category=category, published_at=timezone.now() + timedelta(days=1))
    ArticleFactory(category=category, language="de", published_at=days_ago(0))
    ArticleFactory(published_at=days_ago(0))  # another category
    version = ArticleFactory(category=category, language="nl", published_at=days_ago(0))
    services.article_save(
        article=version, authors=version.ordered_authors, translation_of=article, by=None
    )

    page = parse(client.get(article.get_absolute_url()))

    items = one(page, "section.more-articles").select("li")
    assert [text(one(item, "a")) for item in items] == [same[1].title, same[2].title, same[0].title]
    assert [one(item, "a")["href"] for item in items] == [
        same[1].get_absolute_url(),
        same[2].get_absolute_url(),
        same[0].get_absolute_url(),
    ]
    for item in items:
        assert one(item, "time").get("datetime")
        assert "min read" in text(item)


def test_more_articles_leave_out_what_further_reading_shows_already(client):
    category = CategoryFactory()
    article = ArticleFactory(category=category, tags=["Führung"], published_at=days_ago(9))
    related = ArticleFactory(category=category, tags=["Führung"], published_at=days_ago(1))
    other = ArticleFactory(category=category, published_at=days_ago(2))

    page = parse(client.get(article.get_absolute_url()))

    assert [text(a) for a in page.select("section.related li a.related-title")] == [related.title]
    assert [text(a) for a in page.select("section.more-articles li a")] == [other.title]


def test_an_article_alone_in_its_category_shows_no_more_articles(client):
    article = ArticleFactory()
    ArticleFactory()

    assert parse(client.get(article.get_absolute_url())).select("section.more-articles") == []


def test_more_articles_take_one_query(django_assert_num_queries):
    category = CategoryFactory()
    article = ArticleFactory(category=category)
    ArticleFactory.create_batch(5, category=category, tags=["Führung", "Wandel"])

    with django_assert_num_queries(1):
        found = reading.more_articles(article)

    assert len(found) == 3
    with django_assert_num_queries(0):
        [(a.title, a.get_absolute_url(), a.published_at, a.reading_time) for a in found]


# --- Share links -----------------------------------------------------------------------------


def test_share_links_carry_the_articles_address_to_each_network(client):
    article = ArticleFactory(title="Kunden & Märkte")
    url = SITE + article.get_absolute_url()

    page = parse(client.get(article.get_absolute_url()))

    links = {a["class"][0]: a["href"] for a in one(page, "section.share-links").select("a")}
    assert set(links) == {"share-email", "share-linkedin", "share-x", "share-whatsapp"}
    mail = urlsplit(links["share-email"])
    assert mail.scheme == "mailto"
    assert parse_qs(mail.query) == {"subject": ["Kunden & Märkte"], "body": [url]}
    assert links["share-linkedin"].startswith("https://www.linkedin.com/sharing/share-offsite/?")
    assert parse_qs(urlsplit(links["share-linkedin"]).query) == {"url": [url]}
    assert links["share-x"].startswith("https://x.com/intent/post?")
    assert parse_qs(urlsplit(links["share-x"]).query) == {"url": [url], "text": ["Kunden & Märkte"]}
    assert links["share-whatsapp"].startswith("https://wa.me/?")
    assert parse_qs(urlsplit(links["share-whatsapp"]).query) == {"text": [f"Kunden & Märkte {url}"]}


def test_the_article_page_loads_nothing_from_other_sites(client):
    article = ArticleFactory()

    page = parse(client.get(article.get_absolute_url()))

    for element in page.select("script[src], link[href], img[src], iframe"):
        address = element.get("src") or element.get("href")
        if element.name == "link" and "alternate" in element.get("rel", []):
            continue  # links to other addresses, nothing loaded
        if element.name == "link" and "canonical" in element.get("rel", []):
            continue
        assert address.startswith("/"), address
    assert page.select("a[target]") == []


def test_a_preview_of_a_draft_offers_no_share_links(editor_client):
    article = ArticleFactory(status=Article.Status.DRAFT)

    response = editor_client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert parse(response).select("section.share-links") == []


# --- Printing --------------------------------------------------------------------------------


def test_pages_link_a_print_stylesheet(client):
    article = ArticleFactory()

    for url in ["/en/", article.get_absolute_url()]:
        sheet = one(parse(client.get(url)), 'link[rel="stylesheet"][media="print"]')
        assert sheet["href"].endswith("/print.css")


def test_the_print_stylesheet_hides_the_site_around_the_text_and_prints_link_addresses():
    with open(finders.find("css/print.css"), encoding="utf-8") as sheet:
        css = sheet.read()

    hidden = css.split("{", 1)[0]
    for selector in (
        ".site-header nav", ".edition-switcher", '[role="search"]', ".comment-form",
        ".share-links",
    ):  # fmt: skip
        assert selector in hidden, selector
    assert 'content: " (" attr(href) ")"' in css


def test_the_article_page_still_escapes_what_editors_wrote(client):
    article = ArticleFactory(title="<script>alert(1)</script>", body=LONG_BODY)

    raw = markup(client.get(article.get_absolute_url()))

    assert "<script>alert(1)" not in raw
