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
