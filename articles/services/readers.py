"""Writes that readers cause."""

from __future__ import annotations

from django.db.models import F

from articles.models import Article


def article_record_view(*, article: Article) -> bool:
    """Count one read of ``article``; return whether it counted.

    Every reader counts, staff included: asking who reads would make the public page depend on
    the session (``Vary: Cookie``), and page caching needs one page for everyone.

    One ``UPDATE … SET view_count = view_count + 1``: concurrent readers never overwrite each
    other's increments (no read-modify-write). The in-memory object is bumped too, so the
    page shows the count including this read.
    """
    Article.objects.filter(pk=article.pk).update(view_count=F("view_count") + 1)
    article.view_count += 1
    return True


def article_carry_over_views(*, article: Article, views: int) -> bool:
    """A count brought from the site an article moves from ("8791 Aufrufe" stays 8,791):
    it raises the count to ``views`` and never lowers a count readers made since."""
    changed = Article.objects.filter(pk=article.pk, view_count__lt=views).update(view_count=views)
    if changed:
        article.view_count = views
    return bool(changed)
