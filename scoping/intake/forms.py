"""The brief form's steps: one StepForm a step, each asking its questions in its own words."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from decisions.ladder import TOKENS_PER_PAGE
from decisions.models import AssumptionSet
from scoping.intake.fields import PagesField, YesNoField, one_of
from scoping.intake.numbers import AmountField, CountField, currency_written
from scoping.intake.step_form import StepForm
from scoping.models import Brief
from scoping.steps import ABOUT, BEHAVIOUR, KNOWLEDGE, PROJECT, WHERE_YOU_ARE, Step, reveals_of


class AboutForm(StepForm):
    single_line = ("contact_name", "company", "contact_role")

    class Meta:
        model = Brief
        fields = ABOUT.fields
        labels = {"contact_name": "Your name", "contact_email": "Work email", "contact_role": "Your role"}
        help_texts = {
            "contact_email": "We send your private link and our reply here.",
            "contact_role": "Optional, for example Head of Operations.",
        }
        widgets = {
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "company": forms.TextInput(attrs={"autocomplete": "organization"}),
            "contact_role": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }


class ProjectForm(StepForm):
    single_line = ("project_title",)
    budget_high = AmountField(
        label="Budget for the first year, up to",
        help_text="Build and running costs together, for example 80,000 or £80k. It helps us propose something "
        "you can afford. Leave it blank if you are not sure yet.",
        required=False,
        min_value=1,
        max_value=1_000_000_000,
    )
    budget_low = AmountField(
        label="From (optional, if your budget is a range)",
        help_text="For example 50,000, for a budget of 50,000 to 80,000.",
        required=False,
        min_value=1,
        max_value=1_000_000_000,
    )
    budget_currency = one_of(
        "budget_currency",
        "Currency of that budget",
        help_text="If you leave it, we take the currency you write beside the amount, or ours.",
        required=False,
    )
    monthly_queries = CountField(
        what="requests a month",
        label="Expected requests a month",
        help_text="Questions, documents or tasks a month once in use, for example 20,000 or 2 million. "
        "Leave blank if unsure.",
        required=False,
        min_value=1,  # none at all is no system to price: blank is "not sure yet"
        max_value=1_000_000_000,
    )

    class Meta:
        model = Brief
        fields = PROJECT.fields
        labels = {
            "project_title": "Project name",
            "project_summary": "What should it do, and for whom?",
            "deadline": "Wanted in production by",
        }
        help_texts = {
            "project_title": "A few words, for example: Answers for our support team.",
            "project_summary": "A paragraph is plenty: the problem, who uses it, what a good answer looks like.",
            "deadline": "Optional.",
        }
        widgets = {
            "project_summary": forms.Textarea(attrs={"rows": 6}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean_deadline(self) -> Any:
        deadline = self.cleaned_data["deadline"]
        if deadline and deadline < timezone.localdate():
            raise forms.ValidationError("That date has passed: choose a date from today on, or leave it blank.")
        return deadline

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        low, high, chosen = (cleaned.get(name) for name in ("budget_low", "budget_high", "budget_currency"))
        typed = {written for name in ("budget_high", "budget_low") if (written := self.currency_typed(name))}
        if not chosen:  # the currency written beside the amount, else the one we price in
            chosen = cleaned["budget_currency"] = next(iter(typed), None) or AssumptionSet.current().currency
        if low is not None and high is None and "budget_high" not in self.errors:
            self.add_error("budget_high", "Add the most you would spend in the first year: a range needs both ends.")
        elif low is not None and high is not None and low > high:
            self.add_error("budget_low", "The start of the range is above its end: check the two amounts.")
        for name in ("budget_high", "budget_low"):
            written = self.currency_typed(name)
            if written and written != chosen:
                self.add_error(
                    name,
                    f"You wrote an amount in {written} but chose {chosen} below: choose the currency you mean.",
                )
        return cleaned

    def currency_typed(self, name: str) -> str | None:
        """The currency written beside an amount ("£80k"), if any."""
        try:
            return currency_written(str(self.data.get(self.add_prefix(name), "")))[1]
        except ValueError:
            return None  # two currencies: the field says so itself


class KnowledgeForm(StepForm):
    # What the system does comes first: documents it is given to work on are its inputs, each request
    # carrying its own, and only knowledge it must look things up in besides them can call for
    # retrieval. Citing sources and one index a use case presume that knowledge, so they are asked
    # only then.
    reveals = reveals_of(KNOWLEDGE)
    task = one_of("task", "What is its main job?", help_text="What a request asks of it, most of the time.")
    input_tokens = PagesField(
        what="pages",
        label="How long is one document it works on, typically?",
        help_text="In pages, roughly. Optional: it sets the size, and so the cost, of each request.",
        required=False,
        min_value=1,
        max_value=2_000_000_000 // TOKENS_PER_PAGE,
    )
    needs_knowledge = YesNoField(
        label="Besides what each request brings, must it look things up in a body of knowledge?",
        help_text="Your documents, records or policies, or published sources such as regulations, research papers, "
        "patents or a product reference.",
    )
    corpus_documents = CountField(
        what="documents",
        label="About how many documents?",
        help_text="A rough figure is fine. Not sure yet? Leave it blank: we will ask, and say what size we assumed.",
        required=False,
        min_value=1,
        max_value=100_000_000,
    )
    corpus_tokens = PagesField(
        what="pages",
        label="About how many pages in all?",
        help_text="Optional. A rough figure is fine: it tells us whether it all fits in a prompt.",
        required=False,
        min_value=1,
        max_value=10_000_000_000 // TOKENS_PER_PAGE,
    )
    update_frequency = one_of("update_frequency", "How often does that knowledge change?")
    needs_citations = YesNoField(
        label="Must answers cite the sources they draw on?",
        help_text="So a reader can check each answer against its source.",
    )
    shared_base_many_use_cases = YesNoField(label="Should one model serve many different use cases?")
    multi_tenant = YesNoField(label="Will it serve several customers whose data must never mix?")
    needs_audit_log = YesNoField(
        label="Must you keep a record of every question and answer, for audit?",
        help_text="Who asked what, what came back, and which version of the system answered.",
    )

    class Meta:
        model = Brief
        fields = KNOWLEDGE.fields

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.corpus_documents:
            self.initial["corpus_documents"] = None  # not known yet: shown blank again, never as "0"

    def clean_corpus_documents(self) -> int:
        return self.cleaned_data["corpus_documents"] or 0  # blank: not known yet


class BehaviourForm(StepForm):
    reveals = reveals_of(BEHAVIOUR)
    strict_output_format = YesNoField(
        label="Must every answer follow a strict format, style or persona?",
        help_text="For example a fixed JSON schema, or a brand voice that may not drift.",
    )
    latency_or_cost_critical = YesNoField(label="Is speed or the cost of each request a hard limit?")
    labeled_examples = CountField(
        what="labelled examples",
        label="How many labelled examples do you have?",
        help_text="Requests with the output you would accept, checked by a person: for example documents with the "
        "right fields filled in. Optional: leave it blank if you have none.",
        required=False,
        min_value=0,
        max_value=100_000_000,
    )
    specialized_vocabulary = YesNoField(label="Does your field use specialised vocabulary or jargon?")
    personal_data = YesNoField(
        label="Will it handle personal data?",
        help_text="About customers, patients or staff: names, contact details, health or money matters.",
    )
    human_review = YesNoField(
        label="Will a person check each output before it is used?",
        help_text="For example an agent who reads a drafted reply before sending it.",
    )
    fine_tune_goal = one_of("fine_tune_goal", "If you have thought about fine-tuning, what do you hope it would do?")

    def clean_labeled_examples(self) -> int:
        return self.cleaned_data["labeled_examples"] or 0  # blank: none

    class Meta:
        model = Brief
        fields = BEHAVIOUR.fields
        labels = {"fine_tune_hope": "Tell us more about what it should do (optional)"}
        widgets = {"fine_tune_hope": forms.Textarea(attrs={"rows": 3})}


class WhereYouAreForm(StepForm):
    # What the eval set measures, and why a measured rung fell short: the cause decides the next rung.
    reveals = reveals_of(WHERE_YOU_ARE)
    has_eval_set = YesNoField(
        label="Do you have an eval set?",
        help_text="A fixed list of test questions with the answers you expect, to score any approach against.",
    )
    eval_set_size = CountField(
        what="cases",
        label="How many cases does it hold? (optional)",
        required=False,
        min_value=1,
        max_value=10_000_000,
    )
    prompting_status = one_of("prompting_status", "Have you tried prompting a capable model?")
    prompting_shortfall = one_of("prompting_shortfall", "Where did prompting fall short, mostly?")
    rag_status = one_of("rag_status", "Have you tried retrieval (RAG) over your documents?")
    rag_shortfall = one_of("rag_shortfall", "Where did retrieval fall short, mostly?")

    def clean_eval_set_size(self) -> int:
        return self.cleaned_data["eval_set_size"] or 0  # blank: not said

    class Meta:
        model = Brief
        fields = WHERE_YOU_ARE.fields
        labels = {
            "tried_notes": "What did you try, and what did you measure? (optional)",
            "eval_metric": "How is a case scored? (optional)",
        }
        help_texts = {"eval_metric": "For example: exact match on the extracted fields, or a reviewer's pass or fail."}
        widgets = {"tried_notes": forms.Textarea(attrs={"rows": 4})}


FORMS: dict[str, type[StepForm]] = {
    ABOUT.slug: AboutForm,
    PROJECT.slug: ProjectForm,
    KNOWLEDGE.slug: KnowledgeForm,
    BEHAVIOUR.slug: BehaviourForm,
    WHERE_YOU_ARE.slug: WhereYouAreForm,
}


def form_for(step: Step) -> type[StepForm]:
    """The form that asks a step's questions (the review asks none: a KeyError)."""
    return FORMS[step.slug]
