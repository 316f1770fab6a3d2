from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from PIL import Image
from pytest_django.asserts import assertContains, assertNotContains

from articles import services
from articles.models import Article, ArticleAuthor, Author, Category, Series, Tag
from articles.revisions import article_versions, describe
from comments.models import Comment
from tests.articles.helpers import files_under
from tests.factories import EditorUserFactory
from tests.html import one, parse, text

pytestmark = pytest.mark.django_db


def load_demo(**options) -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def snapshot(media_root) -> dict[str, object]:
    """Every row and file the command may create, by primary key (or path)."""
    return {
        "articles": sorted(Article.objects.values_list("pk", flat=True)),
        "authors": sorted(Author.objects.values_list("pk", flat=True)),
        "bylines": sorted(ArticleAuthor.objects.values_list("pk", flat=True)),
        "categories": sorted(Category.objects.values_list("pk", flat=True)),
        "tags": sorted(Tag.objects.values_list("pk", flat=True)),
        "tagged": sorted(Article.tags.through.objects.values_list("pk", flat=True)),
        "comments": sorted(Comment.objects.values_list("pk", flat=True)),
        "covers": sorted(Article.objects.exclude(cover_image="").values_list("cover_image")),
        "files": files_under(media_root),
    }


@pytest.fixture
def demo() -> str:
    return load_demo()


def test_demo_publishes_articles_in_all_three_languages(demo):
    published = Article.objects.published()
    assert published.count() >= 8
    for language in ["de", "nl", "en"]:
        assert published.filter(language=language).count() >= 2, language


def test_demo_has_categories_and_authors_with_bios(demo):
    categories = Category.objects.exclude(description="")
    assert categories.count() >= 3
    assert len(set(categories.values_list("position", flat=True))) == categories.count()
    authors = Author.objects.exclude(bio="").exclude(website="")
    assert authors.count() >= 2
    assert all(author.articles.exists() for author in authors)


def test_tags_get_readable_slugs(demo):
    slugs = set(Tag.objects.values_list("slug", flat=True))
    assert {"fuehrung", "veraenderung", "groesse"} <= slugs
    assert Tag.objects.get(slug="fuehrung").name == "Führung"


def test_tag_page_lists_the_published_articles_with_that_tag(client, demo):
    # The German edition's tag page lists the German articles with the tag.
    tagged = Article.objects.filter(tags__slug="fuehrung", language="de")
    public = list(tagged.published())
    hidden = list(tagged.exclude(pk__in=[article.pk for article in public]))
    assert len(public) >= 2 and hidden, "the demo tags published and draft articles"

    response = client.get(Tag.objects.get(slug="fuehrung").url_in("de"))

    assert response.status_code == 200
    assert {article.pk for article in response.context["articles"]} == {a.pk for a in public}
    for article in public:
        assertContains(response, article.title)
    for article in hidden:
        assertNotContains(response, article.title)


def test_bylines_keep_the_author_order(client, demo):
    article = Article.objects.get(language="de", slug="fuehrung-in-der-krise")
    assert [author.name for author in article.ordered_authors] == [
        "Katrin Albers",
        "Joost van der Meulen",
    ]
    reversed_pair = Article.objects.get(language="nl", slug="strategie-op-een-a4")
    assert [author.name for author in reversed_pair.ordered_authors] == [
        "Joost van der Meulen",
        "Katrin Albers",
    ]

    for shown, names in [
        (article, ["Katrin Albers", "Joost van der Meulen"]),
        (reversed_pair, ["Joost van der Meulen", "Katrin Albers"]),
    ]:
        byline = one(parse(client.get(shown.get_absolute_url())), "article.article p.byline")
        author_pages = {author.url_in(shown.language) for author in Author.objects.all()}
        authors = [link for link in byline.select("a") if link["href"] in author_pages]
        assert [text(link) for link in authors] == names, shown.slug


def test_bodies_use_lists_tables_footnotes_and_german_quotes(demo):
    bodies = {(a.language, a.slug): a.body_html for a in Article.objects.all()}
    # A list right after a paragraph line ("Drei Fragen:") is a list, not running text.
    assert "Drei Fragen:</p>\n<ul>" in bodies["de", "strategie-beginnt-mit-weglassen"]
    assert "<table>" in bodies["de", "wer-entscheidet-was"]
    assert 'class="footnotes' in bodies["de", "fuehrung-in-der-krise"]
    assert "„Das machen wir nicht.“" in bodies["de", "strategie-beginnt-mit-weglassen"]
    assert all("<h2" in html for html in bodies.values())


def test_view_counts_are_varied_and_only_published_articles_were_read(demo):
    counts = dict(Article.objects.values_list("slug", "view_count"))
    assert counts["strategie-beginnt-mit-weglassen"] == 8791
    read = [count for count in counts.values() if count]
    assert len(set(read)) == len(read) >= 8
    assert not Article.objects.filter(view_count__gt=0).exclude(pk__in=Article.objects.published())


def test_approved_comments_show_name_and_signature_but_never_the_email(client, demo):
    approved = Comment.objects.approved()
    assert approved.count() >= 5
    assert approved.values("article").distinct().count() >= 4
    signed = approved.exclude(signature="").select_related("article").first()
    assert signed is not None
    assert signed.created_at > signed.article.published_at

    response = client.get(signed.article.get_absolute_url())

    assertContains(response, f'<p class="comment-signature">{signed.signature}</p>', html=True)
    assertContains(response, signed.name)
    assertNotContains(response, signed.email)


def test_pending_comment_is_not_shown(client, demo):
    pending = Comment.objects.get(status=Comment.Status.PENDING)
    assert pending.email.endswith("@example.org")

    response = client.get(pending.article.get_absolute_url())

    assert response.status_code == 200
    assertNotContains(response, pending.body)


def test_covers_are_stored_in_media_root_and_credited(
    client, media_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # as committed: renditions made
        load_demo()
    with_cover = Article.objects.exclude(cover_image="")
    assert with_cover.count() * 2 >= Article.objects.count()
    for article in with_cover:
        path = Path(media_root) / article.cover_image.name
        with Image.open(path) as image:
            assert (image.format, image.size) == ("JPEG", (1200, 630))
        assert (article.cover_width, article.cover_height) == (1200, 630)
        assert article.cover_alt and article.cover_credit
    assert len({article.cover_image.name for article in with_cover}) == with_cover.count()

    article = with_cover.published().filter(language="en").first()
    response = client.get(article.get_absolute_url())

    assertContains(
        response, f"<figcaption>Cover image: {article.cover_credit}</figcaption>", html=True
    )
    # The cover as renditions, made when the demo was loaded.
    image = one(parse(response), "figure.cover picture img")
    assert image.get("alt") == article.cover_alt
    for candidate in image.get("srcset").split(", "):
        assert (Path(media_root) / candidate.split()[0].removeprefix("/media/")).is_file()
    assertContains(response, f'alt="{article.cover_alt}"')


def test_second_run_creates_and_changes_nothing(demo, media_root):
    before = snapshot(media_root)
    covers = {path: path.read_bytes() for path in before["files"]}
    Article.objects.filter(slug="strategie-beginnt-mit-weglassen").update(view_count=9000)

    output = load_demo()

    assert snapshot(media_root) == before
    assert {path: path.read_bytes() for path in before["files"]} == covers
    assert Article.objects.get(slug="strategie-beginnt-mit-weglassen").view_count == 9000
    total = Article.objects.count()
    assert f"Articles: Created: 0, updated: 0, unchanged: {total}, failed: 0." in output
    assert "Authors and categories: nothing was missing." in output
    assert "Comments: nothing was missing." in output


def test_second_run_keeps_what_an_editor_changed(demo):
    article = Article.objects.get(language="en", slug="change-fatigue-is-a-design-problem")
    article.title = "Change fatigue, revisited"
    tags = [tag for tag in article.tags.names() if tag != "Change fatigue"]
    services.article_save(
        article=article, authors=article.ordered_authors, tags=tags, by=EditorUserFactory()
    )
    services.article_unpublish(article=article, by=EditorUserFactory())

    load_demo()

    article.refresh_from_db()
    assert article.title == "Change fatigue, revisited"
    assert "Change fatigue" not in article.tags.names()
    assert article.status == Article.Status.DRAFT


def test_a_demo_article_an_editor_deleted_stays_deleted(demo):
    draft = Article.objects.get(status=Article.Status.DRAFT)
    services.article_delete(article=draft, by=EditorUserFactory())

    output = load_demo()

    assert not Article.objects.filter(language=draft.language, slug=draft.slug).exists()
    assert "Articles: Created: 0, updated: 0," in output


def test_demo_articles_are_written_by_the_system_through_the_write_path(demo):
    article = Article.objects.get(slug="strategie-beginnt-mit-weglassen")

    versions = list(article_versions(article))

    assert [describe(version.revision) for version in reversed(versions)] == [
        "Imported from articles/demo/de/strategie-beginnt-mit-weglassen.md",
        "Published",
    ]
    assert all(version.revision.user is None for version in versions)


def test_draft_and_scheduled_articles_are_404_for_readers(client, demo):
    draft = Article.objects.get(status=Article.Status.DRAFT)
    scheduled = Article.objects.get(
        status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
    )
    for article in [draft, scheduled]:
        assert client.get(article.get_absolute_url()).status_code == 404, article.slug


def test_a_line_per_file_and_a_summary_of_what_was_done(demo):
    total = Article.objects.count()
    files = [line for line in demo.splitlines() if line.startswith("created   articles/demo/")]
    assert len(files) == total
    assert "Authors and categories: 3 authors created, 4 categories created" in demo
    assert f"Articles: Created: {total}, updated: 0, unchanged: 0, failed: 0." in demo
    assert f"Comments: {Comment.objects.count()} created." in demo


def test_verbosity_zero_is_silent():
    assert load_demo(verbosity=0) == ""
    assert Article.objects.exists()


# --- What the demo shows of long-form reading and an article's structure -----------------------


def test_a_long_read_with_headings_a_table_a_quote_and_an_image(demo, media_root):
    long_read = Article.objects.published().order_by("-reading_time").first()
    assert long_read.reading_time >= 10
    html = long_read.body_html
    assert html.count("<h2") >= 3 and "<table>" in html and "<blockquote>" in html
    image = one(parse(html), "img")
    assert image["alt"] and image["src"].startswith("/media/")
    with Image.open(Path(media_root) / image["src"].removeprefix("/media/")) as stored:
        assert stored.format == "PNG"


def test_a_series_of_two_parts_with_a_book_and_related_reading(client, demo):
    series = Series.objects.get()
    parts = list(series.parts.published().order_by("series_part"))
    assert [part.series_part for part in parts] == [1, 2]
    first = parts[0]
    assert first.book is not None and first.book.isbn
    assert first.related_links.exists()

    page = parse(client.get(first.get_absolute_url()))

    assert "Teil 1 von 2" in text(page)
    assert "Das Buch zum Thema" in text(page)
    assert first.book.title in text(page)


def test_a_pair_of_linked_translations(client, demo):
    german = Article.objects.get(language="de", slug="wer-entscheidet-was")
    english = Article.objects.get(language="en", translation_group=german.translation_group)
    assert german.translation_group is not None

    page = parse(client.get(german.get_absolute_url()))

    alternates = {link["hreflang"] for link in page.select('link[rel="alternate"][hreflang]')}
    assert alternates == {"de", "en", "x-default"}
    assert page.select_one(f'a[href="{english.get_absolute_url()}"]') is not None


def test_a_category_an_editor_renamed_is_not_created_again(client, demo):
    category = Category.objects.get(slug_de="strategie")
    old = category.url_in("de")
    category.slug_de = "strategisch"
    services.named_save(obj=category, by=EditorUserFactory())

    load_demo()

    assert Category.objects.filter(name_de="Strategie").count() == 1
    assert client.get(old)["Location"] == category.url_in("de")
