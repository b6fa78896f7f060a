"""The money of one approach as a CFO reads it: what is paid once and what each month, to whom (our
fees, the providers of models, hosting and tools, or the client's own staff), the first calendar year
as a range from the timeline's short and long ends, and the steady running cost from year two.

Every component is a line priced from the brief and the assumptions, applying only where the brief
calls for it. Tables print lines in whole units and every printed total is the sum of the printed
lines, so the parts always add up to the whole. Plain Python like the ladder.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from decisions.costs import (
    HOURS_A_MONTH,
    Assumptions,
    Hosting,
    RequestCost,
    request_cost,
    training_run_cost,
    training_tokens,
)
from decisions.ladder import Approach, Facts, KnowledgeSize
from decisions.money import Range, format_money, whole
from decisions.timeline import to_half_week, weeks_said

WEEKS_A_YEAR = 52
MONTHS_A_YEAR = 12


class Payee(StrEnum):
    FEES = "fees"
    PROVIDERS = "providers"
    STAFF = "staff"

    @property
    def label(self) -> str:
        return _PAYEE_LABELS[self]


_PAYEE_LABELS = {
    Payee.FEES: "Our fees",
    Payee.PROVIDERS: "Models, hosting and tools, paid to their providers",
    Payee.STAFF: "Your own staff's time",
}


class LineId(StrEnum):
    BUILD_TEAM = "build-team"
    SECURITY_REVIEW = "security-review"
    BUILD_USAGE = "build-usage"
    BUILD_EVALS = "build-evals"
    FIRST_TRAINING = "first-training"
    CONTINGENCY = "contingency"
    MODEL_USE = "model-use"
    RETRIEVAL = "retrieval"
    MODEL_HOSTING = "model-hosting"
    APP_HOSTING = "app-hosting"
    INDEX_HOSTING = "index-hosting"
    MONITORING = "monitoring"
    REGRESSION_EVALS = "regression-evals"
    GUARDRAILS = "guardrails"
    UPKEEP = "upkeep"
    RETRAINING_TEAM = "retraining-team"
    RETRAINING_RUNS = "retraining-runs"
    MIGRATION_TEAM = "migration-team"
    MIGRATION_RUNS = "migration-runs"
    OUTPUT_REVIEW = "output-review"


@dataclass(frozen=True)
class Line:
    """One component: a one-off cost (``low`` at the timeline's short end, ``high`` at its long end)
    or a monthly one (the same at both)."""

    id: LineId
    label: str
    payee: Payee
    basis: str  # how it is worked out, with its figures
    low: float
    high: float

    @property
    def printed(self) -> tuple[int, int]:
        return whole(self.low), whole(self.high)


@dataclass(frozen=True)
class Profile:
    """What the brief says about the system's running that the money reads beyond the ladder's facts."""

    personal_data: bool = False  # it handles personal data: guardrails, filtering and a review
    human_review: bool = False  # a person checks each output before it is used


@dataclass(frozen=True)
class Share:
    """What one payee takes of a first year: once, and running for the weeks left after launch."""

    payee: Payee
    one_off: int
    running: int

    @property
    def total(self) -> int:
        return self.one_off + self.running


@dataclass(frozen=True)
class Year:
    """The first year from the start of the work, for one length of the build: each payee's share,
    and the sums of those printed shares."""

    build_weeks: float
    shares: tuple[Share, ...]

    @property
    def live_weeks(self) -> float:
        return max(WEEKS_A_YEAR - self.build_weeks, 0)

    @property
    def one_off(self) -> int:
        return sum(share.one_off for share in self.shares)

    @property
    def running(self) -> int:
        return sum(share.running for share in self.shares)

    @property
    def total(self) -> int:
        return self.one_off + self.running


@dataclass(frozen=True)
class Estimate:
    """What one approach costs at the client's volume."""

    approach: Approach
    currency: str
    monthly_queries: int
    build_weeks: tuple[float, float]
    request: RequestCost
    one_off: tuple[Line, ...]
    monthly: tuple[Line, ...]
    # Priced without the knowledge its prompt cannot hold: a consultant chose it regardless (the
    # points to watch say how the knowledge is to be met).
    knowledge_left_out: bool = False
    # The client's own monthly costs beside the figures (their staff checking outputs): in no total.
    # Memos frozen before it was kept apart have that line among ``monthly``, in their totals.
    beside: tuple[Line, ...] = ()

    @property
    def one_off_total(self) -> tuple[int, int]:
        """The printed lines' sum at each end: what a table's total row shows."""
        return sum(line.printed[0] for line in self.one_off), sum(line.printed[1] for line in self.one_off)

    @property
    def monthly_total(self) -> int:
        return sum(line.printed[0] for line in self.monthly)

    @property
    def beside_monthly(self) -> int:
        """The client's own costs a month told beside the figures, as printed (0: none)."""
        return sum(line.printed[0] for line in self.beside)

    @property
    def yearly(self) -> int:
        """The steady running cost of a year, from year two."""
        return self.monthly_total * MONTHS_A_YEAR

    @property
    def years(self) -> tuple[Year, Year]:
        """The first year with the build at the short end and at the long end of its timeline."""
        short, long = (self._year(end) for end in (0, 1))
        return short, long

    def _year(self, end: int) -> Year:
        weeks = self.build_weeks[end]
        live = max(WEEKS_A_YEAR - weeks, 0) / WEEKS_A_YEAR
        return Year(
            weeks,
            tuple(
                Share(
                    payee,
                    sum(line.printed[end] for line in self.one_off if line.payee is payee),
                    whole(self.yearly_of(payee) * live),
                )
                for payee in self.payees
            ),
        )

    @property
    def first_year(self) -> Range:
        totals = [year.total for year in self.years]
        return Range(min(totals), max(totals), self.currency)

    @property
    def payees(self) -> tuple[Payee, ...]:
        """The payees with a line, in order."""
        present = {line.payee for line in (*self.one_off, *self.monthly)}
        return tuple(payee for payee in Payee if payee in present)

    def yearly_of(self, payee: Payee) -> int:
        return sum(line.printed[0] for line in self.monthly if line.payee is payee) * MONTHS_A_YEAR


@dataclass(frozen=True)
class Unfit:
    """An approach that cannot stand in for this brief, and why: it is priced on nothing."""

    approach: Approach
    why: str


def money(amount: float, assumptions: Assumptions) -> str:
    return format_money(amount, assumptions.currency)


def approach_estimate(
    approach: Approach,
    facts: Facts,
    volume: int,
    assumptions: Assumptions,
    build_weeks: tuple[float, float],
    profile: Profile,
    *,
    effort: float = 1.0,
    chosen: bool = False,
) -> Estimate | Unfit:
    """``approach``'s money at ``volume`` requests a month, its build taking ``build_weeks`` (the
    timeline's short and long ends) and the team's effort scaled by ``effort`` (a consultant's
    adjustment: 1.15 is 15% more). An approach whose prompt cannot carry the knowledge is Unfit,
    unless it is ``chosen`` (a consultant's choice is priced, without that knowledge)."""
    request = request_cost(approach, facts, assumptions, without_knowledge=chosen)
    if request is None:
        return Unfit(
            approach,
            "its prompt cannot hold the knowledge, so it is neither priced nor compared",
        )
    return Estimate(
        approach=approach,
        currency=assumptions.currency,
        monthly_queries=volume,
        build_weeks=build_weeks,
        request=request,
        one_off=tuple(_one_off(approach, facts, assumptions, build_weeks, profile, request)),
        monthly=tuple(_monthly(approach, facts, volume, assumptions, profile, request, effort)),
        knowledge_left_out=request_cost(approach, facts, assumptions) is None,
        beside=tuple(_beside(volume, assumptions, profile)),
    )


# An eval run past this many cases samples them: 2,000 cases measure a pass rate to within about two
# points, and running a client's hundred thousand on every change would cost more than it tells.
EVAL_RUN_MAX_CASES = 2_000


def _eval_cases(facts: Facts, assumptions: Assumptions) -> int:
    """The cases one eval run scores: the client's set (or the one we assume), sampled past EVAL_RUN_MAX_CASES."""
    return min(facts.eval_set_size or assumptions.eval_cases_if_none, EVAL_RUN_MAX_CASES)


def _cases_words(facts: Facts, cases: int) -> str:
    """ "300 cases", or "2,000 cases sampled from your 50,000"."""
    sampled = f" sampled from your {facts.eval_set_size:,}" if facts.eval_set_size > cases else ""
    return f"{cases:,} cases{sampled}"


def _one_off(
    approach: Approach,
    facts: Facts,
    assumptions: Assumptions,
    build_weeks: tuple[float, float],
    profile: Profile,
    request: RequestCost,
) -> list[Line]:
    rate = assumptions.team_weekly_rate
    low, high = build_weeks
    lines = [
        Line(
            LineId.BUILD_TEAM,
            "Our team: discovery, build, integration and launch",
            Payee.FEES,
            f"{weeks_said(*build_weeks)} at {money(rate, assumptions)} a week",
            low * rate,
            high * rate,
        )
    ]
    if profile.personal_data or facts.multi_tenant:
        lines.append(
            Line(
                LineId.SECURITY_REVIEW,
                "Security and data-protection review",
                Payee.FEES,
                "once, before launch: " + ("personal data" if profile.personal_data else "customers' data kept apart"),
                assumptions.security_review,
                assumptions.security_review,
            )
        )
    usage = assumptions.build_usage_per_week
    lines.append(
        Line(
            LineId.BUILD_USAGE,
            "Model use while building",
            Payee.PROVIDERS,
            f"{money(usage, assumptions)} a week of the build",
            low * usage,
            high * usage,
        )
    )
    rungs = 1 + approach.retrieves + approach.fine_tunes  # a prompt, retrieval, a tuned model: each measured
    cases, runs = _eval_cases(facts, assumptions), assumptions.eval_runs_during_build
    evals = rungs * runs * cases * request.cost
    lines.append(
        Line(
            LineId.BUILD_EVALS,
            "Evaluation runs while building",
            Payee.PROVIDERS,
            f"{runs} runs of {_cases_words(facts, cases)} for "
            f"{'the one part' if rungs == 1 else f'each of the {rungs} parts'} built",
            evals,
            evals,
        )
    )
    if approach.fine_tunes:
        run = training_run_cost(facts, assumptions)
        examples, _ = training_tokens(facts, assumptions)
        lines.append(
            Line(
                LineId.FIRST_TRAINING,
                "The first training run",
                Payee.PROVIDERS,
                f"{examples:,} examples × {assumptions.training_epochs} epochs at "
                f"{format_money(assumptions.training_price_per_million_tokens, assumptions.currency, decimals=2)} "
                "per million tokens",
                run,
                run,
            )
        )
    base = sum(line.high for line in lines)
    lines.append(
        Line(
            LineId.CONTINGENCY,
            "Contingency",
            Payee.FEES,
            f"{assumptions.contingency_percent}% of the build at the long end of its timeline",
            0.0,
            base * assumptions.contingency_percent / 100,
        )
    )
    return lines


def _monthly(
    approach: Approach,
    facts: Facts,
    volume: int,
    assumptions: Assumptions,
    profile: Profile,
    request: RequestCost,
    effort: float,
) -> list[Line]:
    thousands = volume / 1_000
    left_out = (
        "; without the knowledge a prompt cannot hold" if request_cost(approach, facts, assumptions) is None else ""
    )
    lines = [
        _month(
            LineId.MODEL_USE,
            "Model use",
            Payee.PROVIDERS,
            f"{volume:,} requests at {format_money(request.per_1000, assumptions.currency, decimals=2)} per 1,000"
            + left_out,
            request.per_1000 * thousands,
        )
    ]
    if approach.retrieves:
        per_1000 = assumptions.retrieval_per_1000_requests
        lines.append(
            _month(
                LineId.RETRIEVAL,
                "Retrieval: embedding, search and reranking",
                Payee.PROVIDERS,
                f"{format_money(per_1000, assumptions.currency, decimals=2)} per 1,000 requests",
                per_1000 * thousands,
            )
        )
    if approach.fine_tunes and assumptions.hosting is Hosting.DEDICATED:
        hourly = assumptions.dedicated_hourly_rate
        lines.append(
            _month(
                LineId.MODEL_HOSTING,
                "Hosting the fine-tuned model",
                Payee.PROVIDERS,
                f"a dedicated machine at {format_money(hourly, assumptions.currency, decimals=2)} an hour, all month",
                hourly * HOURS_A_MONTH,
            )
        )
    lines.append(
        _month(
            LineId.APP_HOSTING,
            "Hosting the application",
            Payee.PROVIDERS,
            "servers, storage and backups",
            assumptions.app_hosting_per_month,
        )
    )
    if approach.retrieves:
        tokens = KnowledgeSize.of(facts).estimate or 0
        cost = max(tokens / 1e6 * assumptions.index_hosting_per_million_tokens, assumptions.index_hosting_min_per_month)
        lines.append(
            _month(
                LineId.INDEX_HOSTING,
                "Hosting the search index",
                Payee.PROVIDERS,
                f"about {tokens:,} tokens of knowledge indexed" if tokens else "the knowledge indexed, at the least",
                cost,
            )
        )
    lines.append(
        _month(
            LineId.MONITORING,
            "Monitoring and observability",
            Payee.PROVIDERS,
            f"{money(assumptions.observability_per_month, assumptions)} a month and "
            f"{format_money(assumptions.observability_per_1000_requests, assumptions.currency, decimals=2)} per "
            "1,000 requests",
            assumptions.observability_per_month + assumptions.observability_per_1000_requests * thousands,
        )
    )
    cases, runs = _eval_cases(facts, assumptions), assumptions.eval_runs_per_month
    lines.append(
        _month(
            LineId.REGRESSION_EVALS,
            "Evaluation runs on every change",
            Payee.PROVIDERS,
            f"{runs} runs a month of {_cases_words(facts, cases)}",
            runs * cases * request.cost,
        )
    )
    if profile.personal_data:
        per_1000 = assumptions.guardrails_per_1000_requests
        lines.append(
            _month(
                LineId.GUARDRAILS,
                "Guardrails and personal-data filtering",
                Payee.PROVIDERS,
                f"{format_money(per_1000, assumptions.currency, decimals=2)} per 1,000 requests",
                per_1000 * thousands,
            )
        )
    rate = assumptions.team_weekly_rate
    upkeep = assumptions.of(approach).upkeep_weeks_per_month * effort
    lines.append(
        _month(
            LineId.UPKEEP,
            "Our upkeep",
            Payee.FEES,
            f"{upkeep:g} weeks a month at {money(rate, assumptions)}",
            upkeep * rate,
        )
    )
    if approach.fine_tunes:
        lines.extend(_retraining(facts, assumptions, effort))
    return lines


def _beside(volume: int, assumptions: Assumptions, profile: Profile) -> list[Line]:
    """The client's own running costs the system brings: their staff checking each output. Told
    beside the figures, never in them: a budget for building and running the system does not pay
    the client's own people, and approaches compared by their first year would otherwise look
    cheaper the later they go live."""
    if not profile.human_review:
        return []
    minutes, hourly = assumptions.review_minutes_per_output, assumptions.reviewer_hourly_cost
    return [
        _month(
            LineId.OUTPUT_REVIEW,
            "A person checking each output",
            Payee.STAFF,
            f"{minutes:g} minutes an output at {money(hourly, assumptions)} an hour",
            volume * minutes / 60 * hourly,
        )
    ]


def _retraining(facts: Facts, assumptions: Assumptions, effort: float) -> list[Line]:
    """A fine-tuned model's recurring work, spread over the months: retraining to keep pace with new
    data, and a new fine-tune when the provider retires its base model."""
    rate, run = assumptions.team_weekly_rate, training_run_cost(facts, assumptions)
    lines = []
    for (team_id, runs_id), what, weeks, every in (
        ((LineId.RETRAINING_TEAM, LineId.RETRAINING_RUNS), "Retraining", assumptions.retraining_weeks,
         assumptions.retraining_cadence_months),
        ((LineId.MIGRATION_TEAM, LineId.MIGRATION_RUNS), "Moving to a new base model", assumptions.migration_weeks,
         assumptions.migration_every_months),
    ):  # fmt: skip
        # Retraining's weeks are the ones the timeline prints (to the half week); a migration is in no timeline.
        weeks = to_half_week(weeks * effort) if team_id is LineId.RETRAINING_TEAM else weeks * effort
        lines.append(
            _month(
                team_id, f"{what}: our team", Payee.FEES, f"{weeks:g} weeks every {every} months", weeks * rate / every
            )
        )
        lines.append(
            _month(
                runs_id,
                f"{what}: training runs",
                Payee.PROVIDERS,
                f"{money(run, assumptions)} every {every} months",
                run / every,
            )
        )
    return lines


def _month(id: LineId, label: str, payee: Payee, basis: str, amount: float) -> Line:
    return Line(id, label, payee, basis, amount, amount)
