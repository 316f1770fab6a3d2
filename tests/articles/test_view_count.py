"""How often an article was read: readers count, staff and errors do not, the admin never writes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from articles.services import article_record_view
from tests.articles.helpers import change_form_data, change_url
from tests.factories import ArticleFactory, UserFactory
from tests.html import one, parse, text

pytestmark = pytest.mark.django_db


def views_in_database(article: Article) -> int:
    return Article.objects.values_list("view_count", flat=True).get(pk=article.pk)


def test_each_reader_view_adds_exactly_one(client):
    article = ArticleFactory()

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert views_in_database(article) == 1
    assert text(one(parse(response), "p.view-count")) == "1 view"


def test_n_sequential_views_count_n(client):
    article = ArticleFactory()

    for expected in range(1, 8):
        response = client.get(article.get_absolute_url())
        assert text(one(parse(response), "p.view-count")).startswith(f"{expected} view")

    assert views_in_database(article) == 7


def test_a_view_counts_only_for_the_article_read(client):
    read, other = ArticleFactory(), ArticleFactory()

    client.get(read.get_absolute_url())

    assert (views_in_database(read), views_in_database(other)) == (1, 0)


def test_logged_in_reader_without_staff_rights_is_counted(client):
    article = ArticleFactory()
    client.force_login(UserFactory())

    client.get(article.get_absolute_url())

    assert views_in_database(article) == 1


def test_staff_get_the_readers_page_and_their_view_counts(editor_client, client):
    # The public page never asks who is reading (that would make it differ per session), so
    # an editor's read counts like anyone's and they see exactly what readers see.
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(view_count=5)

    staff_page = editor_client.get(article.get_absolute_url())
    reader_page = client.get(article.get_absolute_url())

    assert views_in_database(article) == 7
    assert text(one(parse(staff_page), "p.view-count")) == "6 views"
    assert parse(staff_page).select_one(".staff-bar") is None
    assert text(one(parse(reader_page), "p.view-count")) == "7 views"


@pytest.mark.parametrize("kind", ["draft", "future", "wrong-language"])
def test_a_404_does_not_count(client, kind):
    article = ArticleFactory(language="de")
    url = article.get_absolute_url()
    if kind == "draft":
        Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    elif kind == "future":
        Article.objects.filter(pk=article.pk).update(
            published_at=timezone.now() + timedelta(days=1)
        )
    else:
        url = url.replace("/de/", "/en/")

    response = client.get(url)

    assert response.status_code == 404
    assert views_in_database(article) == 0


def test_list_pages_do_not_count_views(client):
    article = ArticleFactory(tags=["Führung"])

    for url in ["/en/", article.category.get_absolute_url(), "/en/tag/fuehrung/"]:
        assert client.get(url).status_code == 200

    assert views_in_database(article) == 0


def test_opening_the_article_in_the_admin_does_not_count(editor_client):
    article = ArticleFactory()

    response = editor_client.get(change_url(article))

    assert response.status_code == 200
    assert views_in_database(article) == 0


def test_the_admin_never_writes_the_count_even_when_posted(editor_client):
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(view_count=77)

    response = editor_client.post(
        change_url(article),
        change_form_data(article, view_count="999999", summary="Neu"),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.summary, article.view_count) == ("Neu", 77)


def test_saving_a_stale_article_object_keeps_the_database_count(client):
    article = ArticleFactory()  # loaded with view_count 0
    client.get(article.get_absolute_url())
    client.get(article.get_absolute_url())

    article.title = "Neuer Titel"
    article.save()

    assert views_in_database(article) == 2
    assert Article.objects.get(pk=article.pk).title == "Neuer Titel"


def test_a_view_adds_one_to_the_database_count_not_to_the_copy_in_memory():
    # Another reader's view lands between loading the article and counting this one: an
    # increment in the database keeps both, a read-modify-write from the stale copy keeps one.
    article = ArticleFactory()
    stale = Article.objects.get(pk=article.pk)  # view_count 0 in memory
    Article.objects.filter(pk=article.pk).update(view_count=10)

    counted = article_record_view(article=stale)

    assert counted is True
    assert views_in_database(article) == 11
