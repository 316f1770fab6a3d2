"""Tables sit in a box of their own that scrolls sideways, and tables' boxes and code blocks
take the keyboard's focus; body images load lazily (articles/markdown.py): render the stored
HTML of every article again. As in 0007 and 0008 the HTML is derived from the Markdown, so
this is no change of an article (no revision)."""

from django.db import migrations


def rerender(apps, schema_editor):
    from articles.markdown import render_stored_bodies

    render_stored_bodies(apps.get_model("articles", "Article"))


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_table_alignment_classes")]

    operations = [migrations.RunPython(rerender, migrations.RunPython.noop)]
