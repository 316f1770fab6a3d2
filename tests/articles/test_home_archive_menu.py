"""What an edition shows: its own articles in its own interface, categories in its language,
shared tags, the home page (featured, newest, most read, categories), the archive by year and
month, the header menu editors arrange, and dates and numbers written the edition's way.

The ``client`` fixture asks for English; the address decides the edition all the same.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from articles import services
from articles.editions import edition_reverse
from articles.models import Article, Category, MenuItem, Tag
from tests.articles.helpers import card_titles
from tests.factories import ArticleFactory
from tests.html import one, parse, text

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


def category(**fields) -> Category:
    """A category with a name per language (``name_de="Führung"``), saved as editors do."""
    return services.named_save(obj=Category(**fields), by=None)


def leadership() -> Category:
    return category(name_de="Führung", name_nl="Leiderschap", name_en="Leadership")


def menu_links(response) -> list[tuple[str, str]]:
    """(text, address) of the header menu's links, left to right (the archive link last)."""
    nav = one(parse(response), "header.site-header nav ul.nav-list").find_parent("nav")
    return [(text(a), a["href"]) for a in nav.select("a")]


def section_items(response, selector: str) -> list[str]:
    """The texts of the list items in one section of the home page."""
    return [text(item) for item in one(parse(response), selector).select("li")]


def month_page(language: str, year: int, month: int) -> str:
    return edition_reverse("articles:archive_month", language, year=year, month=month)


# --- Each edition: its articles, in its interface --------------------------------------------


@pytest.mark.parametrize(
    ("language", "newest", "own", "others"),
    [
        ("de", "Neueste Artikel", "Führung heute", ["Leadership today", "Leiderschap vandaag"]),
        ("nl", "Nieuwste artikelen", "Leiderschap vandaag", ["Führung heute", "Leadership today"]),
        ("en", "Newest articles", "Leadership today", ["Führung heute", "Leiderschap vandaag"]),
    ],
)
def test_each_edition_lists_its_own_articles_in_its_own_interface(
    client, language, newest, own, others
):
    for lang, title in [("de", "Führung heute"), ("nl", "Leiderschap vandaag"),
                        ("en", "Leadership today")]:  # fmt: skip
        ArticleFactory(language=lang, title=title)

    # The browser asks for English; the address decides.
    response = client.get(f"/{language}/")

    assert response.status_code == 200
    assert response["Content-Language"] == language
    page = parse(response)
    assert one(page, "html")["lang"] == language
    assert text(one(page, "#newest-title")) == newest
    assert card_titles(response) == [own]
    for title in others:
        assert title not in response.content.decode()


def test_an_article_keeps_its_address_and_its_own_interface_language(client):
    article = ArticleFactory(language="de", title="Kunden zuerst")

    response = client.get(article.get_absolute_url())  # asking for English

    assert article.get_absolute_url() == f"/de/{article.slug}/"
    assert response.status_code == 200
    assert response["Content-Language"] == "de"
    page = parse(response)
    assert one(page, "html")["lang"] == "de"
    assert text(one(page, "#comment-form-title")) == "Kommentar schreiben"
    # Under another edition's prefix there is no such article.
    assert client.get(f"/en/{article.slug}/").status_code == 404


# --- Categories per edition ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "name", "slug"),
    [("de", "Führung", "fuehrung"), ("nl", "Leiderschap", "leiderschap"),
     ("en", "Leadership", "leadership")],
)  # fmt: skip
def test_a_category_has_its_name_and_slug_in_each_edition(client, language, name, slug):
    filed = leadership()
    article = ArticleFactory(language=language, category=filed, title="Ein Artikel")

    url = filed.url_in(language)
    response = client.get(url)

    assert url == edition_reverse("articles:category", language, slug=slug)
    assert response.status_code == 200
    page = parse(response)
    assert text(one(page, "h1.page-title")) == name
    assert card_titles(response) == [article.title]
    # The card's category link is in the edition's language too.
    card_link = one(page, "article.card p.byline a[href$='/" + slug + "/']")
    assert text(card_link) == name
    assert page.select_one('meta[name="robots"][content*="noindex"]') is None


def test_a_category_without_articles_in_an_edition_is_left_out_of_its_lists(client):
    filed = leadership()
    ArticleFactory(language="de", category=filed)

    german_home = client.get("/de/")
    english_home = client.get("/en/")

    assert ("Führung", filed.url_in("de")) in menu_links(german_home)
    assert section_items(german_home, "section.home-categories") == ["Führung (1)"]
    assert "Leadership" not in [link for link, _href in menu_links(english_home)]
    assert parse(english_home).select_one("section.home-categories") is None
    # Its page still answers in the English edition, asking search engines not to index it.
    response = client.get(filed.url_in("en"))
    assert response.status_code == 200
    assert one(parse(response), 'meta[name="robots"]')["content"] == "noindex"
    assert text(one(parse(response), "h1.page-title")) == "Leadership"


def test_a_slug_is_unique_within_its_language_only():
    first = leadership()
    both = category(name_de="Strategie", name_nl="Strategie", name_en="Strategy")

    assert (both.slug_de, both.slug_nl, both.slug_en) == ("strategie", "strategie", "strategy")
    clash = Category(name_en="Guidance", slug_en="guidance", slug_de=first.slug_de)
    with pytest.raises(ValidationError) as refused:
        clash.full_clean()
    assert refused.value.message_dict == {"slug_de": ["Another category already has this slug."]}


def test_two_categories_with_the_same_slug_in_two_languages_each_have_their_page(client):
    german = category(name_de="Markt", slug_de="markt", name_en="Sales", name_nl="Verkoop")
    dutch = category(name_de="Vertrieb", name_nl="Markt", slug_nl="markt", name_en="Markets")
    ArticleFactory(language="de", category=german, title="Der Markt")
    ArticleFactory(language="nl", category=dutch, title="De markt")

    for filed, language, title in [(german, "de", "Der Markt"), (dutch, "nl", "De markt")]:
        url = filed.url_in(language)
        assert url == edition_reverse("articles:category", language, slug="markt")
        response = client.get(url)
        assert text(one(parse(response), "h1.page-title")) == "Markt"
        assert card_titles(response) == [title]


# --- Tags are shared, their pages per edition ------------------------------------------------


def test_a_tag_page_lists_the_editions_articles_with_the_tag(client):
    for language, title in [("de", "Amazon in Deutschland"), ("nl", "Amazon in Nederland"),
                            ("en", "Amazon in England")]:  # fmt: skip
        ArticleFactory(language=language, title=title, tags=["Amazon"])
    ArticleFactory(language="de", title="Ohne Schlagwort")

    assert Tag.objects.filter(name="Amazon").count() == 1
    german = client.get(edition_reverse("articles:tag", "de", slug="amazon"))
    dutch = client.get(edition_reverse("articles:tag", "nl", slug="amazon"))
    assert card_titles(german) == ["Amazon in Deutschland"]
    assert card_titles(dutch) == ["Amazon in Nederland"]


# --- Home page -------------------------------------------------------------------------------


def test_featured_articles_lead_page_one_only(client):
    star = ArticleFactory(language="en", title="The one to read", featured=True)
    for n in range(12):
        ArticleFactory(language="en", title=f"Note {n}")

    first = parse(client.get("/en/"))
    second = client.get("/en/?page=2")

    featured = one(first, "section.featured")
    assert [text(t) for t in featured.select(".card-title")] == [star.title]
    assert star.title not in [text(t) for t in one(first, "section.newest").select(".card-title")]
    assert second.status_code == 200
    assert parse(second).select_one("section.featured") is None
    assert star.title not in card_titles(second)


def test_most_read_lists_by_views_in_the_editions_numbers(client):
    quiet = ArticleFactory(language="de", title="Leise")
    popular = ArticleFactory(language="de", title="Beliebt")
    middle = ArticleFactory(language="de", title="Mittel")
    for article, views in [(quiet, 3), (popular, 8791), (middle, 120)]:
        Article.objects.filter(pk=article.pk).update(view_count=views)
    other_edition = ArticleFactory(language="en", title="Everyone reads this")
    Article.objects.filter(pk=other_edition.pk).update(view_count=10**6)

    items = section_items(client.get("/de/"), "section.most-read")

    assert items == ["Beliebt 8.791 Aufrufe", "Mittel 120 Aufrufe", "Leise 3 Aufrufe"]


def test_home_lists_the_editions_categories_with_their_counts(client):
    filed = leadership()
    other = category(name_en="Strategy", position=1)
    for _ in range(2):
        ArticleFactory(language="en", category=filed)
    ArticleFactory(language="en", category=other)
    ArticleFactory(language="de", category=other)

    items = section_items(client.get("/en/"), "section.home-categories")

    assert items == ["Leadership (2)", "Strategy (1)"]


def test_page_two_of_the_home_page_has_a_title_of_its_own(client):
    for n in range(11):
        ArticleFactory(language="en", title=f"Note {n}")

    first = text(one(parse(client.get("/en/")), "title"))
    second = text(one(parse(client.get("/en/?page=2")), "title"))

    assert first != second
    assert "2" in second


@pytest.mark.parametrize("language", ["de", "nl", "en"])
@pytest.mark.parametrize("page", ["99", "abc", "0", "-1"])
def test_a_home_page_that_does_not_exist_is_the_editions_friendly_404(client, language, page):
    ArticleFactory(language=language)

    response = client.get(f"/{language}/", {"page": page})

    assert response.status_code == 404
    document = parse(response)
    assert one(document, "html")["lang"] == language
    assert text(one(document, "h1.page-title")) == {
        "de": "Seite nicht gefunden", "nl": "Pagina niet gevonden", "en": "Page not found",
    }[language]  # fmt: skip


# --- Archive ---------------------------------------------------------------------------------


@pytest.fixture
def dated(db):
    """English articles of January 2023, March 2024 (two) and May 2024; a German one of
    March 2024."""
    made = {}
    for key, when in [
        ("january", datetime(2023, 1, 10, 9, tzinfo=BERLIN)),
        ("march-1", datetime(2024, 3, 5, 9, tzinfo=BERLIN)),
        ("march-2", datetime(2024, 3, 20, 9, tzinfo=BERLIN)),
        ("may", datetime(2024, 5, 2, 9, tzinfo=BERLIN)),
    ]:
        made[key] = ArticleFactory(language="en", title=f"Written {key}", published_at=when)
    made["german"] = ArticleFactory(
        language="de", title="Im März", published_at=datetime(2024, 3, 12, 9, tzinfo=BERLIN)
    )
    return made


def test_the_archive_lists_the_editions_years_and_months_with_counts(client, dated):
    page = parse(client.get(edition_reverse("articles:archive", "en")))

    years = {
        text(one(section, "h2")): [text(li) for li in section.select("li")]
        for section in page.select("section.archive-year")
    }
    assert years == {"2024": ["May (1)", "March (2)"], "2023": ["January (1)"]}
    march = one(page, "section.archive-year li:nth-of-type(2) a")
    assert march["href"] == month_page("en", 2024, 3)


def test_the_year_and_month_pages_list_their_articles(client, dated):
    year = client.get(edition_reverse("articles:archive_year", "en", year=2024))
    month = client.get(month_page("en", 2024, 3))

    assert card_titles(year) == ["Written may", "Written march-2", "Written march-1"]
    assert card_titles(month) == ["Written march-2", "Written march-1"]
    assert text(one(parse(month), "h1.page-title")) == "March 2024"
    german = parse(client.get(month_page("de", 2024, 3)))
    assert text(one(german, "h1.page-title")) == "März 2024"
    assert [text(t) for t in german.select(".card-title")] == ["Im März"]


def test_the_month_page_steps_to_the_months_with_articles(client, dated):
    steps = one(parse(client.get(month_page("en", 2024, 3))), "nav.archive-steps")

    assert one(steps, "a[rel~=prev]")["href"] == month_page("en", 2023, 1)
    assert one(steps, "a[rel~=next]")["href"] == month_page("en", 2024, 5)


@pytest.mark.parametrize(
    "path",
    ["2024/4/", "2024/13/", "2024/0/", "2022/", "0/", "99999/", "2024/99999999999/",
     "99999999999999999999/1/"],
)  # fmt: skip
def test_an_archive_period_without_articles_or_that_cannot_be_is_a_404(client, dated, path):
    response = client.get(edition_reverse("articles:archive", "en") + path)

    assert response.status_code == 404
    assert one(parse(response), "html")["lang"] == "en"


@pytest.mark.parametrize(
    ("language", "noun"), [("de", "Archiv"), ("nl", "Archief"), ("en", "Archive")]
)
def test_the_archive_is_named_as_a_place_not_as_the_admins_action(client, language, noun):
    """The admin's action "Archive" is "Archivieren"; the reader's page is the "Archiv"."""
    response = client.get(edition_reverse("articles:archive", language))

    assert text(one(parse(response), "h1.page-title")) == noun
    assert menu_links(response)[-1][0] == noun


def test_a_period_with_only_other_editions_articles_is_a_404(client, dated):
    assert client.get(month_page("nl", 2024, 3)).status_code == 404


# --- Header menu -----------------------------------------------------------------------------


def test_menu_links_of_an_edition_replace_its_categories_in_their_order(client):
    filed = leadership()
    ArticleFactory(language="en", category=category(name_en="Strategy"))
    guide = ArticleFactory(language="en", title="Start here", category=filed)
    ArticleFactory(language="de", category=filed)
    for fields in [
        {"position": 2, "category": filed},
        {"position": 1, "article": guide},
        {"position": 3, "url": "https://example.com/firm/", "label": "Our firm"},
    ]:
        item = MenuItem(language="en", **fields)
        item.full_clean()
        item.save()

    english = menu_links(client.get("/en/"))
    german = menu_links(client.get("/de/"))

    assert english[:-1] == [
        ("Start here", guide.get_absolute_url()),
        ("Leadership", filed.url_in("en")),
        ("Our firm", "https://example.com/firm/"),
    ]
    assert english[-1][1] == edition_reverse("articles:archive", "en")
    # The German edition has no menu of its own: its categories with articles.
    assert german[:-1] == [("Führung", filed.url_in("de"))]


def test_a_menu_link_to_a_category_uses_the_editions_name_and_slug(client):
    filed = leadership()
    MenuItem.objects.create(language="nl", category=filed, position=1)

    assert menu_links(client.get("/nl/"))[0] == ("Leiderschap", filed.url_in("nl"))


@pytest.mark.parametrize(
    "fields",
    [
        {"url": "https://example.com/", "label": "Elsewhere", "with_category": True},
        {"url": "https://example.com/"},  # an address without a label
        {},  # no target at all
    ],
)
def test_a_menu_link_needs_exactly_one_target_and_a_text(fields):
    filed = leadership()
    with_category = fields.pop("with_category", False)
    item = MenuItem(language="en", category=filed if with_category else None, **fields)

    with pytest.raises(ValidationError):
        item.full_clean()


def test_a_menu_link_to_an_article_of_another_language_is_refused():
    german = ArticleFactory(language="de")

    with pytest.raises(ValidationError) as refused:
        MenuItem(language="en", article=german).full_clean()

    assert "article" in refused.value.message_dict


# --- Dates and numbers the edition's way, on list cards too ---------------------------------


@pytest.mark.parametrize(
    ("language", "date", "views"),
    [("de", "5. Dezember 2026", "8.791 Aufrufe"), ("nl", "5 december 2026", "8.791 weergaven"),
     ("en", "December 5, 2026", "8,791 views")],
)  # fmt: skip
def test_list_cards_and_counts_follow_the_editions_conventions(client, language, date, views):
    with time_machine.travel(datetime(2027, 1, 10, 12, tzinfo=BERLIN), tick=False):
        article = ArticleFactory(
            language=language, published_at=datetime(2026, 12, 5, 10, tzinfo=BERLIN)
        )
        Article.objects.filter(pk=article.pk).update(view_count=8791)
        pages = {
            "home": client.get(f"/{language}/"),
            "archive": client.get(month_page(language, 2026, 12)),
            "category": client.get(article.category.url_in(language)),
        }

    for name, response in pages.items():
        time = one(parse(response), "article.card p.byline time")
        assert text(time) == date, name
        assert time["datetime"].startswith("2026-12-05T10:00:00"), name
    most_read = section_items(pages["home"], "section.most-read")
    assert most_read == [f"{article.title} {views}"]
