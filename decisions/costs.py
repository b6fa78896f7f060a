"""What one request costs each approach, from what the system does, and the assumptions behind every
figure of the cost model. Plain Python like the ladder.

Every number comes from ``Assumptions`` (stored and versioned in the database, editable by the
consultancy), never from constants here, so a memo can say which prices it used and a frozen memo
keeps them. A request's prompt follows the brief: the approach's own instructions, the document it
works on (for a processing job) or the request's own words, and knowledge: the whole of it where a
prompt carries it (mostly from the prompt cache, being the same every time), or the passages
retrieval finds. An approach whose prompt cannot carry the knowledge does not stand in at any price.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from decisions.ladder import TYPICAL_TOKENS_PER_DOCUMENT, Approach, Facts, KnowledgeSize


class Hosting(StrEnum):
    """How a fine-tuned model is served."""

    SERVERLESS = "serverless"  # by the token, at the small model's price
    DEDICATED = "dedicated"  # on a machine of its own, by the hour

    @property
    def label(self) -> str:
        return _HOSTING_LABELS[self]


_HOSTING_LABELS = {
    Hosting.SERVERLESS: "serverless, paid by the token",
    Hosting.DEDICATED: "a dedicated machine, paid by the hour",
}
HOURS_A_MONTH = 730  # 24 × 365 / 12


@dataclass(frozen=True)
class ApproachAssumptions:
    """What one approach takes: its prompt's own instructions, build effort and upkeep effort."""

    approach: Approach
    instructions_tokens: int  # instructions and examples, the same in every request
    build_weeks: float  # the core build, in the middle of its range (the timeline adds the other phases)
    upkeep_weeks_per_month: float


@dataclass(frozen=True)
class Assumptions:
    """The editable inputs of the cost model. ``version`` identifies them in a memo."""

    version: int
    currency: str
    per_approach: tuple[ApproachAssumptions, ...]
    budget_brackets: tuple[int, ...]  # upper bounds, ascending; past the last they go on 1-2-5
    prices_as_of: date = date(2026, 12, 1)
    frontier_model: str = "a frontier model"
    small_model: str = "a small open-weights model"
    platform: str = "the model provider's API"
    # Units of each other currency for one unit of ``currency``, for a client's budget.
    exchange_rates: tuple[tuple[str, float], ...] = ()
    # Requests.
    frontier_price_per_million_tokens: float = 5.0
    small_model_price_per_million_tokens: float = 0.6
    output_tokens_per_request: int = 400
    request_tokens: int = 300  # a request's own words, where it brings no document
    retrieved_tokens_per_request: int = 2_000  # the passages retrieval puts in a prompt
    retrieval_per_1000_requests: float = 2.0  # embedding, search and reranking
    cached_share: float = 0.9  # of a repeated prompt, served from the prompt cache
    cached_price_factor: float = 0.1  # cached tokens' price, as a share of the normal price
    # The team.
    team_weekly_rate: float = 8_000.0
    contingency_percent: int = 15  # of the build, at the long end of its timeline
    # Fine-tuning.
    training_price_per_million_tokens: float = 8.0
    training_epochs: int = 3
    training_examples_if_none: int = 1_000  # the framework's minimum, where the brief gives none
    hosting: Hosting = Hosting.SERVERLESS
    dedicated_hourly_rate: float = 1.5
    retraining_cadence_months: int = 3
    retraining_weeks: float = 2.0
    migration_every_months: int = 18  # a base model's retirement forces a new fine-tune this often
    migration_weeks: float = 2.0
    # Measuring.
    eval_cases_if_none: int = 200
    eval_runs_during_build: int = 15  # for each rung built
    eval_runs_per_month: int = 4  # the regression suite, after launch
    build_usage_per_week: float = 150.0  # model use by the team while building
    # Running.
    app_hosting_per_month: float = 250.0
    index_hosting_per_million_tokens: float = 2.0  # a month, for the knowledge retrieval indexes
    index_hosting_min_per_month: float = 50.0
    observability_per_month: float = 100.0
    observability_per_1000_requests: float = 0.2
    guardrails_per_1000_requests: float = 1.0  # guardrails and personal-data filtering
    security_review: float = 6_000.0  # security and data-protection review, once
    review_minutes_per_output: float = 2.0  # where a person checks each output before it is used
    reviewer_hourly_cost: float = 40.0
    # The client's own time.
    client_decider_hours_per_week: float = 2.0
    client_expert_days_per_discovery_week: float = 1.0

    def __post_init__(self) -> None:
        if sorted(a.approach for a in self.per_approach) != sorted(Approach):
            raise ValueError("assumptions need exactly one entry for each approach")
        if list(self.budget_brackets) != sorted(set(self.budget_brackets)) or not self.budget_brackets:
            raise ValueError("budget brackets must be distinct and ascending")
        if self.retraining_cadence_months < 1 or self.migration_every_months < 1:
            raise ValueError("retraining and migration come at most once a month")
        if not (0 <= self.cached_share <= 1 and 0 <= self.cached_price_factor <= 1):
            raise ValueError("the cached share and the cached price factor are between 0 and 1")
        if any(rate <= 0 for _, rate in self.exchange_rates):
            raise ValueError("exchange rates are above zero")

    def of(self, approach: Approach) -> ApproachAssumptions:
        return next(a for a in self.per_approach if a.approach is approach)

    @property
    def rates(self) -> dict[str, float]:
        """Units of each currency for one unit of ours (ours is 1, whatever the list says of it)."""
        return {**dict(self.exchange_rates), self.currency: 1.0}

    def price(self, approach: Approach) -> float:
        """Per million tokens: the frontier model's, or the small fine-tuned model's."""
        return (
            self.small_model_price_per_million_tokens if approach.fine_tunes else self.frontier_price_per_million_tokens
        )


def input_tokens(facts: Facts, assumptions: Assumptions) -> int:
    """What a request brings: the document it works on (its size as given, else a typical one), or
    the request's own words."""
    if facts.task.processes_inputs:
        return facts.input_tokens or TYPICAL_TOKENS_PER_DOCUMENT
    return facts.input_tokens or assumptions.request_tokens


def _carried(approach: Approach, facts: Facts, size: KnowledgeSize) -> int | None:
    """The knowledge a request's prompt carries whole, in tokens (0: none to carry, or retrieval
    brings passages instead; the size assumed where none is given, KnowledgeSize.carried); None
    where a prompt cannot carry it, so the approach cannot stand in."""
    if approach.retrieves or not facts.needs_knowledge:
        return 0
    return None if size.large else size.carried


@dataclass(frozen=True)
class RequestCost:
    """One request of one approach: its prompt and what it costs in model tokens."""

    approach: Approach
    instructions: int
    knowledge: int  # carried whole, or the retrieved passages
    request: int  # the document or the words a request brings
    output: int
    cost: float  # model tokens only; retrieval is priced apart
    knowledge_assumed: bool = False  # carried at ASSUMED_KNOWLEDGE_TOKENS: the brief gave no size
    parts: int = 1  # the document read in parts, the knowledge beside each (KnowledgeSize.parts)

    @property
    def knowledge_per_part(self) -> int:
        """The knowledge one prompt carries (``knowledge`` is all of a request's parts together)."""
        return self.knowledge // self.parts

    @property
    def prompt(self) -> int:
        return self.instructions + self.knowledge + self.request

    @property
    def per_1000(self) -> float:
        """The price of a thousand requests, to the cent: the figure printed and multiplied."""
        return round(self.cost * 1_000, 2)


def request_cost(
    approach: Approach, facts: Facts, assumptions: Assumptions, *, without_knowledge: bool = False
) -> RequestCost | None:
    """What one request costs ``approach``, or None where its prompt cannot carry the knowledge
    (``without_knowledge``: priced on what it carries besides, for an approach a consultant chose
    although its prompt cannot hold the knowledge). The instructions and the knowledge carried whole
    open every prompt the same way, so the prompt cache serves most of them; passages and the
    request itself change every time."""
    size = KnowledgeSize.of(facts)
    carried = _carried(approach, facts, size)
    if carried is None and not without_knowledge:
        return None
    # A document read in parts carries the knowledge beside each part (KnowledgeSize.in_parts).
    parts = size.parts if carried else 1
    carried = (carried or 0) * parts
    retrieved = assumptions.retrieved_tokens_per_request if approach.retrieves else 0
    instructions = assumptions.of(approach).instructions_tokens
    request = input_tokens(facts, assumptions)
    cache = assumptions.cached_share * assumptions.cached_price_factor + (1 - assumptions.cached_share)
    billed = (instructions + carried) * cache + retrieved + request + assumptions.output_tokens_per_request
    return RequestCost(
        approach=approach,
        instructions=instructions,
        knowledge=carried or retrieved,
        request=request,
        output=assumptions.output_tokens_per_request,
        cost=billed * assumptions.price(approach) / 1_000_000,
        knowledge_assumed=bool(carried) and size.assumed,
        parts=parts,
    )


def training_tokens(facts: Facts, assumptions: Assumptions) -> tuple[int, int]:
    """One training run: (examples, tokens in all, epochs included). The examples are the client's
    labelled ones, or the framework's minimum where they have none yet; each is one request and the
    output wanted."""
    examples = facts.labeled_examples or assumptions.training_examples_if_none
    per_example = input_tokens(facts, assumptions) + assumptions.output_tokens_per_request
    return examples, examples * per_example * assumptions.training_epochs


def training_run_cost(facts: Facts, assumptions: Assumptions) -> float:
    _, tokens = training_tokens(facts, assumptions)
    return tokens * assumptions.training_price_per_million_tokens / 1_000_000
