"""A small site that has everything a page can show, for the checks that look at whole pages:
axe-core, overflow at 375 px and the console in Chromium (tests/browser/test_look.py), and the
Nu HTML Checker (tests/test_valid_html.py).

The long read has what breaks layouts and validators: a cover, a Markdown table wider than a
phone, inline code and a code block with a long line, a long German compound word, a footnote,
tags, two authors and an approved comment (with a reply) in a thread. Other articles fill the
lists, with covers and one without, and two of them form a series. Everything is written
through the write path (tests/factories.py).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from articles import services
from articles.editions import edition_reverse, in_edition
from articles.models import Article, Author, Category, Series
from comments.models import Comment
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, CommentFactory

WIDE_TABLE = (
    "| Phase | Frage an das Team | Wer entscheidet | Wann | Ergebnis |\n"
    "|:------|:------------------|:---------------:|-----:|:---------|\n"
    "| Vorbereitung | Welche Entscheidung steht eigentlich an? | Geschäftsführung | "
    "Woche 1 | Entscheidungsvorlage mit Optionen |\n"
    "| Beteiligung | Wessen Erfahrung fehlt uns noch? | Bereichsleitungen | Woche 2 | "
    "Stellungnahmen der Fachabteilungen |\n"
    "| Beschluss | Was tun wir, und was lassen wir? | Geschäftsführung | Woche 3 | "
    "Protokollierter Beschluss mit Begründung |\n"
)
PARAGRAPH = (
    "Wer führt, hört zuerst zu und entscheidet dann. Gute Entscheidungen brauchen Zeit, "
    "klare Ziele und ein Team, das weiß, wofür es arbeitet. Die Donaudampfschifffahrts"
    "gesellschaftskapitänsmütze zeigt, wie lang ein deutsches Wort werden kann. "
)
BODY = (
    f"{PARAGRAPH * 3}\n\n"
    "## Wer entscheidet was\n\n"
    f"{WIDE_TABLE}\n"
    "Im Protokoll steht der Befehl `git log --oneline --since=2026-01-01`, und in der "
    "Vorlage der Wert `entscheidungsvorlage_final_v3.docx`.[^1]\n\n"
    "```\n"
    "SELECT bereich, count(*) AS entscheidungen FROM beschluesse WHERE jahr = 2026 GROUP BY "
    "bereich ORDER BY entscheidungen DESC;\n"
    "```\n\n"
    "## Was bleibt\n\n"
    f"> {PARAGRAPH}\n\n"
    f"{PARAGRAPH * 2}\n\n"
    "[^1]: Die Vorlage liegt im gemeinsamen Laufwerk.\n"
)


def cover_upload(name: str, *, size=(1600, 900), colour=(46, 94, 120)) -> SimpleUploadedFile:
    """A photo-like cover: a gradient with shapes, so renditions have something to encode."""
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    width, height = size
    for step in range(0, width, 40):
        shade = tuple(min(255, channel + step // 12) for channel in colour)
        draw.rectangle([step, 0, step + 40, height], fill=shade)
    draw.ellipse([width // 3, height // 4, width // 3 + height // 2, height // 4 + height // 2],
                 fill=(240, 200, 120))  # fmt: skip
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@dataclass
class Showcase:
    article: Article  # the long read (German), with everything
    category: Category
    author: Author
    comment: Comment  # approved, on ``article``, with an approved reply
    series: Series  # ``article`` is part 1, with covers on its parts
    search_word: str

    def pages(self) -> dict[str, str]:
        """Every kind of public page, by name: the address a reader opens (all 200 but the
        404)."""
        year = self.article.published_at.year
        with in_edition("de"):  # the German edition's tag and author pages list the articles
            tag = self.article.tags.first().get_absolute_url()
            author = self.author.get_absolute_url()
            series = self.series.get_absolute_url()
        return {
            "home": edition_reverse("articles:home", "de"),
            "home-en": edition_reverse("articles:home", "en"),
            "article": self.article.get_absolute_url(),
            "category": self.category.url_in("de"),
            "tag": tag,
            "author": author,
            "series": series,
            "archive": edition_reverse("articles:archive", "de"),
            "archive-year": edition_reverse("articles:archive_year", "de", year=year),
            "search": f"{edition_reverse('articles:search', 'de')}?q={self.search_word}",
            "404": "/de/diese-seite-gibt-es-nicht/",
        }


def build() -> Showcase:
    category = CategoryFactory(name_de="Führung", name_nl="Leiderschap", name_en="Leadership")
    katrin = AuthorFactory(name="Katrin Albers")
    series = services.named_save(
        obj=Series(title="Entscheiden im Wachstum", language="de"), by=None
    )
    joost = AuthorFactory(name="Joost van der Meulen")
    article = ArticleFactory(
        title="Wer entscheidet was? Entscheidungswege in wachsenden Unternehmen",
        language="de",
        category=category,
        summary="Wenn ein Unternehmen wächst, wird aus „der Chef entscheidet“ ein Geflecht.",
        body=BODY,
        authors=[katrin, joost],
        tags=["Entscheidungen", "Organisationsentwicklung"],
        cover_image=cover_upload("entscheidungen.jpg"),
        cover_alt="Ein Besprechungstisch mit Notizen und einer Lampe",
        cover_credit="Anna Berg",
        series=series,
        series_part=1,
    )
    for number, (language, title) in enumerate(
        [
            ("de", "Führen in der Krise"),  # part 2 of the series
            ("nl", "Leiderschap in onzekere tijden"),
            ("en", "Run a pre-mortem before you commit"),
            ("de", "Strategie beginnt mit Weglassen"),
        ]
    ):
        ArticleFactory(
            title=title,
            language=language,
            category=category,
            summary=PARAGRAPH[:140],
            authors=[katrin],
            tags=["Entscheidungen"],
            cover_image=cover_upload(f"cover-{number}.jpg", colour=(90 + 30 * number, 70, 60)),
            cover_alt=f"Titelbild zu {title}",
            **({"series": series, "series_part": 2} if number == 0 else {}),
        )
    # A card without a cover among cards with one.
    ArticleFactory(
        title="Was von einem Training bleibt",
        language="de",
        category=category,
        summary="Ob sich ein Seminar lohnt, entscheidet sich vor allem davor und danach.",
        authors=[katrin],
        tags=["Entscheidungen"],
    )
    comment = CommentFactory(
        article=article,
        name="Anna Berg",
        signature="Anna Berg, Organisationsberatung",
        body="Sehr hilfreich.\n\nBesonders die Tabelle werde ich im Team besprechen.",
    )
    CommentFactory(article=article, parent=comment, name="Katrin Albers", body="Danke!")
    return Showcase(article, category, katrin, comment, series, search_word="Entscheidungen")
