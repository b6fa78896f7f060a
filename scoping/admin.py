from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from scoping.models import Brief
from scoping.services import memo_freeze


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
        "memo_links",
        "memo_frozen_at",
        "memo_sent_at",
    ]
    actions = ["freeze_memos"]
    fieldsets = [
        ("Memo", {"fields": ["memo_links", "consultant_note", "memo_frozen_at", "memo_sent_at"]}),
        ("Contact", {"fields": ["contact_name", "contact_email", "company", "contact_role"]}),
        ("Project", {"fields": ["project_title", "project_summary", "monthly_queries"]}),
        (
            "Knowledge",
            {
                "fields": [
                    "needs_private_knowledge",
                    "corpus_documents",
                    "corpus_tokens",
                    "update_frequency",
                    "needs_citations",
                    "multi_tenant",
                    "shared_base_many_use_cases",
                ]
            },
        ),
        (
            "Behaviour and constraints",
            {
                "fields": [
                    "strict_output_format",
                    "latency_or_cost_critical",
                    "structured_extraction",
                    "labeled_examples",
                    "specialized_vocabulary",
                    "fine_tune_goal",
                ]
            },
        ),
        ("Where they are", {"fields": ["has_eval_set", "prompting_status", "rag_status"]}),
        (
            "Record",
            {"fields": ["status", "preliminary_approach", "token", "created_at", "updated_at", "submitted_at"]},
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
