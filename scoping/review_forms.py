"""The review pages' own forms: they validate what a consultant types (lengths, NUL and other
control characters) and hand clean values to the services."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator

from scoping.text import CONTROL_CHARACTERS

no_control_characters = RegexValidator(
    CONTROL_CHARACTERS,
    inverse_match=True,
    message="Take out the invisible control characters (they come with some pasted text), then send again.",
)


class DeclineForm(forms.Form):
    email_client = forms.BooleanField(required=False, initial=True)
    message = forms.CharField(
        label="A line of your own (optional)",
        required=False,
        max_length=2000,
        validators=[no_control_characters],
        widget=forms.Textarea(attrs={"rows": 4, "cols": 70}),
    )


class EraseForm(forms.Form):
    reason = forms.CharField(
        label="Whose request, and how it reached us",
        max_length=500,
        validators=[no_control_characters],
        error_messages={"required": "Say whose request this is, for the record."},
        widget=forms.TextInput(attrs={"size": 70}),
    )
