"""The client's side of the loop once the memo is sent: the form that accepts its scope."""

from __future__ import annotations

from django import forms

from scoping.intake.forms import _speak_plainly, describedby
from scoping.text import no_control_characters


class AcceptForm(forms.Form):
    """Who accepts the scope of the version they read, and their explicit confirmation."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    name = forms.CharField(label="Your full name", max_length=120, validators=[no_control_characters])
    role = forms.CharField(
        label="Your role",
        max_length=120,
        validators=[no_control_characters],
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
            _speak_plainly(self.fields[name])
            self.fields[name].error_messages["required"] = (
                f"Please fill in “{self.fields[name].label}”: the acceptance records who gave it."
            )
        for bound in self:
            if not bound.is_hidden:
                bound.field.widget.attrs["aria-describedby"] = describedby(bound)
        self.fields["version"].error_messages["invalid"] = "The page was out of date: reload it and try again."
