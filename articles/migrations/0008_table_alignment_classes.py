"""Table cells are aligned with classes now, not ``style="text-align:…"`` (articles/markdown.py),
because the public pages' Content-Security-Policy allows no inline styles: render the stored
HTML of every article again. As in 0007, the HTML is derived from the Markdown, so this is no
change of an article (no revision); reversing it renders with whatever renderer is current."""

from django.db import migrations


def rerender(apps, schema_editor):
    from articles.markdown import render_stored_bodies

    render_stored_bodies(apps.get_model("articles", "Article"))


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_prefix_body_ids")]

    operations = [migrations.RunPython(rerender, migrations.RunPython.noop)]
