"""What a consultant reads on a brief's page, worked out once per request: where it stands and
what it costs, the engine's reading, then the client's answers in words."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.utils import timezone
from django.utils.formats import date_format, number_format

from decisions.assessment import Assessment, assess
from decisions.models import AssumptionSet
from scoping.memos.build import brief_assessment, brief_inputs, memo_with_review
from scoping.memos.content import Memo
from scoping.models import Brief
from scoping.review.words import field_label, field_words
from scoping.steps import QUESTION_STEPS, was_asked


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


class BriefPage:
    """A brief as its page shows it: the memo (as sent, or as it would go now), the engine's own
    reading, and the header's facts. Each is worked out the first time it is read and kept for the
    rest of the request, so the page asks the engine once."""

    def __init__(self, brief: Brief, memo: Memo | None = None) -> None:
        self.brief = brief
        if memo is not None:
            self.__dict__["memo"] = memo

    @cached_property
    def current(self) -> AssumptionSet:
        return AssumptionSet.current()

    @cached_property
    def memo(self) -> Memo:
        return memo_with_review(self.brief, self.current)

    @cached_property
    def assessment(self) -> Assessment:
        """The engine's account of the brief's answers as they are now, with the review: for an
        open brief, the one its memo is built from."""
        return brief_assessment(self.brief, self.current.to_assumptions())

    @cached_property
    def overview(self) -> dict:
        """The header's facts: reference, status, deadline, assignee, the estimate and the client's budget."""
        memo, brief = self.memo, self.brief
        note = AssumptionsNote(memo.assumptions_version, self.current.version)
        arrived = brief.assumptions_version
        if brief.memo_snapshot is None and arrived and arrived != self.current.version:
            then = AssumptionSet.objects.filter(version=arrived).first()
            earlier = brief_assessment(brief, then.to_assumptions()).bracket if then is not None else None
            if earlier is not None and earlier != memo.bracket:  # flagged only where the bracket moved
                note = AssumptionsNote(memo.assumptions_version, self.current.version, arrived, earlier.label)
        unadjusted = None
        if not memo.legacy and memo.budget_adjustment_percent:  # what the adjustment changed, for the consultant
            inputs = dataclasses.replace(brief_inputs(brief), adjustment_percent=0)
            unadjusted = assess(inputs, memo.pricing.assumptions).estimate.first_year
        return {"brief": brief, "memo": memo, "assumptions": note, "unadjusted": unadjusted, "now": timezone.now()}


def answers_in_words(brief: Brief) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each step's answers as a reader says them: yes or no, a choice's label, numbers with separators;
    the questions the client was asked only (scoping.steps.REVEALS)."""
    steps = []
    for step in QUESTION_STEPS:
        rows = []
        for name in step.fields:
            if not was_asked(brief, name):
                continue  # "why did prompting fall short?" of a client who never measured it
            value = field_words(brief, name)
            if isinstance(value, int):
                value = number_format(value, force_grouping=True)
            elif isinstance(value, date):
                value = date_format(value)
            rows.append((field_label(name), "-" if value is None else str(value)))
        steps.append((step.title, rows))
    return steps
