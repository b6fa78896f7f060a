"""The rough budget bracket and build timeline a memo quotes, from the assumptions and the framework."""

from __future__ import annotations

from dataclasses import dataclass

from decisions.costs import FINE_TUNED, Assumptions, CostEstimate
from decisions.ladder import SECTION_FRAME, Approach, Finding
from decisions.matrix import FINE_TUNING_TIMELINES

_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}


def compact_number(n: float) -> str:
    """1,000 as 1k, 2,500,000 as 2.5M and 3e15 as 3,000T: short, for people, never in exponents."""
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if n >= size:
            return f"{_short(n / size)}{suffix}"
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
    Approach.PROMPTING: "prompt, eval set and integration",
    Approach.RAG: "ingestion and retrieval pipeline, prompt, eval set and integration",
    Approach.FINE_TUNING: "eval set, training data, fine-tune and integration",
    Approach.RAG_FINE_TUNING: "retrieval pipeline, training data, fine-tune and integration",
}


def timeline(approach: Approach, assumptions: Assumptions) -> tuple[Phase, ...]:
    """The build, from the assumptions; for fine-tuned approaches, the framework's ranges and upkeep."""
    weeks = assumptions.of(approach).setup_weeks
    phases = [Phase("Build", weeks, weeks, _BUILD_COVERS[approach])]
    if approach in FINE_TUNED:
        smallest, production = FINE_TUNING_TIMELINES
        phases.append(
            Phase(
                "Of which the fine-tune",
                production.min_weeks,
                production.max_weeks,
                f"{production.covers}; the smallest meaningful fine-tune takes "
                f"{smallest.min_weeks}–{smallest.max_weeks} weeks",
            )
        )
        phases.append(
            Phase(
                f"Retraining every {assumptions.retraining_cadence_months} months",
                assumptions.retraining_weeks,
                assumptions.retraining_weeks,
                "to keep pace with new data and base-model improvements",
            )
        )
    return tuple(phases)


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
    measured_short: tuple[Approach, ...] = (),
) -> Finding | None:
    """A point to watch when the first-year estimate exceeds the client's stated budget (``ceiling``,
    None when they set none): the cheapest first phase that fits (a rung below the recommendation
    not already measured short on the eval set), and what it leaves out."""
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
            if cost.approach in _FIRST_PHASES[chosen] and cost.approach not in measured_short
            and cost.first_year <= ceiling
        ),
        key=lambda cost: cost.first_year,
    )  # fmt: skip
    if not fitting:
        return Finding(
            "watch-over-budget",
            f"{said} No smaller first phase of this approach fits it at this volume; we would look at the scope "
            "(one use case, fewer users) and the budget with you.",
            SECTION_FRAME,
        )
    first = fitting[0]
    left_out = [part for part in _BEYOND_PROMPTING[chosen] if part not in _BEYOND_PROMPTING[first.approach]]
    return Finding(
        "watch-over-budget",
        f"{said} A first phase that fits: {first.approach.short_label} with an eval set, about "
        f"{format_money(first.first_year, currency)} in the first year. It proves the use case, and leaves out "
        f"{' and '.join(left_out)} until it is measured.",
        SECTION_FRAME,
    )
