"""On PostgreSQL, the brief list's indexes match the queries the admin really sends (an index on a
slightly different expression would be silently ignored). Seq scans are switched off, so the plan
shows whether an index *can* serve the query, whatever the table's size."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test import RequestFactory

from scoping.models import Brief
from tests.support.factories import BriefFactory, ConsultantFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL indexes (CI runs them on PostgreSQL)"),
]


def plan(queryset, *, disable: tuple[str, ...]) -> str:
    """The plan with some of the planner's choices priced out (``disable``: seqscan, sort, ...):
    on a tiny table it would pick those anyway, so what is left shows what an index can serve."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        for choice in disable:
            cursor.execute(f"SET LOCAL enable_{choice} = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def changelist_queryset(**params: str):
    request = RequestFactory().get("/admin/scoping/brief/", params)
    request.user = ConsultantFactory()
    brief_admin = admin.site._registry[Brief]
    return brief_admin.get_changelist_instance(request).get_queryset(request)


def test_the_first_page_is_read_in_order_from_the_urgency_index():
    BriefFactory.create_batch(3)

    shown = plan(changelist_queryset()[:50], disable=("seqscan", "sort"))

    assert "scoping_brief_urgency" in shown
    assert "Sort" not in shown


def test_search_uses_the_trigram_indexes():
    BriefFactory.create_batch(3)

    # The search's filter alone: whether the trigram indexes can find the rows.
    shown = plan(changelist_queryset(q="helpdesk").order_by(), disable=("seqscan", "indexscan"))

    assert "scoping_brief_company_trgm" in shown
    assert "scoping_brief_project_summary_trgm" in shown
