"""Whole journeys through the language editions in a real browser.

A reader with a Dutch browser lands on "/" and reads the Dutch edition, switches to German (and
"/" remembers it), searches, follows the article page's links and the table of contents, and
leaves a comment; an editor publishes an article with a cover, which then appears on its
edition's home page, in its feed and in the sitemap; and the public pages of an edition pass
axe-core. The pages' words are looked up through the site's own catalogues or by role, so the
tests hold whatever the translations say.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import feedparser
import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from articles import search, services
from articles.editions import edition_reverse
from articles.models import Article, Category, Status
from comments.models import Comment
from tests.browser.axe import blocking_violations
from tests.browser.test_editor import PASSWORD, log_in
from tests.factories import ArticleFactory, CategoryFactory, EditorUserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
FILLER = (
    "Wer führt, hört zuerst zu und entscheidet dann. Gute Entscheidungen brauchen Zeit, "
    "klare Ziele und ein Team, das weiß, wofür es arbeitet. "
) * 12
STEPS = ["Erstens: Zuhören", "Zweitens: Fragen stellen", "Drittens: Entscheiden"]


@dataclass
class ReadingSite:
    category: Category
    found: Article  # German, found by the search; its Dutch translation is ``dutch``
    dutch: Article
    long_read: Article  # German, same category, with a table of contents
    search_word: str  # what the reader types to find ``found``


def reading_site() -> ReadingSite:
    """Two German articles in one category (one long, with three sections), a Dutch
    translation of the short one, and the word that finds it: on PostgreSQL another form of
    the word in the text ("Kunden" for "Kunde", German stemming), on SQLite the word itself."""
    category = CategoryFactory(name_de="Führung", name_nl="Leiderschap", name_en="Leadership")
    long_read = ArticleFactory(
        title="Führen in drei Schritten",
        language="de",
        category=category,
        summary="Zuhören, fragen, entscheiden.",
        body="Ein Überblick.\n\n"
        + "\n\n".join(f"## {step}\n\n{FILLER}\n\n{FILLER}" for step in STEPS),
    )
    found = ArticleFactory(
        title="Der Kunde im Mittelpunkt",
        language="de",
        category=category,
        summary="Was ein Kunde von der Beratung erwartet.",
        body="Jeder Kunde will verstanden werden.",
    )
    dutch = ArticleFactory(
        title="De klant centraal",
        language="nl",
        category=category,
        summary="Wat een klant van advies verwacht.",
        body="Elke klant wil begrepen worden.",
    )
    services.article_save(
        article=dutch, authors=list(dutch.ordered_authors), translation_of=found, by=None
    )
    word = "Kunden" if search.full_text() else "Kunde"
    return ReadingSite(category, found, dutch, long_read, word)


def ends_with(path: str) -> re.Pattern:
    return re.compile(re.escape(path) + "$")


def test_a_dutch_reader_switches_to_german_searches_reads_and_comments(new_context, settings):
    settings.COMMENT_MIN_SECONDS = 0  # the ticket is tested in tests/comments/test_spam.py
    site = reading_site()
    context = new_context(locale="nl-NL")  # Accept-Language: nl-NL
    page = context.new_page()

    # "/" leads a Dutch browser to the Dutch edition, which lists the Dutch articles only.
    page.goto("/")
    expect(page).to_have_url(ends_with("/nl/"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    newest = page.locator(".newest")
    expect(newest.get_by_role("link", name=site.dutch.title)).to_be_visible()
    expect(page.get_by_role("main")).not_to_contain_text(site.found.title)

    # On a Dutch article the switcher leads to its German version.
    newest.get_by_role("link", name=site.dutch.title).click()
    expect(page).to_have_url(ends_with(site.dutch.get_absolute_url()))
    page.get_by_role("banner").get_by_role("link", name="Deutsch").click()
    expect(page).to_have_url(ends_with(site.found.get_absolute_url()))
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("heading", level=1)).to_have_text(site.found.title)

    # The choice is remembered: "/" now leads to German despite the Dutch browser.
    page.goto("/")
    expect(page).to_have_url(ends_with("/de/"))
    expect(page.locator("html")).to_have_attribute("lang", "de")

    # The header's search form, under the edition.
    searchbox = page.get_by_role("banner").get_by_role("search").get_by_role("searchbox")
    searchbox.fill(site.search_word)
    searchbox.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(edition_reverse("articles:search", "de"))))
    address = urlsplit(page.url)
    assert parse_qs(address.query)["q"] == [site.search_word]
    results = page.locator(".search-result")
    expect(results).to_have_count(1)
    if search.full_text():
        expect(results.locator("mark").first).to_have_text(re.compile("^Kunde$", re.IGNORECASE))
    results.get_by_role("link", name=site.found.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(site.found.title)

    # "More in this category" leads to the long read.
    page.locator(".more-articles").get_by_role("link", name=site.long_read.title).click()
    expect(page).to_have_url(ends_with(site.long_read.get_absolute_url()))

    # Its table of contents jumps to the third section.
    entry = page.locator("nav.toc").get_by_role("link", name=STEPS[2])
    anchor = entry.get_attribute("href")
    assert anchor.startswith("#")
    heading = page.locator(f'article .body h2[id="{anchor[1:]}"]')
    expect(heading).to_have_text(STEPS[2])
    expect(heading).not_to_be_in_viewport()
    entry.click()
    expect(page).to_have_url(ends_with(site.long_read.get_absolute_url() + anchor))
    expect(heading).to_be_in_viewport()

    # A comment; the thanks are shown where the reader is, at the comments, not at the top.
    form = page.locator("form.comment-form")
    form.locator("#id_name").fill("Femke de Vries")
    form.locator("#id_email").fill("femke@example.org")
    form.locator("#id_body").fill("Heel bruikbaar, dank je wel.")
    form.locator("#id_consent").check()
    form.locator("button[type=submit]").click()
    comment = Comment.objects.get()
    expect(page).to_have_url(re.compile(re.escape(site.long_read.get_absolute_url() + "?comment=")))
    assert page.url.endswith(f"#comment-{comment.pk}")
    thanks = page.locator("#comments .message")
    expect(thanks).to_be_visible()
    expect(thanks).to_be_in_viewport()
    expect(page.get_by_role("heading", level=1)).not_to_be_in_viewport()
    assert (comment.article, comment.status) == (site.long_read, Comment.Status.PENDING)


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (40, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def test_an_editor_publishes_with_a_cover_and_it_is_on_the_home_page_feed_and_sitemap(
    new_context,
):
    category = CategoryFactory(name_nl="Strategie", name_de="Strategie", name_en="Strategy")
    draft = ArticleFactory(
        title="De klantreis in kaart", language="nl", category=category, status=Status.DRAFT
    )
    EditorUserFactory(username="editor", password=PASSWORD)
    page = new_context().new_page()
    log_in(page, username="editor", password=PASSWORD)

    page.goto(reverse("admin:articles_article_change", args=[draft.pk]))
    page.locator("#id_cover_image").set_input_files(
        files=[{"name": "klantreis.png", "mimeType": "image/png", "buffer": png(1200, 630)}]
    )
    page.locator("#id_cover_alt").fill("Een klantreis op een whiteboard")
    page.get_by_role("button", name="Publish now").first.click()
    expect(page.locator(".messagelist .success").first).to_contain_text("Published")

    article = Article.objects.get(pk=draft.pk)
    assert article.is_public
    assert article.cover_image
    path = article.get_absolute_url()
    assert path.startswith("/nl/")

    # On the Dutch home page, and at its address with the cover.
    page.goto(edition_reverse("articles:home", "nl"))
    page.locator(".newest").get_by_role("link", name=article.title).click()
    expect(page).to_have_url(ends_with(path))
    cover = page.locator("article figure.cover img")
    expect(cover).to_have_attribute("alt", "Een klantreis op een whiteboard")
    # A rendition of the uploaded cover, made when the editor saved, and shown.
    stem = article.cover_image.name.rsplit(".", 1)[0]
    expect(cover).to_have_attribute("src", re.compile(re.escape(f"/media/CACHE/images/{stem}/")))
    expect(cover).to_have_js_property("complete", True)
    assert cover.evaluate("img => img.naturalWidth") > 0

    # In the Dutch edition's feed, its cover as the enclosure (addresses from SITE_URL).
    response = page.request.get(edition_reverse("articles:feed", "nl"))
    assert response.ok
    feed = feedparser.parse(response.body())
    assert not feed.bozo, feed.bozo_exception
    entry = next(e for e in feed.entries if e.link == settings.SITE_URL + path)
    assert entry.title == article.title
    assert [urlsplit(e.href).path for e in entry.enclosures] == [article.cover_image.url]

    # In the sitemap: the index names the articles' sitemap, which lists it with lastmod.
    response = page.request.get(reverse("sitemap"))
    assert response.ok
    index = ElementTree.fromstring(response.body())
    sections = [urlsplit(loc.text).path for loc in index.iterfind("sm:sitemap/sm:loc", SITEMAP_NS)]
    articles_map = reverse("sitemap_section", kwargs={"section": "articles"})
    assert articles_map in sections
    response = page.request.get(articles_map)
    assert response.ok
    urls = {
        urlsplit(url.findtext("sm:loc", namespaces=SITEMAP_NS)).path: url
        for url in ElementTree.fromstring(response.body()).iterfind("sm:url", SITEMAP_NS)
    }
    assert path in urls
    assert urls[path].findtext("sm:lastmod", namespaces=SITEMAP_NS)


def test_an_editions_public_pages_pass_axe(new_context):
    """The home page, archive, search results, a category, a long article (contents, more in
    the category, comments) and the friendly 404 of the German edition: no critical or serious
    axe-core violation."""
    site = reading_site()
    page = new_context(locale="de-DE").new_page()

    for url, status in [
        (edition_reverse("articles:home", "de"), 200),
        (edition_reverse("articles:archive", "de"), 200),
        (f"{edition_reverse('articles:search', 'de')}?q={site.search_word}", 200),
        (site.category.url_in("de"), 200),
        (site.long_read.get_absolute_url(), 200),
        ("/de/gibt-es-nicht/", 404),
    ]:
        response = page.goto(url)
        assert response.status == status, url
        assert blocking_violations(page) == [], url
