"""The database itself refuses articles that break the rules, whoever writes them.

Forms and full_clean() check these rules for editors; an import, a data migration or a
queryset ``.update()`` skips both, and then only the database constraints are left.
Each write runs in its own atomic block, so PostgreSQL can go on after the refusal.
"""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("change", "constraint"),
    [
        ({"status": "bogus"}, "article_status_valid"),
        ({"language": "fr"}, "article_language_valid"),
        ({"published_at": None}, "article_published_has_date"),
    ],
    ids=["unknown-status", "unknown-language", "published-without-date"],
)
def test_database_refuses_an_article_that_breaks_a_rule(change, constraint):
    article = ArticleFactory(status=Article.Status.PUBLISHED, language="de")

    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(**change)

    stored = Article.objects.values("status", "language").get(pk=article.pk)
    assert stored == {"status": "published", "language": "de"}


def test_database_refuses_a_second_article_with_the_same_slug_in_one_language():
    category = CategoryFactory()
    now = timezone.now()
    twins = [
        Article(title=title, slug="fuehrung", language="de", body="x", category=category,
                status=Article.Status.PUBLISHED, published_at=now)
        for title in ["Eins", "Zwei"]
    ]  # fmt: skip

    with pytest.raises(IntegrityError, match="slug"), transaction.atomic():
        Article.objects.bulk_create(twins)  # bulk_create skips save(), which would renumber

    assert not Article.objects.filter(slug="fuehrung").exists()


def test_database_accepts_the_same_slug_in_another_language():
    german = ArticleFactory(title="Agile", language="de")
    dutch = ArticleFactory(title="Agile teams", language="nl")

    Article.objects.filter(pk=dutch.pk).update(slug=german.slug)

    assert set(Article.objects.values_list("language", "slug")) == {
        ("de", "agile"),
        ("nl", "agile"),
    }
