"""The review's forms: they validate what a consultant types (lengths, NUL and other control
characters, a review closed meanwhile) and hand clean values to the services."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms

from scoping.models import Brief
from scoping.services.questions import OWN_QUESTIONS, QUESTION_LIMIT, OwnQuestion
from scoping.services.review import MEMO_FIELDS, OPEN_AFTER_SENDING, REVIEW_CLOSED, REVIEW_FIELDS
from scoping.steps import QUESTION_STEPS
from scoping.team import consultants, mentions, person
from scoping.text import TYPED_TEXT, as_sentence, no_control_characters


class TakeOverForm(forms.Form):
    """A move's page on a brief a colleague has (``holder``): it names them and asks, with a box to
    tick, to take the brief over; unticked, the page comes back with everything typed and says why."""

    take_over = forms.BooleanField(required=False)

    def __init__(self, *args, holder=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.holder = holder
        if holder is not None:
            self.fields["take_over"].label = f"Take it over from {person(holder)}: they are told, and it becomes yours"

    @property
    def holder_name(self) -> str:
        return person(self.holder) if self.holder is not None else ""

    def clean_take_over(self) -> bool:
        taken = self.cleaned_data["take_over"]
        if self.holder is not None and not taken:
            raise forms.ValidationError(
                f"{person(self.holder)} has this brief. Tick “Take it over” to go on as yourself, or leave it to "
                f"{person(self.holder)}: nothing was done."
            )
        return taken


class DeclineForm(TakeOverForm):
    email_client = forms.BooleanField(required=False, initial=True)
    message = forms.CharField(
        label="A line of your own (optional)",
        required=False,
        max_length=2000,
        validators=TYPED_TEXT,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 70}),
    )


class MemoEmailForm(TakeOverForm):
    """The memo email as the sending consultant words it: prefilled with ours, plain text."""

    subject = forms.CharField(max_length=200, validators=TYPED_TEXT)
    text = forms.CharField(label="Text", max_length=10000, widget=forms.Textarea(attrs={"rows": 18, "cols": 80}))

    changes = forms.CharField(
        label="What changed since the version the client has (they read it above the memo)",
        max_length=2000,
        required=False,
        validators=TYPED_TEXT,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
    )

    def __init__(self, *args, link: str, revision: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.link = link
        if revision:  # a new version says what changed; a first memo has nothing to compare with
            self.fields["changes"].required = True
            self.fields["changes"].error_messages["required"] = (
                "Tell the client what changed in this version: their page shows it beside the memo."
            )
        else:
            del self.fields["changes"]

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        no_control_characters(text.replace("\n", " ").replace("\r", " "))
        if self.link not in text:
            raise forms.ValidationError(
                "Keep the private link in the text: it is where the client reads the memo later."
            )
        return text


class EstimateForm(forms.Form):
    """The review fields the live estimate and the memo's summary follow, as the consultant types them."""

    approach_override = forms.ChoiceField(choices=[("", "-"), *Brief._meta.get_field("approach_override").choices],
                                          required=False)  # fmt: skip
    budget_adjustment_percent = forms.IntegerField(
        min_value=-50, max_value=200, required=False,
        error_messages={"invalid": "the adjustment must be a whole number from -50 to 200."},
    )  # fmt: skip
    override_reason = forms.CharField(required=False, max_length=2000)


class CloseForm(TakeOverForm):
    """Won or lost: why, in a line, and for a deal won its value."""

    reason = forms.CharField(
        label="Why, in a line (optional)",
        required=False,
        max_length=2000,
        validators=TYPED_TEXT,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 70}),
    )
    value = forms.CharField(label="Deal value (optional)", required=False, max_length=40)

    def clean_value(self) -> Decimal | None:
        """An amount as people type it: 48000, 48,000, €48,000.50 or 48 000."""
        typed = self.cleaned_data["value"]
        plain = re.sub(r"[€$£\s,]", "", typed)
        if not plain:
            return None
        if not re.fullmatch(r"\d{1,10}(\.\d{1,2})?", plain):
            raise forms.ValidationError(
                f"“{typed}” is not an amount we can read: write it like 48,000 or 48000.50, without a minus sign."
            )
        return Decimal(plain)


class EraseForm(forms.Form):
    reason = forms.CharField(
        label="How the request reached us",
        help_text="For example “by email from the client, 25 November”. No names or addresses: this record outlives "
        "the brief.",
        max_length=500,
        validators=TYPED_TEXT,
        error_messages={"required": "Say how the request reached us, for the record."},
        widget=forms.TextInput(attrs={"size": 70}),
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"]
        if "@" in reason:
            raise forms.ValidationError(
                "Leave the address out: the record of an erasure keeps nothing about the person."
            )
        return reason


CHANGED_MEANWHILE = (
    "Someone else changed this brief since you opened the page (see its history), so nothing was saved: "
    "your edits are still below. Copy what you need, reload the page, and save again."
)


class ReviewForm(forms.ModelForm):
    """The brief's page. Edits to a review that was sent or closed, or changed by someone else, since
    the page was opened are refused as a form error: nothing saved, nothing typed lost, no success
    message beside it. ``loaded`` carries when the brief was last changed as the page was drawn."""

    loaded = forms.CharField(widget=forms.HiddenInput, required=False)
    add_note = forms.CharField(
        label="Add a note to the history",
        help_text="A call, a follow-up, what the client said: kept in the history, never in the memo. "
        "@username tells a colleague, with a link to this brief.",
        required=False,
        max_length=2000,
        validators=TYPED_TEXT,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 70}),
    )
    take_over = forms.BooleanField(
        required=False,
        label="Take it over",
        help_text="A colleague has this brief: editing its memo takes it over. They are told, and it becomes yours.",
    )
    editor = None  # who is editing: the admin's get_form sets it on the class it makes for a request

    class Meta:
        model = Brief
        fields: list[str] = []  # the admin sets the fields it shows

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded"].initial = self.instance.updated_at.isoformat()
            if self.editor is not None and (holder := self.instance.held_by_other(self.editor)) is not None:
                self.fields["take_over"].label = f"Take it over from {person(holder)}"

    def clean_override_reason(self) -> str:
        """The memo prints the reason after "We recommend …": it reads as a sentence, as typed otherwise."""
        return as_sentence(self.cleaned_data["override_reason"])

    def clean_add_note(self) -> str:
        note = self.cleaned_data["add_note"]
        unknown = mentions(note)[1]
        if unknown:
            team = ", ".join(f"@{user.get_username()}" for user in consultants())
            raise forms.ValidationError(
                f"Nobody on the team is called {', '.join('@' + name for name in unknown)}, so nothing was saved "
                f"(your note is still here). Mention a colleague by username: {team}."
            )
        return note

    def clean(self) -> dict:
        cleaned = super().clean()
        edits_review = any(
            self.add_prefix(name) in self.data for name in REVIEW_FIELDS if name not in OPEN_AFTER_SENDING
        )
        current = Brief.objects.filter(pk=self.instance.pk)
        if edits_review and not current.filter(status__in=Brief.MEMO_IN_THE_MAKING).exists():
            raise forms.ValidationError(REVIEW_CLOSED, code="closed")
        holder = self.instance.held_by_other(self.editor) if self.instance.pk and self.editor else None
        takes = set(self.changed_data) & set(MEMO_FIELDS) and "assigned_to" not in self.changed_data
        if holder is not None and takes and not cleaned.get("take_over"):
            self.add_error(
                "take_over",
                f"{person(holder)} has this brief, so your edits to the memo were not saved (they are still below). "
                f"Tick “Take it over” and save again, or leave it to {person(holder)}.",
            )
        loaded = cleaned.get("loaded")
        if loaded and current.values_list("updated_at", flat=True).get().isoformat() != loaded:
            raise forms.ValidationError(CHANGED_MEANWHILE, code="changed")
        return cleaned


def _answers_to_ask_about() -> list[tuple[str, str]]:
    """The brief's answers a question may be about (the client confirms or changes it on the answer
    page): those of the steps after "about you", by their names."""
    names = [name for step in QUESTION_STEPS[1:] for name in step.fields]
    return [("", "None: an answer in their own words"), *((n, Brief._meta.get_field(n).verbose_name) for n in names)]


class AskForm(forms.Form):
    """Questions to the client: the engine's open ones the consultant chooses, and their own."""

    engine = forms.MultipleChoiceField(
        label="The engine's open questions", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, open_questions: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["engine"].choices = open_questions
        if not open_questions:
            del self.fields["engine"]
        for number in range(1, OWN_QUESTIONS + 1):
            self.fields[f"own_{number}"] = forms.CharField(
                label=f"Your question {number}",
                required=False,
                max_length=QUESTION_LIMIT,
                validators=TYPED_TEXT,
                widget=forms.Textarea(attrs={"rows": 2, "cols": 70}),
            )
            self.fields[f"about_{number}"] = forms.ChoiceField(
                label=f"Question {number} is about their answer", required=False, choices=_answers_to_ask_about()
            )

    def own(self) -> list[OwnQuestion]:
        return [
            OwnQuestion(self.cleaned_data[f"own_{n}"], self.cleaned_data[f"about_{n}"])
            for n in range(1, OWN_QUESTIONS + 1)
            if self.cleaned_data[f"own_{n}"].strip()
        ]

    def clean(self) -> dict:
        cleaned = super().clean()
        for number in range(1, OWN_QUESTIONS + 1):
            if cleaned.get(f"about_{number}") and not (cleaned.get(f"own_{number}") or "").strip():
                self.add_error(f"own_{number}", "Write the question, or set “about their answer” back to none.")
        if not self.errors and not cleaned.get("engine") and not self.own():
            raise forms.ValidationError("Choose one of the engine's questions or write one of your own.")
        return cleaned
