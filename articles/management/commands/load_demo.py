"""`manage.py load_demo`: the demo site that `make run` shows on a first start.

Every run creates whatever part of the demo content is missing (articles with their bylines and
tags, authors, categories, comments, cover files) and never overwrites a row that exists. So
running it again, as `make run` does on every start, duplicates nothing and keeps what an editor
changed in a demo article (title, text, byline, tags, status, view count); only a deleted demo
piece comes back. Articles are written through the write path (articles/services.py) as the
system, so their revisions and publication follow the same rules as an editor's.
The texts live in ``articles/demo_content.py``.
"""

from __future__ import annotations

import functools
import io
import random
from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop
from PIL import Image, ImageDraw

from articles.demo_content import (
    ARTICLES,
    AUTHORS,
    CATEGORIES,
    COVER_CREDITS,
    DemoArticle,
    DemoComment,
    DemoCover,
)
from articles.models import Article, Author, Category
from articles.revisions import note as revision_note
from articles.services import article_publish, article_save, named_save

COVER_SIZE = (1200, 630)
REPORT_ORDER = ("articles", "authors", "categories", "comments", "cover images")


class Command(BaseCommand):
    help = (
        "Load demo content: published articles in German, Dutch and English plus a draft and a "
        "scheduled one, with authors, categories, tags, generated cover images and comments. "
        "Idempotent: only what is missing is created, so a second run changes nothing."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.verbosity: int = options["verbosity"]
        self.created: Counter[str] = Counter()
        # Cover files are written while the transaction is open; if it rolls back, no
        # article points at them any more, so they are removed again.
        self.written_files: list[str] = []
        try:
            with transaction.atomic():
                self.load()
        except BaseException:
            for name in self.written_files:
                default_storage.delete(name)
            raise
        self.report()

    def load(self) -> None:
        now = timezone.now()
        authors = {
            data.slug: self.named(
                "authors", Author, slug=data.slug, name=data.name, bio=data.bio,
                website=data.website,
            )
            for data in AUTHORS
        }  # fmt: skip
        categories = {
            data.slug: self.named(
                "categories", Category, slug=data.slug, name=data.name,
                description=data.description, position=data.position,
            )
            for data in CATEGORIES
        }  # fmt: skip
        for index, data in enumerate(ARTICLES, start=1):
            byline = [authors[slug] for slug in data.authors]
            article, note = self.load_article(
                data, category=categories[data.category], byline=byline, now=now
            )
            if apps.is_installed("comments"):
                for comment in data.comments:
                    self.load_comment(comment, article=article, now=now)
            self.say(f"[{index}/{len(ARTICLES)}] {data.language}  {data.slug}{note}")

    def load_article(
        self, data: DemoArticle, *, category: Category, byline: list[Author], now: datetime
    ) -> tuple[Article, str]:
        """The demo article, created through the write path if missing (by the system, so its
        revisions say so); a missing cover file is drawn again."""
        article = Article.objects.filter(language=data.language, slug=data.slug).first()
        if article is None:
            article = Article(
                language=data.language,
                slug=data.slug,
                title=data.title,
                summary=data.summary,
                body=data.body,
                category=category,
            )
            self.attach_cover(article, data)
            article_save(
                article=article, authors=byline, tags=list(data.tags), by=None,
                comment=revision_note(gettext_noop("Demo content")),
            )  # fmt: skip
            if not data.draft:
                article_publish(article=article, by=None, at=publish_date(now, data.days_ago))
            # The count is not something an editor writes: set it as article_record_view would.
            Article.objects.filter(pk=article.pk).update(view_count=data.view_count)
            self.created["articles"] += 1
            return article, "  (new)"
        if not cover_file_exists(article) and self.attach_cover(article, data):
            article_save(
                article=article, authors=list(article.ordered_authors), by=None,
                comment=revision_note(gettext_noop("Demo cover image drawn again")),
            )  # fmt: skip
            return article, "  (cover restored)"
        return article, ""

    def attach_cover(self, article: Article, data: DemoArticle) -> bool:
        """Draw the demo cover into ``article`` (not saved yet); False when it has none."""
        if data.cover is None:
            return False
        jpeg = ContentFile(cover_jpeg(data.slug, data.cover))
        article.cover_image.save(f"{data.slug}.jpg", jpeg, save=False)
        self.written_files.append(article.cover_image.name)
        article.cover_alt = data.cover.alt
        article.cover_credit = COVER_CREDITS[data.language]
        self.created["cover images"] += 1
        return True

    def load_comment(self, data: DemoComment, *, article: Article, now: datetime) -> None:
        # Looked up by name so that articles/ needs no import from comments/ (see STYLE.md).
        comment_model = apps.get_model("comments", "Comment")
        status = comment_model.Status.APPROVED if data.approved else comment_model.Status.PENDING
        comment, is_new = self.get_or_create(
            "comments", comment_model, {"article": article, "name": data.name, "body": data.body},
            email=data.email, website=data.website, signature=data.signature, status=status,
        )  # fmt: skip
        if is_new:
            # created_at is auto_now_add; backdate it to a while after the article appeared.
            posted = (article.published_at or now) + timedelta(hours=data.hours_after)
            comment_model.objects.filter(pk=comment.pk).update(created_at=min(posted, now))

    def named(self, label: str, model: type[Author | Category], *, slug: str, **fields: Any):
        """The author or category with ``slug``, created through the write path if missing."""
        existing = model.objects.filter(slug=slug).first()
        if existing is not None:
            return existing
        self.created[label] += 1
        return named_save(obj=model(slug=slug, **fields), by=None)

    def get_or_create(
        self, label: str, model: type[models.Model], lookup: dict[str, Any], **defaults: Any
    ) -> tuple[Any, bool]:
        """``QuerySet.get_or_create``, but a new row is validated as an editor's would be."""
        existing = model._default_manager.filter(**lookup).first()
        if existing is not None:
            return existing, False
        obj = model(**lookup, **defaults)
        obj.full_clean()
        obj.save()
        self.created[label] += 1
        return obj, True

    def say(self, message: str, style=None) -> None:
        if self.verbosity >= 1:
            self.stdout.write(style(message) if style else message)

    def report(self) -> None:
        drafts = sum(data.draft for data in ARTICLES)
        scheduled = sum(not data.draft and data.days_ago < 0 for data in ARTICLES)
        tags = {tag for data in ARTICLES for tag in data.tags}
        comments = sum(len(data.comments) for data in ARTICLES)
        covers = sum(data.cover is not None for data in ARTICLES)
        self.say(
            f"Demo content: {len(ARTICLES)} articles ({len(ARTICLES) - drafts - scheduled} "
            f"published, {scheduled} scheduled, {drafts} draft), {len(AUTHORS)} authors, "
            f"{len(CATEGORIES)} categories, {len(tags)} tags, {comments} comments, "
            f"{covers} cover images.",
            self.style.SUCCESS,
        )
        if self.created:
            created = ", ".join(
                f"{self.created[what]} {what}" for what in REPORT_ORDER if self.created[what]
            )
            self.say(f"Created in this run: {created}.")
        else:
            self.say("Nothing was missing; nothing was changed.")


def publish_date(now: datetime, days_ago: int) -> datetime:
    """Nine in the morning (local time), ``days_ago`` days before ``now`` (negative: after)."""
    day = timezone.localtime(now) - timedelta(days=days_ago)
    return day.replace(hour=9, minute=0, second=0, microsecond=0)


def cover_file_exists(article: Article) -> bool:
    return bool(article.cover_image) and article.cover_image.storage.exists(
        article.cover_image.name
    )


# Drawing takes a noticeable fraction of a second; a process that loads the demo again (the
# test suite) reuses the bytes, which are the same for the same seed anyway.
@functools.cache
def cover_jpeg(seed: str, cover: DemoCover) -> bytes:
    """A 1200×630 JPEG: a diagonal colour gradient with translucent shapes, the same per seed."""
    rng = random.Random(seed)
    width, height = COVER_SIZE
    ramp = Image.linear_gradient("L")
    diagonal = Image.blend(ramp.rotate(90).resize(COVER_SIZE), ramp.resize(COVER_SIZE), 0.35)
    image = Image.composite(
        Image.new("RGB", COVER_SIZE, cover.end),
        Image.new("RGB", COVER_SIZE, cover.start),
        diagonal,
    ).convert("RGBA")

    shapes = Image.new("RGBA", COVER_SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(shapes)
    for _ in range(rng.randint(2, 3)):
        x, y = rng.randint(0, width), rng.randint(0, height)
        w, h = rng.randint(160, 420), rng.randint(90, 260)
        draw.rounded_rectangle((x, y, x + w, y + h), radius=18, fill=(255, 255, 255, 36))
    for _ in range(rng.randint(3, 5)):
        x, y, r = rng.randint(0, width), rng.randint(0, height), rng.randint(40, 200)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*cover.accent, rng.randint(90, 170)))
    for _ in range(rng.randint(1, 2)):
        y = rng.randint(height // 4, height * 3 // 4)
        draw.line((0, y, width, y + rng.randint(-200, 200)), fill=(*cover.accent, 210), width=6)

    output = io.BytesIO()
    Image.alpha_composite(image, shapes).convert("RGB").save(
        output, "JPEG", quality=85, optimize=True, progressive=True
    )
    return output.getvalue()
