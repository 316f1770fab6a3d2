"""`manage.py import_markdown`: Markdown files with front matter become articles, faithfully,
once (a second run changes nothing), and a bad file is reported and leaves nothing behind."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from reversion.models import Version

from articles import services
from articles.importing import writer
from articles.models import Article, Author, Book, Category, ImportRecord, Series, Status
from articles.revisions import article_versions, describe
from tests.articles.helpers import files_under
from tests.articles.import_helpers import (
    minimal,
    row_counts,
    run_import,
    write_article,
    write_image,
)
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, EditorUserFactory
from tests.html import one, parse, text

pytestmark = pytest.mark.django_db

GERMAN_BODY = """\
Wer verhandelt, sagt oft „Das ist unser letztes Angebot“ – und meint es nicht so.
Drei Fragen helfen vor jedem Gespräch:
- Was ist unser Ziel?
- Wo liegt unsere Grenze?
- Was braucht die Gegenseite?

Danach in dieser Reihenfolge:

1. Zuhören
2. Zusammenfassen
3. Vorschlagen

![Skizze des Einigungsbereichs](bilder/skizze.png)
"""


@pytest.fixture
def src(tmp_path):
    """The folder the Markdown files are written to (media goes to tmp_path/media)."""
    return tmp_path / "src"


def german_article(src, **front):
    write_image(src / "titelbild.jpg", fmt="JPEG")
    write_image(src / "bilder" / "skizze.png")
    return write_article(
        src, "verhandeln.md", GERMAN_BODY,
        **minimal(**{
            "title": "Verhandeln ohne Verlierer", "slug": "verhandeln-ohne-verlierer",
            "authors": ["Anna Berg", "Jonas Reuter"], "category": "Führung",
            "tags": ["Verhandlung", "Vertrieb"], "published": "2025-03-04T09:00:00+01:00",
            "summary": "Drei Fragen vor jeder Verhandlung.", "series": "Spielregeln",
            "series_part": 2, "cover": "titelbild.jpg", "cover_alt": "Zwei Hände",
            "cover_credit": "Aguaplano", "views": 8791,
            "book": {
                "title": "Fair verhandeln", "authors": ["Miriam Kessler", "Jonas Reuter"],
                "publisher": "Beispiel Verlag", "year": 2025, "isbn": "978-3-16-148410-0",
                "url": "https://www.example.org/buch",
            },
            **front,
        }),
    )  # fmt: skip


# --- An article imported as written ----------------------------------------------------------


def test_german_article_imports_and_renders_as_written(src, client, media_root):
    path = german_article(src)

    run = run_import(path)

    assert not run.failed, run.err
    assert "Created: 1, updated: 0, unchanged: 0, failed: 0." in run.out
    article = Article.objects.get(language="de", slug="verhandeln-ohne-verlierer")
    assert article.status == Status.PUBLISHED
    assert article.published_at == datetime(2025, 3, 4, 8, 0, tzinfo=UTC)
    assert [author.name for author in article.ordered_authors] == ["Anna Berg", "Jonas Reuter"]
    assert (article.category.name, article.category.slug) == ("Führung", "fuehrung")
    assert sorted(article.tags.names()) == ["Verhandlung", "Vertrieb"]
    assert (article.series.title, article.series.language, article.series_part) == (
        "Spielregeln", "de", 2,
    )  # fmt: skip
    assert (article.book.title, article.book.authors, article.book.isbn) == (
        "Fair verhandeln", "Miriam Kessler, Jonas Reuter", "9783161484100",
    )  # fmt: skip
    assert article.view_count == 8791
    assert (article.cover_alt, article.cover_credit) == ("Zwei Hände", "Aguaplano")
    assert (media_root / article.cover_image.name).is_file()

    body = parse(article.body_html)
    assert "„Das ist unser letztes Angebot“" in text(body)
    assert [text(li) for li in one(body, "ul").select("li")] == [
        "Was ist unser Ziel?", "Wo liegt unsere Grenze?", "Was braucht die Gegenseite?",
    ]  # fmt: skip
    assert [text(li) for li in one(body, "ol").select("li")] == [
        "Zuhören", "Zusammenfassen", "Vorschlagen",
    ]  # fmt: skip
    image = one(body, "img")
    assert image["src"].startswith("/media/markdownx/skizze-")
    assert (media_root / image["src"].removeprefix("/media/")).is_file()

    # A German reader: the page's own words (view count included) follow the reader's language.
    page = client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de")
    assert page.status_code == 200
    shown = one(parse(page), "article")
    page_body = one(shown, ".body")
    assert "Drei Fragen helfen vor jedem Gespräch:" in text(page_body)
    assert "„Das ist unser letztes Angebot“" in text(page_body)
    assert [text(li) for li in one(page_body, "ul").select("li")] == [
        "Was ist unser Ziel?", "Wo liegt unsere Grenze?", "Was braucht die Gegenseite?",
    ]  # fmt: skip
    assert [text(li) for li in one(page_body, "ol").select("li")] == [
        "Zuhören", "Zusammenfassen", "Vorschlagen",
    ]  # fmt: skip
    # Part 2 of a series whose part 1 is not (yet) on the site.
    assert text(one(shown, ".series-position")) == "Teil 2 von 2"
    book_box = one(shown, ".book-box")
    assert text(one(book_box, "h2")) == "Das Buch zum Thema"
    assert text(one(book_box, ".book-title")) == "Fair verhandeln"
    # The imported 8,791 and this reader's own read, as the German page writes numbers.
    assert text(one(shown, ".view-count")) == "8.792 Aufrufe"


def test_a_date_yaml_reads_as_a_timestamp_keeps_its_offset(src):
    front = "title: T\nslug: t\nauthors: [A]\ncategory: C\npublished: 2099-03-05T09:00:00+01:00\n"
    path = write_article(src, "t.md", front_text=front)

    run_import(path)

    article = Article.objects.get(slug="t")
    assert article.published_at == datetime(2099, 3, 5, 8, 0, tzinfo=UTC)
    assert article.state == Article.State.SCHEDULED


def test_revisions_of_an_imported_article_say_where_it_came_from(src):
    path = write_article(src, "a.md", **minimal(slug="a"))

    run_import(path)

    article = Article.objects.get(slug="a")
    (version,) = article_versions(article)
    assert version.revision.user is None
    assert describe(version.revision) == f"Imported from {path}"


def test_unknown_key_is_a_warning_and_the_file_still_imports(src):
    path = write_article(src, "a.md", **minimal(slug="a", colour="blau"))

    run = run_import(path)

    assert not run.failed
    assert f"{path}: colour: unknown key, ignored (warning)" in run.err
    assert "(1 warning)" in run.out
    assert Article.objects.filter(slug="a").exists()


# --- Importing again -------------------------------------------------------------------------


def test_importing_twice_duplicates_nothing_and_reports_unchanged(src):
    german_article(src)
    run_import(src)
    before = row_counts()
    revisions = Version.objects.count()

    run = run_import(src)

    assert not run.failed
    assert "Created: 0, updated: 0, unchanged: 1, failed: 0." in run.out
    assert row_counts() == before
    assert Version.objects.count() == revisions


def test_authors_and_categories_are_found_ignoring_case(src):
    author = AuthorFactory(name="Jürgen Öztürk")
    category = CategoryFactory(name="Führung")
    path = write_article(
        src, "a.md", **minimal(slug="a", authors=["JÜRGEN ÖZTÜRK"], category="FÜHRUNG")
    )

    run_import(path)

    article = Article.objects.get(slug="a")
    assert (article.ordered_authors, article.category) == ([author], category)
    assert (Author.objects.count(), Category.objects.count()) == (1, 1)


def test_an_editors_change_survives_a_rerun_of_the_unchanged_file(src):
    path = write_article(src, "a.md", **minimal(slug="a", summary="Aus der Datei."))
    run_import(path)
    article = Article.objects.get(slug="a")
    article.summary = "Von der Redaktion."
    services.article_save(
        article=article, authors=list(article.ordered_authors), by=EditorUserFactory()
    )

    run_import(path)

    assert Article.objects.get(pk=article.pk).summary == "Von der Redaktion."


def test_a_changed_file_updates_its_article(src):
    path = german_article(src)
    run_import(path)
    article = Article.objects.get()
    german_article(src, title="Verhandeln mit Gewinn", tags=["Verhandlung"], series_part=3)

    run = run_import(path)

    assert "Created: 0, updated: 1, unchanged: 0, failed: 0." in run.out
    article.refresh_from_db()
    assert (article.title, article.series_part) == ("Verhandeln mit Gewinn", 3)
    assert list(article.tags.names()) == ["Verhandlung"]
    assert (Series.objects.count(), Book.objects.count()) == (1, 1)


def test_a_changed_image_counts_as_a_changed_file(src):
    path = german_article(src)
    run_import(path)
    old_cover = Article.objects.get().cover_image.name
    write_image(src / "titelbild.jpg", fmt="JPEG", colour=(200, 30, 30))

    run = run_import(path)

    assert "updated: 1" in run.out
    assert Article.objects.get().cover_image.name != old_cover


def test_a_file_without_slug_is_matched_by_its_path(src):
    path = write_article(src, "ohne-slug.md", **minimal(title="Erster Titel"))
    run_import(path)
    write_article(src, "ohne-slug.md", **minimal(title="Zweiter Titel"))

    run = run_import(path)

    assert "updated: 1" in run.out
    article = Article.objects.get()
    assert (article.title, article.slug) == ("Zweiter Titel", "erster-titel")
    assert ImportRecord.objects.get().source_path == str(path)


def test_views_never_lower_a_live_count(src):
    path = write_article(src, "a.md", **minimal(slug="a", views=100))
    run_import(path)
    Article.objects.filter(slug="a").update(view_count=150)  # readers came
    write_article(src, "a.md", **minimal(slug="a", views=120, summary="Neu."))
    run_import(path)
    assert Article.objects.get(slug="a").view_count == 150

    write_article(src, "a.md", **minimal(slug="a", views=400, summary="Neuer."))
    run_import(path)
    assert Article.objects.get(slug="a").view_count == 400


def test_featured_puts_the_article_on_its_home_page_and_leaving_it_out_keeps_the_tick(src):
    path = write_article(src, "a.md", **minimal(slug="a", featured=True, status="published"))
    run_import(path)
    assert Article.objects.get(slug="a").featured

    write_article(src, "a.md", **minimal(slug="a", status="published", summary="Neu."))
    run_import(path)
    assert Article.objects.get(slug="a").featured  # no key: what the editor ticked stays


def test_featured_must_be_true_or_false(src):
    path = write_article(src, "a.md", **minimal(slug="a", featured="ja"))

    run = run_import(path)

    assert run.failed
    assert f"{path}: featured: must be true or false, not “ja”" in run.err
    assert not Article.objects.exists()


# --- Related articles and translations -------------------------------------------------------


def test_related_and_translation_may_point_to_files_later_in_the_run(src):
    write_article(
        src, "a.md",
        **minimal(slug="a", related=["b", "c"], translation_of={"slug": "c", "language": "en"}),
    )  # fmt: skip
    write_article(src, "b.md", **minimal(slug="b"))
    write_article(src, "c.md", **minimal(slug="c", language="en", title="In English"))

    run = run_import(src)

    assert "Created: 3" in run.out, run.err
    a, c = Article.objects.get(slug="a"), Article.objects.get(slug="c")
    assert [link.related.slug for link in a.related_links.all()] == ["b", "c"]
    assert a.translation_group_id is not None
    assert a.translation_group_id == c.translation_group_id


def test_related_slug_is_looked_up_in_the_articles_language_first(src):
    ArticleFactory(slug="strategie", language="nl")
    german = ArticleFactory(slug="strategie", language="de")
    path = write_article(src, "a.md", **minimal(slug="a", related=["strategie"]))

    run_import(path)

    assert [link.related for link in Article.objects.get(slug="a").related_links.all()] == [german]


def linked_translations() -> Article:
    """An English article "x" on the site, and its German version "taken" (returned)."""
    english = ArticleFactory(slug="x", language="en")
    taken = ArticleFactory(slug="taken", language="de")
    services.article_save(
        article=taken, authors=list(taken.ordered_authors), by=None, translation_of=english
    )
    return taken


def test_a_translation_the_site_refuses_fails_the_file_before_anything_is_written(
    src, media_root, monkeypatch
):
    taken = linked_translations()
    write_image(src / "titelbild.jpg", fmt="JPEG")
    path = write_article(
        src, "a.md",
        **minimal(
            slug="a", authors=["Neue Autorin"], category="Neu", cover="titelbild.jpg",
            cover_alt="Ein Bild", translation_of={"slug": "x", "language": "en"},
        ),
    )  # fmt: skip
    before = row_counts()
    written = []
    write = writer.Writer.write
    monkeypatch.setattr(
        writer.Writer, "write",
        lambda self, source, **kwargs: written.append(source.name) or write(self, source, **kwargs),
    )  # fmt: skip

    first = run_import(path)

    assert first.failed
    assert "Created: 0, updated: 0, unchanged: 0, failed: 1." in first.out
    assert f"{path}: translation_of: “{taken.title}” is already the German version" in first.err
    assert written == []  # found while checking, before writing began
    assert row_counts() == before
    assert files_under(media_root) == []
    services.article_unlink_translation(article=taken, by=None)
    second = run_import(path)
    assert not second.failed, second.err
    assert "Created: 1" in second.out
    article = Article.objects.get(slug="a")
    assert article.translation_group_id == Article.objects.get(slug="x").translation_group_id


def test_a_translation_refused_while_the_file_is_written_leaves_nothing_of_it(src):
    ArticleFactory(slug="x", language="en")
    ArticleFactory(slug="b", language="de")
    # Both are fine as the site is before the run; b.md (first in order) takes the German
    # place in x's translations, so z.md is refused inside its own transaction.
    write_article(src, "b.md", **minimal(slug="b", translation_of={"slug": "x", "language": "en"}))
    z = write_article(
        src, "z.md",
        **minimal(
            slug="z", authors=["Neue Autorin"], category="Neu",
            translation_of={"slug": "x", "language": "en"},
        ),
    )  # fmt: skip

    run = run_import(src)

    assert run.failed
    assert "Created: 0, updated: 1, unchanged: 0, failed: 1." in run.out
    assert f"{z}: translation_of: " in run.err
    assert not Article.objects.filter(slug="z").exists()
    assert not Author.objects.filter(name="Neue Autorin").exists()
    assert not Category.objects.filter(name="Neu").exists()
    assert not ImportRecord.objects.filter(source_path=str(z)).exists()
    b, x = Article.objects.get(slug="b"), Article.objects.get(slug="x")
    assert b.translation_group_id == x.translation_group_id is not None


def test_a_file_whose_related_file_fails_is_imported_and_says_so(src, media_root):
    published = "2025-03-04T09:00:00+01:00"
    a = write_article(
        src, "a.md", **minimal(slug="artikel-a", published=published, related=["artikel-b"])
    )
    write_image(src / "bild.png")
    # No description for the image: refused by the write path, after phase 1 let it through.
    b = write_article(
        src, "b.md", "Text.\n\n![](bild.png)\n", **minimal(slug="artikel-b", published=published)
    )

    first = run_import(src)

    assert first.failed
    assert "Created: 1, updated: 0, unchanged: 0, failed: 1 (1 warning)." in first.out
    assert (
        f"{a}: related: “artikel-b” is not linked: its file failed to import; "
        "the link is made when the file imports (warning)"
    ) in first.error_lines()
    assert any(line.startswith(f"{b}: body: ") for line in first.error_lines()), first.err
    article_a = Article.objects.get(slug="artikel-a")
    assert article_a.status == Status.PUBLISHED
    assert list(article_a.related_links.all()) == []
    assert not Article.objects.filter(slug="artikel-b").exists()
    assert files_under(media_root) == []
    # The next run writes a.md again, so that the link is made once b.md imports.
    assert ImportRecord.objects.get(article=article_a).content_hash == ""

    write_article(
        src,
        "b.md",
        "Text.\n\n![Bild](bild.png)\n",
        **minimal(slug="artikel-b", published=published),
    )
    second = run_import(src)

    assert not second.failed, second.err
    assert "Created: 1, updated: 1, unchanged: 0, failed: 0." in second.out
    assert [link.related.slug for link in article_a.related_links.all()] == ["artikel-b"]
    assert "unchanged: 2" in run_import(src).out


def test_a_file_naming_a_file_that_fails_its_checks_is_imported_and_says_so(src):
    write_article(src, "a.md", **minimal(slug="a", related=["b"]))
    b = write_article(src, "b.md", **minimal(slug="b", status="nonsense"))

    first = run_import(src)

    assert "Created: 1, updated: 0, unchanged: 0, failed: 1 (1 warning)." in first.out
    assert any(line.startswith(f"{b}: status: ") for line in first.error_lines())
    assert ImportRecord.objects.get().content_hash == ""

    write_article(src, "b.md", **minimal(slug="b"))
    second = run_import(src)

    assert "Created: 1, updated: 1, unchanged: 0, failed: 0." in second.out, second.err
    a = Article.objects.get(slug="a")
    assert [link.related.slug for link in a.related_links.all()] == ["b"]


def test_a_file_naming_a_broken_file_links_to_the_article_the_site_has(src):
    write_article(src, "b.md", **minimal(slug="b"))
    run_import(src)
    write_article(src, "a.md", **minimal(slug="a", related=["b"]))
    write_article(src, "b.md", **minimal(slug="b", status="nonsense"))

    run = run_import(src)

    assert "Created: 1, updated: 0, unchanged: 0, failed: 1." in run.out
    a = Article.objects.get(slug="a")
    assert [link.related.slug for link in a.related_links.all()] == ["b"]
    assert ImportRecord.objects.get(article=a).content_hash != ""


def test_a_link_to_a_later_file_the_site_refuses_is_a_warning(src):
    to_z = {"slug": "z", "language": "en"}
    write_article(src, "a.md", **minimal(slug="a", title="Erste", translation_of=to_z))
    b = write_article(src, "b.md", **minimal(slug="b", title="Zweite", translation_of=to_z))
    write_article(src, "z.md", **minimal(slug="z", language="en", title="English"))

    run = run_import(src)

    assert not run.failed, run.err
    assert "Created: 3, updated: 0, unchanged: 0, failed: 0 (1 warning)." in run.out
    (warning,) = [line for line in run.error_lines() if line.endswith("(warning)")]
    assert warning.startswith(
        f"{b}: translation_of: “z” is not linked: “Erste” is already the German version"
    )
    assert warning.endswith("; the next run tries again (warning)")
    a, b_article, z = (Article.objects.get(slug=slug) for slug in ("a", "b", "z"))
    assert a.translation_group_id == z.translation_group_id is not None
    assert b_article.translation_group_id is None
    assert ImportRecord.objects.get(article=b_article).content_hash == ""
    assert ImportRecord.objects.get(article=a).content_hash != ""


# --- Articles an editor deleted --------------------------------------------------------------


@pytest.mark.parametrize("front", [{"slug": "a"}, {}], ids=["with slug", "without slug"])
def test_an_article_an_editor_deleted_stays_deleted_until_its_file_changes(front, src):
    path = write_article(src, "a.md", **minimal(**front))
    run_import(path)
    article = Article.objects.get()
    services.article_delete(article=article, by=EditorUserFactory())

    unchanged = run_import(path)

    assert not unchanged.failed, unchanged.err
    assert "Created: 0, updated: 0, unchanged: 1, failed: 0." in unchanged.out
    assert not Article.objects.exists()
    assert ImportRecord.objects.get().article is None

    write_article(src, "a.md", **minimal(summary="Neu geschrieben.", **front))
    changed = run_import(path)

    assert "Created: 1, updated: 0, unchanged: 0, failed: 0." in changed.out
    again = Article.objects.get()
    assert again.summary == "Neu geschrieben."
    record = ImportRecord.objects.get()
    assert (record.article, record.source_path) == (again, str(path))


def test_a_link_to_a_deleted_article_of_an_unchanged_file_is_a_warning(src):
    write_article(src, "a.md", **minimal(slug="a"))
    run_import(src)
    services.article_delete(article=Article.objects.get(slug="a"), by=None)
    c = write_article(src, "c.md", **minimal(slug="c", related=["a"]))

    run = run_import(src)

    assert not run.failed, run.err
    assert "Created: 1, updated: 0, unchanged: 1, failed: 0 (1 warning)." in run.out
    assert f"{c}: related: “a” is not linked: its article was deleted on the site (warning)" in (
        run.error_lines()
    )
    assert list(Article.objects.values_list("slug", flat=True)) == ["c"]


# --- Bad files -------------------------------------------------------------------------------

BAD_FILES = {
    "invalid YAML": ({"front_text": "title: [unclosed\n"}, "front matter"),
    "unknown status": (minimal(status="scheduled"), "status"),
    "unknown language": (minimal(language="fr"), "language"),
    "missing title": (minimal(title=None), "title"),
    "missing image": (minimal(cover="fehlt.jpg", cover_alt="Etwas"), "cover"),
    "broken image": (minimal(cover="kaputt.jpg", cover_alt="Etwas"), "cover"),
    "invalid ISBN": (minimal(book={"title": "Ein Buch", "isbn": "978-3-16-148410-1"}), "book.isbn"),
    "unknown related slug": (minimal(related=["gibt-es-nicht"]), "related"),
    "related to itself": (minimal(slug="selbst", related=["selbst"]), "related"),
    "naive date": ({"front_text": "title: T\npublished: 2025-03-01 09:00:00\n"}, "published"),
    "image in the body missing": (minimal(), "body"),
    "views too many to store": (minimal(views=10**20), "views"),
    "series part too big": (minimal(series="Reihe", series_part=40000), "series_part"),
    "book year too big": (minimal(book={"title": "Ein Buch", "year": 10**6}), "book.year"),
}  # fmt: skip


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_file_is_reported_with_path_and_key_and_leaves_nothing(case, src, media_root):
    front, key = BAD_FILES[case]
    (src / "kaputt.jpg").parent.mkdir(parents=True)
    (src / "kaputt.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a JPEG")
    write_image(src / "bild.png")  # a good image a bad file may name too
    body = "Text.\n\n![Bild](bild.png)\n" + ("![Fehlt](fehlt.png)\n" if key == "body" else "")
    path = write_article(src, "bad.md", body, **front)

    run = run_import(path)

    assert run.failed
    assert any(line.startswith(f"{path}: {key}: ") for line in run.error_lines()), run.err
    assert "failed: 1" in run.out
    assert row_counts() == dict.fromkeys(row_counts(), 0)
    assert files_under(media_root) == []


def test_a_file_failing_while_written_leaves_no_image_behind(src, media_root):
    write_image(src / "bild.png")
    # The image has no description: checked by the write path, after the image was stored.
    path = write_article(src, "a.md", "Text.\n\n![](bild.png)\n", **minimal(status="published"))

    run = run_import(path)

    assert run.failed
    assert f"{path}: body: " in run.err
    assert row_counts()["Article"] == 0
    assert files_under(media_root) == []


def test_a_number_too_big_for_the_site_fails_its_file_only(src):
    write_article(src, "a.md", **minimal(slug="a"))
    huge = write_article(src, "b.md", **minimal(slug="b", views=100000000000000000000))

    run = run_import(src)

    assert run.failed
    assert "Created: 1, updated: 0, unchanged: 0, failed: 1." in run.out
    assert (
        f"{huge}: views: must be a whole number from 0 to 9223372036854775807, "
        "not “100000000000000000000”"
    ) in run.error_lines()
    assert list(Article.objects.values_list("slug", flat=True)) == ["a"]


def failing_view_count(error: BaseException):
    """``article_carry_over_views`` raising ``error`` for a count of 666."""
    carry_over = writer.article_carry_over_views

    def carry_over_or_fail(*, article, views):
        if views == 666:
            raise error
        return carry_over(article=article, views=views)

    return carry_over_or_fail


def test_an_unexpected_error_fails_its_file_only(src, monkeypatch, media_root):
    monkeypatch.setattr(
        writer, "article_carry_over_views", failing_view_count(ValueError("kaputt"))
    )
    write_image(src / "bild.png")
    bad = write_article(src, "a.md", "![Bild](bild.png)\n", **minimal(slug="a", views=666))
    write_article(src, "b.md", **minimal(slug="b", views=5))

    run = run_import(src)

    assert run.failed
    assert "Created: 1, updated: 0, unchanged: 0, failed: 1." in run.out
    assert f"{bad}: the import failed: ValueError: kaputt" in run.error_lines()
    assert list(Article.objects.values_list("slug", flat=True)) == ["b"]
    assert files_under(media_root) == []


def test_an_interrupt_stops_the_run(src, monkeypatch):
    monkeypatch.setattr(writer, "article_carry_over_views", failing_view_count(KeyboardInterrupt()))
    path = write_article(src, "a.md", **minimal(slug="a", views=666))

    with pytest.raises(KeyboardInterrupt):
        run_import(path)

    assert not Article.objects.exists()


def test_a_folder_with_one_bad_file_imports_the_others_and_exits_non_zero(src):
    write_article(src, "a.md", **minimal(slug="a"))
    write_article(src, "sub/b.md", **minimal(slug="b", status="nonsense"))
    write_article(src, "sub/c.md", **minimal(slug="c"))
    (src / "notes.txt").write_text("not imported")

    run = run_import(src)

    assert run.failed
    assert "Created: 2, updated: 0, unchanged: 0, failed: 1." in run.out
    assert sorted(Article.objects.values_list("slug", flat=True)) == ["a", "c"]


def test_a_path_that_does_not_exist_fails(src):
    run = run_import(src / "nirgends")

    assert run.failed
    assert f"{src / 'nirgends'}: no such file or folder" in run.err


def test_two_files_for_one_article_fail_the_second(src):
    write_article(src, "a.md", **minimal(slug="same"))
    write_article(src, "b.md", **minimal(slug="same", title="Zweite"))

    run = run_import(src)

    assert f"{src / 'b.md'}: slug: names the same article as {src / 'a.md'}" in run.err
    assert Article.objects.get().title == "Ein Titel"


# --- Dry run ---------------------------------------------------------------------------------


def test_dry_run_writes_nothing(src, media_root):
    german_article(src)
    write_article(
        src, "zweiter.md", **minimal(slug="zweiter", related=["verhandeln-ohne-verlierer"])
    )

    run = run_import(src, dry_run=True)

    assert not run.failed, run.err
    assert "Would create: 2, would update: 0, unchanged: 0, failed: 0." in run.out
    assert row_counts() == dict.fromkeys(row_counts(), 0)
    assert files_under(media_root) == []


def test_dry_run_of_a_changed_file_leaves_the_article_as_it_was(src, media_root):
    path = german_article(src)
    run_import(path)
    files = files_under(media_root)
    german_article(src, title="Geändert")
    write_image(src / "bilder" / "skizze.png", colour=(1, 2, 3))

    run = run_import(path, dry_run=True)

    assert "would update: 1" in run.out
    assert Article.objects.get().title == "Verhandeln ohne Verlierer"
    assert files_under(media_root) == files


def test_a_book_that_exists_is_reused_as_it_is(tmp_path):
    """An editor's book with the same ISBN keeps its title: the file only fills in the gaps."""
    book = services.book_save(book=Book(title="Testbuch", isbn="3-16-148410-X"), by=None)
    write_article(
        tmp_path, "a.md", **minimal(
            slug="mit-buch",
            book={"title": "Ein anderer Titel", "publisher": "Beispiel Verlag",
                  "isbn": "978-3-16-148410-0"},
        ),
    )  # fmt: skip

    assert not run_import(tmp_path).failed

    book.refresh_from_db()
    assert (book.title, book.publisher) == ("Testbuch", "Beispiel Verlag")
    assert Book.objects.count() == 1
    assert Article.objects.get(slug="mit-buch").book == book


def test_a_category_the_import_creates_goes_after_the_others(tmp_path):
    services.named_save(obj=Category(name="Strategie", position=10), by=None)
    write_article(tmp_path, "a.md", **minimal(slug="neu", category="Führung"))

    assert not run_import(tmp_path).failed

    assert list(Category.objects.values_list("name", "slug")) == [
        ("Strategie", "strategie"),
        ("Führung", "fuehrung"),
    ]


def test_a_date_without_offset_is_refused_with_how_to_write_it(tmp_path):
    write_article(
        tmp_path, "a.md", front_text="title: Ohne Zone\nauthors: [Anna Berg]\n"
        "category: Strategie\npublished: 2026-01-01T09:00:00\n",
    )  # fmt: skip

    run = run_import(tmp_path)

    assert run.failed
    assert any(
        "published: “2026-01-01T09:00:00” has no offset from UTC: write it with one, e.g. "
        "2026-01-01T09:00:00+01:00" in line
        for line in run.error_lines()
    ), run.err
