"""The Author and Editor groups with exactly the permissions they need.

Permissions are created by Django after migrate; a fresh database needs them now, so they are
created here first (the documented recipe). The comments app adds its own permissions to the
Editor group in a migration of its own.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

AUTHOR = {
    "articles": [
        "add_article", "change_article", "view_article", "delete_article",
        "view_author", "view_category", "view_tag",
    ],
}
EDITOR = {
    "articles": [
        "add_article", "change_article", "view_article", "delete_article",
        "publish_article", "edit_any_article",
        "add_author", "change_author", "view_author", "delete_author",
        "add_category", "change_category", "view_category", "delete_category",
        "add_tag", "change_tag", "view_tag", "delete_tag",
        "view_sharelink",
    ],
    "redirects": ["add_redirect", "change_redirect", "view_redirect", "delete_redirect"],
    # To link an author record to a login (autocomplete on the author form).
    "auth": ["view_user"],
}
ROLES = {"Author": AUTHOR, "Editor": EDITOR}


def _permissions(apps, wanted):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, codenames in wanted.items():
        found += Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    missing = sum(len(codenames) for codenames in wanted.values()) - len(found)
    if missing:
        raise RuntimeError(f"{missing} permissions for the roles were not found")
    return found


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, wanted in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, wanted))


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, wanted in ROLES.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        group.permissions.remove(*_permissions(apps, wanted))
        if not group.permissions.exists():
            group.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_editorial_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("redirects", "0002_alter_redirect_new_path_help_text"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
