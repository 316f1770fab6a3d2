"""What editors and authors do with an article's structure in the admin: series and books,
the series, book and related articles on the writing desk, linked translations and the flag on
a translation that may be outdated."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.redirects.models import Redirect

from articles import services
from articles.models import Article, Book, Series, Status
from articles.revisions import article_versions
from tests.articles.helpers import (
    ADD_URL,
    article_form_data,
    change_form_data,
    change_url,
    files_under,
    jpeg_with_exif,
    related_form_data,
)
from tests.articles.test_admin import CHANGE_FORM_WITH_THREE_AUTHORS_BUDGET, CHANGELIST_BUDGET
from tests.articles.test_uploads import exif_of, gif_named_jpg
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory
from tests.helpers import count_queries
from tests.html import changelist_rows, field_errors, one, parse, text

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"
SERIES = "/admin/articles/series/"
BOOKS = "/admin/articles/book/"
BERLIN = ZoneInfo("Europe/Berlin")


def save(article: Article, **changes) -> Article:
    """A save through the write path as the system, the byline as it is."""
    return services.article_save(
        article=article, authors=list(article.ordered_authors), by=None, **changes
    )


def make_series(title: str = "Spielregeln für Erfolg", language: str = "en") -> Series:
    return services.named_save(obj=Series(title=title, language=language), by=None)


def make_book(title: str = "Das Buch zum Thema", **fields) -> Book:
    return services.book_save(book=Book(title=title, **fields), by=None)


def related_titles(article: Article) -> list[str]:
    return [link.related.title for link in article.related_links.select_related("related")]


def messages_of(response) -> str:
    found = parse(response).select_one(".messagelist")
    return text(found) if found else ""


def own_draft(user, **fields) -> Article:
    author = services.author_record_for(user=user)
    return ArticleFactory(authors=[author], status=Status.DRAFT, **fields)


# --- Series ---------------------------------------------------------------------------------------


def series_data(**fields) -> dict:
    return {"title": "Spielregeln für Erfolg", "slug": "", "language": "en", "description": ""} | (
        fields
    )


def test_series_list_shows_title_language_and_number_of_parts(editor_client):
    series = make_series("Jack Mas Spielregeln")
    for part in (1, 2, 3):
        ArticleFactory(series=series, series_part=part)
    make_series("Leiten auf Abstand", language="nl")

    rows = changelist_rows(editor_client.get(SERIES))

    assert [
        (
            text(one(row, "th.field-title")),
            text(one(row, "td.field-language")),
            text(one(row, "td.field-part_count")),
        )
        for row in rows
    ] == [("Jack Mas Spielregeln", "English", "3"), ("Leiten auf Abstand", "Dutch", "0")]


def test_series_list_is_searched_by_title(editor_client):
    make_series("Jack Mas Spielregeln")
    make_series("Leiten auf Abstand", language="nl")

    rows = changelist_rows(editor_client.get(SERIES, {"q": "abstand"}))

    assert [text(one(row, "th.field-title")) for row in rows] == ["Leiten auf Abstand"]


def test_series_slug_is_prepopulated_from_the_title_with_the_readable_rule(editor_client):
    page = parse(editor_client.get(f"{SERIES}add/"))

    constants = one(page, "script#django-admin-prepopulated-fields-constants")
    fields = json.loads(constants["data-prepopulated-fields"])
    assert [(field["id"], field["dependency_ids"]) for field in fields] == [
        ("#id_slug", ["#id_title"])
    ]
    assert "/static/js/admin-slugs.js" in [script["src"] for script in page.select("script[src]")]


def test_an_editor_adds_a_series_and_its_renamed_slug_redirects(editor_client, client):
    response = editor_client.post(f"{SERIES}add/", series_data(title="Führung für Einsteiger"))

    assert response.status_code == 302, response.content.decode()[:2000]
    series = Series.objects.get()
    assert series.slug == "fuehrung-fuer-einsteiger"
    old_url = series.get_absolute_url()
    ArticleFactory(series=series, series_part=1)  # a series page shows once a part is public

    response = editor_client.post(
        f"{SERIES}{series.pk}/change/",
        series_data(title="Führung für Einsteiger", slug="fuehrung-lernen"),
    )

    assert response.status_code == 302
    series.refresh_from_db()
    assert series.slug == "fuehrung-lernen"
    assert Redirect.objects.filter(old_path=old_url, new_path=series.get_absolute_url()).exists()
    moved = client.get(old_url)
    assert moved.status_code == 301
    assert moved["Location"].endswith(series.get_absolute_url())


def test_the_series_page_in_the_admin_lists_its_parts_in_order(editor_client):
    series = make_series()
    second = ArticleFactory(title="Regel zwei", series=series, series_part=2)
    ArticleFactory(title="Regel eins", series=series, series_part=1, status=Status.DRAFT)
    ArticleFactory(title="Anderswo")

    page = parse(editor_client.get(f"{SERIES}{series.pk}/change/"))

    rows = one(page, ".field-parts_list table").select("tbody tr")
    assert [[text(cell) for cell in row.select("td")] for row in rows] == [
        ["1", "Regel eins", "Draft"],
        ["2", "Regel zwei", "Published"],
    ]
    assert rows[1].select_one("a")["href"] == change_url(second)
    assert page.select_one('input[name="parts_list"]') is None  # read-only


# --- Books ----------------------------------------------------------------------------------------


def book_data(**fields) -> dict:
    data = {"title": "Das Buch zum Thema", "authors": "", "publisher": "", "year": ""}
    return data | {"isbn": "", "url": "", **fields}


def test_an_isbn_10_typed_in_the_admin_is_stored_as_isbn_13(editor_client):
    response = editor_client.post(f"{BOOKS}add/", book_data(isbn="3-16-148410-X", year="2019"))

    assert response.status_code == 302, field_errors(response, "isbn")
    book = Book.objects.get()
    assert (book.isbn, book.year) == ("9783161484100", 2019)
    [row] = changelist_rows(editor_client.get(BOOKS))
    assert text(one(row, "td.field-isbn_column")) == "978-3-16-148410-0"


def test_a_bad_isbn_shows_why_on_the_form_and_saves_nothing(editor_client, media_root):
    response = editor_client.post(
        f"{BOOKS}add/",
        book_data(isbn="978-3-16-148410-1", cover_image=jpeg_with_exif("cover.jpg")),
    )

    assert response.status_code == 200
    [error] = field_errors(response, "isbn")
    assert "check digit does not match" in error
    assert one(parse(response), 'input[name="isbn"]')["value"] == "978-3-16-148410-1"
    assert not Book.objects.exists()
    assert files_under(media_root) == []


def test_a_second_book_with_the_same_isbn_is_refused_on_the_form(editor_client):
    make_book("Erste Auflage", isbn="9783161484100")

    response = editor_client.post(f"{BOOKS}add/", book_data(title="Kopie", isbn="3-16-148410-X"))

    assert response.status_code == 200
    assert "A book with this ISBN exists already." in text(parse(response))
    assert Book.objects.count() == 1


def test_a_book_cover_is_stored_without_its_camera_data(editor_client, media_root):
    response = editor_client.post(
        f"{BOOKS}add/", book_data(cover_image=jpeg_with_exif("cover.jpg"))
    )

    assert response.status_code == 302, field_errors(response, "cover_image")
    [stored] = files_under(media_root)
    assert stored.parent == Path(media_root) / "books"
    assert exif_of(stored.read_bytes()) == {}
    assert Book.objects.get().cover_width == 80


def test_a_book_cover_that_is_not_an_image_is_refused(editor_client, media_root):
    response = editor_client.post(f"{BOOKS}add/", book_data(cover_image=gif_named_jpg()))

    assert response.status_code == 200
    assert field_errors(response, "cover_image")
    assert not Book.objects.exists()


def test_the_book_list_shows_authors_and_year_and_finds_a_book_by_its_isbn_as_typed(
    editor_client,
):
    make_book("Die fünf Dysfunktionen", authors="Patrick Lencioni", year=2002, isbn="3527502092")
    make_book("Anderes Buch", authors="Anna Berg")

    rows = changelist_rows(editor_client.get(BOOKS, {"q": "3-527-50209-2"}))

    assert [
        [text(one(row, f".field-{name}")) for name in ("title", "authors", "year")] for row in rows
    ] == [["Die fünf Dysfunktionen", "Patrick Lencioni", "2002"]]
    assert len(changelist_rows(editor_client.get(BOOKS, {"q": "Berg"}))) == 1


# --- Series, book and related articles on the writing desk ----------------------------------------


def test_the_desk_sets_series_part_book_and_related_articles_in_order(editor_client):
    article = ArticleFactory(title="Regel zwei")
    series, book = make_series(), make_book()
    first, second, third = (ArticleFactory(title=title) for title in ("Eins", "Zwei", "Drei"))
    revisions = len(article_versions(article))
    data = change_form_data(
        article, series=str(series.pk), series_part="2", book=str(book.pk),
        **related_form_data([], article, new=[third, first, second]),
    )  # fmt: skip

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert (article.series, article.series_part, article.book) == (series, 2, book)
    assert related_titles(article) == ["Drei", "Eins", "Zwei"]
    assert len(article_versions(article)) == revisions + 1

    # The form shows them again: the chosen series and book, the rows in their order.
    page = parse(editor_client.get(change_url(article)))
    assert text(one(page, 'select[name="series"] option[selected]')) == series.title
    assert text(one(page, 'select[name="book"] option[selected]')) == book.title
    shown = page.select('#related_links-group select[name$="-related"] option[selected]')
    assert [text(option) for option in shown] == ["Drei", "Eins", "Zwei"]


def test_a_second_save_with_reordered_and_removed_rows_changes_the_order(editor_client):
    article = ArticleFactory()
    first, second, third = (ArticleFactory(title=title) for title in ("Eins", "Zwei", "Drei"))
    save(article, related=[first, second, third])
    article.refresh_from_db()
    data = change_form_data(article)
    rows = {data[f"related_links-{i}-related"]: i for i in range(3)}
    data[f"related_links-{rows[str(third.pk)]}-position"] = "0"
    data[f"related_links-{rows[str(first.pk)]}-position"] = "1"
    data[f"related_links-{rows[str(second.pk)]}-DELETE"] = "on"

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert related_titles(article) == ["Drei", "Eins"]


def test_a_row_added_without_a_position_goes_after_the_others(editor_client):
    article = ArticleFactory()
    first, second, added = (ArticleFactory(title=title) for title in ("Eins", "Zwei", "Neu"))
    save(article, related=[first, second])
    article.refresh_from_db()
    data = change_form_data(article)
    data.update(related_form_data(list(article.related_links.all()), article, new=[added]))
    data["related_links-2-position"] = ""

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert related_titles(article) == ["Eins", "Zwei", "Neu"]
    # The form's empty row starts without a number too.
    page = parse(editor_client.get(change_url(article)))
    assert one(page, 'input[name="related_links-3-position"]').get("value") is None


def test_an_unchanged_form_leaves_the_related_articles_and_stores_no_revision(editor_client):
    article = ArticleFactory()
    save(article, related=ArticleFactory.create_batch(2))
    article.refresh_from_db()
    before, revisions = related_titles(article), len(article_versions(article))

    response = editor_client.post(change_url(article), change_form_data(article))

    assert response.status_code == 302
    assert related_titles(article) == before
    assert len(article_versions(article)) == revisions


def test_an_article_related_to_itself_is_refused_and_nothing_is_saved(editor_client):
    article = ArticleFactory(title="Alt")
    data = change_form_data(article, title="Neu", **related_form_data([], article, new=[article]))

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 200
    assert "An article cannot be related to itself." in text(
        one(parse(response), ".errorlist.nonfield")
    )
    article.refresh_from_db()
    assert (article.title, related_titles(article)) == ("Alt", [])


def test_a_series_needs_the_parts_number_and_a_number_needs_its_series(editor_client):
    article = ArticleFactory()
    series = make_series()

    without_number = editor_client.post(
        change_url(article), change_form_data(article, series=str(series.pk))
    )
    without_series = editor_client.post(
        change_url(article), change_form_data(article, series_part="3")
    )

    assert field_errors(without_number, "series_part") == [
        "Give the part's number in the series (1, 2, …)."
    ]
    assert field_errors(without_series, "series") == [
        "Choose the series this is a part of, or leave the part empty."
    ]
    article.refresh_from_db()
    assert (article.series, article.series_part) == (None, None)


def test_two_articles_cannot_be_the_same_part_of_a_series(editor_client):
    series = make_series()
    ArticleFactory(series=series, series_part=2, title="Der zweite Teil")
    article = ArticleFactory()

    response = editor_client.post(
        change_url(article), change_form_data(article, series=str(series.pk), series_part="2")
    )

    assert response.status_code == 200
    # Said at the field, naming the article that has the part.
    errors = one(parse(response), ".field-series_part .errorlist")
    assert text(errors) == "Part 2 of this series is “Der zweite Teil” already."
    article.refresh_from_db()
    assert article.series is None


# --- Translations on the writing desk -------------------------------------------------------------


def test_the_desk_links_a_translation_and_shows_the_other_versions(editor_client):
    german = ArticleFactory(title="Wer entscheidet was?", language="de")
    english = ArticleFactory(title="Who decides what?", language="en")

    response = editor_client.post(
        change_url(english), change_form_data(english, translation_of=str(german.pk))
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    german.refresh_from_db()
    english.refresh_from_db()
    assert german.translation_group_id == english.translation_group_id is not None
    panel = one(parse(editor_client.get(change_url(english))), ".field-translations_panel")
    [row] = panel.select("tbody tr")
    assert [text(cell) for cell in row.select("td")][:3] == [
        "DE",
        "Wer entscheidet was?",
        "Published",
    ]
    assert one(row, "a")["href"] == change_url(german)
    assert one(row, "a")["lang"] == "de"


def test_a_new_article_is_written_as_a_translation_in_a_series(editor_client):
    german = ArticleFactory(language="de")
    series = make_series(language="en")
    data = article_form_data(
        category=CategoryFactory(), authors=[AuthorFactory()], title="Who decides what?",
        language="en", translation_of=str(german.pk), series=str(series.pk), series_part="1",
    )  # fmt: skip

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    english = Article.objects.get(title="Who decides what?")
    german.refresh_from_db()
    assert english.translation_group_id == german.translation_group_id is not None
    assert (english.series, english.series_part) == (series, 1)


def test_a_second_version_in_one_language_is_an_error_on_the_field(editor_client):
    german = ArticleFactory(language="de")
    english = ArticleFactory(language="en", title="Who decides what?")
    save(english, translation_of=german)
    other = ArticleFactory(language="en", title="Another English text")

    response = editor_client.post(
        change_url(other), change_form_data(other, translation_of=str(german.pk), title="Neu")
    )

    assert response.status_code == 200
    assert field_errors(response, "translation_of") == [
        "“Who decides what?” is already the English version of these translations."
    ]
    other.refresh_from_db()
    assert (other.title, other.translation_group_id) == ("Another English text", None)


def test_the_desk_unlinks_a_version_and_the_others_stay_linked(editor_client):
    german, english, dutch = (ArticleFactory(language=code) for code in ("de", "en", "nl"))
    save(english, translation_of=german)
    save(dutch, translation_of=german)
    dutch.refresh_from_db()

    response = editor_client.post(
        change_url(dutch), change_form_data(dutch, unlink_translation="on")
    )

    assert response.status_code == 302
    dutch.refresh_from_db()
    german.refresh_from_db()
    english.refresh_from_db()
    assert dutch.translation_group_id is None
    assert german.translation_group_id == english.translation_group_id is not None
    page = editor_client.get(change_url(dutch))
    assert "Not linked to versions in other languages." in text(
        one(parse(page), ".field-translations_panel")
    )
    assert parse(page).select_one('input[name="unlink_translation"]') is None


def test_linking_and_unlinking_at_once_is_refused(editor_client):
    german, english = ArticleFactory(language="de"), ArticleFactory(language="en")
    dutch = ArticleFactory(language="nl")
    save(english, translation_of=german)
    english.refresh_from_db()

    response = editor_client.post(
        change_url(english),
        change_form_data(english, translation_of=str(dutch.pk), unlink_translation="on"),
    )

    assert field_errors(response, "unlink_translation") == [
        "Either link it to another version or unlink it, not both at once."
    ]


def autocomplete(client, article: Article, term: str = "") -> list[str]:
    """What the "Translation of" box offers on ``article``'s form for ``term``."""
    widget = one(parse(client.get(change_url(article))), 'select[name="translation_of"]')
    # As select2 asks: the widget's address (with its own parameters) and the lookup's.
    lookup = urlencode(
        {
            "term": term,
            "app_label": widget["data-app-label"],
            "model_name": widget["data-model-name"],
            "field_name": widget["data-field-name"],
        }
    )
    url = widget["data-ajax--url"]
    response = client.get(f"{url}{'&' if '?' in url else '?'}{lookup}")
    assert response.status_code == 200
    return sorted(result["text"] for result in response.json()["results"])


def test_translation_of_offers_only_articles_in_other_languages(author_user, author_client):
    draft = own_draft(author_user, title="Führung auf Distanz", language="de")
    ArticleFactory(title="Führung im Wandel", language="de")
    ArticleFactory(title="Leading at a distance", language="en")
    ArticleFactory(title="Leiding op afstand", language="nl")

    assert autocomplete(author_client, draft) == ["Leading at a distance", "Leiding op afstand"]
    assert autocomplete(author_client, draft, "Leiding") == ["Leiding op afstand"]


def test_picking_an_article_finds_it_by_its_title_not_by_words_in_its_text(
    author_user, author_client
):
    draft = own_draft(author_user, title="Führung auf Distanz", language="de")
    ArticleFactory(title="Leading at a distance", language="en")
    ArticleFactory(title="Change fatigue", language="en", body="Leading teams through change.")

    assert autocomplete(author_client, draft, "leading") == ["Leading at a distance"]


# --- The outdated-translation flag ----------------------------------------------------------------

CREATED = datetime(2024, 3, 1, 9, 0, tzinfo=BERLIN)
GERMAN_CHANGED = datetime(2024, 3, 5, 10, 0, tzinfo=BERLIN)
DUTCH_SAVED = datetime(2024, 3, 6, 9, 0, tzinfo=BERLIN)
OUTDATED = (
    "Possibly outdated: the German version was changed on March 5, 2024, 10 a.m., after this "
    "translation was last saved."
)


@pytest.fixture
def german_changed_after_dutch():
    """A German article and its Dutch translation; the German text changed four days later."""
    with time_machine.travel(CREATED, tick=False):
        german = ArticleFactory(title="Wer entscheidet was?", language="de")
        dutch = ArticleFactory(title="Wie beslist wat?", language="nl")
        save(dutch, translation_of=german)
    german.refresh_from_db()
    with time_machine.travel(GERMAN_CHANGED, tick=False):
        german.body += "\n\nEin neuer Absatz."
        save(german)
    dutch.refresh_from_db()
    return german, dutch


def warnings_on(response) -> list[str]:
    return [text(note) for note in parse(response).select(".translation-outdated[role=note] p")]


def translations_cell(response, title: str) -> str:
    row = next(
        row for row in changelist_rows(response) if text(one(row, "th.field-title")) == title
    )
    return text(one(row, "td.field-translations"))


def test_a_translation_changed_elsewhere_is_flagged_until_its_own_text_is_saved(
    editor_client, german_changed_after_dutch
):
    german, dutch = german_changed_after_dutch

    with time_machine.travel(DUTCH_SAVED, tick=False):
        page = editor_client.get(change_url(dutch))
        assert warnings_on(page) == [OUTDATED]
        [row] = one(parse(page), ".field-translations_panel").select("tbody tr")
        assert "March 5, 2024, 10 a.m. after this version" in text(row)
        assert warnings_on(editor_client.get(change_url(german))) == []
        listing = editor_client.get(CHANGELIST)
        assert translations_cell(listing, "Wie beslist wat?") == (
            "DE outdated (changed on 03/05/2024)"
        )
        assert translations_cell(listing, "Wer entscheidet was?") == "NL"

        # The translator brings the Dutch text up to date.
        response = editor_client.post(
            change_url(dutch), change_form_data(dutch, body=dutch.body + "\n\nEen nieuwe alinea.")
        )
        assert response.status_code == 302

        assert warnings_on(editor_client.get(change_url(dutch))) == []
        listing = editor_client.get(CHANGELIST)
        assert translations_cell(listing, "Wie beslist wat?") == "DE"
        # The original does not follow its translations: a newer Dutch text flags nothing.
        assert warnings_on(editor_client.get(change_url(german))) == []
        assert translations_cell(listing, "Wer entscheidet was?") == "NL"


def test_a_translation_checked_against_its_original_is_not_flagged_any_more(
    editor_client, german_changed_after_dutch
):
    german, dutch = german_changed_after_dutch
    later = GERMAN_CHANGED + timedelta(days=1)

    with time_machine.travel(later, tick=False):
        response = editor_client.post(
            change_url(dutch), change_form_data(dutch, translation_checked="on")
        )
        assert response.status_code == 302
        assert warnings_on(editor_client.get(change_url(dutch))) == []

    with time_machine.travel(later + timedelta(days=1), tick=False):
        german.refresh_from_db()
        german.body += "\n\nNoch ein Absatz."
        save(german)
        assert len(warnings_on(editor_client.get(change_url(dutch)))) == 1


def test_saving_a_translation_without_changing_its_text_keeps_the_flag(
    editor_client, german_changed_after_dutch
):
    _, dutch = german_changed_after_dutch

    response = editor_client.post(change_url(dutch), change_form_data(dutch, cover_credit="Anna"))

    assert response.status_code == 302
    assert warnings_on(editor_client.get(change_url(dutch))) == [OUTDATED]


def test_the_list_filters_possibly_outdated_translations(editor_client, german_changed_after_dutch):
    ArticleFactory(title="Allein")

    listing = editor_client.get(CHANGELIST, {"outdated": "1"})

    assert [text(one(row, "th.field-title")) for row in changelist_rows(listing)] == [
        "Wie beslist wat?"
    ]


# --- Who may do what ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "author", "editor"),
    [
        (SERIES, 200, 200),  # authors read them (to pick one) …
        (f"{SERIES}add/", 403, 200),  # … but neither add …
        (BOOKS, 200, 200),
        (f"{BOOKS}add/", 403, 200),
    ],
)
def test_who_reaches_the_series_and_book_pages(author_client, editor_client, url, author, editor):
    assert author_client.get(url).status_code == author
    assert editor_client.get(url).status_code == editor


def test_an_author_cannot_add_or_change_a_series_or_a_book(author_client):
    series, book = make_series(title="Alt"), make_book(title="Alt")

    assert author_client.post(f"{SERIES}add/", series_data(title="Neu")).status_code == 403
    assert author_client.post(f"{BOOKS}add/", book_data(title="Neu")).status_code == 403
    changed = author_client.post(f"{SERIES}{series.pk}/change/", series_data(title="Neu"))
    assert changed.status_code == 403
    assert (
        author_client.post(f"{BOOKS}{book.pk}/change/", book_data(title="Neu")).status_code == 403
    )
    assert list(Series.objects.values_list("title", flat=True)) == ["Alt"]
    assert list(Book.objects.values_list("title", flat=True)) == ["Alt"]


def test_an_author_sets_series_book_related_and_translation_on_their_own_draft(
    author_user, author_client
):
    draft = own_draft(author_user, language="en", title="Who decides what?")
    series, book = make_series(language="en"), make_book()
    german, further = ArticleFactory(language="de"), ArticleFactory(language="en")
    data = change_form_data(
        draft, series=str(series.pk), series_part="1", book=str(book.pk),
        translation_of=str(german.pk), **related_form_data([], draft, new=[further]),
    )  # fmt: skip

    response = author_client.post(change_url(draft), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    draft.refresh_from_db()
    german.refresh_from_db()
    assert (draft.series, draft.series_part, draft.book) == (series, 1, book)
    assert related_titles(draft) == [further.title]
    assert draft.translation_group_id == german.translation_group_id is not None


def test_an_author_picks_series_and_books_but_is_offered_no_button_to_add_one(
    author_user, author_client, editor_client
):
    draft = own_draft(author_user)

    page = parse(author_client.get(change_url(draft)))
    editors_page = parse(editor_client.get(change_url(draft)))

    assert one(page, 'select[name="series"]')["data-ajax--url"] == "/admin/autocomplete/"
    assert page.select_one("#add_id_series") is None and page.select_one("#add_id_book") is None
    assert editors_page.select_one("#add_id_series") is not None


def test_an_author_cannot_change_someone_elses_related_articles(author_client):
    article = ArticleFactory(status=Status.DRAFT)
    other = ArticleFactory()
    data = change_form_data(article, **related_form_data([], article, new=[other]))

    assert author_client.post(change_url(article), data).status_code == 403
    assert related_titles(article) == []


# --- Query budgets --------------------------------------------------------------------------------


def build_series_and_books(count: int) -> None:
    """``count`` more series with two parts each, and ``count`` more books with an ISBN."""
    for number in range(count):
        series = make_series(title=f"Reihe {Series.objects.count()}-{number}")
        for part in (1, 2):
            ArticleFactory(series=series, series_part=part)
        make_book(title=f"Buch {Book.objects.count()}", authors="Anna Berg", year=2020)


# Session and user, the user's own and group permissions, the paginator's count and the
# unfiltered count, and the page of rows.
STRUCTURE_CHANGELIST_BUDGET = 7


@pytest.mark.parametrize("url", [SERIES, BOOKS])
def test_series_and_book_lists_do_not_grow_with_rows(
    editor_client, django_assert_max_num_queries, url
):
    build_series_and_books(3)
    editor_client.get(url)  # once before: what a process caches (content types) is not per page
    with django_assert_max_num_queries(STRUCTURE_CHANGELIST_BUDGET):
        few, response = count_queries(editor_client, url)
    assert len(changelist_rows(response)) == 3

    build_series_and_books(12)
    many, response = count_queries(editor_client, url)

    assert len(changelist_rows(response)) == 15
    assert many == few


# Session and user, permissions (two), the series with its part count, and its parts.
SERIES_FORM_BUDGET = 6
# Session and user, permissions (two), the book.
BOOK_FORM_BUDGET = 5


def test_the_series_and_book_forms_stay_within_their_budgets(
    editor_client, django_assert_max_num_queries
):
    series, book = make_series(), make_book(isbn="9783161484100")
    for part in (1, 2):
        ArticleFactory(series=series, series_part=part)
    editor_client.get(f"{SERIES}{series.pk}/change/")
    with django_assert_max_num_queries(SERIES_FORM_BUDGET):
        two, response = count_queries(editor_client, f"{SERIES}{series.pk}/change/")
    assert len(one(parse(response), ".field-parts_list").select("tbody tr")) == 2
    with django_assert_max_num_queries(BOOK_FORM_BUDGET):
        count_queries(editor_client, f"{BOOKS}{book.pk}/change/")

    for part in range(3, 13):
        ArticleFactory(series=series, series_part=part)
    twelve, response = count_queries(editor_client, f"{SERIES}{series.pk}/change/")

    assert len(one(parse(response), ".field-parts_list").select("tbody tr")) == 12
    assert twelve == two


def add_translated_articles(count: int) -> None:
    """``count`` German articles, each with its Dutch and English versions, in a series."""
    for _ in range(count):
        german = ArticleFactory(language="de", authors=AuthorFactory.create_batch(2))
        for code in ("nl", "en"):
            save(ArticleFactory(language=code), translation_of=german)


def test_the_article_list_with_translations_does_not_grow_with_rows(
    editor_client, django_assert_max_num_queries
):
    add_translated_articles(3)
    editor_client.get(CHANGELIST)
    with django_assert_max_num_queries(CHANGELIST_BUDGET):
        nine, response = count_queries(editor_client, CHANGELIST)
    cells = [one(row, "td.field-translations") for row in changelist_rows(response)]
    assert len(cells) == 9 and all(len(cell.select("abbr")) == 2 for cell in cells)

    add_translated_articles(6)
    with django_assert_max_num_queries(CHANGELIST_BUDGET):
        many, response = count_queries(editor_client, CHANGELIST)

    assert len(changelist_rows(response)) == 27
    assert many == nine


# The change form of an article with three authors (tests/articles/test_admin.py), plus each
# related row's chosen article (the autocomplete widget looks it up itself), the chosen series
# and book, and the other versions in the translations panel.
PER_RELATED_ROW = 1


def test_the_desk_with_related_articles_and_translations_stays_within_its_budget(editor_client):
    def queries(related: int) -> int:
        article = ArticleFactory(language="de", authors=AuthorFactory.create_batch(3))
        article.series = make_series(title=f"Reihe {related}", language="de")
        article.series_part = 1
        article.book = make_book(title=f"Buch {related}")
        save(
            article,
            related=ArticleFactory.create_batch(related),
            translation_of=ArticleFactory(language="nl"),
        )
        editor_client.get(change_url(article))
        count, response = count_queries(editor_client, change_url(article))
        page = parse(response)
        assert (
            len(page.select('#related_links-group select[name$="-related"] option[selected]'))
            == related
        )
        assert len(one(page, ".field-translations_panel").select("tbody tr")) == 1
        return count

    two, eight = queries(2), queries(8)

    assert two <= CHANGE_FORM_WITH_THREE_AUTHORS_BUDGET + 3 + 2 * PER_RELATED_ROW
    assert eight - two <= 6 * PER_RELATED_ROW
