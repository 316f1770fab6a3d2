"""Search: the form in every page's header, the results page of an edition, and the stored
search vector that PostgreSQL searches (stemming per language, weights, snippets).

The tests marked ``postgres_only`` need PostgreSQL's full-text search and run in CI's
PostgreSQL pass; ``sqlite_only`` ones check the fallback that SQLite gets instead.
"""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django.utils.http import urlencode

from articles import search, services
from articles.editions import edition_reverse, reserved_slugs
from articles.models import Article, Author, Tag
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory
from tests.helpers import XSS, count_queries
from tests.html import event_handlers, one, parse, text

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL full-text search (stemming, ranking, headlines); SQLite has a fallback",
)
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite fallback; PostgreSQL searches its vector"
)

SEARCH = "/en/search/"


def search_url(language: str = "en", **params) -> str:
    url = edition_reverse("articles:search", language)
    return f"{url}?{urlencode(params)}" if params else url


def make_article(**fields) -> Article:
    """A public article, German unless ``language`` says otherwise."""
    return ArticleFactory(**{"language": "de", **fields})


def result_titles(response) -> list[str]:
    return [text(title) for title in parse(response).select(".search-result .card-title")]


def snippets(response) -> list:
    return parse(response).select(".search-result .snippet")


def problem(response) -> str:
    found = parse(response).select_one(".search-problem")
    return text(found) if found else ""


# --- The form in every page's header ---------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "nl", "en"])
def test_every_page_has_a_search_form_leading_to_its_editions_search(client, language):
    article = make_article(language=language, tags=["Strategie"])
    pages = [
        edition_reverse("articles:home", language),
        article.get_absolute_url(),
        article.category.url_in(language),
        edition_reverse("articles:archive", language),
        search_url(language, q="Strategie"),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        form = one(parse(response).select_one("header"), 'form[role="search"]')
        assert form.get("method") == "get"
        assert form.get("action") == edition_reverse("articles:search", language)
        field = one(form, 'input[name="q"]')
        label = one(form, f'label[for="{field.get("id")}"]')
        assert text(label)


def test_the_search_address_is_under_the_edition():
    assert search_url("de").startswith("/de/")
    assert search_url("nl").startswith("/nl/")
    assert search_url("en") == SEARCH


def test_an_article_cannot_take_the_search_pages_address():
    assert "search" in reserved_slugs("en")


# --- What is found ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields, query",
    [
        ({"title": "Preisverhandlungen gewinnen"}, "Preisverhandlungen"),
        ({"summary": "Worauf es bei Zielvereinbarungen ankommt."}, "Zielvereinbarungen"),
        ({"body": "Im Text steht das Wort **Kapazitätsplanung**.\n"}, "Kapazitätsplanung"),
        ({"tags": ["Lieferketten"]}, "Lieferketten"),
    ],
)
def test_finds_words_in_title_summary_body_and_tags(client, fields, query):
    make_article(title="Etwas ganz anderes", language="de")
    wanted = make_article(language="de", **{"title": "Der Treffer", **fields})
    response = client.get(search_url("de", q=query))
    assert result_titles(response) == [wanted.title]


def test_finds_articles_by_their_authors_name(client):
    author = AuthorFactory(name="Ger Bruijnsma")
    wanted = make_article(authors=[author], title="Vom Autor")
    make_article(title="Von jemand anderem")
    assert result_titles(client.get(search_url("de", q="Bruijnsma"))) == [wanted.title]


def test_all_words_must_be_found(client):
    both = make_article(title="Strategie und Führung")
    make_article(title="Strategie allein")
    assert result_titles(client.get(search_url("de", q="Strategie Führung"))) == [both.title]


def test_finds_only_public_articles_of_the_editions_language(client):
    public = make_article(title="Wachstum öffentlich", language="de")
    make_article(title="Wachstum im Entwurf", status=Article.Status.DRAFT)
    make_article(title="Wachstum in Prüfung", status=Article.Status.REVIEW)
    make_article(title="Wachstum archiviert", status=Article.Status.ARCHIVED)
    make_article(title="Wachstum geplant", published_at=timezone.now() + timedelta(days=2))
    make_article(title="Wachstum auf Englisch", language="en")
    assert result_titles(client.get(search_url("de", q="Wachstum"))) == [public.title]
    assert result_titles(client.get(search_url("en", q="Wachstum"))) == ["Wachstum auf Englisch"]


def test_a_result_shows_title_link_date_category_and_snippet(client):
    article = make_article(
        title="Klare Entscheidungen",
        summary="Wie Teams schneller entscheiden.",
        category=CategoryFactory(name="Führung"),
    )
    card = one(parse(client.get(search_url("de", q="Entscheidungen"))), ".search-result")
    assert one(card, ".card-title a").get("href") == article.get_absolute_url()
    assert datetime.fromisoformat(
        one(card, "time").get("datetime")
    ) == article.published_at.replace(microsecond=0)
    assert one(card, f'a[href="{article.category.url_in("de")}"]').get_text() == "Führung"
    assert "schneller" in text(one(card, ".snippet"))


def test_page_says_how_many_articles_were_found_and_is_not_indexed(client):
    for _ in range(3):
        make_article(title="Kundenbindung stärken")
    response = client.get(search_url("de", q="Kundenbindung"))
    page = parse(response)
    assert text(one(page, ".search-count")).startswith("3 Artikel gefunden")
    assert one(page, 'meta[name="robots"]').get("content") == "noindex"
    canonical = one(page, 'link[rel="canonical"]').get("href")
    assert canonical.endswith(f"{search_url('de')}?q=Kundenbindung")
    assert text(one(page, "title")).startswith("Suche: Kundenbindung")
    assert text(one(page, "h1")) == "Suche: Kundenbindung"


def test_nothing_found_says_so(client):
    make_article(title="Strategie")
    response = client.get(search_url("de", q="Quantencomputer"))
    assert response.status_code == 200
    assert result_titles(response) == []
    assert "Keine Artikel passen" in text(parse(response))
    assert text(one(parse(response), ".search-count")).startswith("0 Artikel gefunden")


# --- Category filter and pages ----------------------------------------------------------------


def test_category_filter_keeps_to_the_category(client):
    strategy, people = CategoryFactory(name="Strategie"), CategoryFactory(name="Personal")
    wanted = make_article(title="Führung in der Strategie", category=strategy)
    make_article(title="Führung im Personalwesen", category=people)
    response = client.get(search_url("de", q="Führung", category=strategy.slug))
    assert result_titles(response) == [wanted.title]
    select = one(parse(response), 'select[name="category"]')
    options = {option.get("value"): option for option in select.select("option")}
    assert set(options) == {"", strategy.slug, people.slug}
    assert options[strategy.slug].has_attr("selected")


def test_category_filter_offers_only_the_editions_categories(client):
    make_article(title="Deutsch", category=CategoryFactory(name="Nur Deutsch"))
    english = make_article(title="English", language="en", category=CategoryFactory(name="EN"))
    select = one(parse(client.get(search_url("en", q="English"))), 'select[name="category"]')
    assert [o.get("value") for o in select.select("option")] == ["", english.category.slug]


@pytest.mark.parametrize("category", ["unknown", "../etc", "x\ty", "ä" * 200])
def test_unknown_category_is_the_editions_404(client, category):
    make_article(title="Strategie")
    assert client.get(search_url("de", q="Strategie", category=category)).status_code == 404


def test_results_are_paginated_and_the_page_links_keep_query_and_category(client):
    category = CategoryFactory(name="Strategie")
    for number in range(12):
        make_article(
            title=f"Marktanalyse {number}",
            category=category,
            published_at=timezone.now() - timedelta(days=number + 1),
        )
    first = client.get(search_url("de", q="Marktanalyse", category=category.slug))
    assert len(result_titles(first)) == 10
    next_href = one(parse(first), 'a[rel="next"]').get("href")
    params = parse_qs(urlsplit(next_href).query)
    assert params == {"q": ["Marktanalyse"], "category": [category.slug], "page": ["2"]}
    second = client.get(next_href)
    assert len(result_titles(second)) == 2
    assert set(result_titles(first)).isdisjoint(result_titles(second))
    numbers = [text(a) for a in parse(second).select(".page-numbers a")]
    assert numbers == ["Seite 1", "Seite 2"]  # "Seite" for screen readers, hidden on screen
    assert text(one(parse(second), '.page-numbers a[aria-current="page"]')) == "Seite 2"


@pytest.mark.parametrize("page", ["3", "0", "-1", "abc", "1\u200b", "99999999999999999999"])
def test_a_page_of_results_that_does_not_exist_is_404(client, page):
    make_article(title="Marktanalyse")
    assert client.get(search_url("de", q="Marktanalyse", page=page)).status_code == 404


# --- Bad queries: a friendly page, never a 500 ------------------------------------------------

BAD_QUERIES = [
    ("", search.EMPTY),
    ("   ", search.EMPTY),
    ("a", search.TOO_SHORT),
    ("!!!", search.TOO_SHORT),
    ("&|:*", search.TOO_SHORT),
    ("\t\u0085\u200b\u202e", search.EMPTY),
    ('"" -- || !', search.TOO_SHORT),
]


@pytest.mark.parametrize("query, message", BAD_QUERIES)
def test_a_query_that_cannot_be_searched_for_gets_a_hint(client, query, message):
    make_article(title="Strategie")
    response = client.get(search_url("de", q=query))
    assert response.status_code == 200
    assert problem(response) == str(message)
    assert result_titles(response) == []


def test_no_query_at_all_shows_the_form_with_a_hint(client):
    response = client.get(search_url("de"))
    assert response.status_code == 200
    assert problem(response) == str(search.EMPTY)
    assert one(parse(response), "form.search-page-form")


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE articles_article; --",
        "a OR 1=1",
        "' OR '1'='1",
        "strat:* & !x | (y <-> z)",
        "Kun\x85den",
        "\u202eStrategie\u200b",
        '"unclosed phrase',
        "-Strategie",
        "OR OR OR",
        "%_\\",
        "<script>alert(1)</script>",
    ],
)
def test_sql_looking_and_operator_queries_are_just_text(client, query):
    make_article(title="Strategie für Kunden")
    response = client.get(search_url("de", q=query))
    assert response.status_code == 200
    assert Article.objects.exists()  # the table is still there
    page = parse(response)
    assert not page.select("main script") and not event_handlers(page)


def test_a_very_long_query_is_cut_and_says_so(client):
    make_article(title="Strategie")
    response = client.get(search_url("de", q="Strategie " + "x" * 1000))
    assert response.status_code == 200
    page = parse(response)
    assert "auf die ersten 200 Zeichen gekürzt" in text(one(page, ".search-note"))
    assert len(one(page, "#search-q").get("value")) <= search.MAX_QUERY_LENGTH


def test_clean_query_removes_control_characters_and_collapses_space():
    query = search.clean_query(" Kun\x00den \t\n in\x1b  Berlin ")
    assert query.text == "Kun den in Berlin"
    assert not query.problem
    assert search.clean_query("x" * 1000).text == "x" * 200
    assert search.clean_query("x" * 1000).shortened


# --- Escaping ---------------------------------------------------------------------------------


def test_markup_in_articles_and_query_is_shown_as_text(client):
    make_article(
        title=f"Strategie {XSS}",
        summary=f"Strategie {XSS} & mehr",
        body=f"Strategie mit `{XSS}` im Code und &lt;b&gt; als Text.\n",
    )
    for query in ("Strategie", f"Strategie {XSS}"):
        response = client.get(search_url("de", q=query))
        page = parse(response)
        assert response.status_code == 200
        assert not page.select("main script") and not event_handlers(page)
        assert not page.select("main img")
    (snippet,) = snippets(client.get(search_url("de", q="Strategie")))
    assert {child.name for child in snippet.find_all()} == {"mark"}
    assert "& mehr" in snippet.get_text()


def test_snippet_marks_the_found_word_and_escapes_the_rest(client):
    make_article(
        title="Etwas",
        summary="",
        body="Vorher <b>fett</b> & Co. Dann kommt die Preisgestaltung im Detail.\n",
    )
    snippet = one(parse(client.get(search_url("de", q="Preisgestaltung"))), ".snippet")
    assert [mark.get_text() for mark in snippet.select("mark")] == ["Preisgestaltung"]
    assert {child.name for child in snippet.find_all()} == {"mark"}
    assert "& Co." in snippet.get_text()


# --- Same page for everyone; query budget ------------------------------------------------------


def test_search_page_is_the_same_for_every_reader(client):
    make_article(title="Strategie")
    url = search_url("de", q="Strategie")
    bodies = set()
    for headers in (
        {"HTTP_ACCEPT_LANGUAGE": "nl"},
        {"HTTP_ACCEPT_LANGUAGE": "en", "HTTP_COOKIE": "django_language=nl; edition=nl"},
        {},
    ):
        response = client.get(url, **headers)
        assert "Accept-Language" not in response.get("Vary", "")
        assert "Cookie" not in response.get("Vary", "")
        assert not response.cookies
        bodies.add(response.content)
    assert len(bodies) == 1


def test_switcher_leads_to_the_same_search_in_the_other_editions(client):
    category = CategoryFactory(name="Strategy", name_de="Strategie", name_nl="Strategie NL")
    make_article(title="Kunden", category=category)
    page = parse(client.get(search_url("de", q="Kunden", category=category.slug_de)))
    targets = {}
    for link in page.select(".edition-switcher a"):
        (target,) = parse_qs(urlsplit(link.get("href")).query)["next"]
        targets[link.get("hreflang")] = target
    assert targets["nl"] == search_url("nl", q="Kunden", category=category.slug_nl)
    assert targets["en"] == search_url("en", q="Kunden", category=category.slug_en)


def build_results(count: int) -> None:
    authors = AuthorFactory.create_batch(3)
    categories = CategoryFactory.create_batch(3)
    tags = ["Strategie", "Führung", "Wandel", "Kultur"]
    for number in range(count):
        make_article(
            title=f"Strategie {number}",
            authors=authors,
            tags=tags,
            category=categories[number % 3],
        )


def test_search_page_costs_the_same_queries_for_few_and_many_results(client):
    build_results(5)
    few, _ = count_queries(client, search_url("de", q="Strategie"))
    build_results(25)  # 30 matching articles, three pages
    many, response = count_queries(client, search_url("de", q="Strategie"))
    assert len(result_titles(response)) == 10
    assert text(one(parse(response), ".search-count")).startswith("30 Artikel gefunden")
    # The count, the page of articles with their categories, the snippets, the filter's
    # categories, and the header menu (its links, else the edition's categories).
    assert few == many == 6


# --- PostgreSQL: the stored vector, stemming, ranking -----------------------------------------


@postgres_only
@pytest.mark.parametrize(
    "language, stored, query",
    [
        ("de", "Was jeder Kunde erwartet", "Kunden"),
        ("de", "Die Kunden von morgen", "Kunde"),
        ("nl", "Wat elke klant verwacht", "klanten"),
        ("nl", "Onze klanten van morgen", "klant"),
        ("en", "The decision that mattered", "decisions"),
        ("en", "Three decisions", "decision"),
    ],
)
def test_stemming_follows_the_articles_language(client, language, stored, query):
    article = make_article(language=language, title=stored, summary="", tags=[])
    make_article(language=language, title="Etwas anderes", summary="", tags=[])
    assert result_titles(client.get(search_url(language, q=query))) == [article.title]


@postgres_only
def test_vector_uses_the_configuration_of_the_articles_language():
    german = make_article(language="de", title="Kunden", summary="", tags=[])
    dutch = make_article(language="nl", title="klanten", summary="", tags=[])
    vectors = dict(
        Article.objects.filter(pk__in=[german.pk, dutch.pk]).values_list("pk", "search_vector")
    )
    assert "'kund':1A" in vectors[german.pk]
    assert "'klant':1A" in vectors[dutch.pk]


@postgres_only
def test_title_ranks_above_summary_above_body(client):
    body = make_article(
        title="Drei",
        summary="",
        body="Hier geht es um Marktforschung.\n",
        published_at=timezone.now() - timedelta(minutes=1),
    )
    summary = make_article(
        title="Zwei", summary="Marktforschung", published_at=timezone.now() - timedelta(days=3)
    )
    title = make_article(title="Marktforschung", published_at=timezone.now() - timedelta(days=9))
    found = result_titles(client.get(search_url("de", q="Marktforschung")))
    assert found == [title.title, summary.title, body.title]


@postgres_only
def test_websearch_operators_work(client):
    make_article(title="Strategie und Kultur")
    make_article(title="Strategie ohne Wandel")
    assert result_titles(client.get(search_url("de", q="Strategie -Kultur"))) == [
        "Strategie ohne Wandel"
    ]
    assert result_titles(client.get(search_url("de", q='"und Kultur"'))) == ["Strategie und Kultur"]
    found = result_titles(client.get(search_url("de", q="Kultur OR Wandel")))
    assert sorted(found) == ["Strategie ohne Wandel", "Strategie und Kultur"]


@postgres_only
def test_snippet_marks_stemmed_matches(client):
    make_article(
        title="Etwas",
        summary="",
        body="Am Anfang steht ein Satz. Wenn 3 < 4 & so, zählt jeder Kunde doppelt, sagt man "
        "hier und dort.\n",
    )
    snippet = one(parse(client.get(search_url("de", q="Kunden"))), ".snippet")
    assert [mark.get_text() for mark in snippet.select("mark")] == ["Kunde"]
    assert "Wenn 3 < 4 & so, zählt jeder Kunde doppelt" in snippet.get_text()


@postgres_only
def test_saving_an_article_updates_its_vector(client):
    article = make_article(title="Alter Titel", summary="", tags=[])
    article.title = "Preisstrategie neu"
    services.article_save(article=article, authors=article.ordered_authors, tags=["Umbau"], by=None)
    assert result_titles(client.get(search_url("de", q="Preisstrategie"))) == [article.title]
    assert result_titles(client.get(search_url("de", q="Umbau"))) == [article.title]
    assert result_titles(client.get(search_url("de", q="Alter"))) == []


@postgres_only
def test_renaming_an_author_or_tag_updates_their_articles(client):
    author = AuthorFactory(name="Anna Altname")
    article = make_article(authors=[author], tags=["Altthema"], title="Beitrag")
    author.name = "Anna Neuname"
    services.named_save(obj=author, by=None)
    tag = Tag.objects.get(name="Altthema")
    tag.name = "Neuthema"
    services.named_save(obj=tag, by=None)
    assert result_titles(client.get(search_url("de", q="Neuname"))) == [article.title]
    assert result_titles(client.get(search_url("de", q="Neuthema"))) == [article.title]
    assert result_titles(client.get(search_url("de", q="Altname"))) == []
    assert result_titles(client.get(search_url("de", q="Altthema"))) == []


@postgres_only
def test_deleting_a_tag_removes_it_from_its_articles_vectors(client):
    article = make_article(tags=["Vergänglich"], title="Beitrag")
    services.named_delete(obj=Tag.objects.get(name="Vergänglich"), by=None)
    assert result_titles(client.get(search_url("de", q="Vergänglich"))) == []
    assert Article.objects.filter(pk=article.pk).exists()


@postgres_only
def test_update_search_index_rebuilds_every_vector(client):
    articles = [make_article(title="Restrukturierung") for _ in range(3)]
    Article.objects.update(search_vector=None)
    assert result_titles(client.get(search_url("de", q="Restrukturierung"))) == []
    call_command("update_search_index", verbosity=0)
    assert len(result_titles(client.get(search_url("de", q="Restrukturierung")))) == len(articles)


@postgres_only
def test_the_demo_content_is_indexed_as_it_is_loaded(client):
    call_command("load_demo", stdout=io.StringIO())
    assert not Article.objects.filter(search_vector__isnull=True).exists()
    found = result_titles(client.get(search_url("de", q="Verhandlungen")))
    assert "Preise verhandeln, ohne die Beziehung zu beschädigen" in found


# --- SQLite: the fallback ---------------------------------------------------------------------


@sqlite_only
def test_fallback_ignores_case_and_keeps_the_newest_first(client):
    old = make_article(title="strategie alt", published_at=timezone.now() - timedelta(days=5))
    new = make_article(title="STRATEGIE neu", published_at=timezone.now() - timedelta(days=1))
    found = result_titles(client.get(search_url("de", q="Strategie")))
    assert found == [new.title, old.title]


@sqlite_only
def test_fallback_has_no_stemming():
    assert search.fallback_words("Kunden, Kunden & Co!") == ["kunden", "co"]


@pytest.mark.parametrize("query", ["ärger", "Ärger", "ÄRGER"])
def test_a_capitalised_word_with_an_umlaut_is_found_in_any_case(client, query):
    wanted = make_article(title="Ärger im Team")
    make_article(title="Friede im Team")
    assert result_titles(client.get(search_url("de", q=query))) == [wanted.title]


def test_words_with_sharp_s_are_found(client):
    wanted = make_article(title="Die Straße der Strategie")
    assert result_titles(client.get(search_url("de", q="Straße"))) == [wanted.title]


@sqlite_only
def test_update_search_index_says_there_is_nothing_to_do_on_sqlite(capsys):
    call_command("update_search_index")
    assert "not PostgreSQL" in capsys.readouterr().out


def test_vectors_are_left_empty_on_sqlite_only():
    article = make_article(title="Strategie")
    stored = Article.objects.values_list("search_vector", flat=True).get(pk=article.pk)
    assert (stored is None) == (connection.vendor != "postgresql")
    assert Author.objects.exists()
