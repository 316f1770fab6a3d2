"""What pages tell search engines and social networks: canonical address, description, Open
Graph and Twitter card tags, and the JSON-LD of article pages (parsed as JSON)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone
from PIL import Image

from articles import seo, services
from articles.models import Article, Series
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, image_file
from tests.helpers import XSS
from tests.html import markup, one, parse, text

pytestmark = pytest.mark.django_db

SITE = "https://www.example.com"


@pytest.fixture(autouse=True)
def site_url(settings):
    """Addresses come from SITE_URL, never from the Host the request came in with."""
    settings.SITE_URL = SITE


def canonical(response) -> str:
    return one(parse(response), 'head link[rel="canonical"]')["href"]


def prop(response, name: str) -> str:
    """The content of ``<meta property=name>`` (Open Graph) or ``<meta name=name>``."""
    page = parse(response)
    found = page.select(f'head meta[property="{name}"]') or page.select(f'head meta[name="{name}"]')
    assert len(found) == 1, f"{len(found)} {name}"
    return found[0]["content"]


def props(response, name: str) -> list[str]:
    return [tag["content"] for tag in parse(response).select(f'head meta[property="{name}"]')]


def json_ld(response) -> dict[str, dict]:
    """The page's JSON-LD documents by ``@type``."""
    scripts = parse(response).select('script[type="application/ld+json"]')
    documents = [json.loads(script.string) for script in scripts]
    return {document["@type"]: document for document in documents}


def aware(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    assert moment.tzinfo is not None, value
    return moment


# --- Every page ------------------------------------------------------------------------------


def public_pages() -> dict[str, tuple[str, str]]:
    """(address, Open Graph type) of each kind of public page, with content."""
    author = AuthorFactory(name="Anna Berg")
    series = services.named_save(obj=Series(title="Zehn Regeln", language="en"), by=None)
    article = ArticleFactory(
        authors=[author], tags=["Führung"], series=series, series_part=1,
        published_at=timezone.make_aware(datetime(2025, 3, 10, 9, 0)),
    )  # fmt: skip
    return {
        "home": ("/en/", "website"),
        "article": (article.get_absolute_url(), "article"),
        "category": (article.category.get_absolute_url(), "website"),
        "tag": ("/en/tag/fuehrung/", "website"),
        "author": (author.get_absolute_url(), "website"),
        "series": (series.get_absolute_url(), "website"),
        "archive": ("/en/archive/", "website"),
        "year": ("/en/archive/2025/", "website"),
        "month": ("/en/archive/2025/3/", "website"),
    }


def test_every_public_page_has_its_canonical_address_description_and_preview(client):
    for name, (url, og_type) in public_pages().items():
        response = client.get(url)
        assert response.status_code == 200, name

        assert canonical(response) == SITE + url, name
        description = prop(response, "description")
        assert 0 < len(description) <= 160, name
        assert prop(response, "og:url") == SITE + url, name
        assert prop(response, "og:type") == og_type, name
        assert prop(response, "og:locale") == "en_GB", name
        assert prop(response, "og:site_name") == "Consulting articles", name
        assert prop(response, "og:title"), name
        assert prop(response, "og:description") == description, name
        assert prop(response, "twitter:card") in ("summary", "summary_large_image"), name


def test_an_edition_says_its_own_locale(client):
    article = ArticleFactory(language="nl")

    assert prop(client.get("/de/"), "og:locale") == "de_DE"
    assert prop(client.get("/nl/"), "og:locale") == "nl_NL"
    assert prop(client.get(article.get_absolute_url()), "og:locale") == "nl_NL"


def test_page_two_is_its_own_canonical_address_and_page_one_has_no_page_number(client):
    category = CategoryFactory(name="Strategie")
    ArticleFactory.create_batch(12, category=category)
    category_url = category.get_absolute_url()

    assert canonical(client.get("/en/?page=2&utm_source=newsletter")) == f"{SITE}/en/?page=2"
    assert canonical(client.get("/en/?page=1&utm_source=newsletter")) == f"{SITE}/en/"
    assert canonical(client.get(f"{category_url}?page=2")) == f"{SITE}{category_url}?page=2"
    assert canonical(client.get(f"{category_url}?fbclid=abc")) == f"{SITE}{category_url}"


def test_the_second_page_of_a_list_has_a_title_of_its_own(client):
    category = CategoryFactory(name="Strategie")
    ArticleFactory.create_batch(
        12, category=category, published_at=timezone.make_aware(datetime(2025, 3, 10, 9, 0))
    )

    def title(url: str) -> str:
        return text(one(parse(client.get(url)), "title"))

    for url in ["/en/", category.get_absolute_url(), "/en/archive/2025/"]:
        first, second = title(url), title(f"{url}?page=2")
        assert first != second, url
        assert "Page 2" in second, url
        assert "Page 2" in prop(client.get(f"{url}?page=2"), "og:title"), url
    assert title(f"{category.get_absolute_url()}?page=2") == (
        "Strategie – Page 2 – Consulting articles"
    )


def render_head(path: str, page_number: int | None = None, **context) -> str:
    request = RequestFactory().get(path)
    if page_number is not None:
        context["page_obj"] = Paginator(range(30), 10).page(page_number)
    return Template("{% load seo %}{% head_meta %}").render(
        Context({"request": request, **context})
    )


def test_a_search_page_keeps_its_words_in_the_canonical_address_and_drops_the_rest():
    head = parse(render_head("/en/search/?q=Kunden+binden&category=4&utm_source=x", 2))

    assert one(head, 'link[rel="canonical"]')["href"] == f"{SITE}/en/search/?q=Kunden+binden&page=2"
    empty = parse(render_head("/en/search/?q=+&page=1", 1))
    assert one(empty, 'link[rel="canonical"]')["href"] == f"{SITE}/en/search/"


def test_error_pages_name_no_canonical_address(client):
    response = client.get("/en/gibt-es-nicht/")

    assert response.status_code == 404
    page = parse(response)
    assert page.select('link[rel="canonical"]') == []
    assert page.select('meta[property^="og:"]') == []
    assert page.select('script[type="application/ld+json"]') == []


# --- Descriptions ----------------------------------------------------------------------------


def test_each_page_describes_itself(client):
    category = CategoryFactory(name="Strategie", description="Wohin die Reise geht.")
    bare_category = CategoryFactory(name="Führung")
    author = AuthorFactory(name="Anna Berg", bio="Berät Unternehmen. " * 20)
    article = ArticleFactory(category=category, authors=[author], tags=["Wandel"])
    no_summary = ArticleFactory(
        category=bare_category, summary="", body="## Anfang\n\nDer **erste** Absatz & <mehr>."
    )

    assert prop(client.get(article.get_absolute_url()), "description") == article.summary
    assert prop(client.get(no_summary.get_absolute_url()), "description") == (
        "Anfang Der erste Absatz & ."
    )
    assert prop(client.get(category.get_absolute_url()), "description") == ("Wohin die Reise geht.")
    assert prop(client.get(bare_category.get_absolute_url()), "description") == (
        "Articles in the category Führung."
    )
    bio = prop(client.get(author.get_absolute_url()), "description")
    assert bio.startswith("Berät Unternehmen.") and bio.endswith("…") and len(bio) <= 160
    assert prop(client.get("/en/tag/wandel/"), "description") == "Articles tagged “Wandel”."
    assert prop(client.get("/en/"), "description") == (
        "Long-form articles on strategy, leadership and organisation."
    )


def test_markup_in_titles_and_summaries_stays_text_in_every_tag(client):
    article = ArticleFactory(
        title=f"Titel {XSS}", summary=f'Kurz "zitiert" {XSS}', cover_image=image_file(),
        cover_alt=f"Alt {XSS}", tags=[f"Tag {XSS}"],
    )  # fmt: skip

    response = client.get(article.get_absolute_url())

    head = one(parse(response), "head")
    assert head.select("img, script:not([type='application/ld+json']), [onerror]") == []
    assert prop(response, "description") == f'Kurz "zitiert" {XSS}'
    assert prop(response, "og:title") == f"Titel {XSS}"
    assert prop(response, "twitter:image:alt") == f"Alt {XSS}"
    assert props(response, "article:tag") == [f"Tag {XSS}"]


def test_json_ld_cannot_end_its_script_element(client):
    title = 'Ende</script><script>alert(1)</script><!-- "&'
    article = ArticleFactory(title=title)

    response = client.get(article.get_absolute_url())

    raw = markup(response)
    assert "<script>alert(1)" not in raw
    for script in parse(response).select('script[type="application/ld+json"]'):
        assert "<" not in script.string and ">" not in script.string
    assert json_ld(response)["Article"]["headline"] == title


# --- Open Graph and the cover image --------------------------------------------------------


def test_an_article_tells_its_dates_authors_section_and_tags(client):
    authors = [AuthorFactory(name="Anna Berg"), AuthorFactory(name="Jan de Vries")]
    published = timezone.now() - timedelta(days=3)
    article = ArticleFactory(authors=authors, tags=["Führung", "Wandel"], published_at=published)

    response = client.get(article.get_absolute_url())

    assert aware(prop(response, "article:published_time")) == published.replace(microsecond=0)
    assert aware(prop(response, "article:modified_time")) >= aware(
        prop(response, "article:published_time")
    )
    assert props(response, "article:author") == [
        SITE + author.get_absolute_url() for author in authors
    ]
    assert prop(response, "article:section") == article.category.name
    assert sorted(props(response, "article:tag")) == ["Führung", "Wandel"]


def test_a_wide_cover_is_shared_1200_pixels_wide(
    client, media_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the renditions are made
        article = ArticleFactory(
            cover_image=image_file(size=(1600, 900)), cover_alt="Ein Whiteboard"
        )

    response = client.get(article.get_absolute_url())

    image_url = prop(response, "og:image")
    assert image_url.startswith(f"{SITE}/media/") and image_url.endswith(".jpg")
    assert (prop(response, "og:image:width"), prop(response, "og:image:height")) == ("1200", "675")
    assert prop(response, "og:image:alt") == "Ein Whiteboard"
    with Image.open(Path(media_root) / image_url.removeprefix(f"{SITE}/media/")) as shared:
        assert shared.size == (1200, 675)
    assert prop(response, "twitter:card") == "summary_large_image"
    assert prop(response, "twitter:image") == image_url


def test_a_smaller_cover_is_shared_as_it_is(client):
    article = ArticleFactory(cover_image=image_file(size=(800, 600)), cover_alt="Bild")

    response = client.get(article.get_absolute_url())

    assert prop(response, "og:image") == SITE + article.cover_image.url
    assert (prop(response, "og:image:width"), prop(response, "og:image:height")) == ("800", "600")


def test_a_webp_cover_is_shared_as_jpeg(client):
    article = ArticleFactory(
        cover_image=image_file("cover.webp", size=(640, 360), fmt="WEBP"),
        cover_alt="Bild",
    )

    response = client.get(article.get_absolute_url())

    assert prop(response, "og:image").endswith(".jpg")
    assert (prop(response, "og:image:width"), prop(response, "og:image:height")) == ("640", "360")


def test_an_article_without_cover_gets_the_small_card(client):
    response = client.get(ArticleFactory().get_absolute_url())

    assert parse(response).select('meta[property="og:image"], meta[name="twitter:image"]') == []
    assert prop(response, "twitter:card") == "summary"


def test_a_cover_whose_file_is_gone_still_gives_the_page(client):
    article = ArticleFactory(cover_image=image_file(size=(1600, 900)), cover_alt="Bild")
    Path(article.cover_image.path).unlink()

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    # Its address is computed, not looked up: nothing on the page waits for the storage.
    assert prop(response, "og:image").startswith(f"{SITE}/media/CACHE/images/")


def test_an_article_names_the_languages_it_is_translated_into(client):
    article = ArticleFactory(language="en")
    version = ArticleFactory(language="nl")
    services.article_save(
        article=version, authors=version.ordered_authors, translation_of=article, by=None
    )

    response = client.get(article.get_absolute_url())

    assert props(response, "og:locale:alternate") == ["nl_NL"]


# --- JSON-LD ---------------------------------------------------------------------------------


def test_an_article_page_has_json_ld_for_the_article(client):
    authors = [AuthorFactory(name="Anna Berg"), AuthorFactory(name="Jan de Vries")]
    article = ArticleFactory(
        title="Kunden binden", summary="Wie es gelingt.", authors=authors,
        cover_image=image_file(size=(1600, 900)), cover_alt="Ein Whiteboard",
    )  # fmt: skip
    url = SITE + article.get_absolute_url()

    response = client.get(article.get_absolute_url())
    data = json_ld(response)["Article"]

    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "Kunden binden"
    assert data["description"] == "Wie es gelingt."
    assert aware(data["datePublished"]) == article.published_at.replace(microsecond=0)
    assert aware(data["dateModified"]) >= aware(data["datePublished"])
    assert data["author"] == [
        {"@type": "Person", "name": author.name, "url": SITE + author.get_absolute_url()}
        for author in authors
    ]
    assert data["image"] == [prop(response, "og:image")]
    assert data["inLanguage"] == "en"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "Consulting articles"


def test_an_article_page_has_json_ld_breadcrumbs(client):
    category = CategoryFactory(name="Strategie")
    article = ArticleFactory(title="Kunden binden", category=category, language="de")

    data = json_ld(client.get(article.get_absolute_url()))["BreadcrumbList"]

    items = data["itemListElement"]
    assert [item["position"] for item in items] == [1, 2, 3]
    assert [item["@type"] for item in items] == ["ListItem"] * 3
    assert [item["name"] for item in items][1:] == ["Strategie", "Kunden binden"]
    assert [item["item"] for item in items] == [
        f"{SITE}/de/",
        SITE + category.url_in("de"),
        SITE + article.get_absolute_url(),
    ]


def test_lists_have_no_json_ld(client):
    ArticleFactory()

    assert json_ld(client.get("/en/")) == {}


# --- Robots and sameness ---------------------------------------------------------------------


def test_a_category_without_articles_in_the_edition_asks_not_to_be_indexed(client):
    empty = CategoryFactory(name="Leer")
    full = ArticleFactory().category

    robots = parse(client.get(empty.get_absolute_url())).select('meta[name="robots"]')
    assert [tag["content"] for tag in robots] == ["noindex"]
    assert parse(client.get(full.get_absolute_url())).select('meta[name="robots"]') == []


def test_a_draft_preview_says_noindex_once(editor_client):
    article = ArticleFactory(status=Article.Status.DRAFT)

    page = parse(editor_client.get(article.get_absolute_url()))

    assert [tag["content"] for tag in page.select('meta[name="robots"]')] == ["noindex"]


def test_metadata_is_the_same_for_every_reader(client):
    article = ArticleFactory(
        cover_image=image_file(size=(1600, 900)), cover_alt="Bild", tags=["Führung"]
    )

    for url in ["/en/", article.get_absolute_url(), article.category.get_absolute_url()]:
        heads = {
            str(one(parse(client.get(url, HTTP_ACCEPT_LANGUAGE=language)), "head"))
            for language in ("de", "nl", "en")
        }
        client.cookies["django_language"] = "nl"
        heads.add(str(one(parse(client.get(url)), "head")))
        assert len(heads) == 1, url


def test_descriptions_are_cut_at_a_word_within_160_characters():
    assert seo.shorten("wort " * 100) == ("wort " * 32).strip() + "…"
    assert len(seo.shorten("wort " * 100)) == 160
    assert seo.shorten("Kurz\n\n  und   gut") == "Kurz und gut"
