"""Search benchmark: 10,000 articles on PostgreSQL, a set of queries per language, p50/p95.

Not a test: it prints numbers to compare before and after a change. It fills a database of
its own (created if missing) and refuses one that holds other articles:

    .venv/bin/python bench/search.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cms_bench .venv/bin/python bench/search.py \
        --articles 10000 --runs 20

The articles are made with bulk_create (German, Dutch and English text from word lists with
their inflected forms, so stemming matters), their vectors with one UPDATE per language and
batch in SQL over the stored columns (as ``articles/search.py`` makes them, near enough for a
benchmark). A second run reuses them. Each query then goes ``--runs`` times through
``articles.search.results_page``, the function the search page calls (count, first page,
snippets). Target: p95 < 100 ms on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/cms_bench"
os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
os.environ.update(DJANGO_READ_ENV_FILE="0", DEBUG="0")  # DEBUG would keep every query
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(64))
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

BENCH = "bench-"  # slug prefix of everything the benchmark makes
BATCH = 500

# --- Words: (forms of one word), most frequent first --------------------------------------------

WORDS = {
    "de": {
        "function": "der die das und in mit für von zu den im nicht ist sind ein eine auf es "
        "auch als wie bei dass wenn aber oder noch nur so dem des wir sie man hat haben wird "
        "werden kann können mehr sehr über nach vor unter",
        "nouns": [
            ("Kunde", "Kunden", "Kundin"), ("Strategie", "Strategien"),
            ("Führung", "Führungskraft", "Führungskräfte"), ("Unternehmen", "Unternehmens"),
            ("Mitarbeiter", "Mitarbeitern", "Mitarbeitende"),
            ("Entscheidung", "Entscheidungen"), ("Veränderung", "Veränderungen"),
            ("Organisation", "Organisationen"), ("Projekt", "Projekte", "Projekten"),
            ("Beratung", "Berater", "Beratern"), ("Markt", "Märkte", "Märkten"),
            ("Wachstum",), ("Prozess", "Prozesse", "Prozessen"), ("Team", "Teams"),
            ("Ziel", "Ziele", "Zielen"), ("Verantwortung",), ("Kultur", "Kulturen"),
            ("Wandel",), ("Vertrauen",), ("Kommunikation",), ("Innovation", "Innovationen"),
            ("Preis", "Preise", "Preisen"), ("Verhandlung", "Verhandlungen"),
            ("Digitalisierung",), ("Transformation",), ("Risiko", "Risiken"),
            ("Budget", "Budgets"), ("Lieferkette", "Lieferketten"), ("Vertrieb",),
            ("Qualität",), ("Kosten",), ("Gewinn", "Gewinne"), ("Umsatz", "Umsätze"),
            ("Wettbewerb", "Wettbewerber"), ("Produkt", "Produkte", "Produkten"),
            ("Dienstleistung", "Dienstleistungen"), ("Controlling",),
            ("Workshop", "Workshops"), ("Rückmeldung", "Rückmeldungen"), ("Nachfolge",),
        ],
        "verbs": [
            ("entwickeln", "entwickelt", "entwickelte"), ("führen", "führt", "geführt"),
            ("gewinnen", "gewinnt", "gewonnen"), ("verändern", "verändert"),
            ("entscheiden", "entscheidet", "entschieden"), ("planen", "plant", "geplant"),
            ("verhandeln", "verhandelt"), ("wachsen", "wächst", "gewachsen"),
            ("steuern", "steuert"), ("messen", "misst", "gemessen"),
            ("lernen", "lernt", "gelernt"), ("treffen", "trifft", "getroffen"),
            ("brauchen", "braucht"), ("verbessern", "verbessert"),
        ],
        "adjectives": [
            ("klar", "klare", "klaren"), ("schnell", "schnelle"), ("digital", "digitale"),
            ("neu", "neue", "neuen"), ("gut", "gute", "guten"), ("wichtig", "wichtige"),
            ("erfolgreich", "erfolgreiche"), ("nachhaltig", "nachhaltige"), ("agil", "agile"),
            ("strategisch", "strategische"), ("operativ", "operative"),
        ],
        "queries": [
            "Kunden", "Strategie", "Führungskräfte entwickeln", "Entscheidungen treffen",
            '"digitale Transformation"', "Preis OR Verhandlung", "Wachstum -Markt",
            "Strategiebudget", "Schreiber", "Quantencomputer",
        ],
    },
    "nl": {
        "function": "de het een en van in is dat op te met voor zijn niet aan er om ook als "
        "bij of door maar nog naar dan wel worden wordt kan kunnen meer zeer over onder na",
        "nouns": [
            ("klant", "klanten"), ("strategie", "strategieën"), ("leiderschap",),
            ("leidinggevende", "leidinggevenden"), ("organisatie", "organisaties"),
            ("medewerker", "medewerkers"), ("beslissing", "beslissingen"),
            ("verandering", "veranderingen"), ("project", "projecten"),
            ("adviseur", "adviseurs"), ("markt", "markten"), ("groei",),
            ("proces", "processen"), ("team", "teams"), ("doel", "doelen"),
            ("verantwoordelijkheid",), ("cultuur", "culturen"), ("vertrouwen",),
            ("communicatie",), ("innovatie", "innovaties"), ("prijs", "prijzen"),
            ("onderhandeling", "onderhandelingen"), ("bedrijf", "bedrijven"),
            ("digitalisering",), ("transformatie",), ("risico", "risico's"),
            ("budget", "budgetten"), ("keten", "ketens"), ("verkoop",), ("kwaliteit",),
            ("kosten",), ("winst", "winsten"), ("omzet",), ("concurrent", "concurrenten"),
            ("product", "producten"), ("dienst", "diensten"), ("werkvloer",),
            ("training", "trainingen"), ("terugkoppeling",), ("opvolging",),
        ],
        "verbs": [
            ("ontwikkelen", "ontwikkelt", "ontwikkeld"), ("leiden", "leidt", "geleid"),
            ("winnen", "wint", "gewonnen"), ("veranderen", "verandert", "veranderd"),
            ("beslissen", "beslist"), ("plannen", "plant", "gepland"),
            ("onderhandelen", "onderhandelt"), ("groeien", "groeit", "gegroeid"),
            ("sturen", "stuurt"), ("meten", "meet", "gemeten"), ("leren", "leert", "geleerd"),
            ("nemen", "neemt", "genomen"), ("verbeteren", "verbetert"),
        ],
        "adjectives": [
            ("helder", "heldere"), ("snel", "snelle"), ("digitaal", "digitale"),
            ("nieuw", "nieuwe"), ("goed", "goede"), ("belangrijk", "belangrijke"),
            ("succesvol", "succesvolle"), ("duurzaam", "duurzame"), ("wendbaar", "wendbare"),
            ("strategisch", "strategische"), ("operationeel", "operationele"),
        ],
        "queries": [
            "klanten", "strategie", "leidinggevenden ontwikkelen", "beslissingen nemen",
            '"digitale transformatie"', "prijs OR onderhandeling", "groei -markt",
            "klantketen", "Bruijn", "kwantumcomputer",
        ],
    },
    "en": {
        "function": "the of and to in a is that for it as with was on be by this are or "
        "from at an but not have has can will more very about after before under when",
        "nouns": [
            ("customer", "customers"), ("strategy", "strategies"), ("leadership",),
            ("leader", "leaders"), ("organization", "organizations"),
            ("employee", "employees"), ("decision", "decisions"), ("change", "changes"),
            ("project", "projects"), ("consultant", "consultants"), ("market", "markets"),
            ("growth",), ("process", "processes"), ("team", "teams"), ("goal", "goals"),
            ("responsibility", "responsibilities"), ("culture", "cultures"), ("trust",),
            ("communication",), ("innovation", "innovations"), ("price", "prices"),
            ("negotiation", "negotiations"), ("company", "companies"), ("digitization",),
            ("transformation",), ("risk", "risks"), ("budget", "budgets"),
            ("supply", "supplies"), ("sales",), ("quality",), ("cost", "costs"),
            ("profit", "profits"), ("revenue",), ("competitor", "competitors"),
            ("product", "products"), ("service", "services"), ("workshop", "workshops"),
            ("feedback",), ("succession",), ("meeting", "meetings"),
        ],
        "verbs": [
            ("develop", "develops", "developed", "developing"), ("lead", "leads", "leading"),
            ("win", "wins", "winning"), ("change", "changed", "changing"),
            ("decide", "decides", "decided"), ("plan", "plans", "planned"),
            ("negotiate", "negotiated"), ("grow", "grows", "growing"), ("steer", "steers"),
            ("measure", "measured"), ("learn", "learns", "learned"), ("make", "makes", "made"),
            ("improve", "improves", "improved"),
        ],
        "adjectives": [
            ("clear",), ("fast",), ("digital",), ("new",), ("good",), ("important",),
            ("successful",), ("sustainable",), ("agile",), ("strategic",), ("operational",),
        ],
        "queries": [
            "customers", "strategy", "developing leaders", "making decisions",
            '"digital transformation"', "price OR negotiation", "growth -market",
            "customer trust", "Hendricks", "quantum computer",
        ],
    },
}  # fmt: skip
AUTHORS = [
    "Anna Schreiber", "Jonas Becker", "Ger de Bruijn", "Sanne Visser", "Emma Hendricks",
    "Lukas Wagner", "Femke Jansen", "Oliver Grant", "Marta Keller", "Pieter Smit",
    "Claire Morgan", "Tobias Weber", "Lotte Bakker", "Daniel Brooks", "Katrin Vogel",
    "Ruben Mulder", "Sophie Turner", "Felix Hoffmann", "Noor de Wit", "James Whitfield",
]  # fmt: skip


class Writer:
    """Text in one language: Zipf-weighted words, so a few are in nearly every article and
    most are rare (as in real text)."""

    def __init__(self, language: str, rng: random.Random) -> None:
        words = WORDS[language]
        self.rng = rng
        self.function = words["function"].split()
        content = words["nouns"] + words["verbs"] + words["adjectives"]
        rng.shuffle(content)
        self.content = content
        self.weights = [1 / (rank + 1) ** 1.1 for rank in range(len(content))]
        nouns = [forms[0] for forms in words["nouns"]]
        join = (lambda a, b: f"{a}{b.lower()}") if language != "en" else (lambda a, b: f"{a} {b}")
        # Compounds ("Kundenlieferkette", "klantketen"): each in a few articles only.
        self.compounds = [join(a, b) for a in nouns for b in nouns if a != b]
        self.nouns = nouns

    def word(self) -> str:
        if self.rng.random() < 0.45:
            return self.rng.choice(self.function)
        if self.rng.random() < 0.02:
            return self.rng.choice(self.compounds)
        forms = self.rng.choices(self.content, self.weights)[0]
        return self.rng.choice(forms)

    def sentence(self, low: int = 8, high: int = 18) -> str:
        text = " ".join(self.word() for _ in range(self.rng.randint(low, high)))
        return text[0].upper() + text[1:] + "."

    def title(self) -> str:
        words = [self.rng.choices(self.content, self.weights)[0] for _ in range(3, 7)]
        text = " ".join(self.rng.choice(forms) for forms in words)
        return text[0].upper() + text[1:]

    def body(self) -> tuple[str, str]:
        """(Markdown, HTML) of 600 to 1,200 words in paragraphs with a few headings."""
        markdown, markup, words = [], [], 0
        target = self.rng.randint(600, 1200)
        while words < target:
            if self.rng.random() < 0.15:
                heading = self.sentence(2, 5).rstrip(".")
                markdown.append(f"## {heading}")
                markup.append(f"<h2>{heading}</h2>")
            paragraph = " ".join(self.sentence() for _ in range(self.rng.randint(3, 8)))
            words += paragraph.count(" ") + 1
            markdown.append(paragraph)
            markup.append(f"<p>{paragraph}</p>")
        return "\n\n".join(markdown) + "\n", "\n".join(markup) + "\n"


# --- Setting up the database ---------------------------------------------------------------------


def ensure_database(url: str) -> None:
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    connection = psycopg2.connect(admin_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            print(f"Creating database {name} ...")
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def clear_bench_rows() -> None:
    from articles.models import Article, ArticleAuthor, Author, Category, Tag, TaggedArticle

    articles = Article.objects.filter(slug__startswith=BENCH)
    TaggedArticle.objects.filter(content_object__in=articles).delete()
    ArticleAuthor.objects.filter(article__in=articles).delete()
    articles.delete()
    Tag.objects.filter(slug__startswith=BENCH).delete()
    Author.objects.filter(slug__startswith=BENCH).delete()
    Category.objects.filter(slug_en__startswith=BENCH).delete()


def generate(count: int, rng: random.Random) -> None:
    from django.utils import timezone
    from tqdm import tqdm

    from articles.markdown import reading_minutes
    from articles.models import Article, ArticleAuthor, Author, Category, Tag, TaggedArticle

    categories = Category.objects.bulk_create(
        Category(**{
            f"{field}_{language}": value
            for language in ("de", "nl", "en")
            for field, value in (("name", name), ("slug", f"{BENCH}{index}"))
        })
        for index, name in enumerate(["Strategy", "Leadership", "Organisation", "Sales"])
    )  # fmt: skip
    authors = Author.objects.bulk_create(
        Author(name=name, slug=f"{BENCH}author-{index}") for index, name in enumerate(AUTHORS)
    )
    writers = {language: Writer(language, rng) for language in WORDS}
    tag_names = sorted(
        {noun for writer in writers.values() for noun in writer.nouns}
        | {rng.choice(writer.compounds) for writer in writers.values() for _ in range(60)}
    )
    tags = Tag.objects.bulk_create(
        Tag(name=name, slug=f"{BENCH}tag-{index}") for index, name in enumerate(tag_names)
    )
    now = timezone.now()
    languages = list(WORDS)
    with tqdm(total=count, unit="article", desc="articles") as bar:
        for start in range(0, count, BATCH):
            batch = []
            for number in range(start, min(start + BATCH, count)):
                language = languages[number % len(languages)]
                writer = writers[language]
                body, body_html = writer.body()
                published = now - timedelta(minutes=rng.randint(60, 5 * 365 * 24 * 60))
                batch.append(
                    Article(
                        title=writer.title()[:200],
                        slug=f"{BENCH}{number}",
                        language=language,
                        summary=" ".join(writer.sentence() for _ in range(2)),
                        body=body,
                        body_html=body_html,
                        reading_time=reading_minutes(body),
                        category=rng.choice(categories),
                        status=Article.Status.PUBLISHED,
                        published_at=published,
                        text_changed_at=published,
                    )
                )
            batch = Article.objects.bulk_create(batch)
            bylines, taggings = [], []
            for article in batch:
                for position, author in enumerate(rng.sample(authors, rng.randint(1, 3))):
                    bylines.append(ArticleAuthor(article=article, author=author, position=position))
                for tag in rng.sample(tags, rng.randint(3, 8)):
                    taggings.append(TaggedArticle(content_object=article, tag=tag))
            ArticleAuthor.objects.bulk_create(bylines)
            TaggedArticle.objects.bulk_create(taggings)
            bar.update(len(batch))


VECTORS_SQL = """
UPDATE articles_article AS a SET search_vector =
    setweight(to_tsvector(%(config)s::regconfig, a.title), 'A')
 || setweight(to_tsvector(%(config)s::regconfig, coalesce(a.summary, '')), 'B')
 || setweight(to_tsvector(%(config)s::regconfig, concat_ws(' ',
        (SELECT string_agg(t.name, ' ') FROM articles_taggedarticle ta
           JOIN articles_tag t ON t.id = ta.tag_id WHERE ta.content_object_id = a.id),
        (SELECT string_agg(au.name, ' ') FROM articles_articleauthor aa
           JOIN articles_author au ON au.id = aa.author_id WHERE aa.article_id = a.id))), 'C')
 || setweight(to_tsvector(%(config)s::regconfig,
        regexp_replace(a.body_html, '<[^>]*>', '', 'g')), 'D')
WHERE a.language = %(language)s AND a.id BETWEEN %(low)s AND %(high)s
"""


def compute_vectors() -> None:
    from django.db import connection, transaction
    from tqdm import tqdm

    from articles.models import Article
    from articles.search import search_config

    for language in WORDS:
        ids = list(
            Article.objects.filter(language=language, search_vector__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        with tqdm(total=len(ids), unit="article", desc=f"vectors {language}") as bar:
            for start in range(0, len(ids), BATCH * 2):
                chunk = ids[start : start + BATCH * 2]
                params = {"config": search_config(language), "language": language}
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.execute(VECTORS_SQL, {**params, "low": chunk[0], "high": chunk[-1]})
                bar.update(len(chunk))
    with connection.cursor() as cursor:  # autocommit: VACUUM cannot run in a transaction
        cursor.execute("VACUUM ANALYZE articles_article")


# --- Measuring -----------------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(runs: int) -> list[float]:
    from articles.search import clean_query, results_page

    every = []
    print(f"\n{'lang':4}  {'query':30} {'found':>6} {'p50 ms':>8} {'p95 ms':>8}")
    for language, words in WORDS.items():
        for raw in words["queries"]:
            text = clean_query(raw).text
            page = results_page(text, language=language)  # warm-up
            timings = []
            for _ in range(runs):
                started = time.perf_counter()
                page = results_page(text, language=language)
                timings.append((time.perf_counter() - started) * 1000)
            every.extend(timings)
            p50, p95 = statistics.median(timings), percentile(timings, 0.95)
            found = page.paginator.count
            print(f"{language:4}  {raw:30} {found:6d} {p50:8.1f} {p95:8.1f}")
    return every


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=20, help="times each query is run")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--regenerate", action="store_true", help="make the articles anew")
    options = parser.parse_args()

    url = os.environ["DATABASE_URL"]
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("The search benchmark needs PostgreSQL: set DATABASE_URL=postgres://…")
    ensure_database(url)

    import django

    django.setup()
    from django.core.management import call_command

    from articles.models import Article

    call_command("migrate", verbosity=0)
    if Article.objects.exclude(slug__startswith=BENCH).exists():
        sys.exit(f"{url} holds articles the benchmark did not make: give it a database of its own.")
    have = Article.objects.filter(slug__startswith=BENCH).count()
    if options.regenerate or have != options.articles:
        clear_bench_rows()
        generate(options.articles, random.Random(options.seed))
    compute_vectors()
    print(f"{Article.objects.count()} articles in {url.rsplit('/', 1)[-1]}")
    every = measure(options.runs)
    p50, p95 = statistics.median(every), percentile(every, 0.95)
    print(f"\nall {len(every)} searches: p50 {p50:.1f} ms, p95 {p95:.1f} ms (target p95 < 100 ms)")


if __name__ == "__main__":
    main()
