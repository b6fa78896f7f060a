"""The timeline a memo quotes: the build as phases with ranges in weeks that follow the brief, and what
comes after launch for a fine-tuned model. Plain Python like the ladder."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from datetime import date

from decisions.costs import Assumptions
from decisions.ladder import Approach, Facts, Finding, KnowledgeSize, Reading, RuleId, Section, Status
from decisions.matrix import FINE_TUNING_TIMELINES


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

    def scaled(self, effort: float) -> Phase:
        """The same work at ``effort`` times the weeks, to the half week: the weeks the memo prints,
        so the fees, the first year and the API work from the weeks the reader sees."""
        return dataclasses.replace(
            self, min_weeks=to_half_week(self.min_weeks * effort), max_weeks=to_half_week(self.max_weeks * effort)
        )


def to_half_week(weeks: float) -> float:
    """To the half week, half up (as the memo's ``weeks`` filter prints a span), never under half a week."""
    return max(math.floor(weeks * 2 + 0.5) / 2, 0.5)


def weeks_said(low: float, high: float | None = None) -> str:
    """Weeks as a sentence says them: "1 week", "4.5 weeks", "4.5–7.5 weeks" (one figure where both ends agree)."""
    if high is None or high == low:
        return f"{low:g} week{'' if low == 1 else 's'}"
    return f"{low:g}–{high:g} weeks"


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
# What the client built and measured on their eval set is hardened for production, not built again:
# its core build takes this share of the weeks (the eval set already says it works).
HARDENING_SHARE = 0.5
RETRIEVAL_EXTRAS = (
    ("large", "Indexing at scale", (1, 2), "a corpus larger than a prompt, chunked and indexed"),
    ("dynamic", "Keeping the index fresh", (1, 2), "refresh jobs that follow the knowledge as it changes"),
    ("multi_tenant", "An index per customer", (1, 3), "each customer's knowledge kept apart"),
    ("citations", "Citations", (0.5, 1), "tracing each answer to the passage it came from"),
)


def timeline(
    approach: Approach, assumptions: Assumptions, facts: Facts | None = None, *, effort: float = 1.0
) -> tuple[Phase, ...]:
    """The build as phases with ranges that follow the brief: discovery and eval set, the build,
    what retrieval needs for this knowledge, the fine-tune (the framework's realistic production
    range) and integration, each scaled by ``effort`` (a consultant's adjustment). The build in all
    is their sum."""
    facts = facts or Facts()
    weeks = assumptions.of(approach).build_weeks
    covers = _BUILD_COVERS[approach]
    if built := _built_and_measured(approach, Reading.of(facts)):
        weeks *= HARDENING_SHARE
        covers = f"hardening the {built} you built and measured for production; {covers}"
    phases = [
        Phase("Discovery and eval set", *DISCOVERY_WEEKS[facts.has_eval_set], "the questions, answers and scoring"),
        Phase("Core build", weeks * BUILD_SPREAD[0], weeks * BUILD_SPREAD[1], covers),
    ]
    if approach.retrieves:
        size, wanted = KnowledgeSize.of(facts), _retrieval_needs(facts)
        wanted["large"] = size.large
        phases.extend(
            Phase(label, low, high, covers) for need, label, (low, high), covers in RETRIEVAL_EXTRAS if wanted[need]
        )
    if approach.fine_tunes:
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
    return tuple(phase.scaled(effort) for phase in phases)


def _built_and_measured(approach: Approach, reading: Reading) -> str:
    """What of ``approach`` the client already built and measured on their eval set, as the core
    build names it ("" for nothing): the prompt that passed, or the retrieval that passed or that
    fell short on behaviour only and stays beneath a fine-tune (short on facts or for a cause not
    known, it is to be improved, not hardened)."""
    if approach is Approach.PROMPTING and reading.prompting is Status.MEASURED_SUFFICIENT:
        return "prompt"
    if approach is Approach.RAG and reading.rag is Status.MEASURED_SUFFICIENT:
        return "retrieval"
    if approach is Approach.RAG_FINE_TUNING and reading.knowledge and reading.retrieval_found_the_facts:
        return "retrieval"
    return ""


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


def deadline_fit(phases: tuple[Phase, ...], wanted: date | None, today: date) -> Finding | None:
    """A point to watch when the client wants it in production sooner than the build takes, from
    discovery to launch, if it started on ``today`` (the memo's date): at either end of the
    timeline, or at its long end; or when their date has come already."""
    if wanted is None:
        return None
    low, high = build_span(phases)
    days = (wanted - today).days
    if days >= high * 7:
        return None
    on = f"{wanted.day} {wanted:%B} {wanted.year}"
    takes = f"from discovery to launch the build takes {weeks_said(low, high)}"
    if days <= 0:
        return Finding(
            RuleId.WATCH_DEADLINE,
            f"The date you gave for production, {on}, {'is today' if days == 0 else 'has passed'}; {takes}. We "
            "would agree a new date with you before the build starts.",
            Section.PRACTICE,
        )
    left = f"{days} day{'s' if days > 1 else ''}" if days < 14 else f"about {math.floor(days / 7 + 0.5)} weeks"
    said = f"You want it in production by {on}, {left} after the date of this memo; {takes}"
    if days >= low * 7:
        return Finding(
            RuleId.WATCH_DEADLINE,
            f"{said}: in time at the short end of its timeline, late at the long end. We would start soon and agree "
            "what may be left for after launch if the eval set asks for more work.",
            Section.PRACTICE,
        )
    return Finding(
        RuleId.WATCH_DEADLINE,
        f"{said}, so it cannot all be live by then. We would agree what goes live first (a pilot on part of the "
        "volume, say) or a later date, before the build starts.",
        Section.PRACTICE,
    )


def retraining(approach: Approach, assumptions: Assumptions, *, effort: float = 1.0) -> Phase | None:
    """After launch, for a fine-tuned model: a retraining every few months, at the weeks its cost
    line prices (scaled by a consultant's adjustment like every phase)."""
    if not approach.fine_tunes:
        return None
    return Phase(
        f"Retraining every {assumptions.retraining_cadence_months} months",
        assumptions.retraining_weeks,
        assumptions.retraining_weeks,
        "after launch, to keep pace with new data and base-model improvements",
    ).scaled(effort)
