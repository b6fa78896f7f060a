"""The client's side of the loop: answering a consultant's questions, and accepting the memo's scope."""

from __future__ import annotations

import copy
from typing import Any

from django import forms

from scoping.intake.fields import describedby, speak_plainly
from scoping.intake.forms import FORMS
from scoping.models import Brief, ClientQuestion
from scoping.services.questions import Answer
from scoping.text import TYPED_TEXT


class AcceptForm(forms.Form):
    """Who accepts the scope of the version they read, and their explicit confirmation."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    name = forms.CharField(label="Your full name", max_length=120, validators=TYPED_TEXT)
    role = forms.CharField(
        label="Your role",
        max_length=120,
        validators=TYPED_TEXT,
        help_text="For example “Head of support”.",
    )
    confirm = forms.BooleanField(
        label="I accept the scope described in this version of the memo on behalf of my organisation.",
        error_messages={
            "required": "Tick the box to confirm that you accept this scope: nothing is recorded without it."
        },
    )

    def __init__(self, *args, company: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if company:
            self.fields[
                "confirm"
            ].label = f"I accept the scope described in this version of the memo on behalf of {company}."
        for name in ("name", "role"):
            speak_plainly(self.fields[name])
            self.fields[name].error_messages["required"] = (
                f"Please fill in “{self.fields[name].label}”: the acceptance records who gave it."
            )
        for bound in self:
            if not bound.is_hidden:
                bound.field.widget.attrs["aria-describedby"] = describedby(bound)
        for code in ("invalid", "required", "min_value"):
            self.fields["version"].error_messages[code] = "The page was out of date: reload it and try again."


# The form field that asks each of the brief's answers, as the brief form asks it (label, kind,
# messages), and the answers a controller's value reveals: the answer page asks them the same way.
_ASKED_BY = {name: form for form in FORMS.values() for name in form.base_fields}


def _check(validator: Any) -> tuple[type, Any]:
    """What a validator checks, whatever its message says (speak_plainly rewords a field's own limits)."""
    return type(validator), getattr(validator, "limit_value", validator)


def _field_asking(name: str) -> forms.Field:
    """The step's field, with the model field's validators it lacks (a ModelForm runs them on the model;
    this form has none): its own length and range checks are already there, and would say so twice."""
    field = copy.deepcopy(_ASKED_BY[name].base_fields[name])
    own = [_check(validator) for validator in field.validators]
    field.validators += [v for v in Brief._meta.get_field(name).validators if _check(v) not in own]
    speak_plainly(field)
    return field


class AnswersForm(forms.Form):
    """The client's answers to the open questions: for a question about one of the brief's answers,
    that answer (as it stands, to confirm or change) and a comment; otherwise their words."""

    def __init__(self, *args, brief: Brief, questions: list[ClientQuestion], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.brief, self.questions = brief, questions
        for question in questions:
            if question.field:
                self.fields[f"q{question.pk}-value"] = _field_asking(question.field)
                self.initial[f"q{question.pk}-value"] = getattr(brief, question.field)
            text = forms.CharField(
                label="Anything to add? (optional)" if question.field else "Your answer",
                required=not question.field,
                max_length=2000,
                validators=TYPED_TEXT,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            speak_plainly(text)
            text.error_messages["required"] = "Please answer this question: a few words are enough."
            self.fields[f"q{question.pk}-text"] = text
        for bound in self:
            if not bound.use_fieldset:
                bound.field.widget.attrs["aria-describedby"] = describedby(bound)

    def rows(self) -> list[tuple[ClientQuestion, forms.BoundField | None, forms.BoundField]]:
        """Each question with its fields, in order, for the page."""
        return [(q, self[f"q{q.pk}-value"] if q.field else None, self[f"q{q.pk}-text"]) for q in self.questions]

    def answers(self) -> list[Answer]:
        """The answers as the service takes them: an answer asked about changes only if it changed,
        and answers that no longer apply after it go back to their defaults (as on the brief form)."""
        found = []
        for question in self.questions:
            changes: dict[str, Any] = {}
            if question.field:
                value = self.cleaned_data[f"q{question.pk}-value"]
                if value != getattr(self.brief, question.field):
                    changes[question.field] = value
                    shown, dependents = _ASKED_BY[question.field].reveals.get(question.field, ((), ()))
                    if dependents and str(self[f"q{question.pk}-value"].value()) not in shown:
                        changes |= {name: Brief._meta.get_field(name).get_default() for name in dependents}
            found.append(Answer(question.pk, self.cleaned_data[f"q{question.pk}-text"], changes))
        return found
