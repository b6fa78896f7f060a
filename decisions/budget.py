"""The rough budget bracket and build timeline a memo quotes, from the assumptions and the framework."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from decisions.costs import FINE_TUNED, RETRIEVING, Assumptions, CostEstimate
from decisions.ladder import Approach, Facts, Finding, KnowledgeSize, RuleId, Section
from decisions.matrix import FINE_TUNING_TIMELINES

_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}


def compact_number(n: float) -> str:
    """1,000 as 1k, 2,500,000 as 2.5M and 3e15 as 3,000T: short, for people, never in exponents."""
    units = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k"), (1, ""))
    for index, (size, suffix) in enumerate(units):
        if n >= size or size == 1:
            text = _short(n / size)
            if text == "1,000" and index > 0:  # 999,999,999 is 1B, not 1,000M
                return f"1{units[index - 1][1]}"
            return f"{text}{suffix}"
    return _short(n)


def _short(x: float) -> str:
    """Two significant figures below ten (2.5), whole above (25, 1,000), never an exponent."""
    text = f"{x:,.1f}" if x < 10 else f"{x:,.0f}"
    return text.removesuffix(".0")


# From here an amount is written compactly (€3.7M): more digits would pretend to a precision a
# rough estimate does not have.
COMPACT_FROM = 1_000_000


def format_money(amount: float, currency: str, *, compact: bool = False, decimals: int = 0) -> str:
    """Whole units with thousands separators (estimates carry no cents), compact (€25k, and always
    from a million: €3.7M), or with ``decimals`` for amounts below a unit, such as one query's cost."""
    symbol = _SYMBOLS.get(currency)
    if 0 < amount < 1 and not decimals:
        decimals = 2  # €0.22, not €0
    number = compact_number(amount) if compact or amount >= COMPACT_FROM else f"{amount:,.{decimals}f}"
    return f"{symbol}{number}" if symbol else f"{number} {currency}"


@dataclass(frozen=True)
class BudgetBracket:
    """A range a first-year budget falls in; ``low`` None is "under", ``high`` None is "over"."""

    low: int | None
    high: int | None
    currency: str

    @property
    def label(self) -> str:
        if self.low is None:
            return f"Under {format_money(self.high or 0, self.currency)}"
        if self.high is None:
            return f"Over {format_money(self.low, self.currency)}"
        return f"{format_money(self.low, self.currency)} – {format_money(self.high, self.currency)}"


def budget_bracket(amount: float, assumptions: Assumptions) -> BudgetBracket:
    """The configured bracket ``amount`` falls in (an amount on a bound belongs to the lower one)."""
    low = None
    for bound in assumptions.budget_brackets:
        if amount <= bound:
            return BudgetBracket(low=low, high=bound, currency=assumptions.currency)
        low = bound
    return BudgetBracket(low=low, high=None, currency=assumptions.currency)


@dataclass(frozen=True)
class Phase:
    """A stretch of work in the memo's timeline."""

    label: str
    min_weeks: float
    max_weeks: float
    covers: str

    @property
    def span(self) -> tuple[float, float]:
        return (self.min_weeks, self.max_weeks)


_BUILD_COVERS = {
    Approach.PROMPTING: "the prompt, its examples and tests against the eval set",
    Approach.RAG: "the retrieval pipeline (ingestion, index, search) and the prompt around it",
    Approach.FINE_TUNING: "the prompt and evaluation harness the tuned model is measured in",
    Approach.RAG_FINE_TUNING: "the retrieval pipeline and the harness the tuned model reads it in",
}
# Effort in weeks (low, high) of the phases every build has, and of what a brief adds to retrieval.
DISCOVERY_WEEKS = {True: (1, 2), False: (2, 3)}  # with an eval set already, or building one
INTEGRATION_WEEKS = (1, 2)
BUILD_SPREAD = (0.75, 1.25)  # an approach's build, around its set-up weeks in the assumptions
RETRIEVAL_EXTRAS = (
    ("large", "Indexing at scale", (1, 2), "a corpus larger than a prompt, chunked and indexed"),
    ("dynamic", "Keeping the index fresh", (1, 2), "refresh jobs that follow the knowledge as it changes"),
    ("multi_tenant", "An index per customer", (1, 3), "each customer's knowledge kept apart"),
    ("citations", "Citations", (0.5, 1), "tracing each answer to the passage it came from"),
)


def timeline(approach: Approach, assumptions: Assumptions, facts: Facts | None = None) -> tuple[Phase, ...]:
    """The build as phases with ranges that follow the brief: discovery and eval set, the build,
    what retrieval needs for this knowledge, the fine-tune (the framework's realistic production
    range) and integration. The build in all is their sum."""
    facts = facts or Facts()
    weeks = assumptions.of(approach).setup_weeks
    phases = [
        Phase("Discovery and eval set", *DISCOVERY_WEEKS[facts.has_eval_set], "the questions, answers and scoring"),
        Phase("Core build", weeks * BUILD_SPREAD[0], weeks * BUILD_SPREAD[1], _BUILD_COVERS[approach]),
    ]
    if approach in RETRIEVING:
        size, wanted = KnowledgeSize.of(facts), _retrieval_needs(facts)
        wanted["large"] = size.large
        phases.extend(
            Phase(label, low, high, covers) for need, label, (low, high), covers in RETRIEVAL_EXTRAS if wanted[need]
        )
    if approach in FINE_TUNED:
        # A production build takes the article's realistic production fine-tune; its smallest
        # meaningful one is a prototype. (The eval set is already in discovery.)
        smallest, production = FINE_TUNING_TIMELINES
        phases.append(
            Phase(
                "Fine-tune",
                production.min_weeks,
                production.max_weeks,
                "data curation, training runs, a regression suite and an A/B test against the base model "
                f"(a prototype fine-tune alone takes {smallest.min_weeks}–{smallest.max_weeks} weeks)",
            )
        )
    phases.append(Phase("Integration and launch", *INTEGRATION_WEEKS, "connecting it to your systems, going live"))
    return tuple(phases)


def _retrieval_needs(facts: Facts) -> dict[str, bool]:
    knowledge = facts.needs_knowledge
    return {
        "dynamic": knowledge and facts.update_frequency.dynamic,
        "multi_tenant": knowledge and facts.multi_tenant,
        "citations": knowledge and facts.needs_citations,
    }


def build_span(phases: tuple[Phase, ...]) -> tuple[float, float]:
    """The build in all: the sum of its phases, so no part can exceed the whole."""
    return (sum(phase.min_weeks for phase in phases), sum(phase.max_weeks for phase in phases))


def retraining(approach: Approach, assumptions: Assumptions) -> Phase | None:
    """After launch, for a fine-tuned model: a retraining every few months."""
    if approach not in FINE_TUNED:
        return None
    return Phase(
        f"Retraining every {assumptions.retraining_cadence_months} months",
        assumptions.retraining_weeks,
        assumptions.retraining_weeks,
        "after launch, to keep pace with new data and base-model improvements",
    )


def cost_at_volume(
    estimate: CostEstimate, chosen: Approach, currency: str, ruled_out: tuple[Approach, ...] = ()
) -> Finding | None:
    """A point to watch when, at the client's volume, the recommended approach costs more than twice
    a cheaper one that could stand in for it: not a fine-tune (only the ladder's gate opens one) and
    nothing ``ruled_out`` (measured short, or unable to hold the knowledge)."""
    mine = estimate.of(chosen)
    others = [
        cost for cost in estimate.costs if cost.approach not in (chosen, *ruled_out) and cost.approach not in FINE_TUNED
    ]
    if not others:
        return None
    cheapest = min(others, key=lambda cost: cost.monthly_total)
    if mine.monthly_total < 2 * cheapest.monthly_total:
        return None
    usage_gap = mine.monthly_run - cheapest.monthly_run
    where = (
        "the cost of each query"
        if usage_gap > mine.monthly_total - cheapest.monthly_total - usage_gap
        else ("its upkeep and set-up")
    )
    return Finding(
        RuleId.WATCH_COST_AT_VOLUME,
        f"At {compact_number(estimate.monthly_queries)} queries a month, {chosen.short_label} costs about "
        f"{format_money(mine.monthly_total, currency)} a month, {mine.monthly_total / cheapest.monthly_total:.0f} "
        f"times {cheapest.approach.short_label}'s {format_money(cheapest.monthly_total, currency)}, mostly in "
        f"{where}: we would measure {cheapest.approach.short_label} against it on the eval set before building.",
        Section.FRAME,
    )


def priced_for(facts: Facts, assumptions: Assumptions) -> Assumptions:
    """The assumptions with each approach's set-up weeks set to the middle of its build for this
    brief, so set-up cost, the first year and the bracket follow the phases' ranges."""
    per_approach = []
    for own in assumptions.per_approach:
        low, high = build_span(timeline(own.approach, assumptions, facts))
        per_approach.append(dataclasses.replace(own, setup_weeks=(low + high) / 2))
    return dataclasses.replace(assumptions, per_approach=tuple(per_approach))


# What each approach builds beyond prompting: what a first phase on a cheaper approach leaves out.
_BEYOND_PROMPTING = {
    Approach.PROMPTING: (),
    Approach.RAG: ("the retrieval pipeline",),
    Approach.FINE_TUNING: ("the fine-tuned model",),
    Approach.RAG_FINE_TUNING: ("the retrieval pipeline", "the fine-tuned model"),
}
# The first phases a recommendation can start with: the rungs below it that it builds on, never a
# fine-tune (which comes last, never first).
_FIRST_PHASES = {
    Approach.PROMPTING: (),
    Approach.RAG: (Approach.PROMPTING,),
    Approach.FINE_TUNING: (Approach.PROMPTING,),
    Approach.RAG_FINE_TUNING: (Approach.PROMPTING, Approach.RAG),
}


def budget_fit(
    first_year: float,
    ceiling: int | None,
    chosen: Approach,
    estimate: CostEstimate,
    currency: str,
    ruled_out: tuple[Approach, ...] = (),
) -> Finding | None:
    """A point to watch when the first-year estimate exceeds the client's stated budget (``ceiling``,
    None when they set none): the cheapest first phase that fits (a rung below the recommendation
    not ``ruled_out``: measured short, or prompting where the knowledge is more than a prompt
    holds), and what it leaves out."""
    if ceiling is None or first_year <= ceiling:
        return None
    said = (
        f"You set a first-year budget of up to {format_money(ceiling, currency)}; this estimate is about "
        f"{format_money(first_year, currency)}."
    )
    fitting = sorted(
        (
            cost
            for cost in estimate.costs
            if cost.approach in _FIRST_PHASES[chosen] and cost.approach not in ruled_out
            and cost.first_year <= ceiling
        ),
        key=lambda cost: cost.first_year,
    )  # fmt: skip
    if not fitting:
        return Finding(
            RuleId.WATCH_OVER_BUDGET,
            f"{said} No smaller first phase of this approach fits it at this volume; we would look at the scope "
            "(one use case, fewer users) and the budget with you.",
            Section.FRAME,
        )
    first = fitting[0]
    left_out = [part for part in _BEYOND_PROMPTING[chosen] if part not in _BEYOND_PROMPTING[first.approach]]
    return Finding(
        RuleId.WATCH_OVER_BUDGET,
        f"{said} A first phase that fits: {first.approach.short_label} with an eval set, about "
        f"{format_money(first.first_year, currency)} in the first year. It proves the use case, and leaves out "
        f"{' and '.join(left_out)} until it is measured.",
        Section.FRAME,
    )
