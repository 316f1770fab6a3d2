"""`make screenshots`: full-page screenshots of the main pages of the demo site, for reviewing
the design by eye (README "Design"). Not a check: it runs only when asked for with
``--screenshots=DIR`` (tests/conftest.py leaves it out of every other run).

Home, an article with a table and a cover, its category, tag and author, search results, the
comment form with errors and the 404 page, at 375 px and 1280 px, light and dark: 32 files
named <page>-<width>-<scheme>.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from articles.editions import edition_reverse, in_edition
from articles.models import Article

pytestmark = [
    pytest.mark.browser,
    pytest.mark.screenshots,
    pytest.mark.django_db(transaction=True),
]

WIDTHS = (375, 1280)
SCHEMES = ("light", "dark")


def demo_pages() -> dict[str, str]:
    call_command("load_demo", verbosity=0)
    article = Article.objects.published().get(
        language="de", slug="preise-verhandeln-ohne-die-beziehung-zu-beschaedigen"
    )
    with in_edition("de"):  # the German edition's tag and author pages
        tag = article.tags.first().get_absolute_url()
        author = article.ordered_authors[0].get_absolute_url()
    return {
        "home": edition_reverse("articles:home", "de"),
        "article": article.get_absolute_url(),
        "category": article.category.url_in("de"),
        "tag": tag,
        "author": author,
        "search": f"{edition_reverse('articles:search', 'de')}?q=Verhandlung",
        "comment-form": article.get_absolute_url(),
        "404": "/de/diese-seite-gibt-es-nicht/",
    }


def test_screenshots(new_context, request, settings):
    settings.COMMENT_MIN_SECONDS = 0
    folder = Path(request.config.getoption("--screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    pages = demo_pages()
    for scheme in SCHEMES:
        for width in WIDTHS:
            page = new_context(locale="de-DE", color_scheme=scheme, width=width).new_page()
            for name, url in pages.items():
                page.goto(url)
                if name == "comment-form":
                    # Sent without a name: the form comes back with its errors; shown there.
                    page.locator("#id_body").fill("Danke für die klaren Spielregeln!")
                    page.locator("#id_consent").check()
                    page.locator("form.comment-form button[type=submit]").click()
                    page.locator(".has-error").first.scroll_into_view_if_needed()
                # Lazy images below the fold load only when scrolled to: load them all.
                page.evaluate(
                    "Promise.all([...document.images].map(img => { img.loading = 'eager';"
                    " return img.decode().catch(() => null); }))"
                )
                target = folder / f"{name}-{width}-{scheme}.png"
                page.screenshot(path=str(target), full_page=name != "comment-form")
    print(f"\n{len(pages) * len(WIDTHS) * len(SCHEMES)} screenshots in {folder}/")
