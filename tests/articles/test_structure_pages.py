"""What a reader sees around an article: its series, related reading, the book on the topic,
its versions in other languages and the cover credit; and the series page.

Texts around the article follow the article's language, not the reader's browser: every
request here asks for English (the ``client`` fixture) unless a test says otherwise.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, Book, Series, Status
from tests.factories import ArticleFactory, EditorUserFactory, image_file
from tests.helpers import logged_in
from tests.html import one, parse, text

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
# A scheduled part's publish date: far enough ahead to stay in the future.
COMING = datetime(2099, 3, 5, 9, 0, tzinfo=BERLIN)
NOW = timezone.now()


def make_series(title: str = "Zehn Spielregeln", language: str = "de", **fields) -> Series:
    return services.named_save(obj=Series(title=title, language=language, **fields), by=None)


def part(series: Series, number: int, **fields) -> Article:
    fields.setdefault("title", f"{series.title} – Teil {number}")
    fields.setdefault("language", series.language)
    return ArticleFactory(series=series, series_part=number, **fields)


def relate(article: Article, related: list[Article]) -> None:
    services.article_save(
        article=article, authors=article.ordered_authors, related=related, by=None
    )


def link_translation(article: Article, of: Article) -> None:
    services.article_save(
        article=article, authors=article.ordered_authors, translation_of=of, by=None
    )


def page_of(client, article: Article, **headers):
    response = client.get(article.get_absolute_url(), **headers)
    assert response.status_code == 200
    return parse(response)


# --- Series on the article page ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "label"),
    [("de", "Teil 2 von 3"), ("nl", "Deel 2 van 3"), ("en", "Part 2 of 3")],
)
def test_a_part_says_which_part_it_is_in_the_articles_language(client, language, label):
    series = make_series(language=language)
    part(series, 1)
    second = part(series, 2)
    part(series, 3, published_at=COMING)

    nav = one(page_of(client, second), "nav.series-nav")

    assert text(one(nav, ".series-position")) == label
    assert nav.get("aria-label")


def test_the_parts_list_links_public_parts_marks_this_one_and_dates_a_scheduled_one(client):
    series = make_series(language="en", title="Ten rules")
    first = part(series, 1, title="Rule one")
    second = part(series, 2, title="Rule two")
    part(series, 3, title="Rule three", published_at=COMING)
    part(series, 4, title="A draft part", status=Status.DRAFT)
    part(series, 5, title="A part in review", status=Status.REVIEW)
    part(series, 6, title="An archived part", status=Status.ARCHIVED)

    nav = one(page_of(client, second), "nav.series-nav")

    items = nav.select("ol.series-parts > li")
    assert [text(item) for item in items] == [
        "Rule one",
        "Rule two",
        "Rule three coming on March 5, 2099",
    ]
    assert [item.get("value") for item in items] == ["1", "2", "3"]
    assert one(items[0], "a")["href"] == first.get_absolute_url()
    current = one(items[1], "[aria-current]")
    assert (current["aria-current"], text(current)) == ("page", "Rule two")
    assert items[2].select("a") == []
    # The part count ignores what readers cannot know of: parts 4 to 6 are not public.
    assert text(one(nav, ".series-position")) == "Part 2 of 3"


@pytest.mark.parametrize(
    ("language", "coming"),
    [
        ("de", "erscheint am 5. März 2099"),
        ("nl", "verschijnt op 5 maart 2099"),
        ("en", "coming on March 5, 2099"),
    ],
)
def test_a_scheduled_part_is_announced_in_the_articles_language(client, language, coming):
    series = make_series(language=language)
    first = part(series, 1)
    part(series, 2, published_at=COMING)

    nav = one(page_of(client, first), "nav.series-nav")

    assert text(one(nav, ".part-coming")) == coming


def test_the_count_is_the_highest_known_part_even_when_earlier_parts_are_missing(client):
    series = make_series()
    imported = part(series, 2)
    part(series, 5, status=Status.DRAFT)

    nav = one(page_of(client, imported), "nav.series-nav")

    assert text(one(nav, ".series-position")) == "Teil 2 von 2"
    assert [text(item) for item in nav.select("ol.series-parts > li")] == [imported.title]

    part(series, 4, published_at=COMING)
    nav = one(page_of(client, imported), "nav.series-nav")
    assert text(one(nav, ".series-position")) == "Teil 2 von 4"


def test_previous_and_next_lead_to_the_adjacent_public_parts(client):
    series = make_series()
    first = part(series, 1)
    part(series, 2, published_at=COMING)
    third = part(series, 3)
    part(series, 4, status=Status.DRAFT)
    fifth = part(series, 5)

    nav = one(page_of(client, third), "nav.series-nav")

    assert one(nav, 'a[rel="prev"]')["href"] == first.get_absolute_url()
    assert one(nav, 'a[rel="next"]')["href"] == fifth.get_absolute_url()
    first_nav = one(page_of(client, first), "nav.series-nav")
    assert first_nav.select('a[rel="prev"]') == []
    assert one(first_nav, 'a[rel="next"]')["href"] == third.get_absolute_url()
    last_nav = one(page_of(client, fifth), "nav.series-nav")
    assert one(last_nav, 'a[rel="prev"]')["href"] == third.get_absolute_url()
    assert last_nav.select('a[rel="next"]') == []


def test_the_series_title_links_to_the_series_page_under_a_heading(client):
    series = make_series(title="Zehn Spielregeln")
    article = part(series, 1)

    page = page_of(client, article)

    heading = one(page, "nav.series-nav h2")
    assert text(heading) == "Zehn Spielregeln"
    assert one(heading, "a")["href"] == series.get_absolute_url()
    assert series.get_absolute_url().startswith("/de/")  # in the series' own edition
    assert [h.name for h in page.select("article h1, article h2")][:2] == ["h1", "h2"]


def test_an_article_outside_a_series_shows_no_series_navigation(client):
    assert page_of(client, ArticleFactory()).select("nav.series-nav") == []


def test_the_preview_of_a_draft_part_shows_where_it_will_stand():
    series = make_series()
    part(series, 1)
    draft = part(series, 3, title="Noch im Entwurf", status=Status.DRAFT)
    editor = logged_in(EditorUserFactory())

    nav = one(page_of(editor, draft), "nav.series-nav")

    assert text(one(nav, ".series-position")) == "Teil 3 von 3"
    assert text(one(nav, '[aria-current="page"]')) == "Noch im Entwurf"


# --- The series page -----------------------------------------------------------------------------


def test_the_series_page_lists_its_parts_in_order(client):
    series = make_series(
        language="en", title="Ten rules", description="What Jack Ma taught about growth."
    )
    third = part(series, 3, title="Rule three", published_at=NOW - timedelta(days=1))
    first = part(series, 1, title="Rule one", published_at=NOW - timedelta(days=10))
    part(series, 4, title="Rule four", published_at=COMING)
    part(series, 2, title="A draft part", status=Status.DRAFT)

    response = client.get("/en/series/ten-rules/")

    assert response.status_code == 200
    page = parse(response)
    assert text(one(page, "h1")) == "Ten rules"
    assert "What Jack Ma taught about growth." in text(one(page, "main"))
    items = one(page, "ol.series-parts").select(":scope > li")
    assert [item.get("value") for item in items] == ["1", "3", "4"]
    assert [text(one(item, ".card-title")) for item in items] == [
        "Rule one",
        "Rule three",
        "Rule four",
    ]
    assert one(items[0], ".card-title a")["href"] == first.get_absolute_url()
    assert one(items[1], ".card-title a")["href"] == third.get_absolute_url()
    assert items[2].select("a") == []
    assert text(one(items[2], ".part-coming")) == "coming on March 5, 2099"
    assert "A draft part" not in text(page)


def test_a_series_without_a_published_or_scheduled_part_is_404(client):
    series = make_series(title="Noch geheim")
    part(series, 1, status=Status.DRAFT)
    part(series, 2, status=Status.ARCHIVED)

    assert client.get(series.get_absolute_url()).status_code == 404
    assert (
        client.get(reverse("articles:series", kwargs={"slug": "gibt-es-nicht"})).status_code == 404
    )


def test_a_renamed_series_answers_301_from_its_old_address(client):
    series = make_series(title="Zehn Spielregeln")
    part(series, 1)
    old = series.get_absolute_url()
    assert client.get(old).status_code == 200

    series.slug = "spielregeln"
    services.named_save(obj=series, by=None)

    response = client.get(old)
    assert (response.status_code, response["Location"]) == (301, series.get_absolute_url())
    assert client.get(series.get_absolute_url()).status_code == 200
    # The address from before the editions leads there too.
    assert client.get("/series/spielregeln/")["Location"] == series.get_absolute_url()


# --- Related articles ------------------------------------------------------------------------


def related_titles(page) -> list[str]:
    section = page.select_one("section.related")
    return [text(a) for a in section.select("a.related-title")] if section else []


def test_the_editors_picks_show_in_their_order_and_only_when_public(client):
    article = ArticleFactory(tags=["Führung"])
    second = ArticleFactory(title="Zweitens")
    first = ArticleFactory(title="Erstens")
    draft = ArticleFactory(title="Entwurf", status=Status.DRAFT)
    scheduled = ArticleFactory(title="Geplant", published_at=COMING)
    third = ArticleFactory(title="Drittens", language="en")
    # Shares the tag, but the editors' picks win.
    ArticleFactory(title="Gleiches Thema", tags=["Führung"])
    relate(article, [first, draft, second, scheduled, third])

    page = page_of(client, article)

    assert related_titles(page) == ["Erstens", "Zweitens", "Drittens"]
    other_language = one(page, f'a.related-title[href="{third.get_absolute_url()}"]')
    assert (other_language["lang"], other_language["hreflang"]) == ("en", "en")
    assert text(one(page, "section.related h2")) == "Further reading"


def test_without_public_picks_the_articles_sharing_most_tags_show(client):
    article = ArticleFactory(tags=["Führung", "Wandel"])
    relate(article, [ArticleFactory(title="Entwurf", status=Status.DRAFT)])
    ArticleFactory(title="Beide Tags", tags=["Führung", "Wandel"])

    assert related_titles(page_of(client, article)) == ["Beide Tags"]


def test_the_fallback_orders_by_shared_tags_then_language_then_date(client):
    tags = ["Führung", "Wandel", "Strategie"]
    article = ArticleFactory(language="de", tags=tags)
    day = timedelta(days=1)
    # One shared tag, German: loses to two shared tags in another language.
    ArticleFactory(
        title="Ein Tag, deutsch, neu", language="de", tags=["Führung"], published_at=NOW - day
    )
    ArticleFactory(
        title="Zwei Tags, englisch", language="en", tags=tags[:2], published_at=NOW - 20 * day
    )
    # Same count (one): German beats a newer English one, which is fourth and drops out.
    ArticleFactory(title="Ein Tag, englisch, neuer", language="en", tags=["Wandel"])
    # Same count and language: the newer one first.
    ArticleFactory(
        title="Ein Tag, deutsch, alt",
        language="de",
        tags=["Strategie"],
        published_at=NOW - 9 * day,
    )
    ArticleFactory(title="Ohne gemeinsamen Tag", tags=["Anderes"])
    ArticleFactory(title="Entwurf mit allen Tags", tags=tags, status=Status.DRAFT)
    ArticleFactory(title="Geplant mit allen Tags", tags=tags, published_at=COMING)
    ArticleFactory(title="Archiviert mit allen Tags", tags=tags, status=Status.ARCHIVED)

    assert related_titles(page_of(client, article)) == [
        "Zwei Tags, englisch",
        "Ein Tag, deutsch, neu",
        "Ein Tag, deutsch, alt",
    ]


def test_the_fallback_puts_the_newest_first_on_a_tie_and_never_the_article_itself(client):
    article = ArticleFactory(tags=["Führung"], published_at=NOW - timedelta(hours=2))
    for days in (5, 1, 3, 2):
        ArticleFactory(
            title=f"Vor {days} Tagen", tags=["Führung"], published_at=NOW - timedelta(days=days)
        )

    assert related_titles(page_of(client, article)) == [
        "Vor 1 Tagen",
        "Vor 2 Tagen",
        "Vor 3 Tagen",
    ]


def test_no_picks_and_no_shared_tags_show_no_related_section(client):
    ArticleFactory(tags=["Anderes"])

    page = page_of(client, ArticleFactory(tags=["Führung"]))

    assert page.select("section.related") == []


# --- The book on the topic -------------------------------------------------------------------


def make_book(**fields) -> Book:
    fields.setdefault("title", "Die Kunst der Führung")
    return services.book_save(book=Book(**fields), by=None)


@pytest.mark.parametrize(
    ("language", "heading", "alt"),
    [
        ("de", "Das Buch zum Thema", "Umschlag von Die Kunst der Führung"),
        ("nl", "Het boek bij dit onderwerp", "Omslag van Die Kunst der Führung"),
        ("en", "The book on the topic", "Cover of Die Kunst der Führung"),
    ],
)
def test_the_book_box_shows_the_book_under_a_heading_in_the_articles_language(
    client, language, heading, alt
):
    book = make_book(
        authors="Anna Berg",
        publisher="Beispielverlag",
        year=2021,
        isbn="3-16-148410-X",
        url="https://books.example.org/kunst",
        cover_image=image_file("buch.jpg", size=(90, 140)),
    )
    article = ArticleFactory(language=language, book=book)

    box = one(page_of(client, article), "aside.book-box")

    assert text(one(box, "h2")) == heading
    title = one(box, ".book-title a")
    assert (text(title), title["href"]) == (
        "Die Kunst der Führung",
        "https://books.example.org/kunst",
    )
    assert title["rel"] == ["noopener"]
    assert text(one(box, ".book-authors")) == "Anna Berg"
    assert text(one(box, ".book-publication")) == "Beispielverlag, 2021"
    assert text(one(box, ".book-isbn")) == "ISBN 978-3-16-148410-0"
    cover = one(box, "img")
    assert (cover["alt"], cover["width"], cover["height"]) == (alt, "90", "140")
    assert cover["src"] == book.cover_image.url


def test_a_book_with_only_a_title_shows_just_the_title(client):
    article = ArticleFactory(book=make_book(title="Nur ein Titel"))

    box = one(page_of(client, article), "aside.book-box")

    assert text(one(box, ".book-title")) == "Nur ein Titel"
    assert box.select("a, img, .book-authors, .book-publication, .book-isbn") == []


def test_a_link_on_this_site_gets_no_noopener(client, settings):
    settings.SITE_URL = "https://www.example.com"
    book = make_book(url="https://www.example.com/de/buchtipp/")

    box = one(page_of(client, ArticleFactory(book=book)), "aside.book-box")

    assert one(box, ".book-title a").get("rel") is None


def test_an_article_without_a_book_shows_no_book_box(client):
    assert page_of(client, ArticleFactory()).select("aside.book-box") == []


# --- Translations ----------------------------------------------------------------------------


def translated(*, languages=("de", "nl", "en"), **per_language) -> dict[str, Article]:
    """One article per language, linked as translations of the first."""
    versions = {}
    for language in languages:
        versions[language] = ArticleFactory(
            language=language, title=f"Thema ({language})", **per_language.get(language, {})
        )
    first, *others = versions.values()
    for other in others:
        link_translation(other, first)
    return versions


def offers(page) -> list[tuple[str, str, str, str]]:
    """The versions the page offers: (sentence, link's hreflang, lang, address)."""
    return [
        (text(item), one(item, "a")["hreflang"], one(item, "a")["lang"], one(item, "a")["href"])
        for item in page.select("ul.translations li")
    ]


def alternates(page) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"]
        for link in page.select('head link[rel="alternate"][hreflang]')
    }


@pytest.mark.parametrize(
    ("language", "sentences"),
    [
        ("de", ["Dieses Thema auf Nederlands lesen", "Dieses Thema auf English lesen"]),
        ("nl", ["Lees dit onderwerp in het Deutsch", "Lees dit onderwerp in het English"]),
        ("en", ["Read this topic in Deutsch", "Read this topic in Nederlands"]),
    ],
)
def test_the_page_offers_the_other_versions_in_its_own_language(client, language, sentences):
    versions = translated()
    others = [code for code in ("de", "nl", "en") if code != language]

    # The reader's browser asks for Dutch: the page still speaks the article's language.
    page = page_of(client, versions[language], HTTP_ACCEPT_LANGUAGE="nl")

    assert offers(page) == [
        (sentence, code, code, versions[code].get_absolute_url())
        for sentence, code in zip(sentences, others, strict=True)
    ]


def test_hreflang_names_every_published_version_and_the_default(client, settings):
    settings.LANGUAGE_CODE = "de"
    versions = translated()

    page = page_of(client, versions["nl"])

    assert alternates(page) == {
        "de": "http://testserver" + versions["de"].get_absolute_url(),
        "nl": "http://testserver" + versions["nl"].get_absolute_url(),
        "en": "http://testserver" + versions["en"].get_absolute_url(),
        "x-default": "http://testserver" + versions["de"].get_absolute_url(),
    }


def test_unpublished_versions_are_neither_offered_nor_named(client, settings):
    settings.LANGUAGE_CODE = "de"
    versions = translated(
        de={"status": Status.DRAFT},
        nl={"published_at": NOW - timedelta(days=3)},
        en={"published_at": NOW - timedelta(days=5)},
    )

    page = page_of(client, versions["nl"])

    assert [code for _sentence, code, _lang, _href in offers(page)] == ["en"]
    # No German version is public: x-default is the one published first (English).
    assert alternates(page) == {
        "nl": "http://testserver" + versions["nl"].get_absolute_url(),
        "en": "http://testserver" + versions["en"].get_absolute_url(),
        "x-default": "http://testserver" + versions["en"].get_absolute_url(),
    }


def test_a_scheduled_version_is_not_named_either(client):
    versions = translated(languages=("de", "nl"), nl={"published_at": COMING})

    page = page_of(client, versions["de"])

    assert offers(page) == []
    assert alternates(page) == {}


def test_a_preview_names_no_alternates_but_still_offers_the_translations():
    versions = translated(languages=("de", "en"), de={"status": Status.DRAFT})
    editor = logged_in(EditorUserFactory())

    page = page_of(editor, versions["de"])

    assert alternates(page) == {}
    assert [code for _sentence, code, _lang, _href in offers(page)] == ["en"]


def test_an_article_without_translations_offers_none(client):
    page = page_of(client, ArticleFactory())

    assert page.select("ul.translations") == []
    assert alternates(page) == {}


# --- Cover credit ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "credit"),
    [
        ("de", "Titelbild: Aguaplano"),
        ("nl", "Omslagfoto: Aguaplano"),
        ("en", "Cover image: Aguaplano"),
    ],
)
def test_the_cover_credit_shows_without_an_image_in_the_articles_language(client, language, credit):
    article = ArticleFactory(language=language, cover_credit="Aguaplano")

    page = page_of(client, article, HTTP_ACCEPT_LANGUAGE="de" if language != "de" else "en")

    assert page.select("figure") == []
    assert text(one(page, "article .cover-credit")) == credit


def test_the_cover_credit_under_an_image_follows_the_article_too(client):
    article = ArticleFactory(
        language="nl", cover_image=image_file(), cover_alt="Een whiteboard", cover_credit="Anna"
    )

    page = page_of(client, article)

    assert text(one(page, "figure.cover figcaption")) == "Omslagfoto: Anna"
    assert page.select(".cover-credit") == []


def test_the_fallback_never_offers_the_articles_own_translation(client):
    article = ArticleFactory(language="en", tags=["Führung"])
    german = ArticleFactory(title="Die deutsche Fassung", language="de", tags=["Führung"])
    services.article_save(
        article=article, authors=list(article.ordered_authors), translation_of=german, by=None
    )
    ArticleFactory(title="Ein anderer Artikel", tags=["Führung"])

    assert related_titles(page_of(client, article)) == ["Ein anderer Artikel"]


def test_a_translation_picked_as_related_reading_is_offered_only_as_a_translation(client):
    article = ArticleFactory(language="de")
    dutch = ArticleFactory(title="De Nederlandse versie", language="nl")
    other = ArticleFactory(title="Ein anderer Artikel")
    services.article_save(
        article=article, authors=list(article.ordered_authors), translation_of=dutch,
        related=[dutch, other], by=None,
    )  # fmt: skip

    page = page_of(client, article)

    assert related_titles(page) == ["Ein anderer Artikel"]
    assert one(page, f'ul.translations a[href="{dutch.get_absolute_url()}"]')
