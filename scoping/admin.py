from django.contrib import admin

from scoping.models import Brief


@admin.register(Brief)
class BriefAdmin(admin.ModelAdmin):
    list_display = ["company", "project_title", "contact_name", "preliminary_approach", "status", "submitted_at"]
    list_display_links = ["company", "project_title"]
    list_filter = ["status", "preliminary_approach", "submitted_at"]
    search_fields = ["company", "contact_email", "contact_name", "project_title", "project_summary"]
    date_hierarchy = "submitted_at"
    readonly_fields = ["token", "preliminary_approach", "created_at", "updated_at", "submitted_at"]
    fieldsets = [
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
