"""The Consultants group, with only what reviewing briefs needs. Superusers manage the rest
(assumptions, users, erasure)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Consultants"
PERMISSIONS = [
    ("scoping", "view_brief"),
    ("scoping", "change_brief"),
    ("scoping", "view_briefevent"),
    ("decisions", "view_assumptionset"),
]


def make_group(apps, schema_editor):
    # Permissions are made after migrations; make them now, so a fresh database gets the group whole.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(schema_editor.connection.alias).get_or_create(name=GROUP)
    group.permissions.set(
        Permission.objects.using(schema_editor.connection.alias).get(content_type__app_label=app, codename=codename)
        for app, codename in PERMISSIONS
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.using(schema_editor.connection.alias).filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("scoping", "0004_review"),
        ("decisions", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(make_group, remove_group)]
