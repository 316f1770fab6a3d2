"""Old addresses keep working: a renamed public page answers 301 from every earlier address,
straight to the current one; a removed article answers 410."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.utils import timezone

from articles import services
from articles.models import Article, Status, Tag
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    EditorUserFactory,
    SuperuserFactory,
)
from tests.html import changelist_rows, one, text

pytestmark = pytest.mark.django_db


def rename(article: Article, slug: str, **fields) -> Article:
    article.slug = slug
    for name, value in fields.items():
        setattr(article, name, value)
    return services.article_save(
        article=article, authors=article.ordered_authors, by=EditorUserFactory()
    )


def assert_moved(client, old: str, new: str) -> None:
    response = client.get(old)
    assert (response.status_code, response["Location"]) == (301, new), old


def test_a_renamed_article_answers_301_from_its_old_address(client):
    article = ArticleFactory(slug="fuehrung")

    rename(article, "fuehrung-heute")

    assert_moved(client, "/en/fuehrung/", "/en/fuehrung-heute/")
    assert client.get("/en/fuehrung-heute/").status_code == 200


def test_after_two_renames_every_old_address_points_straight_at_the_current_one(client):
    article = ArticleFactory(slug="eins")
    rename(article, "zwei")

    rename(article, "drei")

    assert_moved(client, "/en/eins/", "/en/drei/")
    assert_moved(client, "/en/zwei/", "/en/drei/")
    assert set(Redirect.objects.values_list("old_path", "new_path")) == {
        ("/en/eins/", "/en/drei/"),
        ("/en/zwei/", "/en/drei/"),
    }


def test_renaming_back_to_an_earlier_address_leaves_no_loop(client):
    article = ArticleFactory(slug="eins")
    rename(article, "zwei")

    rename(article, "eins")

    assert client.get("/en/eins/").status_code == 200
    assert_moved(client, "/en/zwei/", "/en/eins/")
    assert not Redirect.objects.filter(old_path="/en/eins/").exists()


def test_a_language_change_moves_the_address_too(client):
    article = ArticleFactory(slug="agile", language="de")

    rename(article, "agile", language="nl")

    assert_moved(client, "/de/agile/", "/nl/agile/")


def test_the_query_string_travels_with_the_redirect(client):
    article = ArticleFactory(slug="alt")
    rename(article, "neu")

    assert_moved(client, "/en/alt/?utm_source=newsletter", "/en/neu/?utm_source=newsletter")


def test_a_new_article_that_takes_an_old_address_wins(client):
    first = ArticleFactory(slug="strategie", title="Erste")
    rename(first, "strategie-2020")

    ArticleFactory(slug="strategie", title="Neue Strategie")

    response = client.get("/en/strategie/")
    assert response.status_code == 200
    assert "Neue Strategie" in response.content.decode()
    assert not Redirect.objects.filter(old_path="/en/strategie/").exists()


def test_renaming_a_draft_leaves_no_redirect(client):
    article = ArticleFactory(slug="entwurf", status=Status.DRAFT)

    rename(article, "entwurf-2")

    assert not Redirect.objects.exists()
    assert client.get("/en/entwurf/").status_code == 404


def test_renaming_a_scheduled_article_leaves_no_redirect():
    article = ArticleFactory(slug="bald", published_at=timezone.now() + timedelta(days=1))

    rename(article, "bald-2")

    assert not Redirect.objects.exists()


@pytest.mark.parametrize(
    ("factory", "prefix"),
    [(CategoryFactory, "/en/category/"), (AuthorFactory, "/en/author/")],
    ids=["category", "author"],
)
def test_renamed_categories_and_authors_answer_301(client, factory, prefix):
    obj = factory(slug="alt")
    ArticleFactory(**({"category": obj} if prefix == "/en/category/" else {"authors": [obj]}))
    obj.slug = "neu"

    services.named_save(obj=obj, by=EditorUserFactory())

    assert_moved(client, f"{prefix}alt/", f"{prefix}neu/")


def test_a_renamed_tag_answers_301(client):
    ArticleFactory(tags=["Führung"])
    tag = Tag.objects.get(name="Führung")
    tag.slug = "leadership"

    services.named_save(obj=tag, by=EditorUserFactory())

    assert_moved(client, "/en/tag/fuehrung/", "/en/tag/leadership/")


def test_a_category_renamed_in_the_admin_answers_301(editor_client, client):
    category = CategoryFactory(name="Strategie", slug="strategie")

    response = editor_client.post(
        f"/admin/articles/category/{category.pk}/change/",
        {
            **{f"name_{code}": "Strategie" for code in ("de", "nl", "en")},
            "slug_de": "strategie",
            "slug_nl": "strategie",
            "slug_en": "strategy",
            "position": "0",
        },
    )

    assert response.status_code == 302
    # Only the English edition's address moved; the others stay where they were.
    assert_moved(client, "/en/category/strategie/", "/en/category/strategy/")
    assert client.get(category.url_in("de")).status_code == 200
    assert category.url_in("de").endswith("/strategie/")


def test_a_deleted_public_article_and_its_old_addresses_answer_410(client):
    article = ArticleFactory(slug="alt")
    rename(article, "neu")

    services.article_delete(article=article, by=SuperuserFactory())

    for path in ("/en/alt/", "/en/neu/"):
        response = client.get(path)
        assert response.status_code == 410, path
        assert "Page removed" in response.content.decode()


def test_editors_see_the_redirects_in_the_admin(editor_client):
    rename(ArticleFactory(slug="alt"), "neu")

    response = editor_client.get("/admin/redirects/redirect/")

    assert response.status_code == 200
    [row] = changelist_rows(response)
    assert text(one(row, ".field-old_path")) == "/en/alt/"
    assert text(one(row, ".field-new_path")) == "/en/neu/"


def test_the_site_behind_the_redirects_carries_site_url_not_example_com():
    site = Site.objects.get_current()

    assert (site.domain, site.name) == ("testserver", "testserver")


def test_old_addresses_follow_an_article_renamed_while_it_was_unpublished(client):
    article = ArticleFactory(slug="alpha")
    rename(article, "beta")
    editor = EditorUserFactory()
    services.article_unpublish(article=article, by=editor)
    rename(article, "gamma")

    services.article_publish(article=article, by=editor)

    assert_moved(client, "/en/alpha/", "/en/gamma/")
    assert client.get("/en/beta/").status_code == 404  # never public under that name... once
    assert client.get("/en/gamma/").status_code == 200


def test_a_scheduled_article_takes_its_address_from_an_old_redirect_at_once(client):
    old = ArticleFactory(slug="alpha")
    rename(old, "beta")
    newcomer = ArticleFactory(slug="alpha", status=Status.REVIEW)

    services.article_publish(
        article=newcomer, by=EditorUserFactory(), at=timezone.now() + timedelta(days=1)
    )

    # Until it goes live the address is simply not there: no 301 that browsers would keep.
    assert client.get("/en/alpha/").status_code == 404
    assert not Redirect.objects.filter(old_path="/en/alpha/").exists()


def test_a_deleted_tag_page_answers_410(client):
    ArticleFactory(tags=["Vergangen"])
    tag = Tag.objects.get(name="Vergangen")

    services.named_delete(obj=tag, by=EditorUserFactory())

    assert client.get("/en/tag/vergangen/").status_code == 410
