"""What a consultant reads first on a brief's page: where it stands and what it costs, then the
client's answers in words, before the review itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.formats import date_format, number_format

from decisions.models import AssumptionSet
from scoping.memo.content import Memo, memo_build, memo_with_review
from scoping.models import Brief
from scoping.review.words import field_label, field_words
from scoping.steps import QUESTION_STEPS


@dataclass(frozen=True)
class AssumptionsNote:
    """Which cost assumptions price the brief, and whether newer ones exist than it was priced with."""

    version: int  # what the memo is priced with: the current ones until it is sent
    current: int
    arrived: int | None = None  # in force when the brief arrived, where newer ones price it now
    bracket_then: str = ""  # its bracket under those

    @property
    def outdated(self) -> bool:
        return self.current != self.version


def brief_overview(brief: Brief, memo: Memo | None = None) -> dict:
    """The header's facts: reference, status, deadline, assignee, the estimate and the client's budget."""
    memo = memo or memo_with_review(brief)
    current = AssumptionSet.current()
    note = AssumptionsNote(memo.assumptions.version, current.version)
    arrived = brief.assumptions_version
    if brief.memo_snapshot is None and arrived and arrived != current.version:
        then = AssumptionSet.objects.filter(version=arrived).first()
        earlier = memo_build(brief, then.to_assumptions()).bracket if then is not None else None
        if earlier is not None and earlier != memo.bracket:  # flagged only where the bracket moved
            note = AssumptionsNote(memo.assumptions.version, current.version, arrived, earlier.label)
    return {"brief": brief, "memo": memo, "assumptions": note, "now": timezone.now()}


def answers_in_words(brief: Brief) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each step's answers as a reader says them: yes or no, a choice's label, numbers with separators."""
    steps = []
    for step in QUESTION_STEPS:
        rows = []
        for name in step.fields:
            value = field_words(brief, name)
            if isinstance(value, int):
                value = number_format(value, force_grouping=True)
            elif isinstance(value, date):
                value = date_format(value)
            rows.append((field_label(name), "-" if value is None else str(value)))
        steps.append((step.title, rows))
    return steps
