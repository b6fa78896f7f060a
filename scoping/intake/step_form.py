"""What every step of the brief form does (``StepForm``, a ModelForm over the draft brief).

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

from scoping.intake.fields import describedby, speak_plainly
from scoping.models import Brief
from scoping.text import has_control_characters, without_control_characters

MAX_TYPED = 10_000  # characters kept of one answer typed but not yet saved
CONTROL_CHARACTERS_REMOVED = (
    "We took out some invisible control characters, which often come with pasted text. "
    "Check that the answer reads as you meant, then send it again."
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
            speak_plainly(bound.field)

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
