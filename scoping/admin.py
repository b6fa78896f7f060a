from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from scoping.models import Brief
from scoping.services import SOURCE_FIELDS, memo_freeze
from scoping.steps import QUESTION_STEPS


@admin.register(Brief)
class BriefAdmin(admin.ModelAdmin):
    list_display = ["company", "project_title", "contact_name", "preliminary_approach", "status", "submitted_at"]
    list_display_links = ["company", "project_title"]
    list_filter = ["status", "preliminary_approach", "submitted_at"]
    search_fields = ["company", "contact_email", "contact_name", "project_title", "project_summary"]
    date_hierarchy = "submitted_at"
    readonly_fields = [
        "token",
        "preliminary_approach",
        "created_at",
        "updated_at",
        "submitted_at",
        "reply_due_at",
        "memo_links",
        "memo_frozen_at",
        "memo_sent_at",
    ]
    actions = ["freeze_memos"]
    fieldsets = [
        ("Memo", {"fields": ["memo_links", "consultant_note", "memo_frozen_at", "memo_sent_at"]}),
        # The client's answers, grouped as the form asks them.
        *[(step.title, {"fields": step.form_class.Meta.fields}) for step in QUESTION_STEPS if step.form_class],
        ("Where they came from", {"fields": [*SOURCE_FIELDS]}),
        (
            "Record",
            {
                "fields": [
                    "status",
                    "preliminary_approach",
                    "token",
                    "created_at",
                    "updated_at",
                    "submitted_at",
                    "reply_due_at",
                ]
            },
        ),
    ]

    @admin.display(description="Preview")
    def memo_links(self, brief: Brief) -> str:
        if brief.status == Brief.Status.DRAFT:
            return "Available once the brief is submitted."
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Report</a> · '
            '<a href="{}" target="_blank" rel="noopener">Memo PDF</a>',
            reverse("scoping:report", args=[brief.token]),
            reverse("scoping:memo_pdf", args=[brief.token]),
        )

    @admin.action(description="Freeze the memo of the selected briefs")
    def freeze_memos(self, request: HttpRequest, briefs: QuerySet[Brief]) -> None:
        submitted = briefs.exclude(status=Brief.Status.DRAFT)
        for brief in submitted:
            memo_freeze(brief=brief)
        self.message_user(request, f"Froze {submitted.count()} memo(s); drafts were left alone.", messages.SUCCESS)
