"""Whether an article still takes comments: a thread closes by an editor's toggle
(``Thread.closed``) or by itself ``COMMENT_CLOSE_AFTER_DAYS`` after the article appeared
(0, the default, means never); an article that is not public takes none."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from articles.models import Article
from comments.models import Thread


def closed_by_editor(article: Article) -> bool:
    return Thread.objects.filter(article=article, closed=True).exists()


def closed_by_age(article: Article, *, now=None) -> bool:
    days = settings.COMMENT_CLOSE_AFTER_DAYS
    if days <= 0 or article.published_at is None:
        return False
    return (now or timezone.now()) >= article.published_at + timedelta(days=days)


def accepts_comments(article: Article) -> bool:
    """True while readers may comment on ``article`` (one query)."""
    return article.is_public and not closed_by_age(article) and not closed_by_editor(article)
