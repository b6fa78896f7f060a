"""Consultants keep their own memo signature (scoping.review.signatures limits them to theirs)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Consultants"
CODENAMES = ["view_consultantprofile", "add_consultantprofile", "change_consultantprofile"]


def _permissions(apps, schema_editor):
    # Permissions are made after migrations; make them now, so the group gets them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        app_config.models_module = None
    return (
        apps.get_model("auth", "Permission")
        .objects.using(schema_editor.connection.alias)
        .filter(content_type__app_label="scoping", codename__in=CODENAMES)
    )


def grant(apps, schema_editor):
    group, _ = apps.get_model("auth", "Group").objects.using(schema_editor.connection.alias).get_or_create(name=GROUP)
    group.permissions.add(*_permissions(apps, schema_editor))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.using(schema_editor.connection.alias).filter(name=GROUP).first()
    if group:
        group.permissions.remove(*_permissions(apps, schema_editor))


class Migration(migrations.Migration):
    dependencies = [("scoping", "0011_consultant_profile_and_labels")]

    operations = [migrations.RunPython(grant, revoke)]
