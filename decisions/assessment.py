"""One call for everything the engine says about a brief: ``assess(inputs, assumptions)``.

A page (the client's report, the memo, the consultant's brief page, the CSV, an email) needs the
recommendation, what would change it, the costs, the bracket, the timeline, the budget's fit and the
first phase's scope, and they must agree. They are worked out here together, once, from plain
values; the memo builder only maps the result, never re-deriving a rule. Plain Python like the ladder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from decisions.budget import BudgetBracket, ClientBudget, budget_fit, cost_at_volume, staff_checking, tuned_for_cost
from decisions.changes import Change, changes_beyond, what_would_change
from decisions.costs import Assumptions
from decisions.estimate import Estimate, Profile
from decisions.ladder import Approach, Facts, Finding, FineTuneGoal, Recommendation, explain, recommend
from decisions.pricing import Pricing, price_brief
from decisions.scope import Scope, first_phase
from decisions.timeline import Phase, deadline_fit, retraining, timeline

# When a client gives no volume, the cost model still needs one; the memo says it assumed this.
ASSUMED_MONTHLY_QUERIES = 10_000


@dataclass(frozen=True)
class BriefInputs:
    """What the engine reads of a brief: the answers, and what a consultant decided in review."""

    facts: Facts
    monthly_queries: int | None = None  # None: not given, ASSUMED_MONTHLY_QUERIES is used
    budget: ClientBudget | None = None  # what the client said they would spend in a first year
    profile: Profile = field(default_factory=Profile)  # what the money reads beyond the ladder's facts
    # The engine's approach of record (stamped when the brief arrived); None: the rules' approach now.
    engine_approach: Approach | None = None
    override: Approach | None = None  # a consultant's approach instead of the engine's
    adjustment_percent: int = 0  # a consultant's adjustment of the team's effort, and so of our fees and weeks
    deadline: date | None = None  # when the client wants it in production
    today: date | None = None  # the day the timeline would start from (with ``deadline``)


@dataclass(frozen=True)
class Assessment:
    """The engine's whole account of a brief, for one set of inputs and assumptions."""

    rules: Recommendation  # the rules' own reading of the answers as they are now
    rules_changes: tuple[Change, ...]  # what would change the rules' reading
    engine_approach: Approach  # the approach of record
    approach: Approach  # the approach recommended: the override, else the engine's
    recommendation: Recommendation  # the account of ``approach``: its reasons, points to watch, steps
    engine_reason: str  # with an override, why the rules alone pointed to the engine's approach
    changes: tuple[Change, ...]  # the counterfactuals worth showing beside ``approach``
    monthly_queries: int
    volume_assumed: bool
    pricing: Pricing  # the money, with the consultant's adjustment
    timeline: tuple[Phase, ...]
    retraining: Phase | None
    budget_watch: Finding | None
    cost_watch: Finding | None
    staff_watch: Finding | None  # the client's own staff checking outputs, when it outweighs running it
    deadline_watch: Finding | None  # the client's date sooner than the build takes
    scope: Scope

    @property
    def overridden(self) -> bool:
        return self.approach is not self.engine_approach

    @property
    def estimate(self) -> Estimate:
        return self.pricing.estimate

    @property
    def bracket(self) -> BudgetBracket:
        return self.pricing.bracket


def set_aside(facts: Facts, rules: Recommendation) -> tuple[tuple[Approach, str], ...]:
    """The approaches that cannot stand in for this brief today, whatever a consultant chooses, and
    why: one rule for every comparison of money (the table, the chart, the crossings, the warnings)."""
    found = []
    for other in Approach:
        if other in rules.measured_short:
            found.append((other, "measured short on your eval set"))
        elif other.fine_tunes and not rules.approach.fine_tunes:
            later = "fine-tuning comes later, once the eval set shows the need"
            wanted = rules.fine_tuning_signals or facts.fine_tune_goal is FineTuneGoal.BEHAVIOR  # the client hopes so
            found.append((other, later if wanted else "nothing in the brief calls for fine-tuning"))
        elif other.retrieves and not facts.needs_knowledge:
            found.append((other, "there is nothing for it to look things up in"))
    return tuple(found)


@lru_cache(maxsize=1024)
def assess(inputs: BriefInputs, assumptions: Assumptions) -> Assessment:
    """Apply the ladder, the cost model and the budget to ``inputs`` under ``assumptions``: one value
    with everything a page shows, all of it for the recommended approach (the consultant's where
    they chose one)."""
    facts = inputs.facts
    rules = recommend(facts)
    rules_changes = what_would_change(facts)
    engine = inputs.engine_approach or rules.approach
    final = inputs.override or engine
    recommendation = explain(facts, final)
    volume = inputs.monthly_queries if inputs.monthly_queries is not None else ASSUMED_MONTHLY_QUERIES
    effort = 1 + inputs.adjustment_percent / 100
    phases = timeline(final, assumptions, facts, effort=effort)
    pricing = price_brief(
        facts,
        volume,
        assumptions,
        final,
        inputs.profile,
        inputs.budget,
        effort=effort,
        set_aside=set_aside(facts, rules),
    )
    alternatives = tuple(other for other in pricing.stand_ins if other.approach is not final)
    return Assessment(
        rules=rules,
        rules_changes=rules_changes,
        engine_approach=engine,
        approach=final,
        recommendation=recommendation,
        engine_reason=explain(facts, engine).main_reason.text if final is not engine else "",
        # After an override, only the rules' counterfactuals that would add to its approach.
        changes=rules_changes if final is engine else changes_beyond(rules_changes, final),
        monthly_queries=volume,
        volume_assumed=inputs.monthly_queries is None,
        pricing=pricing,
        timeline=phases,
        retraining=retraining(final, assumptions, effort=effort),
        budget_watch=budget_fit(
            pricing.estimate,
            inputs.budget,
            pricing.first_phase,
            tuple(other for other in alternatives if other.approach.rung < final.rung),
            assumptions,
        ),
        # Where the brief asks for a fine-tune for its unit cost, what it costs against its untuned twin comes first.
        cost_watch=tuned_for_cost(
            pricing.estimate, pricing.untuned, pricing.tuned_cheaper_from, facts, assumptions.currency
        )
        or cost_at_volume(pricing.estimate, alternatives, assumptions.currency),
        staff_watch=staff_checking(pricing.estimate, assumptions.reviewer_hourly_cost, assumptions.currency),
        deadline_watch=deadline_fit(phases, inputs.deadline, inputs.today) if inputs.today else None,
        scope=first_phase(final, facts, recommendation),
    )
