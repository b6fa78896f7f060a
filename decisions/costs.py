"""A rough cost model for the four approaches, at a client's own query volume.

Plain Python like the ladder. Every number comes from ``Assumptions`` (stored and versioned in the
database, editable by the consultancy), never from constants here, so a memo can say which prices
it used and a frozen memo keeps them.

The model, per approach:
- set-up cost = set-up weeks x team weekly rate, paid once; a fine-tune adds its first training
  run (tokens x epochs x training price) and an evaluation run;
- cost per query = (prompt + output tokens) x the model's token price, plus retrieval when the
  approach retrieves; the frontier model for prompting and RAG, the small tuned model otherwise.
  Prompting carries the client's knowledge in every prompt (as much as a prompt holds), the
  repeated part mostly served from a prompt cache at a fraction of the price;
- monthly upkeep = maintenance weeks a month x weekly rate; a fine-tuned model adds its hosting
  and, every ``retraining_cadence_months``, a retraining (team weeks, a training run, an evaluation);
- monthly cost at a volume = usage (volume x per query) + upkeep + set-up spread over
  ``amortize_months``: one definition, in the summary, the table and the chart alike.
Monthly cost is linear in volume, so where the cheapest approach changes can be solved exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from decisions.ladder import CONTEXT_BUDGET_TOKENS, Approach, Facts, KnowledgeSize

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
    # Prompt caching: the share of a repeated prompt served from the cache, and its price relative
    # to uncached input. Fine-tuning: a training run, hosting and an evaluation run. (Zero defaults
    # keep memos frozen before these existed reading as they were priced.)
    cached_share: float = 0.0
    cached_price_factor: float = 1.0
    training_price_per_million_tokens: float = 0.0
    training_tokens_per_run: int = 0
    training_epochs: int = 1
    fine_tuned_hosting_per_month: float = 0.0
    eval_run_cost: float = 0.0

    def __post_init__(self) -> None:
        if sorted(a.approach for a in self.per_approach) != sorted(Approach):
            raise ValueError("assumptions need exactly one entry for each approach")
        if list(self.budget_brackets) != sorted(set(self.budget_brackets)) or not self.budget_brackets:
            raise ValueError("budget brackets must be distinct and ascending")
        if self.amortize_months < 1 or self.retraining_cadence_months < 1:
            raise ValueError("amortization and retraining cadence are at least one month")
        if not (0 <= self.cached_share <= 1 and 0 <= self.cached_price_factor <= 1):
            raise ValueError("the cached share and the cached price factor are between 0 and 1")

    def of(self, approach: Approach) -> ApproachAssumptions:
        return next(a for a in self.per_approach if a.approach is approach)

    @property
    def training_run_cost(self) -> float:
        """One fine-tuning run: its tokens, epochs and price."""
        return self.training_tokens_per_run * self.training_epochs * self.training_price_per_million_tokens / 1e6


@dataclass(frozen=True)
class ApproachCost:
    """What one approach costs at the client's volume."""

    approach: Approach
    setup: float
    per_query: float
    monthly_upkeep: float
    monthly_run: float  # usage: the month's queries
    monthly_total: float  # usage + upkeep + set-up spread: the one monthly cost every page shows
    first_year: float

    @property
    def setup_spread(self) -> float:
        """The set-up's share of a month (over the assumptions' amortize_months): what the total
        holds beyond usage and upkeep, so the three parts always add up to it."""
        return self.monthly_total - self.monthly_run - self.monthly_upkeep


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
    # Knowledge tokens prompting carries in every prompt; and where the points to watch suggest a
    # smaller model, what prompting would cost a query on it.
    knowledge_tokens: int = 0
    small_model_per_query: float | None = None

    def of(self, approach: Approach) -> ApproachCost:
        return next(c for c in self.costs if c.approach is approach)

    @property
    def cheapest(self) -> Approach:
        return min(self.costs, key=lambda c: c.monthly_total).approach


def per_query_cost(approach: Approach, assumptions: Assumptions, knowledge_tokens: int = 0) -> float:
    """Model tokens (and retrieval, where the approach retrieves) for one query; prompting carries
    ``knowledge_tokens`` of the client's knowledge in every prompt, the cache serving most of it."""
    fine_tuned = approach in FINE_TUNED
    price = (
        assumptions.small_model_price_per_million_tokens
        if fine_tuned
        else assumptions.frontier_price_per_million_tokens
    )
    return _query_cost(approach, assumptions, price, knowledge_tokens)


def small_model_prompting_cost(assumptions: Assumptions, knowledge_tokens: int = 0) -> float:
    """Prompting one query on the small model instead of the frontier one."""
    return _query_cost(
        Approach.PROMPTING, assumptions, assumptions.small_model_price_per_million_tokens, knowledge_tokens
    )


def _query_cost(approach: Approach, assumptions: Assumptions, price: float, knowledge_tokens: int) -> float:
    prompt = assumptions.of(approach).prompt_tokens_per_query
    if approach is Approach.PROMPTING:
        # The same instructions (and knowledge) open every prompt: the cache serves that part. The
        # other approaches' prompts change with each query's passages or are already short.
        cached = assumptions.cached_share * assumptions.cached_price_factor + (1 - assumptions.cached_share)
        input_tokens = (prompt + knowledge_tokens) * cached
    else:
        input_tokens = prompt
    retrieval = assumptions.retrieval_cost_per_query if approach in RETRIEVING else 0.0
    return (input_tokens + assumptions.output_tokens_per_query) * price / 1_000_000 + retrieval


def setup_cost(approach: Approach, assumptions: Assumptions) -> float:
    """The build: team weeks, and for a fine-tune its first training and evaluation runs."""
    cost = assumptions.of(approach).setup_weeks * assumptions.team_weekly_rate
    if approach in FINE_TUNED:
        cost += assumptions.training_run_cost + assumptions.eval_run_cost
    return cost


def monthly_upkeep(approach: Approach, assumptions: Assumptions) -> float:
    """Each month after launch, whatever the volume: the team's upkeep; for a fine-tuned model also
    its hosting and a share of the next retraining (team weeks, a training run, an evaluation)."""
    cost = assumptions.of(approach).maintenance_weeks_per_month * assumptions.team_weekly_rate
    if approach in FINE_TUNED:
        retraining = (
            assumptions.retraining_weeks * assumptions.team_weekly_rate
            + assumptions.training_run_cost
            + assumptions.eval_run_cost
        )
        cost += assumptions.fine_tuned_hosting_per_month + retraining / assumptions.retraining_cadence_months
    return cost


def setup_spread(approach: Approach, assumptions: Assumptions) -> float:
    return setup_cost(approach, assumptions) / assumptions.amortize_months


def monthly_fixed(approach: Approach, assumptions: Assumptions) -> float:
    """The part of the monthly cost that does not depend on volume: set-up spread and upkeep."""
    return setup_spread(approach, assumptions) + monthly_upkeep(approach, assumptions)


def monthly_cost(approach: Approach, volume: float, assumptions: Assumptions, knowledge_tokens: int = 0) -> float:
    """All-in monthly cost at ``volume`` queries a month: usage, upkeep and set-up spread."""
    return monthly_fixed(approach, assumptions) + volume * per_query_cost(approach, assumptions, knowledge_tokens)


# Beyond this many queries a month, a crossing comes from slopes a hair apart (float noise, or an
# overflow to infinity), not from any real system's volume.
MAX_VOLUME = 1e12


def crossovers(assumptions: Assumptions, knowledge_tokens: int = 0) -> tuple[Crossover, ...]:
    """Every volume (above zero) at which the cheapest approach changes, in increasing order.

    The cheapest approach at each volume is the lower envelope of straight lines, so walk it: from
    the cheapest at zero, move to the line that undercuts the current one soonest.
    """
    lines = {a: (monthly_fixed(a, assumptions), per_query_cost(a, assumptions, knowledge_tokens)) for a in Approach}
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


def estimate(
    monthly_queries: int, assumptions: Assumptions, knowledge_tokens: int = 0, *, small_model: bool = False
) -> CostEstimate:
    """Costs of every approach at ``monthly_queries`` (prompting carrying ``knowledge_tokens`` in every
    prompt), where the cheapest changes, the chart data, and with ``small_model`` what prompting
    would cost a query on the small model."""
    if monthly_queries < 0:
        raise ValueError("monthly queries cannot be negative")

    def cost(a: Approach) -> ApproachCost:
        per_query = per_query_cost(a, assumptions, knowledge_tokens)
        setup, upkeep = setup_cost(a, assumptions), monthly_upkeep(a, assumptions)
        usage = monthly_queries * per_query
        return ApproachCost(
            approach=a,
            setup=setup,
            per_query=per_query,
            monthly_upkeep=upkeep,
            monthly_run=usage,
            monthly_total=monthly_cost(a, monthly_queries, assumptions, knowledge_tokens),
            first_year=setup + 12 * (upkeep + usage),
        )

    volumes = sample_volumes(monthly_queries)
    series = tuple(
        Series(approach=a, points=tuple((v, monthly_cost(a, v, assumptions, knowledge_tokens)) for v in volumes))
        for a in Approach
    )
    return CostEstimate(
        monthly_queries=monthly_queries,
        costs=tuple(cost(a) for a in Approach),
        crossovers=crossovers(assumptions, knowledge_tokens),
        series=series,
        knowledge_tokens=knowledge_tokens,
        small_model_per_query=small_model_prompting_cost(assumptions, knowledge_tokens) if small_model else None,
    )


def prompted_knowledge_tokens(facts: Facts) -> int:
    """What prompting puts in every prompt: the client's knowledge, as much of it as a prompt holds
    (its size in tokens when known, else typical documents)."""
    return min(KnowledgeSize.of(facts).estimate or 0, CONTEXT_BUDGET_TOKENS)
