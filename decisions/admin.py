from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from decisions.models import AssumptionSet
from decisions.services import assumptions_revise


class RevisionForm(forms.ModelForm):
    """A version's page is the start of the next one: its values, and an empty note to say what changes."""

    class Meta:
        model = AssumptionSet
        fields: list[str] = []  # the admin sets the fields it shows

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "note" in self.fields:
            self.initial["note"] = ""
            self.fields["note"].label = "What this new version changes"


@admin.register(AssumptionSet)
class AssumptionSetAdmin(admin.ModelAdmin):
    """Saving a revision, even from an old one's page, always adds a new version: the page says so."""

    form = RevisionForm
    list_display = ["__str__", "current", "created_at", "created_by", "note"]
    readonly_fields = ["version", "created_at", "created_by"]
    save_as = False
    fieldsets = [
        ("Revision", {"fields": ["version", "created_at", "created_by", "note"]}),
        (
            "What the prices are",
            {"fields": ["currency", "prices_as_of", "frontier_model", "small_model", "platform", "exchange_rates"]},
        ),
        (
            "Requests",
            {
                "fields": [
                    "frontier_price_per_million_tokens",
                    "small_model_price_per_million_tokens",
                    "output_tokens_per_request",
                    "request_tokens",
                    "retrieved_tokens_per_request",
                    "retrieval_per_1000_requests",
                    ("cached_share", "cached_price_factor"),
                ]
            },
        ),
        (
            "Per approach",
            {
                "fields": [
                    (f"instructions_tokens_{a}", f"setup_weeks_{a}", f"maintenance_weeks_{a}")
                    for a in ("prompting", "rag", "fine_tuning", "rag_fine_tuning")
                ]
            },
        ),
        ("The team", {"fields": ["team_weekly_rate", "contingency_percent", "build_usage_per_week"]}),
        (
            "Fine-tuning",
            {
                "fields": [
                    "training_price_per_million_tokens",
                    "training_epochs",
                    "training_examples_if_none",
                    ("hosting", "dedicated_hourly_rate"),
                    ("retraining_cadence_months", "retraining_weeks"),
                    ("migration_every_months", "migration_weeks"),
                ]
            },
        ),
        ("Measuring", {"fields": ["eval_cases_if_none", "eval_runs_during_build", "eval_runs_per_month"]}),
        (
            "Running",
            {
                "fields": [
                    "app_hosting_per_month",
                    ("index_hosting_per_million_tokens", "index_hosting_min_per_month"),
                    ("observability_per_month", "observability_per_1000_requests"),
                    "guardrails_per_1000_requests",
                    "security_review",
                    ("review_minutes_per_output", "reviewer_hourly_cost"),
                ]
            },
        ),
        (
            "The client's own time, and budget brackets",
            {"fields": ["client_decider_hours_per_week", "client_expert_days_per_discovery_week", "budget_brackets"]},
        ),
    ]

    @admin.display(description="in force")
    def current(self, revision: AssumptionSet) -> str:
        return "current" if revision.pk == AssumptionSet.current().pk else ""

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None):
        revision = self.get_object(request, object_id)
        if revision is not None and self.has_change_permission(request, revision):
            in_force = " (the current one)" if revision.pk == AssumptionSet.current().pk else ""
            extra_context = {
                **(extra_context or {}),
                "title": f"New version from {revision}{in_force}",
                "show_save_and_add_another": False,
                "show_save_and_continue": False,
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request: HttpRequest, obj: AssumptionSet, form, change: bool) -> None:
        assumptions_revise(proposed=obj, by=request.user)

    def response_change(self, request: HttpRequest, obj: AssumptionSet) -> HttpResponse:
        self.message_user(
            request, f"Saved as version {obj.version}: new memos use it from now on; sent memos keep theirs.",
            messages.SUCCESS,
        )  # fmt: skip
        return HttpResponseRedirect(reverse("admin:decisions_assumptionset_changelist"))

    def response_add(self, request: HttpRequest, obj: AssumptionSet, post_url_continue=None) -> HttpResponse:
        return self.response_change(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: AssumptionSet | None = None) -> bool:
        return False
