"""The demo site's content: authors, categories, articles and comments for `manage.py load_demo`.

Plain data, no database access; the command decides what to create. Texts are original demo
copy. Slugs are written out (not derived from titles) because they are the keys that make a
second run find what the first one created.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RGB = tuple[int, int, int]
# Lines that start a Markdown block of their own and must stay on their own line.
_BLOCK_START = re.compile(r"\s*$|[-*+>#|]|\d+\.\s|\[\^")


def unwrapped(markdown: str) -> str:
    """The source is wrapped for this file's line length; an editor's text is not. Join each
    paragraph's lines so the admin's editor shows the body as someone would have typed it."""
    lines: list[str] = []
    for line in markdown.splitlines():
        joins_previous = (
            lines and not _BLOCK_START.match(line) and not _BLOCK_START.match(lines[-1][:1] or " ")
        )
        if joins_previous or (lines and lines[-1].strip() and line.startswith("  ")):
            lines[-1] = f"{lines[-1]} {line.strip()}"
        else:
            lines.append(line)
    return "\n".join(lines)


@dataclass(frozen=True)
class DemoAuthor:
    slug: str
    name: str
    bio: str
    website: str


@dataclass(frozen=True)
class DemoCategory:
    slug: str
    name: str
    description: str
    position: int


@dataclass(frozen=True)
class DemoComment:
    name: str
    email: str
    body: str
    signature: str = ""
    website: str = ""
    approved: bool = True
    # Posted this long after the article was published.
    hours_after: int = 20


@dataclass(frozen=True)
class DemoCover:
    alt: str
    start: RGB
    end: RGB
    accent: RGB


@dataclass(frozen=True)
class DemoArticle:
    language: str
    slug: str
    title: str
    summary: str
    body: str
    category: str
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    # Publish date relative to the first run; negative means scheduled in the future.
    days_ago: int
    view_count: int = 0
    draft: bool = False
    cover: DemoCover | None = None
    comments: tuple[DemoComment, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "body", unwrapped(self.body))


COVER_CREDITS = {
    "de": "Redaktion (Demo-Grafik)",
    "nl": "Redactie (demo-afbeelding)",
    "en": "Editorial team (demo graphic)",
}

AUTHORS = (
    DemoAuthor(
        slug="katrin-albers",
        name="Katrin Albers",
        bio=(
            "Katrin Albers berät seit über fünfzehn Jahren mittelständische Unternehmen in "
            "Strategie- und Organisationsfragen. Vorher leitete sie den Vertrieb eines "
            "Industriezulieferers. Sie lebt und arbeitet in Hamburg."
        ),
        website="https://www.example.org/katrin-albers",
    ),
    DemoAuthor(
        slug="joost-van-der-meulen",
        name="Joost van der Meulen",
        bio=(
            "Joost van der Meulen is trainer en coach op het gebied van leiderschap en "
            "samenwerking. Hij werkt vanuit Utrecht voor organisaties in Nederland, België en "
            "Duitsland en schrijft in het Nederlands en het Duits."
        ),
        website="https://www.example.org/joost-van-der-meulen",
    ),
    DemoAuthor(
        slug="hannah-whitfield",
        name="Hannah Whitfield",
        bio=(
            "Hannah Whitfield is a change management consultant based in Bristol. She has guided "
            "public bodies and family businesses through mergers, restructurings and new systems, "
            "and writes about what makes change stick."
        ),
        website="https://www.example.com/hannah-whitfield",
    ),
)

CATEGORIES = (
    DemoCategory(
        slug="strategie",
        name="Strategie",
        description="Wie Unternehmen entscheiden, wofür sie stehen – und wofür nicht.",
        position=10,
    ),
    DemoCategory(
        slug="fuehrung",
        name="Führung",
        description=(
            "Menschen führen, Teams entwickeln und in schwierigen Zeiten Orientierung geben."
        ),
        position=20,
    ),
    DemoCategory(
        slug="organisation",
        name="Organisation",
        description="Strukturen, Rollen und Veränderung: wie Zusammenarbeit im Alltag gelingt.",
        position=30,
    ),
    DemoCategory(
        slug="businesstraining",
        name="Businesstraining",
        description="Seminare, Trainings und Lernformate, die im Arbeitsalltag nachwirken.",
        position=40,
    ),
)

_WEGLASSEN = """\
Wer in einem Strategieworkshop am Ende des Tages die Flipcharts fotografiert, findet darauf fast
immer dasselbe Bild: eine lange Liste guter Vorhaben. Neue Märkte, ein besserer Service,
digitale Prozesse, eine stärkere Marke. Nichts davon ist falsch – aber eine Liste ist noch keine
Strategie.

Eine Strategie beginnt dort, wo eine Geschäftsleitung sagt: „Das machen wir nicht.“ Erst der
Verzicht zeigt, wofür die knappen Mittel tatsächlich eingesetzt werden.

## Warum Weglassen so schwerfällt

Jedes Vorhaben auf der Liste hat Fürsprecher. Wer ein Projekt streicht, enttäuscht Menschen, die
sich dafür eingesetzt haben. Deshalb wird lieber alles ein wenig verfolgt – und am Ende nichts
richtig. In vielen mittelständischen Unternehmen laufen gleichzeitig zwanzig oder dreißig
„strategische Initiativen“, von denen jede nur einen Bruchteil der Aufmerksamkeit bekommt, die
sie bräuchte.

Hinzu kommt die Sorge, eine Chance zu verpassen. Doch eine Chance, für die niemand Zeit hat, ist
keine.

## Drei Fragen für die nächste Klausur

Bevor ein weiteres Vorhaben auf die Liste kommt, lohnt sich ein kurzer Test. Drei Fragen:
- Welches bestehende Projekt geben wir dafür auf?
- Wer im Team wird in den nächsten drei Monaten spürbar weniger von etwas anderem tun?
- Woran erkennen wir nach einem halben Jahr, dass es sich gelohnt hat?

Wenn auf die erste Frage niemand eine Antwort hat, ist das Vorhaben nicht strategisch, sondern
zusätzlich.

## Größe ist kein Ziel

Ein häufiger Satz in Strategiepapieren lautet: „Wir wollen wachsen.“ Wachstum kann das Ergebnis
guter Entscheidungen sein, es ersetzt sie aber nicht. Wer Größe zum Ziel erklärt, nimmt jeden
Auftrag an – auch die, die Kapazität binden und kaum etwas beitragen. Ergiebiger ist die Frage,
für welche Kunden das Unternehmen unersetzlich sein will. Daraus ergibt sich, was weggelassen
werden kann.

Unser Rat: Schreiben Sie neben die Liste Ihrer Vorhaben eine zweite, ebenso ernst gemeinte Liste
– die der Dinge, die Sie in diesem Jahr ausdrücklich nicht tun. Sie ist oft das
aufschlussreichere Dokument.
"""

_KRISE = """\
Wenn ein großer Kunde abspringt, eine Lieferkette reißt oder die Zahlen plötzlich rot sind,
schauen alle auf die Führung. In diesen Wochen entscheidet sich, ob ein Team zusammenrückt oder
auseinanderfällt. Dabei kommt es weniger auf heroische Entscheidungen an als auf ein paar
unspektakuläre Gewohnheiten.

## Klarheit vor Vollständigkeit

In einer Krise hat niemand alle Informationen. Wer mit der Kommunikation wartet, bis das Bild
vollständig ist, überlässt das Feld den Gerüchten. Besser ist ein fester Rhythmus: jeden Morgen
zehn Minuten, in denen gesagt wird, was man weiß, was man nicht weiß und wann es Neues gibt. Der
Satz „Das wissen wir noch nicht, am Donnerstag wissen wir mehr“ schafft mehr Vertrauen als jede
optimistische Prognose.[^1]

## Entscheidungen dorthin, wo das Wissen ist

Unter Druck neigen Führungskräfte dazu, jede Entscheidung an sich zu ziehen. Das ist
verständlich und fast immer ein Fehler: Der Engpass wandert an die Spitze, und die Menschen, die
dem Problem am nächsten sind, warten auf Freigaben. Legen Sie stattdessen fest, was das Team
allein entscheiden darf und in welchen Grenzen. Für die meisten Teams reichen drei Angaben:
- ein Budget, über das ohne Rückfrage verfügt werden kann,
- die Kunden oder Themen, bei denen vorher abgestimmt wird,
- eine Person, die im Zweifel innerhalb einer Stunde erreichbar ist.

## Die eigene Belastung ernst nehmen

Krisenführung ist ein Marathon, kein Sprint. Wer in den ersten zwei Wochen jede Nacht bis elf
Uhr arbeitet, trifft in der dritten Woche schlechtere Entscheidungen. Eine Vertretung zu
benennen, ist kein Zeichen von Schwäche, sondern von Voraussicht.

Und wenn die Krise vorbei ist: Nehmen Sie sich einen halben Tag Zeit für einen ehrlichen
Rückblick. Was hat getragen, was nicht? Die Antworten sind die beste Vorbereitung auf die
nächste.

[^1]: Eine Beobachtung aus vielen Gesprächen, keine Studie: Oft beruhigt der feste Termin die
    Beteiligten mehr als das, was dort gesagt wird.
"""

_ROLLEN = """\
In vielen Unternehmen arbeiten Menschen heute in zwei Linien zugleich: Sie gehören zu einem
Fachbereich und arbeiten in Projekten, die quer dazu liegen. Das ist sinnvoll, weil Wissen
dorthin kommt, wo es gebraucht wird. Es hat aber einen Preis: Niemand weiß mehr genau, wer
eigentlich entscheidet.

Die Folgen kennt jeder, der in einer Matrix gearbeitet hat. Entscheidungen werden in
Abstimmungsrunden vertagt, Projektleitungen eskalieren Kleinigkeiten, und Fachbereiche fühlen
sich übergangen. Mit bösem Willen hat das selten zu tun. Meist fehlt schlicht eine Vereinbarung,
die alle kennen.

## Eine Tabelle statt vieler Meetings

Ein einfaches Werkzeug hilft erstaunlich oft: eine Tabelle, in der für die wichtigsten
wiederkehrenden Entscheidungen steht, wer entscheidet, wer vorher gehört wird und wer nur
informiert werden muss. Für ein mittelgroßes Projektgeschäft könnte sie so aussehen:

| Entscheidung | Fachbereich | Projektleitung | Geschäftsführung |
|---|---|---|---|
| Wer arbeitet im Projekt mit? | entscheidet | wird gehört | wird informiert |
| Ausgaben bis 10.000 € | wird informiert | entscheidet | – |
| Ausgaben über 10.000 € | wird gehört | schlägt vor | entscheidet |
| Termine gegenüber dem Kunden | wird gehört | entscheidet | wird informiert |
| Methoden und Qualitätsstandards | entscheidet | wird gehört | – |

Wichtig ist nicht, dass die Tabelle vollständig ist. Wichtig ist, dass sie die fünf oder sechs
Entscheidungen abdeckt, über die am häufigsten gestritten wird, und dass die Beteiligten sie
gemeinsam erarbeiten.

## So gehen Sie vor

Ein halber Tag mit den Beteiligten reicht für einen ersten Entwurf. Bewährt hat sich diese
Reihenfolge:
1. Sammeln Sie Entscheidungen, die in den letzten drei Monaten zu Ärger geführt haben.
2. Tragen Sie für jede ein, wer heute tatsächlich entscheidet – nicht, wer es laut Organigramm
   tun sollte.
3. Vereinbaren Sie, wer es künftig tut, und erproben Sie die Regel vier Wochen lang.

Nach dieser Probezeit wird nachjustiert. Eine Regel, die im Alltag niemand anwendet, gehört
gestrichen, nicht verteidigt.

## Veränderung braucht einen Ort

Rollenklärung ist keine einmalige Aufgabe. Projekte ändern sich, Menschen wechseln, neue Kunden
bringen neue Fragen mit. Geben Sie der Tabelle deshalb einen festen Ort – im Intranet, im
Projekthandbuch oder ganz klassisch an der Wand im Besprechungsraum – und einen Termin im
Quartal, an dem sie überprüft wird.
"""

_TRAINING = """\
Zwei Tage Seminar, gute Stimmung, volle Flipcharts – und drei Wochen später ist im Alltag kaum
etwas davon zu sehen. Wer Trainings organisiert oder besucht, kennt dieses Muster. Es liegt
selten an den Inhalten und fast nie an den Teilnehmenden. Es liegt daran, dass das Lernen nach
dem Seminar erst richtig anfängt.

## Vorher: ein konkreter Anlass

Die wirksamsten Trainings beginnen lange vor dem ersten Seminartag, mit einem Gespräch zwischen
Teilnehmerin und Führungskraft. Worum geht es genau? Welche Situation soll danach anders laufen?
„Besser kommunizieren“ ist kein Anlass. „Das Jahresgespräch mit einem langjährigen Mitarbeiter,
dessen Leistung nachgelassen hat“ ist einer.

## Währenddessen: üben statt zuhören

Ein gutes Businesstraining besteht zum größeren Teil aus Übung. Die Teilnehmenden bringen eigene
Fälle mit, spielen sie durch, bekommen Rückmeldung und versuchen es noch einmal. Das ist
anstrengender als ein Vortrag und manchmal unangenehm – genau deshalb wirkt es.

## Danach: kleine Verabredungen

Was nach dem Training geschieht, entscheidet über seinen Nutzen. Drei Verabredungen haben sich
bewährt:
- ein Termin mit der Führungskraft innerhalb von zwei Wochen, in dem über den ersten Versuch
  gesprochen wird,
- ein Lernpartner aus der Gruppe, mit dem man sich nach einem Monat austauscht,
- eine konkrete Situation im Kalender, in der das Gelernte angewendet wird.

Nichts davon kostet viel. Aber es macht aus einem angenehmen Seminar eine Investition, die sich
auszahlt.

## Was das für Führung bedeutet

Führungskräfte unterschätzen oft ihren Einfluss auf den Lernerfolg ihrer Leute. Eine einzige
Nachfrage – „Was hast du aus dem Training mitgenommen, und wie kann ich dich dabei
unterstützen?“ – zeigt, dass Entwicklung hier ernst gemeint ist. Wer diese Frage nicht stellt,
sendet ebenfalls eine Botschaft.
"""

_SCHRIJF_MEE = """\
Op deze site schrijven adviseurs en trainers over strategie, leiderschap en organisatie. Maar de
mooiste inzichten komen vaak niet van adviseurs. Ze komen van mensen die elke dag zelf een team
leiden, een verandering doorvoeren of een training geven. Daarom zoeken we gastauteurs.

## Wat we zoeken

We zoeken praktijkverhalen, geen reclame. Een goed artikel gaat over één situatie of één vraag
en laat zien wat u daarvan geleerd hebt. Denk aan onderwerpen als:
- een reorganisatie die anders liep dan gepland,
- een lastig gesprek dat u als leidinggevende moest voeren,
- een training of werkvorm die in uw team echt iets veranderde,
- een strategische keuze waar u achteraf trots op bent – of juist niet.

Artikelen zijn meestal tussen de 600 en 1.200 woorden lang. U mag schrijven in het Nederlands,
het Duits of het Engels.

## Hoe het werkt

Stuur ons eerst een korte pitch: een werktitel, drie tot vijf zinnen over de inhoud en een paar
regels over uzelf. Binnen twee weken hoort u van ons. Als het onderwerp past, werken we de tekst
samen met u uit. Een redacteur leest mee, stelt vragen en helpt met de opbouw, maar het blijft
uw verhaal en uw naam staat erboven.

## Waarom meedoen?

Schrijven dwingt tot nadenken. Wie een ervaring op papier zet, ziet vaak pas dan wat er
eigenlijk gebeurde en waarom. Bovendien bereikt u lezers die met dezelfde vragen worstelen – en
daar komen vaak waardevolle reacties op terug.

Twijfelt u nog? Begin klein. Een goed idee in drie zinnen is genoeg om het gesprek te beginnen.
Word een pro: schrijf mee.
"""

_OP_AFSTAND = """\
Sinds thuiswerken gewoon is geworden, zien veel leidinggevenden hun team minder vaak dan
vroeger. Sommige medewerkers zitten drie dagen per week thuis, anderen werken vanuit een ander
land. De vraag is niet meer óf je op afstand leidinggeeft, maar hoe je dat goed doet.

## Vertrouwen is een werkwoord

Wie op afstand werkt, kan niet even langs een bureau lopen. Voor sommige leidinggevenden is dat
een reden om strakker te controleren: meer statusrapporten, meer overleg, meer vinkjes in een
tool. Het effect is meestal het omgekeerde van wat ze willen. Mensen voelen zich gewantrouwd en
gaan vooral laten zien dát ze werken, in plaats van goed werk te leveren.

Beter werkt het om heldere afspraken over resultaten te maken en daarna ruimte te geven.
Vertrouwen geef je niet één keer; je laat het elke week opnieuw zien.

## Vaste momenten zonder agenda

Op kantoor ontstaan veel goede gesprekken toevallig: bij de koffieautomaat, na een vergadering,
op de gang. Op afstand gebeurt dat niet vanzelf. Plan daarom bewust momenten zonder agenda in.
Twee vormen die we vaak zien werken:
- een wekelijks kwartier per medewerker, waarin de medewerker bepaalt waarover het gaat,
- een korte gezamenlijke start van de week, waarin iedereen vertelt waar hij of zij mee bezig is.

## Let op wie je niet hoort

In online overleg praten vooral de mensen die dat op kantoor ook al deden. Stille collega's
verdwijnen nog sneller uit beeld. Een goede leidinggevende let daarom niet alleen op wat er
gezegd wordt, maar ook op wie er niets zegt – en vraagt daar na afloop even naar, één op één.

Leidinggeven op afstand is geen aparte discipline. Het is gewoon goed leidinggeven, maar dan
zonder de vangnetten van het kantoor.
"""

_EEN_A4 = """\
Veel strategiedocumenten zijn dik, zorgvuldig opgemaakt en worden na de presentatie nooit meer
geopend. Dat is jammer, want het denkwerk erachter is vaak prima. Het probleem zit in de vorm:
een strategie die niemand kan navertellen, stuurt ook niemands keuzes.

## Eén pagina als toets

Een eenvoudige toets: past de kern van uw strategie op één A4? Niet als samenvatting van een
groter document, maar als het document zelf. Wij gebruiken daarvoor vier vragen:
- Voor wie willen we de beste zijn?
- Wat bieden we hun dat anderen niet of minder goed bieden?
- Wat doen we daarom bewust níet?
- Waaraan zien we over een jaar dat we op koers liggen?

Het antwoord op elke vraag mag niet langer zijn dan een paar zinnen. Dat voelt in het begin als
een beperking. Juist die beperking dwingt tot de keuzes waar het om gaat.

## Van papier naar gesprek

Een A4 is geen eindproduct, maar een gespreksstuk. Leg het voor aan uw leidinggevenden en vraag
hen het in hun eigen woorden na te vertellen. Waar de verhalen uiteenlopen, is de strategie nog
niet helder genoeg – of is er nog geen echte overeenstemming.

Leg het daarna niet in een la, maar gebruik het. Begin elk kwartaaloverleg met de vraag welke
beslissingen van de afgelopen maanden bij deze pagina passen, en welke niet.

## Klein begonnen, groot effect

Het mooie van één pagina is dat iedereen hem kan lezen: van de directie tot de nieuwe collega in
de eerste week. Een strategie die zo gedeeld wordt, hoeft minder vaak uitgelegd te worden. Ze
zit in de hoofden.
"""

_PRE_MORTEM = """\
Most project reviews happen at the end, when it is too late to change anything. A pre-mortem
turns this around. Before a big decision is final, the team imagines that it has already failed
– and works out why.

## How it works

Gather the people who will carry out the plan. Then say something like: “It is a year from now.
We went ahead, and it went badly wrong. Take five minutes and write down what happened.”
Everyone writes on their own first, so that the loudest voice in the room does not set the
tone.[^1]

Then go round the table and collect the stories, one reason per person per round, until nothing
new comes up. You will typically end up with fifteen to thirty reasons. Many will overlap; a few
will surprise you.

## Why it works better than asking for risks

Ask a team “What are the risks?” and you often get a short, polite list. People do not want to
sound negative about a plan their manager is excited about. Treating the failure as something
that has already happened changes the question from “could this go wrong?” to “how did it go
wrong?” – and that makes it much easier to speak up.

## What to do with the results

Sort the reasons into three groups:

| Group | What it means | What you do |
|---|---|---|
| Fix now | A change to the plan removes the risk | Change the plan before you commit |
| Watch | Cannot be removed, but can be spotted early | Name a warning sign and an owner |
| Accept | Unlikely, or too costly to prevent | Write it down and move on |

The whole exercise takes about an hour. Compared with the cost of a failed launch, a failed
reorganisation or a failed hire, it is one of the cheapest forms of insurance a leadership team
can buy.

[^1]: The technique was popularised by the psychologist Gary Klein, who described it in the
    Harvard Business Review in 2007.
"""

_CHANGE_FATIGUE = """\
When employees roll their eyes at the next change programme, leaders often conclude that people
resist change. In our experience that diagnosis is usually wrong. People are not tired of
change. They are tired of changes that pile up, overlap and never quite finish.

## Count what is already going on

Before launching anything new, make a simple inventory. Ask each team what it is currently being
asked to change: new software, new processes, a new structure, new targets. Then put it all on
one wall. Leadership teams are regularly surprised by how long the list is – because each
initiative was approved on its own, nobody ever saw the total.

## Design for capacity, not for ambition

Every change draws on the same limited supply of attention. A useful rule of thumb: a team can
absorb one major change and a couple of minor ones at the same time. Anything beyond that
happens on paper only. Questions to ask before adding to the load:
- What will this team stop doing while it learns the new way?
- Which existing initiative can be finished, merged or cancelled first?
- Who will answer questions in the first weeks, when things are still awkward?

## Finish things visibly

Many initiatives never officially end; they simply fade away. That leaves people unsure which
rules still apply and makes them sceptical of the next announcement. Close each change with a
clear moment: what has changed, what was dropped along the way, what happens to the old process.
Mark it briefly, then take it off the list.

## A different question for leaders

Instead of asking “How do we overcome resistance?”, ask “How do we make this change easier to
absorb?” The second question leads to better timing, smaller steps and fewer parallel projects.
It also treats employees as what they usually are: people who want to do good work and need room
to do it.
"""

_ENTSCHEIDUNGEN_ENTWURF = """\
Teams treffen jeden Tag Dutzende Entscheidungen, die meisten davon nebenbei. Schwierig wird es
bei den Entscheidungen, die alle betreffen, aber niemandem allein gehören. Dieser Leitfaden
beschreibt vier Wege zu einer solchen Entscheidung und wann welcher passt.

## Vier Wege zur Entscheidung

Grob lassen sich vier Verfahren unterscheiden:
- Eine Person entscheidet allein, nachdem sie die anderen angehört hat.
- Das Team stimmt ab, und die Mehrheit entscheidet.
- Das Team sucht einen Konsens, bis niemand mehr widerspricht.
- Ein Vorschlag gilt als angenommen, wenn niemand einen schwerwiegenden Einwand hat.

## Noch offen

- Beispiele aus Projekten ergänzen
- Abschnitt zu Entscheidungen unter Zeitdruck
"""

_FIRST_100_DAYS = """\
Promotion to a first management role is one of the biggest changes in a working life, and one of
the least prepared for. On Friday you were a respected specialist; on Monday you are responsible
for people who were your peers last week. The first hundred days shape how the team will see you
for years.

## Listen before you change

New managers often feel they must prove themselves quickly with visible changes. Resist that
urge for the first month. Have a conversation with every team member and ask everyone the same
three questions:
- What should we keep, whatever happens?
- What gets in the way of your work?
- What do you expect from me?

Write the answers down. They will tell you more about the team than any handover document.

## Agree on how you will work together

By the end of the second month, agree a few explicit ground rules: how often you meet one to
one, how decisions are made, how quickly you answer messages. Explicit rules make the move from
colleague to manager less awkward for everyone.

## Pick one improvement and deliver it

In the third month, choose one problem the team raised in those first conversations and solve
it. Not the biggest one – one that matters and can be fixed within a few weeks. It shows that
listening leads somewhere.

A good business training for new managers does not replace this experience, but it helps people
go through it deliberately rather than by accident.
"""

ARTICLES = (
    DemoArticle(
        language="de",
        slug="strategie-beginnt-mit-weglassen",
        title="Strategie beginnt mit Weglassen",
        summary=(
            "Eine Strategie zeigt sich weniger in dem, was ein Unternehmen vorhat, als in dem, "
            "worauf es bewusst verzichtet."
        ),
        body=_WEGLASSEN,
        category="strategie",
        authors=("katrin-albers",),
        tags=("Strategie", "Prioritäten", "Größe"),
        days_ago=185,
        view_count=8791,
        cover=DemoCover(
            alt="Abstrakte Grafik: Farbverlauf von Nachtblau nach Petrol mit goldenen Kreisen",
            start=(20, 40, 80),
            end=(40, 140, 160),
            accent=(240, 200, 80),
        ),
        comments=(
            DemoComment(
                name="Thomas Brandner",
                email="thomas.brandner@example.org",
                body=(
                    "Die zweite Liste haben wir in unserer letzten Klausur tatsächlich "
                    "geschrieben. Sie war kürzer als gedacht – und hat mehr Diskussion ausgelöst "
                    "als alles andere an diesem Tag."
                ),
                signature="Thomas Brandner, Geschäftsführer eines Maschinenbauers",
                hours_after=30,
            ),
            DemoComment(
                name="Sabine Kühn",
                email="sabine.kuehn@example.org",
                body=(
                    "Der Abschnitt über Größe trifft es. Wir haben jahrelang jeden Auftrag "
                    "angenommen und uns gewundert, warum die Marge sinkt."
                ),
                hours_after=75,
            ),
        ),
    ),
    DemoArticle(
        language="de",
        slug="fuehrung-in-der-krise",
        title="Führung in der Krise",
        summary=(
            "Wenn es eng wird, zählen keine heroischen Entscheidungen, sondern ein paar "
            "unspektakuläre Gewohnheiten."
        ),
        body=_KRISE,
        category="fuehrung",
        authors=("katrin-albers", "joost-van-der-meulen"),
        tags=("Führung", "Krise", "Kommunikation"),
        days_ago=152,
        view_count=12655,
        cover=DemoCover(
            alt="Abstrakte Grafik: Farbverlauf von Dunkelrot nach Orange mit hellen Kreisen",
            start=(90, 20, 30),
            end=(220, 90, 60),
            accent=(255, 230, 200),
        ),
        comments=(
            DemoComment(
                name="Marijke de Vries",
                email="marijke.devries@example.org",
                body=(
                    "Sehr wiedererkennbar. Den festen Morgentermin empfehle ich auch – und ihn "
                    "nicht ausfallen zu lassen, wenn es gerade nichts Neues gibt."
                ),
                signature="Marijke de Vries, Teamcoaching",
                website="https://www.example.org/marijke-de-vries",
                hours_after=6,
            ),
            DemoComment(
                name="Lena Hoffmann",
                email="lena.hoffmann@example.org",
                body="Gibt es zu diesem Thema auch ein Seminar für Teamleitungen?",
                approved=False,
                hours_after=400,
            ),
        ),
    ),
    DemoArticle(
        language="de",
        slug="wer-entscheidet-was",
        title="Wer entscheidet was? Rollen klären in der Matrix",
        summary=(
            "Eine einfache Tabelle beendet mehr Abstimmungsschleifen als jedes neue Meeting-Format."
        ),
        body=_ROLLEN,
        category="organisation",
        authors=("katrin-albers",),
        tags=("Organisation", "Veränderung", "Entscheidungen"),
        days_ago=118,
        view_count=4310,
        cover=DemoCover(
            alt="Abstrakte Grafik: Farbverlauf von Tannengrün nach Hellgrün mit hellen Kreisen",
            start=(30, 70, 50),
            end=(120, 180, 120),
            accent=(250, 250, 240),
        ),
    ),
    DemoArticle(
        language="de",
        slug="was-von-einem-training-bleibt",
        title="Was von einem Training bleibt",
        summary="Ob sich ein Seminar lohnt, entscheidet sich vor allem davor und danach.",
        body=_TRAINING,
        category="businesstraining",
        authors=("joost-van-der-meulen",),
        tags=("Businesstraining", "Lernen", "Führung"),
        days_ago=96,
        view_count=2290,
        comments=(
            DemoComment(
                name="Bram Hoekstra",
                email="bram.hoekstra@example.org",
                body=(
                    "Der Punkt mit dem Lernpartner ist Gold wert. Wir vermitteln seitdem in jedem "
                    "Training Tandems, und die Rückmeldungen nach drei Monaten sind deutlich "
                    "konkreter."
                ),
                signature="Bram Hoekstra, Businesstraining & Coaching",
                hours_after=52,
            ),
        ),
    ),
    DemoArticle(
        language="nl",
        slug="word-een-pro-schrijf-mee",
        title="Word een pro! Schrijf mee",
        summary="We zoeken gastauteurs met een verhaal uit de praktijk. Zo werkt het.",
        body=_SCHRIJF_MEE,
        category="businesstraining",
        authors=("joost-van-der-meulen",),
        tags=("Schrijven", "Kennis delen"),
        days_ago=74,
        view_count=1984,
        cover=DemoCover(
            alt="Abstracte afbeelding: kleurverloop van oranje naar geel met donkerblauwe cirkels",
            start=(240, 120, 20),
            end=(250, 200, 60),
            accent=(30, 40, 90),
        ),
        comments=(
            DemoComment(
                name="Bram Hoekstra",
                email="bram.hoekstra@example.org",
                body=(
                    "Goed initiatief! Ik heb een stuk over feedbackgesprekken in de maak en stuur "
                    "binnenkort een pitch."
                ),
                signature="Bram Hoekstra, Businesstraining & Coaching",
                hours_after=10,
            ),
        ),
    ),
    DemoArticle(
        language="nl",
        slug="leidinggeven-op-afstand",
        title="Leidinggeven op afstand",
        summary="Hybride werken vraagt geen nieuwe vorm van leiderschap, wel meer bewuste keuzes.",
        body=_OP_AFSTAND,
        category="fuehrung",
        authors=("joost-van-der-meulen", "hannah-whitfield"),
        tags=("Leiderschap", "Hybride werken"),
        days_ago=61,
        view_count=3077,
        cover=DemoCover(
            alt="Abstracte afbeelding: kleurverloop van diep paars naar lila met gele vlakken",
            start=(40, 30, 90),
            end=(120, 90, 200),
            accent=(250, 210, 120),
        ),
        comments=(
            DemoComment(
                name="Femke Jansen",
                email="femke.jansen@example.org",
                body=(
                    "Het punt over vaste momenten zonder agenda herken ik. Bij ons werkt een "
                    "wekelijkse koffie van een kwartier beter dan welke tool dan ook."
                ),
                hours_after=28,
            ),
        ),
    ),
    DemoArticle(
        language="nl",
        slug="strategie-op-een-a4",
        title="Strategie op één A4",
        summary=(
            "Als uw strategie niet op één pagina past, is ze waarschijnlijk nog geen strategie."
        ),
        body=_EEN_A4,
        category="strategie",
        authors=("joost-van-der-meulen", "katrin-albers"),
        tags=("Strategie", "Focus"),
        days_ago=39,
        view_count=736,
    ),
    DemoArticle(
        language="en",
        slug="run-a-pre-mortem-before-you-commit",
        title="Run a pre-mortem before you commit",
        summary=(
            "Imagine the project has already failed, then ask why. An hour well spent before any "
            "big decision."
        ),
        body=_PRE_MORTEM,
        category="strategie",
        authors=("hannah-whitfield",),
        tags=("Strategy", "Risk", "Decision-making"),
        days_ago=23,
        view_count=5120,
        cover=DemoCover(
            alt="Abstract graphic: gradient from near-black to slate blue with red circles",
            start=(15, 15, 25),
            end=(70, 80, 110),
            accent=(230, 80, 80),
        ),
        comments=(
            DemoComment(
                name="Ruth Ellison",
                email="ruth.ellison@example.org",
                body=(
                    "We ran one before moving our warehouse last spring. Two of the “failure "
                    "stories” described almost exactly what had gone wrong at our previous site."
                ),
                signature="Ruth Ellison, Operations Lead",
                hours_after=14,
            ),
            DemoComment(
                name="David Okafor",
                email="david.okafor@example.org",
                body=(
                    "Useful. I would add one step: keep the list and look at it again at the first "
                    "milestone."
                ),
                hours_after=41,
            ),
        ),
    ),
    DemoArticle(
        language="en",
        slug="change-fatigue-is-a-design-problem",
        title="Change fatigue is a design problem",
        summary=(
            "People are rarely tired of change itself. They are tired of changes that pile up and "
            "never finish."
        ),
        body=_CHANGE_FATIGUE,
        category="organisation",
        authors=("hannah-whitfield", "katrin-albers"),
        tags=("Change Management", "Veränderung"),
        days_ago=9,
        view_count=1468,
        cover=DemoCover(
            alt="Abstract graphic: gradient from deep teal to mint with coral circles",
            start=(10, 90, 110),
            end=(140, 210, 200),
            accent=(250, 120, 90),
        ),
        comments=(
            DemoComment(
                name="Peter Olsen",
                email="peter.olsen@example.org",
                body=(
                    "The wall exercise is brutal and effective. We counted eleven parallel "
                    "initiatives for one team of six."
                ),
                signature="Peter Olsen, HR Business Partner",
                hours_after=20,
            ),
        ),
    ),
    DemoArticle(
        language="de",
        slug="entscheidungen-im-team",
        title="Entscheidungen im Team: ein Leitfaden",
        summary="Vier Wege zur gemeinsamen Entscheidung – und wann welcher passt.",
        body=_ENTSCHEIDUNGEN_ENTWURF,
        category="fuehrung",
        authors=("katrin-albers",),
        tags=("Führung", "Entscheidungen"),
        days_ago=0,
        draft=True,
    ),
    DemoArticle(
        language="en",
        slug="the-first-100-days-of-a-new-manager",
        title="The first 100 days of a new manager",
        summary=(
            "From peer to manager: listen first, agree how you work together, then deliver one "
            "improvement."
        ),
        body=_FIRST_100_DAYS,
        category="businesstraining",
        authors=("hannah-whitfield", "joost-van-der-meulen"),
        tags=("Leadership", "Onboarding"),
        days_ago=-12,
        cover=DemoCover(
            alt="Abstract graphic: gradient from dark brown to sand with cream circles and lines",
            start=(70, 50, 30),
            end=(200, 150, 90),
            accent=(255, 245, 220),
        ),
    ),
)
