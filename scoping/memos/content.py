"""The scope memo as one value: everything the report page, the PDF and the memo email show.

Freezing stores this value (scoping.memos.snapshots), not its inputs, so later changes to rules,
prices or formulas cannot alter a memo once sent. Fields added since the first memos were frozen
carry defaults, so those still load; memos frozen before the cost model of ranges load as
``scoping.memos.legacy.LegacyMemo``, whose money is drawn as it was sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from decisions.budget import BudgetBracket
from decisions.changes import Change
from decisions.estimate import Estimate
from decisions.ladder import Approach, Facts, Finding, Recommendation, RuleFigures
from decisions.matrix import MatrixRow
from decisions.pricing import Pricing
from decisions.scope import Scope
from decisions.timeline import Phase, build_span


@dataclass(frozen=True)
class Signatory:
    """The consultant who reviewed the memo and signs it: they send it, and replies go to them."""

    name: str
    role: str
    email: str
    phone: str = ""


@dataclass(frozen=True)
class MemoBase:
    """What every memo holds, whatever money model priced it."""

    reference: str
    company: str
    contact_name: str
    contact_role: str
    project_title: str
    project_summary: str
    submitted_on: date
    prepared_on: date
    monthly_queries: int
    volume_assumed: bool
    facts: Facts
    recommendation: Recommendation
    changes: tuple[Change, ...]
    bracket: BudgetBracket
    timeline: tuple[Phase, ...]
    matrix: tuple[MatrixRow, ...]
    consultant_note: str
    # The consultant's review: an approach that replaces the engine's (with why), and an
    # adjustment of the team's effort in percent.
    approach_override: Approach | None = None
    override_reason: str = ""
    budget_adjustment_percent: int = 0
    # The engine's approach of record (stamped when the brief was submitted; memos frozen before it
    # was kept get the recommendation's when they load). With an override, ``recommendation``
    # explains the consultant's approach and ``engine_reason`` says why the rules pointed elsewhere.
    engine_approach: Approach | None = None
    engine_reason: str = ""
    # Over the client's stated budget: says so, with a first phase that fits; far dearer to run at
    # the client's volume than an approach that could stand in; and the client's staff checking
    # outputs costing more than running it; and a date the build cannot keep (memos frozen before
    # the last two were said have none).
    budget_watch: Finding | None = None
    cost_watch: Finding | None = None
    staff_watch: Finding | None = None
    deadline_watch: Finding | None = None
    # The figures the rules decided with; memos frozen before they were kept have none.
    rules: RuleFigures | None = None
    retraining: Phase | None = None  # after launch, for a fine-tuned model
    # The deliverable: who signs it (none on the engine's reading a client sees before sending),
    # until when its figures hold, and what the first phase commits to.
    signed_by: Signatory | None = None
    valid_until: date | None = None
    scope: Scope | None = None

    @property
    def first_phase(self) -> Phase:
        return self.timeline[0]

    @property
    def build_span(self) -> tuple[float, float]:
        return build_span(self.timeline)

    @property
    def points_to_watch(self) -> tuple[Finding, ...]:
        watches = (self.budget_watch, self.cost_watch, self.staff_watch, self.deadline_watch)
        costs = tuple(watch for watch in watches if watch)
        return (*costs, *self.recommendation.warnings)

    @property
    def approach(self) -> Approach:
        """The approach the memo recommends, by Brief.final_approach's rule: the consultant's
        override, else the engine's approach of record."""
        return self.approach_override or self.engine_approach or self.recommendation.approach

    @property
    def summary_reason(self) -> str:
        """The one sentence that says why: the consultant's, when they chose the approach."""
        return self.override_reason if self.approach_override else self.recommendation.main_reason.text

    @property
    def overridden(self) -> bool:
        """The consultant recommends an approach other than the engine's."""
        return self.approach is not self.engine_approach

    @property
    def adjustment(self) -> str:
        """The consultant's adjustment of the team's effort in words ("raised by 20%"), or empty."""
        percent = self.budget_adjustment_percent
        return f"{'raised' if percent > 0 else 'lowered'} by {abs(percent)}%" if percent else ""


@dataclass(frozen=True, kw_only=True)
class Memo(MemoBase):
    """A memo priced by the cost model of ranges (decisions.pricing)."""

    pricing: Pricing
    legacy: bool = False

    @property
    def currency(self) -> str:
        return self.pricing.currency

    @property
    def assumptions_version(self) -> int:
        return self.pricing.assumptions.version

    @property
    def estimate(self) -> Estimate:
        """The recommended approach's money, with the consultant's adjustment."""
        return self.pricing.estimate
