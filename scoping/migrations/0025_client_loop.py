"""Sent memos become versions: every memo sent before is version 1, its PDF the very bytes it was
(the row is kept, only filled in: its frozen memo, when and by whom it was sent). Briefs may be
revised (a status of their own), the client asked questions and their scope accepted."""

import django.core.validators
import django.db.models.deletion
import re
from django.conf import settings
from django.db import migrations, models


def sent_memos_become_version_1(apps, schema_editor):
    SentMemo = apps.get_model("scoping", "SentMemo")
    BriefEvent = apps.get_model("scoping", "BriefEvent")
    for sent in SentMemo.objects.select_related("brief").defer("pdf").iterator():
        brief = sent.brief
        event = BriefEvent.objects.filter(brief=brief, action="send_memo").order_by("-at", "-pk").first()
        sent.number = 1
        sent.snapshot = brief.memo_snapshot
        sent.sent_at = brief.memo_sent_at
        sent.sent_by_id = event.actor_id if event is not None else brief.assigned_to_id
        sent.save(update_fields=["number", "snapshot", "sent_at", "sent_by"])  # the PDF is not written


class Migration(migrations.Migration):
    dependencies = [
        ("scoping", "0024_budget_as_the_client_says_it"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ClientQuestion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "text",
                    models.TextField(
                        max_length=1000,
                        validators=[
                            django.core.validators.RegexValidator(
                                re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]"),
                                code="control_characters",
                                inverse_match=True,
                                message="Take out the invisible control characters (they come with some pasted text), then save again.",
                            )
                        ],
                    ),
                ),
                ("rule_id", models.CharField(blank=True, max_length=64, verbose_name="engine rule")),
                ("field", models.CharField(blank=True, max_length=64, verbose_name="about the answer")),
                ("asked_at", models.DateTimeField()),
                (
                    "answer",
                    models.TextField(
                        blank=True,
                        max_length=2000,
                        validators=[
                            django.core.validators.RegexValidator(
                                re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]"),
                                code="control_characters",
                                inverse_match=True,
                                message="Take out the invisible control characters (they come with some pasted text), then save again.",
                            )
                        ],
                    ),
                ),
                ("old_value", models.TextField(blank=True, verbose_name="answer before")),
                ("new_value", models.TextField(blank=True, verbose_name="answer after")),
                ("answered_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={
                "verbose_name": "question to the client",
                "ordering": ["asked_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="ScopeAcceptance",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "name",
                    models.CharField(
                        max_length=120,
                        validators=[
                            django.core.validators.RegexValidator(
                                re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]"),
                                code="control_characters",
                                inverse_match=True,
                                message="Take out the invisible control characters (they come with some pasted text), then save again.",
                            )
                        ],
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        max_length=120,
                        validators=[
                            django.core.validators.RegexValidator(
                                re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]"),
                                code="control_characters",
                                inverse_match=True,
                                message="Take out the invisible control characters (they come with some pasted text), then save again.",
                            )
                        ],
                    ),
                ),
                ("accepted_at", models.DateTimeField()),
                ("pdf_sha256", models.CharField(max_length=64, verbose_name="SHA-256 of the PDF accepted")),
            ],
            options={
                "verbose_name": "scope acceptance",
                "ordering": ["accepted_at", "pk"],
            },
        ),
        migrations.AlterModelOptions(
            name="sentmemo",
            options={"ordering": ["brief", "number"], "verbose_name": "sent memo version"},
        ),
        migrations.AddField(
            model_name="sentmemo",
            name="changes",
            field=models.TextField(
                blank=True,
                validators=[
                    django.core.validators.RegexValidator(
                        re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]"),
                        code="control_characters",
                        inverse_match=True,
                        message="Take out the invisible control characters (they come with some pasted text), then save again.",
                    )
                ],
                verbose_name="what changed",
            ),
        ),
        migrations.AddField(
            model_name="sentmemo",
            name="number",
            field=models.PositiveSmallIntegerField(default=1, verbose_name="version"),
        ),
        migrations.AddField(
            model_name="sentmemo",
            name="sent_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="sentmemo",
            name="sent_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="sentmemo",
            name="snapshot",
            field=models.JSONField(blank=True, editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="brief",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("submitted", "Submitted"),
                    ("in_review", "In review"),
                    ("memo_sent", "Memo sent"),
                    ("won", "Won"),
                    ("lost", "Lost"),
                    ("declined", "Declined (not a fit)"),
                    ("spam", "Spam"),
                    ("revising", "Revising the memo"),
                ],
                db_index=True,
                default="draft",
                max_length=16,
            ),
        ),
        migrations.AlterField(
            model_name="outgoingemail",
            name="kind",
            field=models.CharField(
                choices=[
                    ("acknowledgment", "acknowledgment to the client"),
                    ("consultant_notification", "new-brief notice to the consultants"),
                    ("resume_link", "link to finish the brief"),
                    ("memo", "scope memo"),
                    ("declined", "decline"),
                    ("unread_memo", "unread-memo reminder"),
                    ("assigned", "assignment notice"),
                    ("due_soon", "reply-due-soon nudge"),
                    ("overdue", "overdue nudge"),
                    ("scope_accepted", "scope accepted: notice to the consultant"),
                    ("questions", "questions to the client"),
                    ("questions_answered", "client's answers: notice to the consultant"),
                ],
                max_length=32,
            ),
        ),
        migrations.AlterField(
            model_name="sentmemo",
            name="brief",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="memo_versions", to="scoping.brief"
            ),
        ),
        migrations.AlterField(
            model_name="sentmemo",
            name="etag",
            field=models.CharField(max_length=64, verbose_name="SHA-256 of the PDF"),
        ),
        migrations.RunPython(sent_memos_become_version_1, migrations.RunPython.noop, elidable=False),
        migrations.AddConstraint(
            model_name="sentmemo",
            constraint=models.UniqueConstraint(fields=("brief", "number"), name="sent_memo_one_number_a_brief"),
        ),
        migrations.AddField(
            model_name="clientquestion",
            name="asked_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="clientquestion",
            name="brief",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="questions", to="scoping.brief"
            ),
        ),
        migrations.AddField(
            model_name="scopeacceptance",
            name="brief",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="acceptances", to="scoping.brief"
            ),
        ),
        migrations.AddField(
            model_name="scopeacceptance",
            name="version",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE, related_name="acceptance", to="scoping.sentmemo"
            ),
        ),
    ]
