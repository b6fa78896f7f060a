"""The scope memo's content: everything the report page and the PDF show, in one value.

Two readers, two rules. ``memo_for_client(brief)`` is what the client may see: the frozen memo once
it is sent, and until then the engine's reading of their answers alone, with nothing a consultant
has typed. ``memo_with_review(brief)`` is what the memo says or will say when sent: the frozen memo,
else the consultant's work in progress (for their previews and the email they are about to send).
Freezing stores the built value (not its inputs), so later changes to rules, prices or formulas
cannot alter a memo once frozen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from decisions.budget import (
    BudgetBracket,
    Phase,
    budget_bracket,
    budget_fit,
    build_span,
    cost_at_volume,
    priced_for,
    retraining,
    timeline,
)
from decisions.changes import Change, changes_beyond, what_would_change
from decisions.costs import ApproachCost, Assumptions, CostEstimate, estimate, prompted_knowledge_tokens
from decisions.ladder import (
    DYNAMIC_UPDATE_FREQUENCIES,
    Approach,
    Facts,
    Finding,
    Recommendation,
    RuleFigures,
    corpus_size,
    explain,
    recommend,
)
from decisions.matrix import COST_MATRIX, MatrixRow
from decisions.models import AssumptionSet
from decisions.scope import Scope, first_phase
from scoping.memo.chart import cost_chart
from scoping.memo.snapshots import from_json, to_json
from scoping.models import BUDGET_CEILINGS, Brief, ConsultantProfile
from scoping.team import person

# When a client gives no volume, the cost model still needs one; the memo says it assumed this.
ASSUMED_MONTHLY_QUERIES = 10_000


@dataclass(frozen=True)
class Signatory:
    """The consultant who reviewed the memo and signs it: they send it, and replies go to them."""

    name: str
    role: str
    email: str
    phone: str = ""


def signatory(user: AbstractBaseUser) -> Signatory:
    profile = ConsultantProfile.objects.filter(user=user).first()
    return Signatory(
        name=person(user),
        role=(profile.role if profile else "") or "Consultant",
        email=user.email or settings.CONSULTANCY_EMAIL,
        phone=profile.phone if profile else "",
    )


@dataclass(frozen=True)
class Memo:
    reference: str
    company: str
    contact_name: str
    contact_role: str
    project_title: str
    project_summary: str
    submitted_on: str
    prepared_on: str
    monthly_queries: int
    volume_assumed: bool
    facts: Facts
    recommendation: Recommendation
    changes: tuple[Change, ...]
    estimate: CostEstimate
    assumptions: Assumptions
    bracket: BudgetBracket
    timeline: tuple[Phase, ...]
    matrix: tuple[MatrixRow, ...]
    consultant_note: str
    # The consultant's review: an approach that replaces the engine's (with why), and an
    # adjustment of the first-year estimate in percent.
    approach_override: Approach | None = None
    override_reason: str = ""
    budget_adjustment_percent: int = 0
    # The engine's approach of record (stamped when the brief was submitted); memos frozen before
    # it was kept fall back to the recommendation's. With an override, ``recommendation`` explains
    # the consultant's approach and ``engine_reason`` says why the rules alone pointed elsewhere.
    engine_approach: Approach | None = None
    engine_reason: str = ""
    # Over the client's stated budget: says so, with the cheapest first phase that fits; and far
    # dearer at the client's volume than the cheapest line.
    budget_watch: Finding | None = None
    cost_watch: Finding | None = None
    # The figures the rules decided with; memos frozen before they were kept have none.
    rules: RuleFigures | None = None
    retraining: Phase | None = None  # after launch, for a fine-tuned model
    # The deliverable: who signs it (none on the engine's reading a client sees before sending),
    # until when its figures hold, and what the first phase commits to.
    signed_by: Signatory | None = None
    valid_until: str = ""
    scope: Scope | None = None

    @property
    def prepared_date(self) -> date:
        return date.fromisoformat(self.prepared_on)

    @property
    def submitted_date(self) -> date:
        return date.fromisoformat(self.submitted_on)

    @property
    def valid_until_date(self) -> date | None:
        return date.fromisoformat(self.valid_until) if self.valid_until else None

    @property
    def first_phase(self) -> Phase:
        return self.timeline[0]

    @property
    def build_span(self) -> tuple[float, float]:
        return build_span(self.timeline)

    @property
    def points_to_watch(self) -> tuple[Finding, ...]:
        costs = tuple(watch for watch in (self.budget_watch, self.cost_watch) if watch)
        return (*costs, *self.recommendation.warnings)

    @property
    def first_year(self) -> float:
        """The recommended approach's first year, with the consultant's adjustment."""
        return self.cost.first_year * (1 + self.budget_adjustment_percent / 100)

    @property
    def first_reading(self) -> Approach:
        """The engine's approach for the brief."""
        return self.engine_approach or self.recommendation.approach

    @property
    def approach(self) -> Approach:
        """The approach the memo recommends, by Brief.final_approach's rule: the consultant's
        override, else the engine's approach of record."""
        return self.approach_override or self.first_reading

    @property
    def summary_reason(self) -> str:
        """The one sentence that says why: the consultant's, when they chose the approach."""
        return self.override_reason if self.approach_override else self.recommendation.main_reason.text

    @property
    def overridden(self) -> bool:
        """The consultant recommends an approach other than the rules' first reading."""
        return self.approach is not self.first_reading

    @property
    def adjustment(self) -> str:
        """The consultant's budget adjustment in words ("raised by 20%"), or empty."""
        percent = self.budget_adjustment_percent
        return f"{'raised' if percent > 0 else 'lowered'} by {abs(percent)}%" if percent else ""

    @property
    def cost(self) -> ApproachCost:
        """What the recommended approach costs at the client's volume."""
        return self.estimate.of(self.approach)


def memo_build(
    brief: Brief, assumptions: Assumptions, *, with_review: bool = True, signed_by: Signatory | None = None
) -> Memo:
    """The memo for ``brief`` as of now, signed by ``signed_by`` (the consultant sending it, or
    previewing it as if they were); without ``with_review``, the engine's reading alone (no
    override, adjustment, note or signature: what a client may see before the memo is sent)."""
    facts = brief.facts()
    today = timezone.localdate()
    volume = brief.monthly_queries if brief.monthly_queries is not None else ASSUMED_MONTHLY_QUERIES
    engine = Approach(brief.preliminary_approach) if brief.preliminary_approach else recommend(facts).approach
    override = Approach(brief.approach_override) if with_review and brief.approach_override else None
    adjustment = brief.budget_adjustment_percent if with_review else 0
    final = override or engine
    # Everything below explains and prices the final approach, the consultant's where they chose one.
    recommendation = explain(facts, final)
    # A smaller model is priced where the points to watch suggest one (latency or unit cost).
    small_model = any(warning.rule_id == "watch-latency-cost" for warning in recommendation.warnings)
    # Set-up follows the build's phases for this brief; the memo lists the assumptions as versioned.
    priced = priced_for(facts, assumptions)
    costs = estimate(volume, priced, prompted_knowledge_tokens(facts), small_model=small_model)
    first_year = costs.of(final).first_year * (1 + adjustment / 100)
    ceiling = BUDGET_CEILINGS[brief.budget_range] if brief.budget_range else None
    outgrows_prompt = facts.needs_private_knowledge and (
        corpus_size(facts).large or facts.update_frequency in DYNAMIC_UPDATE_FREQUENCIES
    )
    ruled_out = (*recommendation.measured_short, *((Approach.PROMPTING,) if outgrows_prompt else ()))
    return Memo(
        reference=brief.reference,
        company=brief.company,
        contact_name=brief.contact_name,
        contact_role=brief.contact_role,
        project_title=brief.project_title,
        project_summary=brief.project_summary,
        submitted_on=timezone.localdate(brief.submitted_at or brief.created_at).isoformat(),
        prepared_on=today.isoformat(),
        monthly_queries=volume,
        volume_assumed=brief.monthly_queries is None,
        facts=facts,
        recommendation=recommendation,
        # The rules' counterfactuals; after an override, only those that would add to its approach.
        changes=what_would_change(facts) if final is engine else changes_beyond(what_would_change(facts), final),
        estimate=costs,
        assumptions=assumptions,
        bracket=budget_bracket(first_year, assumptions),
        timeline=timeline(final, assumptions, facts),
        retraining=retraining(final, assumptions),
        matrix=COST_MATRIX,
        consultant_note=brief.consultant_note if with_review else "",
        approach_override=override,
        override_reason=brief.override_reason if override else "",
        budget_adjustment_percent=adjustment,
        engine_approach=engine,
        engine_reason=explain(facts, engine).main_reason.text if final is not engine else "",
        rules=RuleFigures(),
        budget_watch=budget_fit(first_year, ceiling, final, costs, assumptions.currency, ruled_out),
        cost_watch=cost_at_volume(costs, final, assumptions.currency, ruled_out),
        signed_by=signed_by if with_review else None,
        valid_until=(today + timedelta(days=settings.SCOPING_MEMO_VALID_DAYS)).isoformat(),
        scope=first_phase(final, facts, recommendation),
    )


def memo_with_review(brief: Brief, current: AssumptionSet | None = None, *, signed_by: Signatory | None = None) -> Memo:
    """The frozen memo if there is one, else the memo as it would read if sent now, signed by ``signed_by``
    (with ``current``, the assumptions in force, if the caller has them): for consultants' previews
    and the email they send. Never for a client's page."""
    if brief.memo_snapshot is not None:
        return memo_from_snapshot(brief.memo_snapshot)
    return memo_build(brief, (current or AssumptionSet.current()).to_assumptions(), signed_by=signed_by)


def memo_for_client(brief: Brief, current: AssumptionSet | None = None) -> Memo:
    """What the client may read: exactly the memo they were sent, or before it is sent the
    engine's reading of their answers, untouched by the review in progress."""
    if brief.memo_sent_at is not None and brief.memo_snapshot is not None:
        return memo_from_snapshot(brief.memo_snapshot)
    return memo_build(brief, (current or AssumptionSet.current()).to_assumptions(), with_review=False)


@dataclass(frozen=True)
class Rung:
    """One step of the ladder as it stands for this project."""

    approach: Approach
    state: str  # recommended | included | deferred | measured | not_needed
    note: str


def ladder_rungs(recommendation: Recommendation, chosen: Approach, first_reading: Approach) -> tuple[Rung, ...]:
    """Where the project stands on each rung, for the ladder picture in the report and memo;
    ``chosen`` is the memo's approach, and ``first_reading`` the rules' (a consultant may have set it
    aside, and with it retrieval the rules called for)."""
    both = chosen is Approach.RAG_FINE_TUNING
    waiting = recommendation.fine_tuning_deferred
    settled = recommendation.measured_sufficient  # a cheaper rung already does the job on the eval set
    retrieving = chosen in (Approach.RAG, Approach.RAG_FINE_TUNING)

    def rung(approach: Approach, *, included: bool = False, deferred: bool = False) -> Rung:
        if approach is chosen:
            return Rung(approach, "recommended", "Recommended")
        if approach is first_reading:
            return Rung(approach, "set_aside", "Our rules' first reading: set aside, see the summary")
        if approach is Approach.RAG and recommendation.rag_applies and not retrieving:
            return Rung(approach, "set_aside", "Called for by our rules: left out, see the points to watch")
        if approach in recommendation.measured_short:  # alone; it may still be part of what is built
            return Rung(approach, "measured", "Measured alone: fell short")
        if included:
            return Rung(approach, "included", "Part of the recommendation")
        if settled and list(Approach).index(approach) > list(Approach).index(settled[0]):
            return Rung(approach, "measured", "Not needed: a cheaper rung passed")
        if deferred:
            return Rung(approach, "deferred", "Deferred: see why above")
        return Rung(approach, "not_needed", "Not needed on current answers")

    return (
        rung(Approach.PROMPTING, included=True),  # every approach starts from a good prompt
        rung(Approach.RAG, included=both),
        rung(Approach.FINE_TUNING, included=both, deferred=waiting and not recommendation.rag_applies),
        rung(Approach.RAG_FINE_TUNING, deferred=waiting and recommendation.rag_applies),
    )


def memo_context(memo: Memo, *, preview: bool) -> dict:
    """What the report page and the PDF templates both need."""
    return {
        "memo": memo,
        "preview": preview,  # not yet sent: what the client sees before, or a consultant's preview
        "rungs": ladder_rungs(memo.recommendation, memo.approach, memo.first_reading),
        "chart": cost_chart(memo.estimate, memo.approach, memo.assumptions.currency),
        "consultancy_name": settings.CONSULTANCY_NAME,
        "consultancy_email": settings.CONSULTANCY_EMAIL,
        "booking_url": settings.CONSULTANCY_BOOKING_URL,
    }


def memo_snapshot(memo: Memo) -> dict:
    return to_json(memo)


def memo_from_snapshot(snapshot: dict) -> Memo:
    return from_json(Memo, snapshot)
