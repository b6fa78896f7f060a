"""One call for everything the engine says about a brief: ``assess(inputs, assumptions)``.

A page (the client's report, the memo, the consultant's brief page, the CSV, an email) needs the
recommendation, what would change it, the costs, the bracket, the timeline, the budget's fit and the
first phase's scope, and they must agree. They are worked out here together, once, from plain
values; the memo builder only maps the result, never re-deriving a rule. Plain Python like the ladder.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from decisions.budget import (
    BudgetBracket,
    Phase,
    budget_bracket,
    budget_fit,
    cost_at_volume,
    priced_for,
    retraining,
    timeline,
)
from decisions.changes import Change, changes_beyond, what_would_change
from decisions.costs import Assumptions, CostEstimate, estimate, prompted_knowledge_tokens
from decisions.ladder import Approach, Facts, Finding, Recommendation, explain, recommend
from decisions.scope import Scope, first_phase

# When a client gives no volume, the cost model still needs one; the memo says it assumed this.
ASSUMED_MONTHLY_QUERIES = 10_000


@dataclass(frozen=True)
class BriefInputs:
    """What the engine reads of a brief: the answers, and what a consultant decided in review."""

    facts: Facts
    monthly_queries: int | None = None  # None: not given, ASSUMED_MONTHLY_QUERIES is used
    budget_ceiling: int | None = None  # the most the client said they would spend in a first year
    # The engine's approach of record (stamped when the brief arrived); None: the rules' approach now.
    engine_approach: Approach | None = None
    override: Approach | None = None  # a consultant's approach instead of the engine's
    adjustment_percent: int = 0  # a consultant's adjustment of the first-year estimate


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
    estimate: CostEstimate
    first_year: float  # the recommended approach's, with the consultant's adjustment
    bracket: BudgetBracket
    timeline: tuple[Phase, ...]
    retraining: Phase | None
    budget_watch: Finding | None
    cost_watch: Finding | None
    scope: Scope

    @property
    def overridden(self) -> bool:
        return self.approach is not self.engine_approach


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
    # Set-up follows the build's phases for this brief; the memo lists the assumptions as versioned.
    costs = estimate(
        volume,
        priced_for(facts, assumptions),
        prompted_knowledge_tokens(facts),
        small_model=recommendation.suggests_smaller_model,
    )
    first_year = costs.of(final).first_year * (1 + inputs.adjustment_percent / 100)
    ruled_out = recommendation.ruled_out
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
        estimate=costs,
        first_year=first_year,
        bracket=budget_bracket(first_year, assumptions),
        timeline=timeline(final, assumptions, facts),
        retraining=retraining(final, assumptions),
        budget_watch=budget_fit(first_year, inputs.budget_ceiling, final, costs, assumptions.currency, ruled_out),
        cost_watch=cost_at_volume(costs, final, assumptions.currency, ruled_out),
        scope=first_phase(final, facts, recommendation),
    )
