"""The edges of the editions found in review: what an editor ticks is kept, addresses with
control characters, old addresses, feed text, menu links to unpublished articles, the
switcher on error pages and deep list pages."""

from __future__ import annotations

import html
from datetime import datetime
from zoneinfo import ZoneInfo

import feedparser
import pytest
from django.core.exceptions import PermissionDenied

from articles import services
from articles.editions import edition_reverse
from articles.models import Article, Category, MenuItem, Tag
from tests.articles.helpers import card_titles
from tests.factories import ArticleFactory, AuthorUserFactory, EditorUserFactory
from tests.html import one, parse, text

pytestmark = pytest.mark.django_db


def save(article: Article, by) -> Article:
    return services.article_save(article=article, authors=article.ordered_authors, tags=None, by=by)


def test_an_editor_features_an_existing_article_and_it_is_kept(client):
    article = ArticleFactory(title="Lange bekannt")

    article.featured = True
    save(article, EditorUserFactory())

    assert Article.objects.get(pk=article.pk).featured
    featured = one(parse(client.get("/en/")), "section.featured")
    assert "Lange bekannt" in text(featured)


def test_an_author_may_not_feature_an_article():
    author = AuthorUserFactory()
    record = services.author_record_for(user=author)
    article = ArticleFactory(authors=[record], status=Article.Status.DRAFT)
    article.featured = True

    with pytest.raises(PermissionDenied):
        save(article, author)

    assert not Article.objects.get(pk=article.pk).featured


def test_featured_articles_beyond_those_shown_stay_in_the_newest_list(client):
    for number in range(5):
        ArticleFactory(title=f"Empfohlen {number}", featured=True)

    page = parse(client.get("/en/"))

    shown_above = [text(t) for t in one(page, "section.featured").select(".card-title")]
    listed = [text(t) for t in one(page, "section.newest").select(".card-title")]
    assert len(shown_above) == 3
    assert sorted(shown_above + listed) == [f"Empfohlen {number}" for number in range(5)]


@pytest.mark.parametrize(
    "path",
    ["/en/tag/%00/", "/en/tag/%00/feed/", "/tag/%00/", "/de/%00/", "/%00", "/en/author/%1F/"],
)
def test_an_address_with_a_control_character_is_the_friendly_404(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert text(one(parse(response), "h1")) in {"Page not found", "Seite nicht gefunden"}


def test_an_old_category_address_goes_to_the_site_languages_edition_first(client):
    # The site language (en in the tests) wins over an earlier position.
    services.named_save(obj=Category(name_nl="Eerst", slug_nl="x", position=0), by=None)
    later = services.named_save(obj=Category(name_en="Later", slug_en="x", position=10), by=None)

    response = client.get("/category/x/")

    assert (response.status_code, response["Location"]) == (301, later.url_in("en"))


def test_a_feed_sends_the_summary_as_text_never_as_markup(client):
    ArticleFactory(summary='Kurz <img src=x onerror="alert(1)">')

    body = client.get("/en/feed/").content

    # Escaped twice in the XML: a feed reader decodes the description to the text, not a tag.
    assert b"&amp;lt;img" in body
    assert b"&lt;img" not in body.replace(b"&amp;lt;img", b"")
    feed = feedparser.parse(body)
    # The reader's HTML for it shows the characters: no element, the text as typed.
    assert "<img" not in feed.entries[0].summary
    assert html.unescape(feed.entries[0].summary) == 'Kurz <img src=x onerror="alert(1)">'


def test_a_menu_link_to_an_article_that_is_not_public_is_left_out(client):
    public = ArticleFactory(title="Start hier")
    draft = ArticleFactory(title="Noch geheim", status=Article.Status.DRAFT)
    for position, article in enumerate([draft, public]):
        MenuItem.objects.create(language="en", position=position, article=article)

    nav = one(parse(client.get("/en/")), 'header nav[aria-label="Main menu"]')

    assert [text(a) for a in nav.select("a")][:-1] == ["Start hier"]


def switcher_targets(response) -> dict[str, str]:
    from urllib.parse import parse_qs, urlsplit

    links = parse(response).select("nav.edition-switcher a")
    return {a["hreflang"]: parse_qs(urlsplit(a["href"]).query)["next"][0] for a in links}


def test_the_switcher_on_a_404_leads_to_the_other_editions_home(client):
    response = client.get("/en/no-such-article/")

    assert response.status_code == 404
    assert switcher_targets(response) == {
        "de": edition_reverse("articles:home", "de"),
        "nl": edition_reverse("articles:home", "nl"),
    }


def test_the_switcher_on_a_later_page_leads_to_the_first_page_there(client):
    tag = Tag.objects.create(name="Amazon")
    for _ in range(12):
        ArticleFactory(tags=[tag])
    for language in ("de", "nl"):
        ArticleFactory(language=language, tags=[tag])

    response = client.get(tag.url_in("en") + "?page=2")

    assert card_titles(response)  # page 2 exists here
    assert switcher_targets(response) == {"de": tag.url_in("de"), "nl": tag.url_in("nl")}


@pytest.mark.parametrize(
    "path", ["/en/archive/2024/03/", "/en/archive/02024/", "/en/archive/2024/13/"]
)
def test_each_period_of_the_archive_has_one_address(client, path):
    ArticleFactory(published_at=datetime(2024, 3, 5, 10, tzinfo=ZoneInfo("Europe/Berlin")))

    assert client.get("/en/archive/2024/3/").status_code == 200
    assert client.get(path).status_code == 404


def test_the_header_menu_comes_from_the_cache_until_something_changes(client):
    from tests.helpers import count_queries

    ArticleFactory(title="Eins")
    first, _ = count_queries(client, "/en/")
    again, _ = count_queries(client, "/en/")
    assert again == first - 2  # the menu links and the categories, kept

    # A menu link saved by an editor shows on the next page view.
    link = MenuItem(language="en", position=0, url="https://example.com/", label="Shop")
    services.menu_link_save(link=link, by=EditorUserFactory())
    nav = one(parse(client.get("/en/")), 'header nav[aria-label="Main menu"]')
    assert [text(a) for a in nav.select("a")][0] == "Shop"


def test_an_editor_adds_a_menu_link_in_the_admin_and_the_cached_header_shows_it(
    editor_client, client
):
    strategy = services.named_save(obj=Category(name_en="Strategy"), by=None)
    ArticleFactory(category=strategy)
    client.get("/en/")  # the header menu is in the cache now

    response = editor_client.post(
        "/admin/articles/menuitem/add/",
        {"language": "en", "position": "0", "label": "", "category": strategy.pk, "url": ""},
    )

    assert response.status_code == 302
    nav = one(parse(client.get("/en/")), 'header nav[aria-label="Main menu"]')
    assert [(text(a), a["href"]) for a in nav.select("a")][0] == (
        "Strategy",
        strategy.url_in("en"),
    )


def test_an_author_may_not_change_the_menu():
    link = MenuItem(language="en", position=0, url="https://example.com/", label="Shop")

    with pytest.raises(PermissionDenied):
        services.menu_link_save(link=link, by=AuthorUserFactory())

    assert not MenuItem.objects.exists()


def test_a_card_shows_the_cover_with_its_size_and_text_the_first_at_once(client):
    from tests.factories import image_file

    for title in ("Mit Bild", "Auch mit Bild"):
        ArticleFactory(
            title=title,
            cover_image=image_file("c.jpg", size=(160, 90)),
            cover_alt="Zwei Personen am Tisch",
        )
    ArticleFactory(title="Ohne Bild")

    cards = {
        text(one(card, ".card-title")): card for card in parse(client.get("/en/")).select(".card")
    }

    image = one(cards["Mit Bild"], "img.card-cover")
    assert (image["alt"], image["width"], image["height"]) == (
        "Zwei Personen am Tisch",
        "160",
        "90",
    )
    # The newest cover is the page's first: it loads at once; the ones below wait.
    newest = one(cards["Auch mit Bild"], "img.card-cover")
    assert (newest.get("fetchpriority"), newest.get("loading")) == ("high", None)
    assert (image.get("fetchpriority"), image.get("loading")) == (None, "lazy")
    # Without a cover: a placeholder block, hidden from screen readers, and no image.
    assert cards["Ohne Bild"].select("img") == []
    assert one(cards["Ohne Bild"], ".card-placeholder")["aria-hidden"] == "true"
