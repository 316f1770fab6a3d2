"""The privacy notice the comment form links to: one flat page per edition, a first version the
editors then keep in the admin ("Flat pages"); Editors may change and view flat pages.

The text is a sensible default, not legal advice: the site's operator completes it (who they
are, how to reach them). The reverse removes the pages and the Editor permissions again.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = ["change_flatpage", "view_flatpage"]


def _days() -> int:
    return getattr(settings, "COMMENT_IP_HASH_DAYS", 30)


def _pages() -> dict[str, tuple[str, str]]:
    days = _days()
    return {
        "/de/datenschutz/": (
            "Datenschutz",
            f"""<p>Hier steht, was wir speichern, wenn Sie einen Artikel kommentieren,
wozu, wie lange, und wie Sie Auskunft oder Löschung bekommen.</p>
<h2>Was wir speichern</h2>
<ul>
<li><strong>Name, Website, Signaturzeile und Kommentartext</strong>: Sie werden mit dem Kommentar
veröffentlicht, sobald die Redaktion ihn freigegeben hat.</li>
<li><strong>E-Mail-Adresse</strong>: wird nie angezeigt, weder auf der Seite noch in Feeds. Die
Redaktion nutzt sie nur für Rückfragen zu Ihrem Kommentar und, wenn Sie es wünschen, für
Benachrichtigungen über Antworten.</li>
<li><strong>IP-Adresse</strong>: wird nie gespeichert. Wir speichern nur einen mit einem geheimen
Schlüssel gebildeten Hashwert, um Spam und Missbrauch zu erkennen. Dieser Wert wird nach
{days} Tagen gelöscht.</li>
</ul>
<h2>Wozu</h2>
<p>Um Ihren Kommentar zu veröffentlichen, die Diskussion lesbar zu halten und die Seite vor Spam zu
schützen (berechtigtes Interesse, Art. 6 Abs. 1 lit. f DSGVO), und mit Ihrer Einwilligung, die Sie
mit dem Häkchen im Kommentarformular geben (Art. 6 Abs. 1 lit. a DSGVO).</p>
<h2>Benachrichtigungen über Antworten</h2>
<p>Nur wenn Sie sie im Formular wählen und den Link in unserer Bestätigungsmail anklicken. Jede
Benachrichtigung enthält einen Link, mit dem Sie sie mit einem Klick abbestellen.</p>
<h2>Auskunft und Löschung</h2>
<p>Schreiben Sie der Redaktion. Wir schicken Ihnen alle Kommentare zu Ihrer E-Mail-Adresse als
Datei oder löschen sie. Nach dem Löschen bleiben Antworten anderer lesbar; an der Stelle Ihres
Kommentars steht dann „Kommentar auf Wunsch des Autors entfernt“.</p>
""",
        ),
        "/nl/privacy/": (
            "Privacyverklaring",
            f"""<p>Hier leest u wat wij bewaren als u op een artikel reageert, waarom,
hoe lang, en hoe u inzage of verwijdering krijgt.</p>
<h2>Wat wij bewaren</h2>
<ul>
<li><strong>Naam, website, ondertekening en tekst van de reactie</strong>: die worden met de
reactie gepubliceerd zodra de redactie haar heeft goedgekeurd.</li>
<li><strong>E-mailadres</strong>: wordt nooit getoond, niet op de site en niet in feeds. De
redactie gebruikt het alleen voor vragen over uw reactie en, als u dat wilt, voor berichten
over antwoorden.</li>
<li><strong>IP-adres</strong>: wordt nooit opgeslagen. Wij bewaren alleen een met een geheime
sleutel berekende hashwaarde om spam en misbruik te herkennen. Die waarde wordt na {days}
dagen gewist.</li>
</ul>
<h2>Waarom</h2>
<p>Om uw reactie te publiceren, de discussie leesbaar te houden en de site tegen spam te beschermen
(gerechtvaardigd belang, art. 6 lid 1 onder f AVG), en met uw toestemming, die u met het vinkje
in het reactieformulier geeft (art. 6 lid 1 onder a AVG).</p>
<h2>Berichten over antwoorden</h2>
<p>Alleen als u dat in het formulier kiest en de link in onze bevestigingsmail aanklikt. Elk
bericht bevat een link waarmee u zich met één klik afmeldt.</p>
<h2>Inzage en verwijdering</h2>
<p>Schrijf de redactie. Wij sturen u alle reacties bij uw e-mailadres als bestand, of wij
verwijderen ze. Daarna blijven antwoorden van anderen leesbaar; op de plaats van uw reactie
staat dan „Reactie verwijderd op verzoek van de auteur”.</p>
""",
        ),
        "/en/privacy/": (
            "Privacy notice",
            f"""<p>What we store when you comment on an article, why, for how long, and how to get a
copy or have it erased.</p>
<h2>What we store</h2>
<ul>
<li><strong>Name, website, signature line and comment text</strong>: published with your comment
once the editors have approved it.</li>
<li><strong>E-mail address</strong>: never shown, neither on the site nor in feeds. The editors
use it only to ask you about your comment and, if you ask for them, to tell you about
replies.</li>
<li><strong>IP address</strong>: never stored. We keep only a hash made with a secret key, to
recognise spam and abuse, and clear it after {days} days.</li>
</ul>
<h2>Why</h2>
<p>To publish your comment, keep the discussion readable and protect the site from spam
(legitimate interest, Art. 6(1)(f) GDPR), and with your consent, given with the tick box in the
comment form (Art. 6(1)(a) GDPR).</p>
<h2>Reply notifications</h2>
<p>Only if you choose them in the form and confirm through the link in our confirmation mail.
Every notification has a link to unsubscribe with one click.</p>
<h2>A copy or erasure</h2>
<p>Write to the editors. We send you every comment made with your e-mail address as a file, or
erase them. Replies by others stay readable; where your comment was, it then says "Comment
removed at the author's request".</p>
""",
        ),
    }


def _site(apps):
    Site = apps.get_model("sites", "Site")
    domain = urlsplit(getattr(settings, "SITE_URL", "") or "").netloc or "example.com"
    site, _created = Site.objects.get_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": domain}
    )
    return site


def create_pages(apps, schema_editor):
    FlatPage = apps.get_model("flatpages", "FlatPage")
    site = _site(apps)
    for url, (title, content) in _pages().items():
        page, created = FlatPage.objects.get_or_create(
            url=url, defaults={"title": title, "content": content}
        )
        page.sites.add(site)
    app_config = apps.get_app_config("flatpages")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Editor")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="flatpages", codename__in=EDITOR)
    )


def remove_pages(apps, schema_editor):
    FlatPage = apps.get_model("flatpages", "FlatPage")
    FlatPage.objects.filter(url__in=list(_pages())).delete()
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Editor").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="flatpages", codename__in=EDITOR)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0004_editor_blocklist"),
        ("flatpages", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_pages, remove_pages)]
