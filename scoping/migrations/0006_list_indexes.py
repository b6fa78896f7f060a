"""Indexes for the consultants' brief list on PostgreSQL (production); SQLite, in development,
needs none at its sizes.

- Search: Django's case-insensitive `contains` is UPPER(column::text) LIKE '%term%', which no
  b-tree index can serve; a GIN trigram index on that same expression can.
- Order: the list shows open briefs first, soonest due first (scoping.admin.BriefAdmin). An index
  on that very expression lets PostgreSQL read the first page instead of sorting every brief.
  tests/test_review_indexes.py checks the planner still uses it, should the ordering change.
"""

from django.db import migrations

SEARCHED = ["company", "contact_email", "contact_name", "project_title", "project_summary"]
URGENCY = "(CASE WHEN status IN ('submitted', 'in_review') THEN 0 ELSE 1 END), reply_due_at, submitted_at DESC, id DESC"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in SEARCHED:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS scoping_brief_{column}_trgm "
            f"ON scoping_brief USING gin (UPPER({column}::text) gin_trgm_ops)"
        )
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS scoping_brief_urgency ON scoping_brief ({URGENCY})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in SEARCHED:
        schema_editor.execute(f"DROP INDEX IF EXISTS scoping_brief_{column}_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS scoping_brief_urgency")


class Migration(migrations.Migration):
    dependencies = [("scoping", "0005_consultants_group")]

    operations = [migrations.RunPython(create, drop)]
