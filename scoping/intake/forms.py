"""The brief form's steps as Django forms: one ModelForm a step, over the draft brief.

Some questions only matter given an earlier answer ("how many documents?" only if the system looks
things up in a body of knowledge). A form names them in ``reveals``; they are asked once their
controlling answer says so.
Without JavaScript the step is shown again with them; with htmx they appear as the answer changes.
A hidden ``shown-<controller>`` input travels with revealed questions, so the form knows whether the
person has seen them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.validators import MaxLengthValidator
from django.utils import timezone

from decisions.ladder import TOKENS_PER_PAGE, FineTuneGoal, Task
from decisions.models import AssumptionSet
from scoping.intake.numbers import AmountField, CountField, currency_written
from scoping.models import Brief
from scoping.steps import ABOUT, BEHAVIOUR, KNOWLEDGE, PROJECT, WHERE_YOU_ARE, Step
from scoping.text import has_control_characters, without_control_characters

MAX_TYPED = 10_000  # characters kept of one answer typed but not yet saved
YES_NO = [("yes", "Yes"), ("no", "No")]
CONTROL_CHARACTERS_REMOVED = (
    "We took out some invisible control characters, which often come with pasted text. "
    "Check that the answer reads as you meant, then send it again."
)


class YesNoField(forms.TypedChoiceField):
    """A required Yes/No question as two radio buttons, cleaned to a bool."""

    widget = forms.RadioSelect

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=YES_NO, coerce=lambda value: value == "yes", empty_value=None, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        return {True: "yes", False: "no"}.get(value, value) if isinstance(value, bool) else value


class PagesField(CountField):
    """The corpus size asked in pages, which people can estimate, and stored in tokens."""

    def prepare_value(self, value: Any) -> Any:
        return value // TOKENS_PER_PAGE if isinstance(value, int) else value

    def clean(self, value: Any) -> int | None:
        pages = super().clean(value)
        return None if pages is None else pages * TOKENS_PER_PAGE


def _speak_plainly(field: forms.Field) -> None:
    """Messages for a person, in one voice, instead of Django's defaults; and a long answer is never
    cut where it is typed or pasted (no ``maxlength``): a counter shows the limit as it nears, and the
    server refuses an answer over it, keeping every character."""
    question = str(field.label or "").rstrip("?").strip()
    if isinstance(field, forms.ChoiceField):
        field.error_messages["required"] = "Choose one of the answers to go on."
    else:
        field.error_messages["required"] = f"Please fill in “{question}”: we need it to scope the project."
    limit = getattr(field, "max_length", None)
    if limit:
        field.widget.attrs.pop("maxlength", None)
        field.widget.attrs["data-limit"] = limit
        too_long = (
            "This answer is %(show_value)d characters long, over the limit of %(limit_value)d: shorten it "
            "and send it again. Nothing you typed was lost."
        )
        field.error_messages["max_length"] = too_long
        for validator in field.validators:
            if isinstance(validator, MaxLengthValidator):
                validator.message = too_long
    if isinstance(field, forms.EmailField):
        field.error_messages["invalid"] = "Write a full email address, such as maya@company.com."


def describedby(bound: forms.BoundField) -> str:
    """The ids of a question's hint and its error box, which is always there (empty when all is
    well) so errors that arrive inline are read out with the question too."""
    return " ".join([*([f"{bound.auto_id}_helptext"] if bound.help_text else []), f"{bound.auto_id}_error"])


def one_of(name: str, label: str, **kwargs: Any) -> forms.ChoiceField:
    """A required choice among a brief field's options, as radio buttons: all visible at once,
    easier on a phone than a menu, and nothing chosen until the person chooses."""
    return forms.ChoiceField(
        label=label, choices=Brief._meta.get_field(name).choices, widget=forms.RadioSelect, **kwargs
    )


@dataclass(frozen=True)
class SetAside:
    """An answer to a question its controlling answer hid: kept, not sent, restored when it opens again."""

    name: str
    label: str
    value: str  # as typed
    shown: str  # as the client reads it: a choice's label


@dataclass(frozen=True)
class Row:
    """One question of a step as the template lays it out, with the questions it may reveal and,
    while they are hidden, the answers to them set aside."""

    field: forms.BoundField
    controller: bool
    revealed: bool
    dependents: list[forms.BoundField]
    aside: list[SetAside]


class StepForm(forms.ModelForm):
    # controller field -> (the raw answers that reveal the dependents, the dependent fields)
    reveals: ClassVar[dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    # single-line answers: runs of whitespace (newlines, tabs) become one space
    single_line: ClassVar[tuple[str, ...]] = ()

    def __init__(
        self,
        *args: Any,
        answered: bool = True,
        pending: dict[str, str] | None = None,
        set_aside: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, label_suffix="", **kwargs)
        # Control characters are taken out of what was sent (PostgreSQL cannot even keep NUL), and
        # the answers that held some get an error, so the person checks the text that remains.
        self.had_control_characters: list[str] = []
        if self.is_bound:
            self.data = self.data.copy()
            for key, values in self.data.lists():
                if any(has_control_characters(value) for value in values):
                    self.data.setlist(key, [without_control_characters(value) for value in values])
                    self.had_control_characters.append(key)
        if not answered:
            # A step not yet saved starts blank, not with the model's defaults pre-chosen.
            self.initial = {}
        # What the person typed but could not save yet (going back, or leaving) comes back as typed.
        self.initial.update(pending or {})
        self.set_aside = self._set_aside(set_aside or {}, pending or {})
        self.just_revealed = [c for c in self.reveals if self.is_bound and self.revealed(c) and not self.shown(c)]
        # Answers a changed answer hid as the form was sent (without JavaScript: with it, the page
        # already said so as the answer changed): the person is told before they are set aside.
        self.just_set_aside = [
            c
            for c in self.reveals
            if self.is_bound
            and self.shown(c)
            and not self.revealed(c)
            and any(self.data.get(self.add_prefix(name)) for name in self.reveals[c][1])
        ]
        for controller, (_, dependents) in self.reveals.items():
            if not self.revealed(controller) or controller in self.just_revealed:
                for name in dependents:
                    self.fields[name].required = False
        for bound in self:
            if not bound.use_fieldset:  # a group of radios is described on its fieldset instead
                bound.field.widget.attrs["aria-describedby"] = describedby(bound)
            _speak_plainly(bound.field)

    def revealed(self, controller: str) -> bool:
        """Whether the answer to ``controller`` (as typed, or as saved) asks its dependents."""
        return str(self[controller].value()) in self.reveals[controller][0]

    def shown(self, controller: str) -> bool:
        """Whether the person was shown ``controller``'s dependents when they sent the form."""
        return f"shown-{controller}" in self.data

    def _set_aside(self, kept: dict[str, str], pending: dict[str, str]) -> dict[str, str]:
        """The answers to hidden questions, kept: as typed while they were shown, as carried by the
        page since (``aside-<name>``), or as kept on the brief. Questions that open again get theirs
        back, to check and send; hidden ones are never sent as answers (clean() defaults them)."""
        aside: dict[str, str] = {}
        for controller, (_, dependents) in self.reveals.items():
            for name in dependents:
                key = self.add_prefix(name)
                if self.is_bound and key in self.data and self.shown(controller):
                    value = self.data.get(key, "")
                elif self.is_bound:
                    value = self.data.get(f"aside-{key}", "") or kept.get(name, "")
                else:
                    value = kept.get(name, "")
                if not value:
                    continue
                if not self.revealed(controller):
                    aside[name] = value[:MAX_TYPED]
                elif self.is_bound and key not in self.data:  # opened again: the answer comes back
                    self.data[key] = value
                elif not self.is_bound and name not in pending:
                    self.initial[name] = value
        return aside

    def aside_of(self, controller: str) -> list[SetAside]:
        """The answers set aside while ``controller``'s answer hides its questions."""
        kept = []
        for name in self.reveals[controller][1]:
            if name in self.set_aside:
                field, value = self.fields[name], self.set_aside[name]
                shown = str(dict(getattr(field, "choices", ())).get(value, value))
                kept.append(SetAside(name, str(field.label or name), value, shown))
        return kept

    def dependent_names(self) -> set[str]:
        return {name for _, dependents in self.reveals.values() for name in dependents}

    def rows(self) -> Iterator[Row]:
        dependents = self.dependent_names()
        for bound in self:
            if bound.name in dependents:
                continue
            controller = bound.name in self.reveals
            revealed = controller and self.revealed(bound.name)
            shown = [self[name] for name in self.reveals[bound.name][1]] if revealed else []
            aside = self.aside_of(bound.name) if controller and not revealed else []
            yield Row(bound, controller, revealed, shown, aside)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for name in self.fields:
            if self.add_prefix(name) in self.had_control_characters:
                self.add_error(name, CONTROL_CHARACTERS_REMOVED)
        for name in self.single_line:
            if isinstance(cleaned.get(name), str):
                cleaned[name] = " ".join(cleaned[name].split())
        for controller, (_, dependents) in self.reveals.items():
            if not self.revealed(controller):
                # Answers to questions that no longer apply go back to their defaults.
                for name in dependents:
                    cleaned[name] = Brief._meta.get_field(name).get_default()
        if self.just_revealed:
            raise forms.ValidationError(
                "Thanks. Your answer opened a few more questions just below it: please answer them too.",
                code="revealed",
            )
        if self.just_set_aside:
            raise forms.ValidationError(
                "Your answer set aside the answers to the questions below it, listed there. They are kept, not "
                "sent: continue again to go on without them, or change the answer back to bring them back.",
                code="set aside",
            )
        return cleaned

    def inline_errors(self) -> list[tuple[forms.BoundField, list[str]]]:
        """For a check as answers change: each question on the page with the errors in what was
        typed (a question still empty is not an error until the step is sent)."""
        on_page = set(self.fields) - self.dependent_names()
        for controller, (_, dependents) in self.reveals.items():
            if self.shown(controller) and self.revealed(controller):
                on_page |= set(dependents)
        return [
            (self[name], list(self[name].errors) if self.data.get(self.add_prefix(name)) else [])
            for name in self.fields
            if name in on_page
        ]

    def typed(self) -> dict[str, str]:
        """The answers as typed, valid or not, to keep when they cannot be saved yet."""
        return {
            name: self.data[self.add_prefix(name)][:MAX_TYPED]
            for name in self.fields
            if self.add_prefix(name) in self.data
        }

    def answers(self) -> dict[str, Any]:
        """The valid answers, for saving: all of them after is_valid(), or the ones that passed."""
        fields = set(self.fields)
        return {name: value for name, value in self.cleaned_data.items() if name in fields}

    @property
    def only_opened_questions(self) -> bool:
        """Whether the step was held back only because an answer opened more questions, or set some
        answers aside: news for the person, not an error."""
        news = bool(self.just_revealed or self.just_set_aside)
        return news and list(self.errors) == [NON_FIELD_ERRORS] and len(self.non_field_errors()) == 1

    def focus_first_error(self) -> None:
        """Move the keyboard to the first question with an error, else to the first question an
        answer just opened (rendered as ``autofocus``)."""
        for bound in self:
            if bound.errors:
                bound.field.widget.attrs["autofocus"] = True
                return
        if self.just_revealed:
            opened = self.reveals[self.just_revealed[0]][1]
            self.fields[opened[0]].widget.attrs["autofocus"] = True


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
        min_value=0,
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
    reveals = {
        "task": ((Task.EXTRACT, Task.PROCESS, Task.WRITE), ("input_tokens",)),
        "needs_knowledge": (
            ("yes",),
            ("corpus_documents", "corpus_tokens", "update_frequency", "needs_citations", "shared_base_many_use_cases"),
        ),
    }
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
        what="documents", label="About how many documents?", min_value=1, max_value=100_000_000
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


class BehaviourForm(StepForm):
    reveals = {"fine_tune_goal": ((FineTuneGoal.BEHAVIOR, FineTuneGoal.KNOWLEDGE), ("fine_tune_hope",))}
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
    reveals = {
        "has_eval_set": (("yes",), ("eval_set_size", "eval_metric")),
        "prompting_status": (("measured_insufficient",), ("prompting_shortfall",)),
        "rag_status": (("measured_insufficient",), ("rag_shortfall",)),
    }
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
