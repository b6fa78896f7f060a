"""The consultants' brief list with 100,000 briefs on PostgreSQL, as a consultant opens it.

Target (issue 5): p50 under 250 ms for the list, its overdue and waiting filters and a search, with the same
number of queries whatever the page size. Uses the database DATABASE_URL names, or creates
`scope_bench` on the local PostgreSQL (kept, so a second run skips the seeding).
"""

import os
import random
import sys
from datetime import timedelta

BRIEFS = 100_000
RUNS = 20
LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432"


def ensure_database() -> None:
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    import psycopg

    with psycopg.connect(f"{LOCAL_POSTGRES}/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = 'scope_bench'").fetchone():
            connection.execute("CREATE DATABASE scope_bench")
    os.environ["DATABASE_URL"] = f"{LOCAL_POSTGRES}/scope_bench"


def seed(count: int) -> None:
    from django.utils import timezone

    from decisions.ladder import Approach
    from scoping.models import Brief, new_token

    have = Brief.objects.count()
    if have >= count:
        return
    print(f"seeding {count - have:,} briefs ...", flush=True)
    rng = random.Random(7)
    now = timezone.now()
    statuses = [s for s in Brief.Status if s != Brief.Status.DRAFT]
    batch = []
    for n in range(have, count):
        submitted = now - timedelta(minutes=rng.randrange(0, 60 * 24 * 365))
        batch.append(
            Brief(
                token=new_token(),
                status=rng.choice(statuses) if n % 10 else Brief.Status.SUBMITTED,
                contact_name=f"Client {n}",
                contact_email=f"client{n}@company{n % 5000}.example",
                company=f"Company {n % 5000}",
                project_title=f"Project {n}: {rng.choice(['support', 'search', 'extraction', 'triage'])} assistant",
                project_summary="A brief made for the benchmark. " * 8,
                engine_approach=rng.choice(list(Approach)).value,
                submitted_at=submitted,
                reply_due_at=submitted + timedelta(days=1),
                steps_done=5,
            )
        )
        if len(batch) == 5_000:
            Brief.objects.bulk_create(batch)
            batch = []
    Brief.objects.bulk_create(batch)


def seed_questions() -> None:
    """A question to the client on one brief in twenty, half of them still waiting for an answer
    (and those briefs that are open waiting for the client, as questions_ask would have it)."""
    from django.db.models import F
    from django.db.models.functions import Mod

    from scoping.models import Brief, ClientQuestion

    if ClientQuestion.objects.exists():
        return
    print("seeding questions ...", flush=True)
    asked = Brief.objects.alias(every=Mod("pk", 20)).filter(every=0)
    ClientQuestion.objects.bulk_create(
        ClientQuestion(
            brief_id=brief.pk,
            text="Who reads the answers?",
            asked_at=brief.submitted_at + timedelta(hours=1),
            answered_at=None if n % 2 else brief.submitted_at + timedelta(hours=3),
        )
        for n, brief in enumerate(asked.only("pk", "submitted_at").iterator())
    )
    unanswered = ClientQuestion.objects.filter(answered_at__isnull=True).values("brief")
    Brief.objects.open().filter(pk__in=unanswered).update(waiting_for_client_since=F("submitted_at"))


def main() -> int:
    ensure_database()
    from benchmarks.django_setup import setup_django

    setup_django()
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from benchmarks.timing import measure, report
    from tests.support.factories import ConsultantFactory

    seed(BRIEFS)
    seed_questions()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE scoping_brief")
        cursor.execute("ANALYZE scoping_clientquestion")
    consultant = ConsultantFactory(username="bench-consultant")
    client = Client()
    client.force_login(consultant)
    met = True
    for name, params in [
        ("brief list", {}),
        ("overdue filter", {"due": "overdue"}),
        ("waiting for the client", {"due": "waiting"}),
        ("search", {"q": "company 4242"}),
    ]:

        def fetch(params: dict[str, str] = params) -> None:
            response = client.get("/admin/scoping/brief/", params)
            assert response.status_code == 200, response.status_code

        reset_queries()  # the log keeps 9,000 queries at most, and migrating filled it
        with CaptureQueriesContext(connection) as queries:
            fetch()
        samples = measure(fetch, repeat=RUNS)
        met &= report(
            f"{name} ({BRIEFS:,} briefs, {len(queries)} queries)", samples, unit="ms", scale=1000, p50_target=250
        )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
