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
from tests.articles.helpers import card_titles
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    image_file,
)
from tests.html import one, parse, text

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

    link = one(one(page, "h2.card-title"), "a")
    assert link.get("href") == article.get_absolute_url()
    assert text(link) == "Strategie ohne Folien"


def test_home_is_paginated_ten_per_page_and_page_two_shows_the_rest(client):
    now = timezone.now()
    for number in range(12):
        ArticleFactory(title=f"Artikel {number:02d}", published_at=now - timedelta(hours=number))

    first = client.get("/", **EN)
    second = client.get("/?page=2", **EN)

    assert card_titles(first) == [f"Artikel {number:02d}" for number in range(10)]
    assert second.status_code == 200
    assert card_titles(second) == ["Artikel 10", "Artikel 11"]
    next_link = one(parse(first), 'a[rel="next"]')
    assert next_link.get("href") == "?page=2"
    assert one(parse(second), 'a[rel="prev"]').get("href") == "?page=1"


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
    assert text(one(page, "h1.article-title")) == "Führung auf Distanz"
    kicker = one(one(page, "p.kicker"), "a")
    assert (kicker.get("href"), text(kicker)) == ("/category/strategie/", "Strategie")
    tags = one(page, "ul.tags").select('a[rel="tag"]')
    assert [(tag.get("href"), text(tag)) for tag in tags] == [
        ("/tag/fuehrung/", "Führung"),
        ("/tag/groesse/", "Größe"),
    ]
    body = one(page, "div.body")
    assert [text(item) for item in one(body, "ul").select("li")] == ["Vertrauen", "Klarheit"]


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

    byline = one(one(page, "article.article"), "p.byline")
    author_links = byline.select('a[href*="/author/"]')
    assert [(text(link), link.get("href")) for link in author_links] == [
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

    time = one(one(page, "p.byline"), "time")
    assert text(time) == expected
    assert time.get("datetime").startswith("2024-03-05T10:00:00")


def test_publish_date_is_the_day_in_the_sites_time_zone(client):
    # 23:30 UTC on 5 March is already 6 March in Berlin, where the readers are.
    article = ArticleFactory(published_at=datetime(2024, 3, 5, 23, 30, tzinfo=ZoneInfo("UTC")))

    page = parse(client.get(article.get_absolute_url(), **DE))

    assert text(one(one(page, "p.byline"), "time")) == "6. März 2024"


def test_cover_image_has_alt_text_size_and_credit_line(client):
    article = ArticleFactory(
        cover_image=image_file("titel.jpg", size=(120, 80)),
        cover_alt="Zwei Personen am Whiteboard",
        cover_credit="Anna Berg",
    )

    response = client.get(article.get_absolute_url(), **EN)

    figure = one(parse(response), "figure.cover")
    image = one(figure, "img")
    assert image.get("src") == article.cover_image.url
    assert image.get("src").startswith("/media/covers/")
    assert image.get("alt") == "Zwei Personen am Whiteboard"
    assert (image.get("width"), image.get("height")) == ("120", "80")
    assert text(one(figure, "figcaption")) == "Cover image: Anna Berg"


def test_cover_credit_line_reads_titelbild_for_german_readers(client):
    article = ArticleFactory(
        cover_image=image_file(), cover_alt="Ein Bild", cover_credit="Anna Berg"
    )

    page = parse(client.get(article.get_absolute_url(), **DE))

    assert text(one(page, "figcaption")) == "Titelbild: Anna Berg"


def test_article_without_cover_image_shows_no_figure(client):
    article = ArticleFactory(cover_credit="Anna Berg")

    page = parse(client.get(article.get_absolute_url(), **EN))

    assert page.select_one("figure") is None
    assert "Anna Berg" not in text(one(page, "main"))


def test_reading_time_follows_the_length_of_the_body(client):
    article = ArticleFactory(body=" ".join(["Wort"] * 450))

    page = parse(client.get(article.get_absolute_url(), **EN))

    assert "3 min read" in text(one(page, "p.byline"))


def test_view_count_is_shown_grouped_in_the_readers_language(client):
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(view_count=8790)

    german = parse(client.get(article.get_absolute_url(), **DE))
    english = parse(client.get(article.get_absolute_url(), **EN))

    # This read and the one before are counted: 8790 + 1, then + 1.
    assert text(one(german, "p.view-count")) == "8.791 Aufrufe"
    assert text(one(english, "p.view-count")) == "8,792 views"


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

    assert text(one(german, "div.body")) == "Deutscher Text"
    assert text(one(dutch, "div.body")) == "Nederlandse tekst"
    assert one(dutch, "article.article").get("lang") == "nl"


# --- Category, tag and author pages ------------------------------------------------------------


def test_category_page_lists_only_its_published_articles(client):
    category = CategoryFactory(name="Strategie", description="Wohin die Reise geht.")
    ArticleFactory(title="In der Kategorie", category=category)
    ArticleFactory(title="Anderswo")
    hidden_articles(category=category)

    response = client.get("/category/strategie/", **EN)

    assert response.status_code == 200
    page = parse(response)
    assert text(one(page, "h1.page-title")) == "Strategie"
    assertContains(response, '<p class="lead">Wohin die Reise geht.</p>', html=True)
    assert card_titles(response) == ["In der Kategorie"]


def test_tag_page_lists_only_its_published_articles(client):
    ArticleFactory(title="Mit Tag", tags=["Führung"])
    ArticleFactory(title="Anderer Tag", tags=["Größe"])
    hidden_articles(tags=["Führung"])

    response = client.get("/tag/fuehrung/", **EN)

    assert response.status_code == 200
    assert text(one(parse(response), "h1.page-title")) == "Führung"
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
    heading = one(parse(response), "header.author-heading")
    assert text(one(heading, "h1")) == "Ger de Bruijn"
    assert [text(p) for p in heading.select("div > p")] == [
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
    header = one(page, "header.site-header")
    assert one(header, "a.site-name").get("href") == "/"
    assert "Strategie" in text(header)
    assert text(one(page, "h1.page-title")) == "Page not found"
    assert page.select_one('link[rel="stylesheet"]') is not None


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
    assert text(one(page, "h1.page-title")) == "Something went wrong"
    assert page.select_one('link[rel="stylesheet"]') is not None
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
        assert page.select_one("script") is None, url
        attributes = [name for node in page.select("*") for name in node.attrs]
        assert [name for name in attributes if name.startswith("on")] == [], url
        assert f"Titel {XSS}" in text(one(page, "main")), url

    detail = parse(client.get(article.get_absolute_url(), **EN))
    assert one(one(detail, "figure"), "img").get("alt") == 'Alt" onerror="alert(3)'


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

    body = one(parse(client.get(article.get_absolute_url(), **EN)), "div.body")
    assert text(one(body, "p")) == "Neuer Text:"
    assert [text(item) for item in one(body, "ul").select("li")] == ["eins", "zwei"]
