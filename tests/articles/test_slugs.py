"""Readable slugs ("Führung" → "fuehrung"), unique per language for articles."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from articles.models import Article, Author, Category, Tag
from articles.slugs import slugify_readable, unique_slug
from tests.articles.helpers import ADD_URL, article_form_data
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory
from tests.html import field_errors, parse, text


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Führung", "fuehrung"),
        ("Größe", "groesse"),
        ("Ärger über Öl", "aerger-ueber-oel"),
        ("Straße", "strasse"),
        ("GROSSE ÜBUNG", "grosse-uebung"),
        ("Café crème", "cafe-creme"),
        ("Één team, één taak", "een-team-een-taak"),
        ("  Strategie -- 2025!  ", "strategie-2025"),
    ],
)
def test_slugs_spell_umlauts_out_and_drop_other_accents(text, slug):
    assert slugify_readable(text) == slug


def test_slug_is_cut_at_the_maximum_length_without_a_trailing_dash():
    slug = slugify_readable("Führung " * 30, max_length=20)

    assert len(slug) <= 20
    assert not slug.endswith("-")
    assert slug.startswith("fuehrung-fuehrung")


def test_unique_slug_counts_up_while_taken():
    taken = {"fuehrung", "fuehrung-2"}

    assert unique_slug("Führung", taken=taken.__contains__) == "fuehrung-3"


def test_unique_slug_keeps_the_suffix_within_the_maximum_length():
    slug = unique_slug("a" * 50, taken=lambda s: s == "a" * 10, max_length=10)

    assert slug == "a" * 8 + "-2"


@pytest.mark.django_db
def test_article_slug_is_filled_in_from_the_title():
    article = ArticleFactory(title="Führung in der Größe")

    assert article.slug == "fuehrung-in-der-groesse"
    assert Article.objects.get(pk=article.pk).slug == "fuehrung-in-der-groesse"


@pytest.mark.django_db
def test_an_explicit_slug_is_kept():
    article = ArticleFactory(title="Führung", slug="leitung")

    assert article.slug == "leitung"


@pytest.mark.django_db
def test_same_slug_is_allowed_in_german_and_dutch():
    german = ArticleFactory(title="Agile teams", language="de")
    dutch = ArticleFactory(title="Agile teams", language="nl")

    assert german.slug == dutch.slug == "agile-teams"


@pytest.mark.django_db
def test_second_german_article_with_the_same_title_gets_dash_two():
    ArticleFactory(title="Führung", language="de")
    ArticleFactory(title="Führung", language="nl")

    second = ArticleFactory(title="Führung", language="de")
    third = ArticleFactory(title="Führung", language="de")

    assert (second.slug, third.slug) == ("fuehrung-2", "fuehrung-3")


@pytest.mark.django_db
def test_saving_an_article_again_keeps_its_slug():
    article = ArticleFactory(title="Führung")
    ArticleFactory(title="Führung")

    article.summary = "Neu"
    article.save()

    article.refresh_from_db()
    assert article.slug == "fuehrung"


@pytest.mark.django_db
def test_duplicate_slug_in_the_same_language_fails_model_validation():
    ArticleFactory(title="Eins", slug="fuehrung", language="de")
    duplicate = Article(
        title="Zwei", slug="fuehrung", language="de", body="x", category=CategoryFactory()
    )

    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()

    assert "already has this slug" in str(error.value)


@pytest.mark.django_db
def test_admin_refuses_an_explicit_duplicate_slug_with_a_message(editor_client):
    ArticleFactory(title="Erster Artikel", slug="fuehrung", language="de")
    data = article_form_data(
        category=CategoryFactory(), authors=[AuthorFactory()], title="Zweiter", slug="fuehrung"
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    errors = parse(response).select("ul.errorlist")
    assert any("already has this slug" in text(errors_list) for errors_list in errors)
    assert Article.objects.filter(slug="fuehrung").count() == 1
    assert not Article.objects.filter(title="Zweiter").exists()


@pytest.mark.django_db
def test_admin_accepts_the_same_slug_in_another_language(editor_client):
    ArticleFactory(title="Erster Artikel", slug="agile-teams", language="de")
    data = article_form_data(
        category=CategoryFactory(),
        authors=[AuthorFactory()],
        title="Agile teams",
        slug="agile-teams",
        language="nl",
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302
    assert set(Article.objects.values_list("language", "slug")) == {
        ("de", "agile-teams"),
        ("nl", "agile-teams"),
    }


@pytest.mark.django_db
def test_admin_fills_an_empty_slug_with_the_next_free_one(editor_client):
    ArticleFactory(title="Führung", language="de")
    data = article_form_data(
        category=CategoryFactory(), authors=[AuthorFactory()], title="Führung", slug=""
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302, field_errors(response, "slug")
    assert Article.objects.latest("pk").slug == "fuehrung-2"


@pytest.mark.django_db
def test_category_slug_follows_the_readable_rule_and_stays_unique():
    first = Category.objects.create(name="Führung & Größe")
    second = Category.objects.create(name="Führung & Größe")

    assert first.slug == "fuehrung-groesse"
    assert second.slug == "fuehrung-groesse-2"


@pytest.mark.django_db
def test_author_slug_follows_the_readable_rule():
    author = Author.objects.create(name="Jürgen Ößler")

    assert author.slug == "juergen-oessler"


@pytest.mark.django_db
def test_tag_slug_follows_the_readable_rule():
    article = ArticleFactory()

    article.tags.add("Führung", "Größe")

    assert set(Tag.objects.values_list("name", "slug")) == {
        ("Führung", "fuehrung"),
        ("Größe", "groesse"),
    }


@pytest.mark.django_db
def test_tags_with_the_same_readable_slug_get_distinct_slugs():
    first = Tag.objects.create(name="Führung")
    second = Tag.objects.create(name="Fuehrung")

    assert first.slug == "fuehrung"
    assert second.slug != first.slug
    assert second.slug.startswith("fuehrung-")


@pytest.mark.django_db
def test_tag_added_in_another_case_reuses_the_existing_tag():
    ArticleFactory(tags=["Führung"])

    ArticleFactory(tags=["führung"])

    assert list(Tag.objects.values_list("slug", flat=True)) == ["fuehrung"]


@pytest.mark.django_db
def test_admin_category_with_a_duplicate_explicit_slug_is_a_form_error(editor_client):
    CategoryFactory(name="Strategie")

    response = editor_client.post(
        "/admin/articles/category/add/",
        {"name_en": "Strategie", "slug_en": "strategie", "position": "0"},
    )

    assert response.status_code == 200
    assert field_errors(response, "slug_en")
    assert Category.objects.count() == 1
