"""What a reader sees on the public pages: lists, the article page, 404 and 500."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import path
from django.utils import timezone
from pytest_django.asserts import assertContains, assertTemplateUsed

from articles.models import Article, ArticleAuthor, Tag
from config.urls import urlpatterns as site_urlpatterns
from tests.articles.helpers import card_titles, parse
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    image_file,
)

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
DE = {"HTTP_ACCEPT_LANGUAGE": "de"}


def hidden_articles(**kwargs) -> list[Article]:
    """A draft and a future-dated article: neither may show up anywhere for readers."""
    return [
        ArticleFactory(title="Geheimer Entwurf", status=Article.Status.DRAFT, **kwargs),
        ArticleFactory(
            title="Erscheint morgen",
            published_at=timezone.now() + timedelta(days=1),
            **kwargs,
        ),
    ]


# --- Home page -------------------------------------------------------------------------------


def test_home_lists_newest_published_first(client):
    now = timezone.now()
    ArticleFactory(title="Mittel", published_at=now - timedelta(days=2))
    ArticleFactory(title="Neu", published_at=now - timedelta(minutes=5))
    ArticleFactory(title="Alt", published_at=now - timedelta(days=30))

    response = client.get("/", **EN)

    assert response.status_code == 200
    assert card_titles(response) == ["Neu", "Mittel", "Alt"]


def test_home_links_each_teaser_to_its_article(client):
    article = ArticleFactory(title="Strategie ohne Folien")

    page = parse(client.get("/", **EN))

    link = page.one("h2", class_="card-title").one("a")
    assert link.get("href") == article.get_absolute_url()
    assert link.text == "Strategie ohne Folien"


def test_home_is_paginated_ten_per_page_and_page_two_shows_the_rest(client):
    now = timezone.now()
    for number in range(12):
        ArticleFactory(title=f"Artikel {number:02d}", published_at=now - timedelta(hours=number))

    first = client.get("/", **EN)
    second = client.get("/?page=2", **EN)

    assert card_titles(first) == [f"Artikel {number:02d}" for number in range(10)]
    assert second.status_code == 200
    assert card_titles(second) == ["Artikel 10", "Artikel 11"]
    next_link = parse(first).one("a", rel="next")
    assert next_link.get("href") == "?page=2"
    assert parse(second).one("a", rel="prev").get("href") == "?page=1"


@pytest.mark.parametrize("page", ["3", "0", "abc", "-1"])
def test_home_page_that_does_not_exist_is_404(client, page):
    ArticleFactory.create_batch(12)

    response = client.get(f"/?page={page}", **EN)

    assert response.status_code == 404


def test_home_without_articles_says_so(client):
    response = client.get("/", **EN)

    assert response.status_code == 200
    assertContains(response, "<p>No articles have been published here yet.</p>", html=True)


# --- Article page ----------------------------------------------------------------------------


def test_article_page_shows_title_category_tags_and_rendered_body(client):
    category = CategoryFactory(name="Strategie")
    article = ArticleFactory(
        title="Führung auf Distanz",
        category=category,
        body="Drei Punkte:\n- Vertrauen\n- Klarheit\n",
        tags=["Führung", "Größe"],
    )

    response = client.get(article.get_absolute_url(), **EN)

    assert response.status_code == 200
    page = parse(response)
    assert page.one("h1", class_="article-title").text == "Führung auf Distanz"
    kicker = page.one("p", class_="kicker").one("a")
    assert (kicker.get("href"), kicker.text) == ("/category/strategie/", "Strategie")
    tags = page.one("ul", class_="tags").find_all("a", rel="tag")
    assert [(tag.get("href"), tag.text) for tag in tags] == [
        ("/tag/fuehrung/", "Führung"),
        ("/tag/groesse/", "Größe"),
    ]
    body = page.one("div", class_="body")
    assert [item.text for item in body.one("ul").find_all("li")] == ["Vertrauen", "Klarheit"]


def test_byline_links_authors_in_position_order_not_creation_order(client):
    first_created, second_created, third_created = (
        AuthorFactory(name="Anna Berg"),
        AuthorFactory(name="Bert Claes"),
        AuthorFactory(name="Carla Dijk"),
    )
    article = ArticleFactory(authors=[first_created])
    article.authorships.update(position=2)
    ArticleAuthor.objects.create(article=article, author=second_created, position=0)
    ArticleAuthor.objects.create(article=article, author=third_created, position=1)

    page = parse(client.get(article.get_absolute_url(), **EN))

    byline = page.one("article", class_="article").one("p", class_="byline")
    author_links = [link for link in byline.find_all("a") if "/author/" in link.get("href")]
    assert [(link.text, link.get("href")) for link in author_links] == [
        ("Bert Claes", "/author/bert-claes/"),
        ("Carla Dijk", "/author/carla-dijk/"),
        ("Anna Berg", "/author/anna-berg/"),
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("de", "5. März 2024"), ("nl", "5 maart 2024"), ("en", "March 5, 2024")],
)
def test_publish_date_is_shown_in_the_readers_language(client, language, expected):
    article = ArticleFactory(published_at=datetime(2024, 3, 5, 10, 0, tzinfo=BERLIN))

    page = parse(client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language))

    time = page.one("p", class_="byline").one("time")
    assert time.text == expected
    assert time.get("datetime").startswith("2024-03-05T10:00:00")


def test_publish_date_is_the_day_in_the_sites_time_zone(client):
    # 23:30 UTC on 5 March is already 6 March in Berlin, where the readers are.
    article = ArticleFactory(published_at=datetime(2024, 3, 5, 23, 30, tzinfo=ZoneInfo("UTC")))

    page = parse(client.get(article.get_absolute_url(), **DE))

    assert page.one("p", class_="byline").one("time").text == "6. März 2024"


def test_cover_image_has_alt_text_size_and_credit_line(client):
    article = ArticleFactory(
        cover_image=image_file("titel.jpg", size=(120, 80)),
        cover_alt="Zwei Personen am Whiteboard",
        cover_credit="Anna Berg",
    )

    response = client.get(article.get_absolute_url(), **EN)

    figure = parse(response).one("figure", class_="cover")
    image = figure.one("img")
    assert image.get("src") == article.cover_image.url
    assert image.get("src").startswith("/media/covers/")
    assert image.get("alt") == "Zwei Personen am Whiteboard"
    assert (image.get("width"), image.get("height")) == ("120", "80")
    assert figure.one("figcaption").text == "Cover image: Anna Berg"


def test_cover_credit_line_reads_titelbild_for_german_readers(client):
    article = ArticleFactory(
        cover_image=image_file(), cover_alt="Ein Bild", cover_credit="Anna Berg"
    )

    page = parse(client.get(article.get_absolute_url(), **DE))

    assert page.one("figcaption").text == "Titelbild: Anna Berg"


def test_article_without_cover_image_shows_no_figure(client):
    article = ArticleFactory(cover_credit="Anna Berg")

    page = parse(client.get(article.get_absolute_url(), **EN))

    assert page.find("figure") is None
    assert "Anna Berg" not in page.one("main").text


def test_reading_time_follows_the_length_of_the_body(client):
    article = ArticleFactory(body=" ".join(["Wort"] * 450))

    page = parse(client.get(article.get_absolute_url(), **EN))

    assert "3 min read" in page.one("p", class_="byline").text


def test_view_count_is_shown_grouped_in_the_readers_language(client):
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(view_count=8790)

    german = parse(client.get(article.get_absolute_url(), **DE))
    english = parse(client.get(article.get_absolute_url(), **EN))

    # This read and the one before are counted: 8790 + 1, then + 1.
    assert german.one("p", class_="view-count").text == "8.791 Aufrufe"
    assert english.one("p", class_="view-count").text == "8,792 views"


def test_draft_is_404_for_readers(client):
    draft = ArticleFactory(status=Article.Status.DRAFT)

    assert client.get(draft.get_absolute_url(), **EN).status_code == 404


def test_future_dated_article_is_404_until_its_publish_date(client):
    future = ArticleFactory(published_at=timezone.now() + timedelta(minutes=5))

    assert client.get(future.get_absolute_url(), **EN).status_code == 404

    Article.objects.filter(pk=future.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert client.get(future.get_absolute_url(), **EN).status_code == 200


def test_german_article_is_reachable_only_under_de(client):
    article = ArticleFactory(title="Größe zeigen", language="de")

    assert article.slug == "groesse-zeigen"
    assert client.get("/de/groesse-zeigen/", **EN).status_code == 200
    assert client.get("/en/groesse-zeigen/", **EN).status_code == 404
    assert client.get("/nl/groesse-zeigen/", **EN).status_code == 404
    assert client.get("/fr/groesse-zeigen/", **EN).status_code == 404


def test_same_slug_in_two_languages_shows_each_languages_article(client):
    ArticleFactory(title="Agile", slug="agile", language="de", body="Deutscher Text")
    ArticleFactory(title="Agile", slug="agile", language="nl", body="Nederlandse tekst")

    german = parse(client.get("/de/agile/", **EN))
    dutch = parse(client.get("/nl/agile/", **EN))

    assert german.one("div", class_="body").text == "Deutscher Text"
    assert dutch.one("div", class_="body").text == "Nederlandse tekst"
    assert dutch.one("article", class_="article").get("lang") == "nl"


# --- Category, tag and author pages ------------------------------------------------------------


def test_category_page_lists_only_its_published_articles(client):
    category = CategoryFactory(name="Strategie", description="Wohin die Reise geht.")
    ArticleFactory(title="In der Kategorie", category=category)
    ArticleFactory(title="Anderswo")
    hidden_articles(category=category)

    response = client.get("/category/strategie/", **EN)

    assert response.status_code == 200
    page = parse(response)
    assert page.one("h1", class_="page-title").text == "Strategie"
    assertContains(response, '<p class="lead">Wohin die Reise geht.</p>', html=True)
    assert card_titles(response) == ["In der Kategorie"]


def test_tag_page_lists_only_its_published_articles(client):
    ArticleFactory(title="Mit Tag", tags=["Führung"])
    ArticleFactory(title="Anderer Tag", tags=["Größe"])
    hidden_articles(tags=["Führung"])

    response = client.get("/tag/fuehrung/", **EN)

    assert response.status_code == 200
    assert parse(response).one("h1", class_="page-title").text == "Führung"
    assert card_titles(response) == ["Mit Tag"]


def test_author_page_shows_the_bio_and_only_their_published_articles(client):
    author = AuthorFactory(name="Ger de Bruijn", bio="Trainer seit 1998.\n\nSchreibt über Teams.")
    co_author = AuthorFactory()
    ArticleFactory(title="Allein", authors=[author])
    ArticleFactory(title="Zu zweit", authors=[co_author, author])
    ArticleFactory(title="Ohne ihn", authors=[co_author])
    hidden_articles(authors=[author])

    response = client.get("/author/ger-de-bruijn/", **EN)

    assert response.status_code == 200
    heading = parse(response).one("header", class_="author-heading")
    assert heading.one("h1").text == "Ger de Bruijn"
    assert [p.text for p in heading.find_all("p") if p.parent.tag == "div"] == [
        "Trainer seit 1998.",
        "Schreibt über Teams.",
    ]
    assert sorted(card_titles(response)) == ["Allein", "Zu zweit"]


def test_article_with_two_tags_and_authors_is_listed_once(client):
    first, second = AuthorFactory(), AuthorFactory()
    ArticleFactory(title="Einmal", authors=[first, second], tags=["Führung", "Größe"])

    for url in ["/", first.get_absolute_url(), "/tag/fuehrung/"]:
        assert card_titles(client.get(url, **EN)) == ["Einmal"], url


@pytest.mark.parametrize("url", ["/category/gibt-es-nicht/", "/tag/gibt-es-nicht/", "/author/nie/"])
def test_unknown_category_tag_or_author_is_404(client, url):
    assert client.get(url, **EN).status_code == 404


def test_drafts_and_future_articles_are_absent_from_every_list(client):
    category = CategoryFactory()
    author = AuthorFactory()
    hidden = hidden_articles(category=category, authors=[author], tags=["Führung"])
    ArticleFactory(title="Sichtbar", category=category, authors=[author], tags=["Führung"])

    for url in ["/", category.get_absolute_url(), "/tag/fuehrung/", author.get_absolute_url()]:
        response = client.get(url, **EN)
        assert card_titles(response) == ["Sichtbar"], url
        for article in hidden:
            assert article.title not in response.content.decode(), url


# --- Error pages -----------------------------------------------------------------------------


def test_unknown_address_gets_the_styled_404_page(client):
    CategoryFactory(name="Strategie")

    response = client.get("/gibt-es-nicht/", **EN)

    assert response.status_code == 404
    assertTemplateUsed(response, "404.html")
    page = parse(response)
    header = page.one("header", class_="site-header")
    assert header.one("a", class_="site-name").get("href") == "/"
    assert "Strategie" in header.text
    assert page.one("h1", class_="page-title").text == "Page not found"
    assert page.find("link", rel="stylesheet") is not None


def boom(request):
    raise RuntimeError("database password is hunter2")


# A temporary URLconf for the 500 test: the site's URLs plus one view that fails.
urlpatterns = [path("boom/", boom), *site_urlpatterns]


@pytest.mark.urls(__name__)
def test_server_error_gets_the_styled_500_page_without_details(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False

    response = client.get("/boom/", **EN)

    assert response.status_code == 500
    assertTemplateUsed(response, "500.html")
    page = parse(response)
    assert page.one("h1", class_="page-title").text == "Something went wrong"
    assert page.find("link", rel="stylesheet") is not None
    content = response.content.decode()
    for detail in ["hunter2", "RuntimeError", "Traceback", "boom", "test_reader_pages"]:
        assert detail not in content


# --- Escaping and addresses made outside the admin --------------------------------------------

XSS = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def test_markup_in_title_summary_and_cover_texts_is_shown_as_text(client):
    article = ArticleFactory(
        title=f"Titel {XSS}",
        summary=f"Kurz {XSS}",
        cover_image=image_file(),
        cover_alt='Alt" onerror="alert(3)',
        cover_credit=f"Credit {XSS}",
        tags=[f"Tag {XSS}"],
    )

    for url in [article.get_absolute_url(), "/"]:
        response = client.get(url, **EN)
        page = parse(response)
        assert page.find("script") is None, url
        assert all(not name.startswith("on") for node in page.iter() for name in node.attrs), url
        assert f"Titel {XSS}" in page.one("main").text, url

    detail = parse(client.get(article.get_absolute_url(), **EN))
    assert detail.one("figure").one("img").get("alt") == 'Alt" onerror="alert(3)'


def test_tag_with_a_non_ascii_slug_made_elsewhere_has_a_working_page(client):
    tag = Tag.objects.create(name="Führung", slug="führung")
    ArticleFactory(title="Mit Umlaut-Tag", tags=[tag])

    response = client.get(tag.get_absolute_url(), **EN)

    assert tag.get_absolute_url() == "/tag/f%C3%BChrung/"
    assert response.status_code == 200
    assert card_titles(response) == ["Mit Umlaut-Tag"]


def test_article_updated_with_update_or_create_shows_the_new_body(client):
    # How an importer re-imports a changed file: update, never duplicate (DESIGN.md contract).
    article = ArticleFactory(title="Import", body="Alter Text")

    Article.objects.update_or_create(
        language=article.language,
        slug=article.slug,
        defaults={"body": "Neuer Text:\n- eins\n- zwei"},
    )

    body = parse(client.get(article.get_absolute_url(), **EN)).one("div", class_="body")
    assert body.one("p").text == "Neuer Text:"
    assert [item.text for item in body.one("ul").find_all("li")] == ["eins", "zwei"]
