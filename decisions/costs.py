"""A rough cost model for the four approaches, at a client's own query volume.

Plain Python like the ladder. Every number comes from ``Assumptions`` (stored and versioned in the
database, editable by the consultancy), never from constants here, so a memo can say which prices
it used and a frozen memo keeps them.

The model, per approach:
- set-up cost = set-up weeks x team weekly rate, paid once;
- cost per query = (prompt + output tokens) x the model's token price, plus retrieval when the
  approach retrieves; the frontier model for prompting and RAG, the small tuned model otherwise;
- monthly upkeep = maintenance weeks a month x weekly rate, plus, for fine-tuned models, a
  retraining of ``retraining_weeks`` every ``retraining_cadence_months``;
- monthly cost at a volume = set-up spread over ``amortize_months`` + upkeep + volume x per query.
Monthly cost is linear in volume, so where the cheapest approach changes can be solved exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from decisions.ladder import Approach

FINE_TUNED = frozenset({Approach.FINE_TUNING, Approach.RAG_FINE_TUNING})
RETRIEVING = frozenset({Approach.RAG, Approach.RAG_FINE_TUNING})


@dataclass(frozen=True)
class ApproachAssumptions:
    """What one approach takes: prompt size, build effort and upkeep effort."""

    approach: Approach
    prompt_tokens_per_query: int
    setup_weeks: float
    maintenance_weeks_per_month: float


@dataclass(frozen=True)
class Assumptions:
    """The editable inputs of the cost model. ``version`` identifies them in a memo."""

    version: int
    currency: str
    frontier_price_per_million_tokens: float
    small_model_price_per_million_tokens: float
    output_tokens_per_query: int
    retrieval_cost_per_query: float
    team_weekly_rate: float
    amortize_months: int
    retraining_cadence_months: int
    retraining_weeks: float
    per_approach: tuple[ApproachAssumptions, ...]
    # Upper bounds of the budget brackets, ascending; above the last is "over" it.
    budget_brackets: tuple[int, ...]

    def __post_init__(self) -> None:
        if sorted(a.approach for a in self.per_approach) != sorted(Approach):
            raise ValueError("assumptions need exactly one entry for each approach")
        if list(self.budget_brackets) != sorted(set(self.budget_brackets)) or not self.budget_brackets:
            raise ValueError("budget brackets must be distinct and ascending")
        if self.amortize_months < 1 or self.retraining_cadence_months < 1:
            raise ValueError("amortization and retraining cadence are at least one month")

    def of(self, approach: Approach) -> ApproachAssumptions:
        return next(a for a in self.per_approach if a.approach is approach)


@dataclass(frozen=True)
class ApproachCost:
    """What one approach costs at the client's volume."""

    approach: Approach
    setup: float
    per_query: float
    monthly_upkeep: float
    monthly_run: float
    monthly_total: float
    first_year: float

    @property
    def monthly_running(self) -> float:
        """What the client pays each month once it is built: queries and upkeep, no set-up."""
        return self.monthly_run + self.monthly_upkeep


@dataclass(frozen=True)
class Crossover:
    """At ``volume`` queries a month, the cheapest approach changes from one to the other."""

    volume: float
    cheaper_below: Approach
    cheaper_above: Approach


@dataclass(frozen=True)
class Series:
    """Monthly cost of one approach at each sampled volume, for the chart and its table."""

    approach: Approach
    points: tuple[tuple[int, float], ...]


@dataclass(frozen=True)
class CostEstimate:
    monthly_queries: int
    costs: tuple[ApproachCost, ...]
    crossovers: tuple[Crossover, ...]
    series: tuple[Series, ...]

    def of(self, approach: Approach) -> ApproachCost:
        return next(c for c in self.costs if c.approach is approach)

    @property
    def cheapest(self) -> Approach:
        return min(self.costs, key=lambda c: c.monthly_total).approach


def per_query_cost(approach: Approach, assumptions: Assumptions) -> float:
    """Model tokens (and retrieval, where the approach retrieves) for one query."""
    price = (
        assumptions.small_model_price_per_million_tokens
        if approach in FINE_TUNED
        else assumptions.frontier_price_per_million_tokens
    )
    tokens = assumptions.of(approach).prompt_tokens_per_query + assumptions.output_tokens_per_query
    retrieval = assumptions.retrieval_cost_per_query if approach in RETRIEVING else 0.0
    return tokens * price / 1_000_000 + retrieval


def setup_cost(approach: Approach, assumptions: Assumptions) -> float:
    return assumptions.of(approach).setup_weeks * assumptions.team_weekly_rate


def monthly_upkeep(approach: Approach, assumptions: Assumptions) -> float:
    weeks = assumptions.of(approach).maintenance_weeks_per_month
    if approach in FINE_TUNED:
        weeks += assumptions.retraining_weeks / assumptions.retraining_cadence_months
    return weeks * assumptions.team_weekly_rate


def monthly_fixed(approach: Approach, assumptions: Assumptions) -> float:
    """The part of the monthly cost that does not depend on volume: amortized set-up and upkeep."""
    return setup_cost(approach, assumptions) / assumptions.amortize_months + monthly_upkeep(approach, assumptions)


def monthly_cost(approach: Approach, volume: float, assumptions: Assumptions) -> float:
    """All-in monthly cost at ``volume`` queries a month."""
    return monthly_fixed(approach, assumptions) + volume * per_query_cost(approach, assumptions)


# Beyond this many queries a month, a crossing comes from slopes a hair apart (float noise, or an
# overflow to infinity), not from any real system's volume.
MAX_VOLUME = 1e12


def crossovers(assumptions: Assumptions) -> tuple[Crossover, ...]:
    """Every volume (above zero) at which the cheapest approach changes, in increasing order.

    The cheapest approach at each volume is the lower envelope of straight lines, so walk it: from
    the cheapest at zero, move to the line that undercuts the current one soonest.
    """
    lines = {a: (monthly_fixed(a, assumptions), per_query_cost(a, assumptions)) for a in Approach}
    current = min(Approach, key=lambda a: lines[a])
    found: list[Crossover] = []
    volume = 0.0
    while True:
        fixed, slope = lines[current]
        candidates = [
            ((other_fixed - fixed) / (slope - other_slope), other)
            for other, (other_fixed, other_slope) in lines.items()
            if other_slope < slope
        ]
        later = [(v, a) for v, a in candidates if volume < v <= MAX_VOLUME]
        if not later:
            return tuple(found)
        volume, nxt = min(later, key=lambda c: (c[0], lines[c[1]][1]))
        found.append(Crossover(volume=volume, cheaper_below=current, cheaper_above=nxt))
        current = nxt


def sample_volumes(monthly_queries: int) -> tuple[int, ...]:
    """Volumes for the chart: two decades either side of the client's volume at 1, 2 and 5 per
    decade, and the client's own volume."""
    centre = max(monthly_queries, 1)
    decade = math.floor(math.log10(centre))
    low, high = 10 ** max(0, decade - 2), 10 ** (decade + 2)
    volumes: list[int] = []
    step = low
    while step <= high:
        volumes.extend(v for v in (step, 2 * step, 5 * step) if v <= high)
        step *= 10
    return tuple(sorted({*volumes, centre}))


def estimate(monthly_queries: int, assumptions: Assumptions) -> CostEstimate:
    """Costs of every approach at ``monthly_queries``, where the cheapest changes, and the chart data."""
    if monthly_queries < 0:
        raise ValueError("monthly queries cannot be negative")
    costs = tuple(
        ApproachCost(
            approach=a,
            setup=setup_cost(a, assumptions),
            per_query=per_query_cost(a, assumptions),
            monthly_upkeep=monthly_upkeep(a, assumptions),
            monthly_run=monthly_queries * per_query_cost(a, assumptions),
            monthly_total=monthly_cost(a, monthly_queries, assumptions),
            first_year=setup_cost(a, assumptions)
            + 12 * (monthly_upkeep(a, assumptions) + monthly_queries * per_query_cost(a, assumptions)),
        )
        for a in Approach
    )
    volumes = sample_volumes(monthly_queries)
    series = tuple(
        Series(approach=a, points=tuple((v, monthly_cost(a, v, assumptions)) for v in volumes)) for a in Approach
    )
    return CostEstimate(monthly_queries=monthly_queries, costs=costs, crossovers=crossovers(assumptions), series=series)
