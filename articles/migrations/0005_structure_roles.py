"""Series and books for the roles: Editors manage them; Authors may pick them on their drafts
(the admin's autocomplete needs the view permission). Existing articles count their text as
changed when they were last saved, for the outdated-translation flag."""

from importlib import import_module

from django.db import migrations
from django.db.models import F

roles = import_module("articles.migrations.0003_roles")

AUTHOR = {"articles": ["view_series", "view_book", "view_article"]}
EDITOR = {
    "articles": [
        "add_series", "change_series", "view_series", "delete_series",
        "add_book", "change_book", "view_book", "delete_book",
    ],
}  # fmt: skip
ROLES = {"Author": AUTHOR, "Editor": EDITOR}


def grant(apps, schema_editor):
    roles.create_roles(apps, schema_editor)  # makes the permissions of the new models too
    Group = apps.get_model("auth", "Group")
    for name, wanted in ROLES.items():
        Group.objects.get(name=name).permissions.add(*roles._permissions(apps, wanted))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, wanted in ROLES.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*roles._permissions(apps, wanted))


def text_changed_when_saved(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Article.objects.filter(text_changed_at__isnull=True).update(text_changed_at=F("updated_at"))


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_structure")]

    operations = [
        migrations.RunPython(grant, revoke),
        migrations.RunPython(text_changed_when_saved, migrations.RunPython.noop),
    ]
