"""The money of memos frozen before the cost model of ranges (see decisions.estimate): the shapes their
snapshots were stored in, kept so they load and render exactly as they were sent. Nothing builds these
any more; ``templates/scoping/memo/includes/legacy_money.html`` draws them."""

from __future__ import annotations

from dataclasses import dataclass

from decisions.ladder import Approach
from scoping.memos.content import MemoBase


@dataclass(frozen=True)
class LegacyApproachAssumptions:
    approach: Approach
    prompt_tokens_per_query: int
    setup_weeks: float
    maintenance_weeks_per_month: float


@dataclass(frozen=True)
class LegacyAssumptions:
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
    per_approach: tuple[LegacyApproachAssumptions, ...]
    budget_brackets: tuple[int, ...]
    cached_share: float = 0.0
    cached_price_factor: float = 1.0
    training_price_per_million_tokens: float = 0.0
    training_tokens_per_run: int = 0
    training_epochs: int = 1
    fine_tuned_hosting_per_month: float = 0.0
    eval_run_cost: float = 0.0

    @property
    def training_run_cost(self) -> float:
        return self.training_tokens_per_run * self.training_epochs * self.training_price_per_million_tokens / 1e6


@dataclass(frozen=True)
class ApproachCost:
    approach: Approach
    setup: float
    per_query: float
    monthly_upkeep: float
    monthly_run: float
    monthly_total: float
    first_year: float

    @property
    def setup_spread(self) -> float:
        return self.monthly_total - self.monthly_run - self.monthly_upkeep


@dataclass(frozen=True)
class Crossover:
    volume: float
    cheaper_below: Approach
    cheaper_above: Approach


@dataclass(frozen=True)
class LegacySeries:
    approach: Approach
    points: tuple[tuple[int, float], ...]


@dataclass(frozen=True)
class CostEstimate:
    monthly_queries: int
    costs: tuple[ApproachCost, ...]
    crossovers: tuple[Crossover, ...]
    series: tuple[LegacySeries, ...]
    knowledge_tokens: int = 0
    small_model_per_query: float | None = None

    def of(self, approach: Approach) -> ApproachCost:
        return next(c for c in self.costs if c.approach is approach)

    @property
    def cheapest(self) -> Approach:
        return min(self.costs, key=lambda c: c.monthly_total).approach


@dataclass(frozen=True, kw_only=True)
class LegacyMemo(MemoBase):
    """A memo frozen before the cost model of ranges: one monthly figure with set-up spread, one first
    year. Read from its snapshot only, to be shown as it was sent."""

    estimate: CostEstimate
    assumptions: LegacyAssumptions
    legacy: bool = True

    @property
    def currency(self) -> str:
        return self.assumptions.currency

    @property
    def assumptions_version(self) -> int:
        return self.assumptions.version

    @property
    def cost(self) -> ApproachCost:
        return self.estimate.of(self.approach)

    @property
    def first_year(self) -> float:
        return self.cost.first_year * (1 + self.budget_adjustment_percent / 100)
