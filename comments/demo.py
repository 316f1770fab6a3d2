"""The demo's reader comments, loaded by ``manage.py load_demo`` after the demo articles.

``load_demo`` calls ``load(say=…)`` of every installed app that has a ``demo.py`` (as the
dashboard collects ``dashboard.py``), so ``articles`` knows nothing of comments. The comments
are data in ``comments/demo/comments.yaml``; each names its article by language and slug. A
comment that exists (same article, name and text) is left alone, so a second run adds nothing.
A reply names the comment it answers (``reply_to``) and may be written as the article's first
author (``by_author``, with the Author badge). The demo's comments are approved as written, not
run through the moderation rules: they are the site's history, not new submissions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import yaml
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from comments.models import Comment

DEMO_FILE = Path(__file__).resolve().parent / "demo" / "comments.yaml"


@transaction.atomic
def load(*, say: Callable[[str], None]) -> Counter[str]:
    """Create the demo comments that are missing; return how many were created."""
    created: Counter[str] = Counter()
    now = timezone.now()
    for data in yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8")):
        article = Article.objects.filter(**data["article"]).first()
        if article is None:  # an editor deleted it: its comments stay away too
            continue
        author = article.authors.first() if data.get("by_author") else None
        name = author.name if author is not None else data["name"]
        lookup = {"article": article, "name": name, "body": data["body"].strip()}
        if Comment.objects.filter(**lookup).exists():
            continue
        parent = None
        if "reply_to" in data:
            parent = Comment.objects.filter(article=article, name=data["reply_to"]).first()
        comment = Comment(
            **lookup,
            parent=parent,
            depth=0 if parent is None else parent.depth + 1,
            email=data["email"],
            website=data.get("website", ""),
            signature=data.get("signature", ""),
            badge=Comment.Badge.AUTHOR if author is not None else Comment.Badge.NONE,
            status=Comment.Status.APPROVED
            if data.get("approved", True)
            else Comment.Status.PENDING,
        )
        comment.full_clean()
        comment.save()
        # created_at is auto_now_add: backdate it to a while after the article appeared.
        posted = (article.published_at or now) + timedelta(hours=data.get("hours_after", 20))
        Comment.objects.filter(pk=comment.pk).update(created_at=min(posted, now))
        created["comments"] += 1
    if created:
        say(f"Comments: {created['comments']} created.")
    else:
        say("Comments: nothing was missing.")
    return created
