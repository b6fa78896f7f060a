"""The budget: the bracket a first year falls in, the client's own budget as they think of it (a figure
or a range in their currency) against the estimate, the first phase's price, and the money's points
to watch. Plain Python like the ladder."""

from __future__ import annotations

from dataclasses import dataclass

from decisions.costs import Assumptions
from decisions.estimate import Estimate
from decisions.ladder import Facts, Finding, Reading, RuleId, Section
from decisions.money import Range, compact_number, convert, format_money, said
from decisions.timeline import Phase, weeks_said

# Past the last configured bracket, brackets go on in the 1-2-5 steps people round to.
_STEPS = (1, 2, 5)


@dataclass(frozen=True)
class BudgetBracket:
    """A range a first year falls in; ``low`` None is "under" the first bound."""

    low: int | None
    high: int | None  # None only in memos frozen before every bracket had a ceiling
    currency: str

    @property
    def label(self) -> str:
        if self.low is None:
            return f"Under {format_money(self.high or 0, self.currency)}"
        if self.high is None:
            return f"Over {format_money(self.low, self.currency)}"
        return f"{format_money(self.low, self.currency)} – {format_money(self.high, self.currency)}"


def bracket_bounds(assumptions: Assumptions, amount: float) -> list[int]:
    """The configured bounds, continued in 1-2-5 steps until one reaches ``amount``."""
    bounds = list(assumptions.budget_brackets)
    while bounds[-1] < amount:
        last = bounds[-1]
        magnitude = 10 ** (len(str(last)) - 1)
        bounds.append(next((step * magnitude for step in _STEPS if step * magnitude > last), 10 * magnitude))
    return bounds


def budget_bracket(amount: float, assumptions: Assumptions) -> BudgetBracket:
    """The bracket ``amount`` falls in (an amount on a bound belongs to the lower one); never open above."""
    low = None
    for bound in bracket_bounds(assumptions, amount):
        if amount <= bound:
            return BudgetBracket(low=low, high=bound, currency=assumptions.currency)
        low = bound
    raise AssertionError("bracket_bounds reaches every amount")  # pragma: no cover


@dataclass(frozen=True)
class ClientBudget:
    """The first-year budget the client gave, in their currency: up to ``high``, from ``low`` where
    they gave a range (None: not said)."""

    low: float | None
    high: float | None
    currency: str

    @property
    def label(self) -> str:
        if self.high is None and self.low is None:
            return "not given"
        if self.high is None:
            return f"from {format_money(self.low or 0, self.currency)}"
        if self.low is None or self.low == self.high:
            return f"up to {format_money(self.high, self.currency)}"
        return f"{format_money(self.low, self.currency)} – {format_money(self.high, self.currency)}"


def in_currency(amount: Range, currency: str, assumptions: Assumptions) -> Range:
    """``amount`` at the assumptions' exchange rate in ``currency``."""
    rates = assumptions.rates
    return Range(
        convert(amount.low, rates, amount.currency, currency), convert(amount.high, rates, amount.currency, currency),
        currency,
    )  # fmt: skip


def rate_words(currency: str, assumptions: Assumptions) -> str:
    """ "at €1 = £0.85", the rate a comparison used."""
    rate = assumptions.rates[currency]
    return f"at {format_money(1, assumptions.currency)} = {format_money(rate, currency, decimals=2)}"


@dataclass(frozen=True)
class FirstPhase:
    """Discovery and the eval set: the smallest first phase, always offered, with its price."""

    phase: Phase
    price: Range


def first_phase_price(phase: Phase, assumptions: Assumptions) -> FirstPhase:
    rate = assumptions.team_weekly_rate
    return FirstPhase(phase, Range(phase.min_weeks * rate, phase.max_weeks * rate, assumptions.currency))


def budget_fit(
    estimate: Estimate,
    budget: ClientBudget | None,
    first: FirstPhase,
    cheaper: tuple[Estimate, ...],
    assumptions: Assumptions,
) -> Finding | None:
    """A point to watch when the first year goes over the client's budget: at one end of the build's
    timeline only (which, the build's two first years say), or altogether. It offers what fits: a
    cheaper rung of ``cheaper`` as a start (the rungs below the recommendation that can stand in),
    else discovery and the eval set alone; "nothing fits" only when even that does not."""
    if budget is None or budget.high is None or budget.currency not in assumptions.rates:
        return None  # nothing to compare with (a currency without a rate cannot be saved, see decisions.models)
    currency = budget.currency
    first_year = in_currency(estimate.first_year, currency, assumptions)
    if first_year.high <= budget.high:
        return None
    theirs = format_money(budget.high, currency)
    said = f"You set a first-year budget of up to {theirs}; this estimate is {first_year.label()} for the first year"
    if currency != assumptions.currency:
        said += f" ({estimate.first_year.label()} {rate_words(currency, assumptions)})"
    if first_year.low <= budget.high:
        short = convert(estimate.years[0].total, assumptions.rates, estimate.currency, currency)
        where = (
            "within it if the build keeps to the short end of its timeline, over it at the long end"
            if short <= budget.high  # where running costs weigh most, a shorter build pays more months of them
            else "within it at the long end of its timeline only, because running would start later, and over it "
            "at the short end"
        )
        return Finding(
            RuleId.WATCH_OVER_BUDGET,
            f"{said}: {where}. We would agree the scope that keeps it inside before the build starts.",
            Section.FRAME,
        )
    build = in_currency(Range(*estimate.one_off_total, estimate.currency), currency, assumptions)
    build_fits = build.high <= budget.high
    if build_fits:  # what takes it over is running it, which a CFO weighs apart
        monthly = convert(estimate.monthly_total, assumptions.rates, estimate.currency, currency)
        said += (
            f". The build alone fits ({build.label()}): what takes the first year over is running it from launch, "
            f"about {format_money(monthly, currency)} a month"
        )
    fitting = [other for other in cheaper if in_currency(other.first_year, currency, assumptions).high <= budget.high]
    discovery = in_currency(first.price, currency, assumptions)
    if fitting:
        start = fitting[0]
        offer = (
            f" A start that fits: {start.approach.short_label} with an eval set, "
            f"{in_currency(start.first_year, currency, assumptions).label()} in the first year; it proves the use case "
            f"before the rest is built."
        )
    elif build_fits:
        offer = (
            " We would look at it with you: a smaller volume to start with, or running costs budgeted apart from the "
            "build."
        )
    elif discovery.low <= budget.high:
        offer = (
            " What fits is the first phase on its own: discovery and the eval set, "
            + (
                f"{discovery.label()} ({weeks_said(*first.phase.span)})"
                if discovery.high <= budget.high
                else f"{format_money(discovery.low, currency)} if it keeps to {weeks_said(first.phase.min_weeks)}"
            )
            + ", which measures what the rest needs before anything else is committed."
        )
    else:
        offer = (
            f" Not even the first phase fits (discovery and the eval set, {discovery.label()}): we would look at the "
            "scope and the budget with you."
        )
    return Finding(RuleId.WATCH_OVER_BUDGET, f"{said}.{offer}", Section.FRAME)


# A month of one person's working time, to say a checking cost in people (not decisions.costs'
# HOURS_A_MONTH, the clock's hours a service runs).
WORKING_HOURS_A_MONTH = 160


def staff_checking(estimate: Estimate, hourly: float, currency: str) -> Finding | None:
    """A point to watch when the client's own staff, checking each output (told beside the figures,
    in none of them), would cost more a month than running the system: the largest cost of the
    project is then one the estimate leaves out, and the eval set can tell which outputs need it."""
    checking = estimate.beside_monthly
    if not checking or checking <= estimate.monthly_total:
        return None
    hours = checking / hourly
    people = hours / WORKING_HOURS_A_MONTH
    if people >= 1.5:
        who = f"about {round(people):,} people full time"
    elif people >= 0.75:
        who = "about one person full time"
    else:
        who = f"about {said(hours):,.0f} hours of someone's time"
    return Finding(
        RuleId.WATCH_STAFF_CHECKING,
        f"A person checking each output would cost you about {format_money(said(checking), currency)} a month "
        f"({who}): more than running the system ({format_money(estimate.monthly_total, currency)} a month), and "
        "not included in this estimate. We would measure on the eval set which outputs need a person, so that "
        "checking can be sampled or kept to the uncertain ones.",
        Section.PRACTICE,
    )


# A running cost this much above another's is a difference a CFO would act on; closer, the estimates'
# own uncertainty covers it.
MATERIALLY_MORE = 1.1


def tuned_for_cost(
    estimate: Estimate, untuned: Estimate | None, cheaper_from: float | None, facts: Facts, currency: str
) -> Finding | None:
    """A point to watch when the brief gives latency or unit cost as a reason to fine-tune, yet at the
    client's volume the fine-tune costs more a month to run than the same approach without it
    (``untuned``): its retraining and upkeep outweigh its cheaper requests, until ``cheaper_from``
    requests a month if ever. Latency may still be worth that; unit cost, at this volume, is not.
    (Its next steps say what to try before training, for either.)"""
    if (
        untuned is None
        or not Reading.of(facts).latency_or_cost_matters
        or estimate.monthly_total < MATERIALLY_MORE * untuned.monthly_total
    ):
        return None
    until = f"until about {compact_number(said(cheaper_from))} requests a month" if cheaper_from else "at any volume"
    tuned, plain = (format_money(found.monthly_total, currency) for found in (estimate, untuned))
    return Finding(
        RuleId.WATCH_COST_AT_VOLUME,
        f"Latency or unit cost is a reason to fine-tune here, but at {compact_number(estimate.monthly_queries)} "
        f"requests a month {estimate.approach.short_label} costs about {tuned} a month to run, more than "
        f"{untuned.approach.short_label}'s {plain}: its retraining and upkeep outweigh its cheaper requests {until}. "
        "If latency is the limit, that is its price; if unit cost is, the fine-tune does not pay for itself at "
        "your volume.",
        Section.PRACTICE,
    )


def cost_at_volume(estimate: Estimate, others: tuple[Estimate, ...], currency: str) -> Finding | None:
    """A point to watch when, at the client's volume, the recommended approach costs more than twice
    as much to run as one that could stand in for it (``others``: not a fine-tune, which only the
    ladder's gate opens, and nothing measured short or unable to hold the knowledge)."""
    if not others:
        return None
    cheapest = min(others, key=lambda other: other.monthly_total)
    mine = estimate.monthly_total
    if not cheapest.monthly_total or mine < 2 * cheapest.monthly_total:
        return None
    return Finding(
        RuleId.WATCH_COST_AT_VOLUME,
        f"At {compact_number(estimate.monthly_queries)} requests a month, {estimate.approach.short_label} costs about "
        f"{format_money(mine, currency)} a month to run, {mine / cheapest.monthly_total:.0f} times "
        f"{cheapest.approach.short_label}'s {format_money(cheapest.monthly_total, currency)}: we would measure "
        f"{cheapest.approach.short_label} against it on the eval set before building.",
        Section.FRAME,
    )
