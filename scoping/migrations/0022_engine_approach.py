from django.db import migrations


class Migration(migrations.Migration):
    """One fact, one name: the engine's approach of record was "preliminary_approach"."""

    dependencies = [("scoping", "0021_outbox")]

    operations = [migrations.RenameField("brief", "preliminary_approach", "engine_approach")]
