"""What a reader sees on the public pages: lists, the article page, 404 and 500."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import path
from django.utils import timezone
from pytest_django.asserts import assertContains, assertTemplateUsed

from articles.models import Article, ArticleAuthor, Category, Tag
from config.urls import urlpatterns as site_urlpatterns
from tests.articles.helpers import card_titles
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    image_file,
)
from tests.helpers import XSS
from tests.html import event_handlers, one, parse, text

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
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

    response = client.get("/en/")

    assert response.status_code == 200
    assert card_titles(response) == ["Neu", "Mittel", "Alt"]


def test_home_links_each_teaser_to_its_article(client):
    article = ArticleFactory(title="Strategie ohne Folien")

    page = parse(client.get("/en/"))

    link = one(one(page, ".card-title"), "a")
    assert link.get("href") == article.get_absolute_url()
    assert text(link) == "Strategie ohne Folien"


@pytest.mark.parametrize("listing", ["home", "category"])
def test_teaser_shows_byline_summary_and_tags(client, listing):
    # Every list (home, category, tag, author) shows the same card; two of them are checked.
    anna, bert = AuthorFactory(name="Anna Berg"), AuthorFactory(name="Bert Claes")
    article = ArticleFactory(
        title="Führung auf Distanz",
        authors=[bert, anna],  # byline order, neither by name nor by creation
        summary="Worauf es ankommt, wenn das Team verteilt arbeitet.",
        tags=["Führung", "Größe"],
    )
    url = "/en/" if listing == "home" else article.category.get_absolute_url()

    card = one(parse(client.get(url)), "article.card")

    byline = one(card, "p.byline")
    assert [(text(link), link.get("href")) for link in byline.select('a[href^="/en/author/"]')] == [
        ("Bert Claes", "/en/author/bert-claes/"),
        ("Anna Berg", "/en/author/anna-berg/"),
    ]
    assert text(one(card, "p.summary")) == "Worauf es ankommt, wenn das Team verteilt arbeitet."
    tags = {(text(link), link.get("href")) for link in card.select('a[rel="tag"]')}
    assert tags == {("Führung", "/en/tag/fuehrung/"), ("Größe", "/en/tag/groesse/")}


def test_home_is_paginated_ten_per_page_and_page_two_shows_the_rest(client):
    now = timezone.now()
    for number in range(12):
        ArticleFactory(title=f"Artikel {number:02d}", published_at=now - timedelta(hours=number))

    first = client.get("/en/")
    second = client.get("/en/?page=2")

    assert card_titles(first) == [f"Artikel {number:02d}" for number in range(10)]
    assert second.status_code == 200
    assert card_titles(second) == ["Artikel 10", "Artikel 11"]
    next_link = one(parse(first), '.pagination a[rel="next"]')
    assert next_link.get("href") == "/en/?page=2"
    # Page 1 is the plain address, as its canonical link says.
    assert one(parse(second), '.pagination a[rel="prev"]').get("href") == "/en/"
    numbers = parse(second).select(".pagination .page-numbers a")
    assert [(text(a), a.get("href")) for a in numbers] == [
        ("Page 1", "/en/"),
        ("Page 2", "/en/?page=2"),
    ]


@pytest.mark.parametrize("page", ["3", "0", "abc", "-1"])
def test_home_page_that_does_not_exist_is_404(client, page):
    ArticleFactory.create_batch(12)

    response = client.get(f"/en/?page={page}")

    assert response.status_code == 404


def test_home_without_articles_says_so(client):
    response = client.get("/en/")

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

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    page = parse(response)
    assert text(one(page, "h1.article-title")) == "Führung auf Distanz"
    # The category shows once in the article's header: in the byline.
    header_links = one(page, "article.article header").select('a[href*="/category/"]')
    assert [(a.get("href"), text(a)) for a in header_links] == [
        ("/en/category/strategie/", "Strategie")
    ]
    tags = one(page, "ul.tags").select('a[rel="tag"]')
    assert [(tag.get("href"), text(tag)) for tag in tags] == [
        ("/en/tag/fuehrung/", "Führung"),
        ("/en/tag/groesse/", "Größe"),
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

    page = parse(client.get(article.get_absolute_url()))

    byline = one(one(page, "article.article"), "p.byline")
    author_links = byline.select('a[href*="/en/author/"]')
    assert [(text(link), link.get("href")) for link in author_links] == [
        ("Bert Claes", "/en/author/bert-claes/"),
        ("Carla Dijk", "/en/author/carla-dijk/"),
        ("Anna Berg", "/en/author/anna-berg/"),
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("de", "5. März 2024"), ("nl", "5 maart 2024"), ("en", "March 5, 2024")],
)
def test_publish_date_is_shown_in_the_editions_language(client, language, expected):
    article = ArticleFactory(
        language=language, published_at=datetime(2024, 3, 5, 10, 0, tzinfo=BERLIN)
    )

    # The edition decides, not the browser: a German reader of /nl/… reads Dutch dates.
    page = parse(client.get(article.get_absolute_url(), **DE))

    time = one(one(page, "p.byline"), "time")
    assert text(time) == expected
    assert time.get("datetime").startswith("2024-03-05T10:00:00")


def test_publish_date_is_the_day_in_the_sites_time_zone(client):
    # 23:30 UTC on 5 March is already 6 March in Berlin, where the readers are.
    article = ArticleFactory(
        language="de", published_at=datetime(2024, 3, 5, 23, 30, tzinfo=ZoneInfo("UTC"))
    )

    page = parse(client.get(article.get_absolute_url()))

    assert text(one(one(page, "p.byline"), "time")) == "6. März 2024"


def test_cover_image_has_alt_text_size_and_credit_line(client):
    article = ArticleFactory(
        language="de",
        cover_image=image_file("titel.jpg", size=(120, 80)),
        cover_alt="Zwei Personen am Whiteboard",
        cover_credit="Anna Berg",
    )

    response = client.get(article.get_absolute_url())

    figure = one(parse(response), "figure.cover")
    image = one(figure, "picture img")
    # A rendition of its own cover (a small cover has only the one at its own width).
    stem = article.cover_image.name.removesuffix(".jpg")
    assert image.get("src").startswith(f"/media/CACHE/images/{stem}/")
    assert image.get("srcset") == f"{image.get('src')} 120w"
    assert image.get("alt") == "Zwei Personen am Whiteboard"
    assert (image.get("width"), image.get("height")) == ("120", "80")
    assert text(one(figure, "figcaption")) == "Titelbild: Anna Berg"  # the article's language


def test_cover_credit_line_is_in_the_articles_language(client):
    article = ArticleFactory(
        language="nl", cover_image=image_file(), cover_alt="Een beeld", cover_credit="Anna Berg"
    )

    page = parse(client.get(article.get_absolute_url(), **DE))

    assert text(one(page, "figcaption")) == "Omslagfoto: Anna Berg"


def test_article_without_cover_image_shows_no_figure(client):
    article = ArticleFactory(language="de", cover_credit="Anna Berg")

    page = parse(client.get(article.get_absolute_url()))

    assert page.select_one("figure") is None
    assert text(one(page, "main .cover-credit")) == "Titelbild: Anna Berg"  # credit without image


def test_reading_time_follows_the_length_of_the_body(client):
    article = ArticleFactory(body=" ".join(["Wort"] * 450))

    page = parse(client.get(article.get_absolute_url()))

    assert "3 min read" in text(one(page, "p.byline"))


@pytest.mark.parametrize(
    ("language", "expected"),
    [("de", "8.791 Aufrufe"), ("nl", "8.791 weergaven"), ("en", "8,791 views")],
)
def test_view_count_is_grouped_as_the_edition_writes_numbers(client, language, expected):
    article = ArticleFactory(language=language)
    Article.objects.filter(pk=article.pk).update(view_count=8790)

    page = parse(client.get(article.get_absolute_url()))

    # This read is counted: 8790 + 1.
    assert text(one(page, "p.view-count")) == expected


def test_draft_is_404_for_readers(client):
    draft = ArticleFactory(status=Article.Status.DRAFT)

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_future_dated_article_is_404_until_its_publish_date(client):
    future = ArticleFactory(published_at=timezone.now() + timedelta(minutes=5))

    assert client.get(future.get_absolute_url()).status_code == 404

    Article.objects.filter(pk=future.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert client.get(future.get_absolute_url()).status_code == 200


def test_german_article_is_reachable_only_under_de(client):
    article = ArticleFactory(title="Größe zeigen", language="de")

    assert article.slug == "groesse-zeigen"
    assert client.get("/de/groesse-zeigen/").status_code == 200
    assert client.get("/en/groesse-zeigen/").status_code == 404
    assert client.get("/nl/groesse-zeigen/").status_code == 404
    assert client.get("/fr/groesse-zeigen/").status_code == 404


def test_same_slug_in_two_languages_shows_each_languages_article(client):
    ArticleFactory(title="Agile", slug="agile", language="de", body="Deutscher Text")
    ArticleFactory(title="Agile", slug="agile", language="nl", body="Nederlandse tekst")

    german = parse(client.get("/de/agile/"))
    dutch = parse(client.get("/nl/agile/"))

    assert text(one(german, "div.body")) == "Deutscher Text"
    assert text(one(dutch, "div.body")) == "Nederlandse tekst"
    assert one(dutch, "article.article").get("lang") == "nl"


# --- Category, tag and author pages ------------------------------------------------------------


def test_category_page_lists_only_its_published_articles(client):
    category = CategoryFactory(name="Strategie", description="Wohin die Reise geht.")
    ArticleFactory(title="In der Kategorie", category=category)
    ArticleFactory(title="Anderswo")
    hidden_articles(category=category)

    response = client.get("/en/category/strategie/")

    assert response.status_code == 200
    page = parse(response)
    assert text(one(page, "h1.page-title")) == "Strategie"
    assertContains(response, '<p class="lead">Wohin die Reise geht.</p>', html=True)
    assert card_titles(response) == ["In der Kategorie"]


def test_tag_page_lists_only_its_published_articles(client):
    ArticleFactory(title="Mit Tag", tags=["Führung"])
    ArticleFactory(title="Anderer Tag", tags=["Größe"])
    hidden_articles(tags=["Führung"])

    response = client.get("/en/tag/fuehrung/")

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

    response = client.get("/en/author/ger-de-bruijn/")

    assert response.status_code == 200
    heading = one(parse(response), "header.author-heading")
    assert text(one(heading, "h1")) == "Ger de Bruijn"
    assert [text(p) for p in heading.select("div > p")] == [
        "Trainer seit 1998.",
        "Schreibt über Teams.",
    ]
    assert sorted(card_titles(response)) == ["Allein", "Zu zweit"]


def test_author_page_shows_the_photo_and_links_the_website(client):
    author = AuthorFactory(
        name="Anna Berg", photo=image_file("anna.jpg"), website="https://anna.example.org/"
    )

    heading = one(parse(client.get(author.get_absolute_url())), "header.author-heading")

    photo = one(heading, "img.author-photo")
    assert photo.get("src") == author.photo.url
    assert photo.get("src").startswith("/media/authors/")
    website = one(heading, 'a[href="https://anna.example.org/"]')
    assert text(website) == "Website"


def test_article_with_two_tags_and_authors_is_listed_once(client):
    first, second = AuthorFactory(), AuthorFactory()
    ArticleFactory(title="Einmal", authors=[first, second], tags=["Führung", "Größe"])

    for url in ["/en/", first.get_absolute_url(), "/en/tag/fuehrung/"]:
        assert card_titles(client.get(url)) == ["Einmal"], url


@pytest.mark.parametrize(
    "url", ["/en/category/gibt-es-nicht/", "/en/tag/gibt-es-nicht/", "/en/author/nie/"]
)
def test_unknown_category_tag_or_author_is_404(client, url):
    assert client.get(url).status_code == 404


def test_drafts_and_future_articles_are_absent_from_every_list(client):
    category = CategoryFactory()
    author = AuthorFactory()
    hidden = hidden_articles(category=category, authors=[author], tags=["Führung"])
    ArticleFactory(title="Sichtbar", category=category, authors=[author], tags=["Führung"])

    for url in [
        "/en/",
        category.get_absolute_url(),
        "/en/tag/fuehrung/",
        author.get_absolute_url(),
    ]:
        response = client.get(url)
        assert card_titles(response) == ["Sichtbar"], url
        for article in hidden:
            assert article.title not in response.content.decode(), url


# --- Navigation ------------------------------------------------------------------------------


def test_navigation_lists_the_categories_by_position(client):
    # Created in another order, and neither alphabetical nor creation order is the position's.
    CategoryFactory(name="Anfang", position=2)
    CategoryFactory(name="Zuerst", position=0)
    CategoryFactory(name="Mitte", position=1)

    ArticleFactory(category=Category.objects.get(name="Zuerst"))
    ArticleFactory(category=Category.objects.get(name="Mitte"))
    ArticleFactory(category=Category.objects.get(name="Anfang"))

    nav = one(parse(client.get("/en/")), 'header.site-header nav[aria-label="Main menu"]')

    links = nav.select("a")[:3]  # then the archive
    assert [text(link) for link in links] == ["Zuerst", "Mitte", "Anfang"]
    assert [link.get("href") for link in links] == [
        "/en/category/zuerst/",
        "/en/category/mitte/",
        "/en/category/anfang/",
    ]


# --- Error pages -----------------------------------------------------------------------------


def test_unknown_address_gets_the_styled_404_page(client):
    CategoryFactory(name="Strategie")

    response = client.get("/gibt-es-nicht/")

    assert response.status_code == 404
    assertTemplateUsed(response, "404.html")
    page = parse(response)
    header = one(page, "header.site-header")
    assert one(header, "a.site-name").get("href") == "/en/"  # the site language's edition
    assert "Archive" in text(header)
    assert text(one(page, "h1.page-title")) == "Page not found"
    assert page.select_one('link[rel="stylesheet"]') is not None


@pytest.mark.parametrize("page_name", ["home", "article", "category", "tag", "author", "404"])
def test_reader_pages_have_no_inline_scripts_or_event_handlers(client, page_name):
    # Scripts only from files: a Content-Security-Policy without 'unsafe-inline' stays possible.
    author = AuthorFactory(name="Anna Berg", website="https://anna.example.org/")
    article = ArticleFactory(authors=[author], tags=["Führung"])
    url = {
        "home": "/en/",
        "article": article.get_absolute_url(),
        "category": article.category.get_absolute_url(),
        "tag": "/en/tag/fuehrung/",
        "author": author.get_absolute_url(),
        "404": "/gibt-es-nicht/",
    }[page_name]

    response = client.get(url)

    assert response.status_code == (404 if page_name == "404" else 200)
    page = parse(response)
    assert page.select_one("header.site-header") is not None  # the whole page, chrome included
    assert page.select("script:not([src]):not([type='application/ld+json'])") == []
    assert event_handlers(page) == []


def boom(request):
    raise RuntimeError("database password is hunter2")


# A temporary URLconf for the 500 test: the site's URLs plus one view that fails.
urlpatterns = [path("boom/", boom), *site_urlpatterns]


@pytest.mark.urls(__name__)
def test_server_error_gets_the_styled_500_page_without_details(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False

    response = client.get("/boom/")

    assert response.status_code == 500
    assertTemplateUsed(response, "500.html")
    page = parse(response)
    assert text(one(page, "h1.page-title")) == "Something went wrong"
    assert page.select_one('link[rel="stylesheet"]') is not None
    content = response.content.decode()
    for detail in ["hunter2", "RuntimeError", "Traceback", "boom", "test_reader_pages"]:
        assert detail not in content


# --- Escaping and addresses made outside the admin --------------------------------------------


def test_markup_in_title_summary_and_cover_texts_is_shown_as_text(client):
    article = ArticleFactory(
        title=f"Titel {XSS}",
        summary=f"Kurz {XSS}",
        cover_image=image_file(),
        cover_alt='Alt" onerror="alert(3)',
        cover_credit=f"Credit {XSS}",
        tags=[f"Tag {XSS}"],
    )

    for url in [article.get_absolute_url(), "/en/"]:
        response = client.get(url)
        page = parse(response)
        assert page.select_one("script:not([type='application/ld+json'])") is None, url
        assert event_handlers(page) == [], url
        assert f"Titel {XSS}" in text(one(page, "main")), url

    detail = parse(client.get(article.get_absolute_url()))
    assert text(one(detail, "h1.article-title")) == f"Titel {XSS}"
    assert text(one(detail, "p.lead")) == f"Kurz {XSS}"
    figure = one(detail, "figure")
    assert one(figure, "img").get("alt") == 'Alt" onerror="alert(3)'
    assert text(one(figure, "figcaption")) == f"Cover image: Credit {XSS}"
    card = one(parse(client.get("/en/")), "article.card")
    assert text(one(card, "p.summary")) == f"Kurz {XSS}"
    assert [text(tag) for tag in card.select('a[rel="tag"]')] == [f"Tag {XSS}"]


def test_tag_with_a_non_ascii_slug_made_elsewhere_has_a_working_page(client):
    tag = Tag.objects.create(name="Führung", slug="führung")
    ArticleFactory(title="Mit Umlaut-Tag", tags=[tag])

    response = client.get(tag.get_absolute_url())

    assert tag.get_absolute_url() == "/en/tag/f%C3%BChrung/"
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

    body = one(parse(client.get(article.get_absolute_url())), "div.body")
    assert text(one(body, "p")) == "Neuer Text:"
    assert [text(item) for item in one(body, "ul").select("li")] == ["eins", "zwei"]
