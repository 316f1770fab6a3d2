"""Editors keep the blocklist and close threads: the comments app grants what that needs."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = [
    "add_blockedterm", "change_blockedterm", "delete_blockedterm", "view_blockedterm",
    "add_thread", "change_thread", "view_thread",
]


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    found = list(Permission.objects.filter(content_type__app_label="comments", codename__in=EDITOR))
    if len(found) != len(EDITOR):
        raise RuntimeError("the comment permissions for the Editor group were not found")
    return found


def grant(apps, schema_editor):
    app_config = apps.get_app_config("comments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name="Editor")
    group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name="Editor").first()
    if group is not None:
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [("comments", "0003_threads_rules_privacy")]

    operations = [migrations.RunPython(grant, revoke)]
