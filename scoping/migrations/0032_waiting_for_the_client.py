"""The clock waits for the client: a brief's reply waits while questions of ours, asked by its
deadline, wait for the client's answers (Brief.waiting_for_client_since), and questions left
unanswered when a brief moved on lapse (ClientQuestion.lapsed_at). Both are worked out here for the
rows there are; the brief list's order index (0006) puts waiting briefs after those on the clock."""

from django.db import migrations, models
from django.db.models import Exists, Min, OuterRef, Q, Subquery
from django.utils import timezone

IN_THE_MAKING = ("submitted", "in_review", "revising")  # Brief.MEMO_IN_THE_MAKING when this was written
OPEN = ("submitted", "in_review")  # Brief.OPEN_STATUSES
OLD_ORDER = "(CASE WHEN status IN ('submitted', 'in_review') THEN 0 ELSE 1 END), reply_due_at, submitted_at DESC, id DESC"
ORDER = (
    "(CASE WHEN status IN ('submitted', 'in_review') THEN 0 ELSE 1 END), waiting_for_client_since NULLS FIRST, "
    "reply_due_at, submitted_at DESC, id DESC"
)


def wait_for_the_client(apps, schema_editor):
    ClientQuestion = apps.get_model("scoping", "ClientQuestion")
    Brief = apps.get_model("scoping", "Brief")
    BriefEvent = apps.get_model("scoping", "BriefEvent")
    # Left behind: no memo in the making now, or a move that ended its making since they were asked
    # (the brief came back since: a decline or a memo sent, then reopened or revised).
    moved_on_since = BriefEvent.objects.filter(
        brief=OuterRef("brief"), from_status__in=IN_THE_MAKING, at__gt=OuterRef("asked_at")
    ).exclude(to_status__in=IN_THE_MAKING)
    left_behind = ~Q(brief__status__in=IN_THE_MAKING) | Exists(moved_on_since)
    ClientQuestion.objects.filter(left_behind, answered_at__isnull=True).update(lapsed_at=timezone.now())
    holding = (
        ClientQuestion.objects.filter(
            brief=OuterRef("pk"), answered_at__isnull=True, lapsed_at__isnull=True, asked_at__lte=OuterRef("reply_due_at")
        )
        .values("brief")
        .annotate(first=Min("asked_at"))
        .values("first")
    )
    Brief.objects.filter(status__in=OPEN).update(waiting_for_client_since=Subquery(holding))


def order_index(order):
    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("DROP INDEX IF EXISTS scoping_brief_urgency")
            schema_editor.execute(f"CREATE INDEX scoping_brief_urgency ON scoping_brief ({order})")

    return create


class Migration(migrations.Migration):
    dependencies = [
        ("scoping", "0031_sent_memo_approach"),
    ]

    operations = [
        migrations.AddField(
            model_name="brief",
            name="waiting_for_client_since",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="waiting for the client since"
            ),
        ),
        migrations.AddField(
            model_name="clientquestion",
            name="lapsed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="moved on unanswered"),
        ),
        migrations.AlterField(
            model_name="webhookdelivery",
            name="event",
            field=models.CharField(
                choices=[
                    ("brief.submitted", "brief submitted"),
                    ("brief.assigned", "brief assigned"),
                    ("brief.declined", "brief declined"),
                    ("brief.questions_asked", "questions sent to the client"),
                    ("brief.questions_answered", "the client answered our questions"),
                    ("memo.sent", "memo sent"),
                    ("memo.viewed", "memo first viewed"),
                    ("scope.accepted", "scope accepted"),
                    ("deal.won", "deal won"),
                    ("deal.lost", "deal lost"),
                ],
                max_length=32,
            ),
        ),
        migrations.RunPython(wait_for_the_client, migrations.RunPython.noop),
        migrations.RunPython(order_index(ORDER), order_index(OLD_ORDER)),
    ]
