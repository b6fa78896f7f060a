from django.contrib import admin
from django.http import HttpRequest

from decisions.models import AssumptionSet
from decisions.services import assumptions_revise


@admin.register(AssumptionSet)
class AssumptionSetAdmin(admin.ModelAdmin):
    """Saving a revision, even from an old one's page, always adds a new version."""

    list_display = ["__str__", "created_at", "created_by", "note"]
    readonly_fields = ["version", "created_at", "created_by"]
    save_as = False
    fieldsets = [
        ("Revision", {"fields": ["version", "created_at", "created_by", "note"]}),
        (
            "Prices",
            {
                "fields": [
                    "currency",
                    "frontier_price_per_million_tokens",
                    "small_model_price_per_million_tokens",
                    "output_tokens_per_query",
                    "retrieval_cost_per_query",
                    "team_weekly_rate",
                ]
            },
        ),
        (
            "Per approach",
            {
                "fields": [
                    ("prompt_tokens_prompting", "setup_weeks_prompting", "maintenance_weeks_prompting"),
                    ("prompt_tokens_rag", "setup_weeks_rag", "maintenance_weeks_rag"),
                    ("prompt_tokens_fine_tuning", "setup_weeks_fine_tuning", "maintenance_weeks_fine_tuning"),
                    (
                        "prompt_tokens_rag_fine_tuning",
                        "setup_weeks_rag_fine_tuning",
                        "maintenance_weeks_rag_fine_tuning",
                    ),
                ]
            },
        ),
        ("Prompt caching", {"fields": ["cached_share", "cached_price_factor"]}),
        (
            "Fine-tuning",
            {
                "fields": [
                    "training_price_per_million_tokens",
                    "training_tokens_per_run",
                    "training_epochs",
                    "fine_tuned_hosting_per_month",
                    "eval_run_cost",
                ]
            },
        ),
        (
            "Upkeep and budget",
            {"fields": ["amortize_months", "retraining_cadence_months", "retraining_weeks", "budget_brackets"]},
        ),
    ]

    def save_model(self, request: HttpRequest, obj: AssumptionSet, form, change: bool) -> None:
        assumptions_revise(proposed=obj, by=request.user)

    def has_delete_permission(self, request: HttpRequest, obj: AssumptionSet | None = None) -> bool:
        return False
