"""How the brief's questions are asked: yes or no, a size in pages, one choice among a brief field's
options, and the plain messages every question speaks in (and the ids that tie a question to its hint
and its error box)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator

from decisions.ladder import TOKENS_PER_PAGE
from scoping.intake.numbers import CountField
from scoping.models import Brief

YES_NO = [("yes", "Yes"), ("no", "No")]


class YesNoField(forms.TypedChoiceField):
    """A required Yes/No question as two radio buttons, cleaned to a bool."""

    widget = forms.RadioSelect

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=YES_NO, coerce=lambda value: value == "yes", empty_value=None, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        return {True: "yes", False: "no"}.get(value, value) if isinstance(value, bool) else value


class PagesField(CountField):
    """A size asked in pages, which people can estimate (one input's, or the knowledge's), stored in tokens."""

    def prepare_value(self, value: Any) -> Any:
        return value // TOKENS_PER_PAGE if isinstance(value, int) else value

    def clean(self, value: Any) -> int | None:
        pages = super().clean(value)
        return None if pages is None else pages * TOKENS_PER_PAGE


def speak_plainly(field: forms.Field) -> None:
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
