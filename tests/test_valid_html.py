"""Every kind of public page is valid HTML, as the Nu HTML Checker (vnu.jar) reads it.

One site with something of everything (a Markdown table, code, a cover, tags, a series, a
book, comments, a form with errors, several pages of a list) is built through the write path,
its pages are fetched as a reader would, and vnu checks them all in one run (one JVM).

Without Java or the jar the test skips on a laptop and fails in CI, as the browser tests do:
``make html-deps`` installs both.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from articles import services
from articles.editions import edition_reverse
from articles.models import Article, Author, Book, Category, Series
from comments.models import Comment
from comments.spam import new_ticket
from tests import showcase
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    CommentFactory,
    image_file,
)
from tests.helpers import english_client
from tests.html import markup
from tests.nu import CheckerFailed, CheckerMissing, missing, nu_errors, report

pytestmark = [pytest.mark.html, pytest.mark.django_db]

# A word every English article has, so search finds more than a page of them.
SEARCH_WORD = "negotiation"

RICH_BODY = f"""\
Every {SEARCH_WORD} starts before the meeting[^prep].

## What to prepare

Write down `walk_away_price` and `target` before you go in:

```python
offer = max(target, walk_away_price)
if offer > budget:
    raise ValueError("over budget")
```

| Step | Who | Time |
|:-----|:---:|-----:|
| Agenda | *you* | 10 min |
| Numbers | the client | 1 h |

## What to say first

> Listen twice as long as you speak.

1. Ask.
2. ~~Argue~~ Listen.

[^prep]: Fisher and Ury, *Getting to Yes*.
"""


# A page the checker must refuse: a misplaced element, and a datetime with microseconds
# (what ``|date:"c"`` gives for a time saved by Django).
CONTROL = "control page with two known errors"
CONTROL_PAGE = (
    '<!DOCTYPE html><html lang="en"><title>Control</title>'
    '<ul><div>x</div></ul><time datetime="2026-06-01T09:30:00.123456+02:00">June 1</time>'
)


def _no_checker(reason: str):
    """In CI a missing checker is an error; on a developer's machine it is a loud skip."""
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{reason}. CI must check the HTML.", pytrace=False)
    pytest.skip(reason)


@dataclass
class Site:
    rich: Article  # table, code, cover, tags, footnote; part 1 of a series, with a book
    german: Article  # its German translation
    fresh: Article  # published through the services during the test
    discussed: Article  # with an approved comment and a reply
    series: Series
    author: Author
    category: Category


def build_site() -> Site:
    """Articles in English and German with everything a page can show, made as editors do."""
    category = CategoryFactory(
        name_en="Negotiation", name_de="Verhandlung", name_nl="Onderhandeling"
    )
    author = AuthorFactory(name="Anna Berg", bio="Advises boards on **hard** talks.")
    series = services.named_save(obj=Series(title="Ten rules", language="en"), by=None)
    book = services.book_save(
        book=Book(title="Fair verhandeln", authors="Anna Berg", isbn="978-3-16-148410-0"), by=None
    )
    rich = ArticleFactory(
        title="Prepare the numbers",
        language="en",
        category=category,
        authors=[author],
        tags=["Preparation", "Führung"],
        summary=f"How a {SEARCH_WORD} is won before it starts.",
        body=RICH_BODY,
        cover_image=image_file("meeting.jpg", size=(640, 360)),
        cover_alt="Two people at a table with papers",
        cover_credit="Anna Berg",
        series=series,
        series_part=1,
        book=book,
        featured=True,
    )
    second = ArticleFactory(
        title="Open with a question",
        language="en",
        category=category,
        authors=[author],
        tags=["Preparation"],
        body=f"The first {SEARCH_WORD} question sets the tone.",
        series=series,
        series_part=2,
    )
    german = ArticleFactory(
        title="Die Zahlen vorbereiten",
        language="de",
        category=category,
        authors=[author],
        body="Jede Verhandlung beginnt vor dem Termin.",
    )
    services.article_save(
        article=german, authors=[author], translation_of=rich, by=None, tags=["Führung"]
    )
    services.article_save(
        article=second, authors=[author], tags=["Preparation"], related=[rich], by=None
    )
    # More than a page of English articles: the home page and search get a page 2.
    ArticleFactory.create_batch(
        11, language="en", category=category, body=f"A short note on {SEARCH_WORD}."
    )
    # Published just now through the write path: its dates carry the run's microseconds.
    fresh = services.article_save(
        article=Article(
            title="Fresh from the editor",
            language="en",
            category=category,
            summary="Published a moment ago.",
            body=f"Today's {SEARCH_WORD} tip: arrive early.",
        ),
        authors=[author],
        tags=["News"],
        by=None,
    )
    fresh = services.article_publish(article=fresh, by=None)
    discussed = ArticleFactory(
        title="Say no politely", language="en", category=category, authors=[author]
    )
    question = CommentFactory(
        article=discussed,
        name="Ger J.F. de Bruijn",
        website="https://bruijn.example.nl/",
        signature="Ger J.F. de Bruijn, Businesstraining",
        body="Does this work by phone?\n\n> Say no politely\n\nSee https://example.org/no",
    )
    CommentFactory(
        article=discussed,
        parent=question,
        depth=1,
        name="Anna Berg",
        badge=Comment.Badge.AUTHOR,
        body="Yes, even better.",
    )
    return Site(rich, german, fresh, discussed, series, author, category)


def test_public_pages_are_valid_html(checker, settings):
    """Each kind of page a reader can reach, in one vnu run: no errors (warnings may stay)."""
    settings.COMMENT_MIN_SECONDS = 0  # the form's own errors, not the typing-speed check
    site = build_site()
    rich = site.rich
    tag = rich.tags.get(name="Preparation")
    year, month = rich.published_at.year, rich.published_at.month
    search = edition_reverse("articles:search", "en")
    urls = {
        "home (en)": "/en/",
        "home (de)": "/de/",
        "home, page 2": "/en/?page=2",
        "article: table, code, cover, tags, series, book": rich.get_absolute_url(),
        "article in German (translation)": site.german.get_absolute_url(),
        "article published at run time": site.fresh.get_absolute_url(),
        "article with approved comments": site.discussed.get_absolute_url(),
        "category": site.category.url_in("en"),
        "tag": tag.url_in("en"),
        "author": site.author.url_in("en"),
        "series": site.series.get_absolute_url(),
        "archive": edition_reverse("articles:archive", "en"),
        "archive year": edition_reverse("articles:archive_year", "en", year=year),
        "archive month": edition_reverse("articles:archive_month", "en", year=year, month=month),
        "search results": f"{search}?{urlencode({'q': SEARCH_WORD})}",
        "search results, page 2": f"{search}?{urlencode({'q': SEARCH_WORD, 'page': 2})}",
        "search without results": f"{search}?{urlencode({'q': 'zzyzx'})}",
        "privacy notice": edition_reverse("comments_public:privacy", "en"),
        "404": "/en/no-such-page/",
    }
    client = english_client()
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "404" else 200), (name, url)
        pages[f"{name}: {url}"] = markup(response)
    # A comment the form refuses: the article page again, with the errors at the fields.
    invalid = {"name": "", "email": "not-an-address", "body": "", "ticket": new_ticket()}
    response = client.post(reverse("comments:post", args=[rich.pk]), invalid)
    assert response.status_code == 400
    pages[f"comment form with errors: POST {rich.get_absolute_url()}"] = markup(response)

    # The German edition's pages the browser checks look at (tests/showcase.py): cards with
    # and without covers, a series, a wide table; all in the same vnu run.
    for name, url in showcase.build().pages().items():
        response = client.get(url)
        assert response.status_code == (404 if name == "404" else 200), (name, url)
        pages[f"showcase {name}: {url}"] = markup(response)

    # Checked in the same run, so a vnu that read nothing cannot pass the pages above.
    pages[CONTROL] = CONTROL_PAGE

    errors = nu_errors(pages)

    control = errors.pop(CONTROL, [])
    assert any("“div” not allowed" in line for line in control), control
    assert any("fraction of a second" in line for line in control), control
    if errors:  # vnu's own lines, page by page, rather than a diff of two dicts
        pytest.fail(report(errors), pytrace=False)


@pytest.fixture
def checker():
    """vnu can run here (else: skip on a laptop, fail in CI)."""
    reason = missing()
    if reason:
        _no_checker(reason)


def test_a_checker_that_gives_no_report_fails_the_check(checker, monkeypatch, tmp_path):
    """A jar that does not run (here: not a jar) must not read as "no errors"."""
    broken = tmp_path / "vnu.jar"
    broken.write_text("not a jar")
    monkeypatch.setenv("VNU_JAR", str(broken))

    with pytest.raises(CheckerFailed, match="no JSON report"):
        nu_errors({"page": '<!DOCTYPE html><html lang="en"><title>t</title>'})


def test_a_missing_jar_names_the_make_target(monkeypatch, tmp_path):
    monkeypatch.setenv("VNU_JAR", str(tmp_path / "nowhere.jar"))

    with pytest.raises(CheckerMissing, match="make html-deps"):
        nu_errors({"page": "<!DOCTYPE html>"})
