"""A brief's money in one value: the recommended approach's estimate, every approach beside it at the
client's volume, the running cost by volume for the chart, the bracket, the first phase's price, the
client's own budget, what the estimate leaves out and the client's own time. Plain Python."""

from __future__ import annotations

import math
from dataclasses import dataclass

from decisions.budget import BudgetBracket, ClientBudget, FirstPhase, budget_bracket, first_phase_price, in_currency
from decisions.costs import Assumptions, training_tokens
from decisions.estimate import Estimate, Profile, Unfit, approach_estimate
from decisions.ladder import MIN_LABELED_EXAMPLES, Approach, Facts
from decisions.money import Range
from decisions.timeline import Phase, build_span, timeline

# Beyond this many requests a month, a crossing comes from slopes a hair apart (float noise), not
# from any real system's volume.
MAX_VOLUME = 1e12
HOURS_A_DAY = 8


@dataclass(frozen=True)
class Series:
    """The running cost a month of one approach at each sampled volume, for the chart and its table."""

    approach: Approach
    points: tuple[tuple[int, float], ...]


@dataclass(frozen=True)
class Crossover:
    """At ``volume`` requests a month, the approach cheapest to run changes from one to the other."""

    volume: float
    cheaper_below: Approach
    cheaper_above: Approach


@dataclass(frozen=True)
class Pricing:
    assumptions: Assumptions
    estimate: Estimate  # the recommended approach's, with the consultant's adjustment
    approaches: tuple[Estimate | Unfit, ...]  # each approach at the client's volume, the same effort
    series: tuple[Series, ...]
    crossovers: tuple[Crossover, ...]
    bracket: BudgetBracket  # the bracket of the first year's higher end
    short_end_bracket: BudgetBracket | None  # where its lower end falls, when that is another bracket (the name is
    # frozen in memos: the lower end is the short build's, unless running weighs most)
    first_phase: FirstPhase
    budget: ClientBudget | None
    exclusions: tuple[str, ...]
    client_days: tuple[float, float]
    # Approaches priced beside the recommendation that cannot stand in for it today, and why (a rung
    # measured short, a fine-tune the ladder's gate has not opened, retrieval with nothing to look up).
    set_aside: tuple[tuple[Approach, str], ...] = ()
    # Where the recommendation fine-tunes: the volume a month from which it runs cheaper than the same
    # approach untuned (its retraining and upkeep against cheaper requests); None where it never does.
    tuned_cheaper_from: float | None = None

    @property
    def untuned(self) -> Estimate | None:
        """The recommended fine-tune's approach without the fine-tune, priced at the client's volume."""
        return _untuned(self.estimate.approach, self.approaches)

    @property
    def currency(self) -> str:
        return self.assumptions.currency

    @property
    def first_year_in_theirs(self) -> Range | None:
        """The first year in the client's currency, where it is not ours."""
        theirs = self.budget.currency if self.budget else self.currency
        if theirs == self.currency or theirs not in self.assumptions.rates:
            return None
        return in_currency(self.estimate.first_year, theirs, self.assumptions)

    def of(self, approach: Approach) -> Estimate | Unfit:
        return next(found for found in self.approaches if found.approach is approach)

    def why_set_aside(self, approach: Approach) -> str:
        return dict(self.set_aside).get(approach, "")

    @property
    def table(self) -> tuple[tuple[Estimate | Unfit, str], ...]:
        """Each approach with why it cannot stand in today ("" where it can)."""
        return tuple((found, self.why_set_aside(found.approach)) for found in self.approaches)

    @property
    def stand_ins(self) -> tuple[Estimate, ...]:
        """The approaches that could do this brief's job today, the recommendation's among them: the
        chart, the crossings, the cost warning and the budget's cheaper start are drawn from these."""
        return _stand_ins(self.approaches, dict(self.set_aside))


def _stand_ins(approaches: tuple[Estimate | Unfit, ...], aside: dict[Approach, str]) -> tuple[Estimate, ...]:
    """Of ``approaches``, those priced with all the knowledge and not set aside (``aside``)."""
    return tuple(
        found
        for found in approaches
        if isinstance(found, Estimate) and not found.knowledge_left_out and found.approach not in aside
    )


def price_brief(
    facts: Facts,
    volume: int,
    assumptions: Assumptions,
    approach: Approach,
    profile: Profile,
    budget: ClientBudget | None,
    *,
    effort: float = 1.0,
    set_aside: tuple[tuple[Approach, str], ...] = (),
) -> Pricing:
    """The money of ``approach`` (and of the others beside it) for ``facts`` at ``volume`` requests a
    month, the team's effort scaled by ``effort``; ``set_aside``: the others that cannot stand in for
    it today, and why."""

    def at(other: Approach, requests: int) -> Estimate | Unfit:
        phases = timeline(other, assumptions, facts, effort=effort)
        return approach_estimate(
            other, facts, requests, assumptions, build_span(phases), profile, effort=effort, chosen=other is approach
        )

    approaches = tuple(at(other, volume) for other in Approach)
    estimate = next(found for found in approaches if found.approach is approach)
    assert isinstance(estimate, Estimate)  # the recommended approach is always priced
    aside = {other: why for other, why in set_aside if other is not approach}  # never the recommendation
    fits = [found.approach for found in _stand_ins(approaches, aside)]
    volumes = sample_volumes(volume)
    series = tuple(Series(other, tuple((v, _running(at(other, v))) for v in volumes)) for other in fits)
    lines = {other: _line(lambda v, other=other: _running(at(other, v))) for other in fits}
    tuned_cheaper_from = None
    if (twin := _untuned(approach, approaches)) is not None:
        pair = {
            other: lines.get(other) or _line(lambda v, other=other: _running(at(other, v)))
            for other in (approach, twin.approach)
        }
        tuned_cheaper_from = next((c.volume for c in crossovers(pair) if c.cheaper_above is approach), None)
    first_year = estimate.first_year
    bracket = budget_bracket(first_year.high, assumptions)
    short_end = budget_bracket(first_year.low, assumptions)
    phases = timeline(approach, assumptions, facts, effort=effort)
    return Pricing(
        assumptions=assumptions,
        estimate=estimate,
        approaches=approaches,
        series=series,
        crossovers=crossovers(lines),
        bracket=bracket,
        short_end_bracket=short_end if short_end != bracket else None,
        first_phase=first_phase_price(phases[0], assumptions),
        budget=budget,
        exclusions=exclusions(approach, facts, assumptions),
        client_days=client_days(phases, assumptions),
        set_aside=tuple(aside.items()),
        tuned_cheaper_from=tuned_cheaper_from,
    )


def _untuned(approach: Approach, approaches: tuple[Estimate | Unfit, ...]) -> Estimate | None:
    """Of ``approaches``, the one a fine-tuned ``approach`` adds its fine-tune to (prompting, or RAG),
    where it is priced with all the knowledge; None where ``approach`` does not fine-tune."""
    if not approach.fine_tunes:
        return None
    base = Approach.RAG if approach.retrieves else Approach.PROMPTING
    twin = next(found for found in approaches if found.approach is base)
    return twin if isinstance(twin, Estimate) and not twin.knowledge_left_out else None


def _running(found: Estimate | Unfit) -> float:
    """A month's running cost, unrounded: the chart's and the crossings' figure."""
    assert isinstance(found, Estimate)
    return sum(line.low for line in found.monthly)


def _line(running: object) -> tuple[float, float]:
    """A running cost as the straight line it is in volume: (fixed, per request)."""
    assert callable(running)
    fixed = running(0)
    return fixed, (running(1_000_000) - fixed) / 1_000_000


def crossovers(lines: dict[Approach, tuple[float, float]]) -> tuple[Crossover, ...]:
    """Every volume (above zero) at which the approach cheapest to run changes, in increasing order.

    The cheapest at each volume is the lower envelope of straight lines, so walk it: from the
    cheapest at zero, move to the line that undercuts the current one soonest.
    """
    if not lines:
        return ()
    current = min(lines, key=lambda a: lines[a])
    found: list[Crossover] = []
    volume = 0.0
    while True:
        fixed, slope = lines[current]
        later = [
            (at, other)
            for other, (other_fixed, other_slope) in lines.items()
            if other_slope < slope and volume < (at := (other_fixed - fixed) / (slope - other_slope)) <= MAX_VOLUME
        ]
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


def exclusions(approach: Approach, facts: Facts, assumptions: Assumptions) -> tuple[str, ...]:
    """What the estimate leaves out, so a CFO reads it for what it covers."""
    found = [
        "VAT and any other taxes.",
        "Your own staff's time on the project (estimated below).",
        "Changes to your own systems beyond the connections the build makes to them.",
    ]
    if facts.needs_knowledge:
        found.append("Licences or subscriptions for the knowledge it looks things up in, where it is not yours.")
    if approach.fine_tunes and facts.labeled_examples < MIN_LABELED_EXAMPLES:
        have = f"you have {facts.labeled_examples:,}" if facts.labeled_examples else "you have none yet"
        priced, _ = training_tokens(facts, assumptions)
        found.append(
            f"Labelling examples to train on: {have}, fewer than the {MIN_LABELED_EXAMPLES:,} we ask for; the first "
            f"training run is priced on {priced:,}, and labelling the rest (or making synthetic ones) is priced "
            "after the data audit."
        )
    elif approach.fine_tunes:
        found.append("Labelling examples beyond those you have, if the data audit finds too few.")
    found.append("Travel, and work agreed after discovery beyond this scope.")
    return tuple(found)


def client_days(phases: tuple[Phase, ...], assumptions: Assumptions) -> tuple[float, float]:
    """The client's own time in working days: a person who decides, every week of the build, and
    domain experts writing and scoring eval cases during discovery."""
    low, high = build_span(phases)
    discovery = phases[0]
    decider = assumptions.client_decider_hours_per_week / HOURS_A_DAY
    experts = assumptions.client_expert_days_per_discovery_week
    return (
        round(low * decider + discovery.min_weeks * experts, 1),
        round(high * decider + discovery.max_weeks * experts, 1),
    )
