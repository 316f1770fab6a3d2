"""Body ids now start with "s-" (articles/markdown.py ID_PREFIX): render the stored HTML of
every article again so headings, the table of contents and in-body links agree. The HTML is
derived from the Markdown, so this is no change of an article (no revision) and reversing it
renders with whatever renderer is current, which is harmless."""

from django.db import migrations


def rerender(apps, schema_editor):
    from articles.markdown import render_stored_bodies

    render_stored_bodies(apps.get_model("articles", "Article"))


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_editions")]

    operations = [migrations.RunPython(rerender, migrations.RunPython.noop)]
