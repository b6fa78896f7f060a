"""The decision ladder: prompting first, RAG when the knowledge demands it, fine-tuning last.

This module is the consultancy's published framework turned into rules. It is plain Python on
purpose: it never imports Django or ``scoping``, so integrations and the test-suite can use it
without a database, and the rules stay readable as a single page.

The public API is ``Facts`` (a brief's answers), ``recommend(facts) -> Recommendation`` and the
``Approach`` enum. Their names, fields and defaults are a contract with the rest of the app and
with integrations: add fields only with defaults, never rename.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum

# The context budget: private knowledge larger than this does not fit in a prompt.
CONTEXT_BUDGET_TOKENS = 200_000
# "Large" in the framework's sense: beyond this many documents, retrieval wins regardless of size.
LARGE_CORPUS_DOCUMENTS = 10_000
# Used only when the client could not tell us the corpus size in tokens.
ESTIMATED_TOKENS_PER_DOCUMENT = 2_000
# Structured extraction is a fine-tuning signal only with at least this many labeled examples.
MIN_LABELED_EXAMPLES = 1_000

UPDATE_FREQUENCIES = ("static", "yearly", "quarterly", "monthly", "weekly", "daily", "realtime")
# Knowledge that changes this often is "dynamic": re-training or re-prompting cannot keep up.
DYNAMIC_UPDATE_FREQUENCIES = frozenset({"monthly", "weekly", "daily", "realtime"})
STATUSES = ("not_tried", "tried_informally", "measured_sufficient", "measured_insufficient")
FINE_TUNE_GOALS = ("none", "behavior", "knowledge")

# The parts of the published framework a finding can cite.
SECTION_FRAME = "The right frame: prompting, then RAG, then fine-tuning"
SECTION_RAG = "When RAG wins"
SECTION_FINE_TUNING = "When fine-tuning wins"
SECTION_BOTH = "When you do both"
SECTION_FAQ_FINE_TUNING_LAST = "FAQ: do you fine-tune as part of a build?"
SECTION_FAQ_BEHAVIOUR = "FAQ: fine-tuning teaches behaviour, not facts"
SECTION_FAQ_EVAL = "FAQ: fine-tuning only after prompting and RAG fall short on an eval set"


class Approach(StrEnum):
    """The four approaches of the framework, cheapest to build and run first."""

    PROMPTING = "prompting"
    RAG = "rag"
    FINE_TUNING = "fine_tuning"
    RAG_FINE_TUNING = "rag_fine_tuning"

    @property
    def label(self) -> str:
        return _APPROACH_LABELS[self][0]

    @property
    def short_label(self) -> str:
        """For use inside a sentence or a chart legend."""
        return _APPROACH_LABELS[self][1]


_APPROACH_LABELS = {
    Approach.PROMPTING: ("Prompting", "prompting"),
    Approach.RAG: ("Retrieval-augmented generation (RAG)", "RAG"),
    Approach.FINE_TUNING: ("Fine-tuning", "fine-tuning"),
    Approach.RAG_FINE_TUNING: ("RAG with a fine-tuned model", "RAG with a fine-tuned model"),
}


@dataclass(frozen=True)
class Facts:
    """What a brief tells the ladder. Every field has a safe default; bad values raise ValueError."""

    needs_private_knowledge: bool = False
    corpus_documents: int = 0
    corpus_tokens: int | None = None
    update_frequency: str = "static"
    needs_citations: bool = False
    multi_tenant: bool = False
    shared_base_many_use_cases: bool = False
    strict_output_format: bool = False
    latency_or_cost_critical: bool = False
    structured_extraction: bool = False
    labeled_examples: int = 0
    specialized_vocabulary: bool = False
    fine_tune_goal: str = "none"
    has_eval_set: bool = False
    prompting_status: str = "not_tried"
    rag_status: str = "not_tried"

    def __post_init__(self) -> None:
        # Validate by declared type so a field added later is checked without touching this method.
        for f in fields(self):
            value = getattr(self, f.name)
            if f.type == "bool":
                if not isinstance(value, bool):
                    raise ValueError(f"{f.name} must be True or False, not {value!r}")
            elif f.type in ("int", "int | None"):
                if value is None and f.type == "int | None":
                    continue
                if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    raise ValueError(f"{f.name} must be a whole number of 0 or more, not {value!r}")
        for name, allowed in _CHOICES.items():
            if getattr(self, name) not in allowed:
                raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {getattr(self, name)!r}")


_CHOICES: dict[str, tuple[str, ...]] = {
    "update_frequency": UPDATE_FREQUENCIES,
    "fine_tune_goal": FINE_TUNE_GOALS,
    "prompting_status": STATUSES,
    "rag_status": STATUSES,
}


@dataclass(frozen=True)
class Finding:
    """One reason or warning: a stable id for code and analytics, a sentence for people,
    and the part of the framework it comes from."""

    rule_id: str
    text: str
    section: str


@dataclass(frozen=True)
class Recommendation:
    """The ladder's answer for one set of facts."""

    approach: Approach
    fine_tuning_deferred: bool
    reasons: tuple[Finding, ...]
    warnings: tuple[Finding, ...] = ()
    next_steps: tuple[str, ...] = ()
    rag_applies: bool = False
    fine_tuning_signals: tuple[str, ...] = field(default=())

    @property
    def main_reason(self) -> Finding:
        return self.reasons[0]

    @property
    def deferred_note(self) -> str:
        """Why fine-tuning waits, in the engine's words; empty when it does not."""
        return next((reason.text for reason in self.reasons if reason.rule_id == "ft-deferred"), "")


def recommend(facts: Facts) -> Recommendation:
    """Apply the framework to ``facts`` and explain the result.

    The first reason is always the one that decided the approach; the rest support it.
    """
    warnings = list(_measurement_warnings(facts))
    prompting_status = _effective_status(facts.prompting_status, facts.has_eval_set)
    rag_status = _effective_status(facts.rag_status, facts.has_eval_set)

    rag_reasons = _rag_reasons(facts)
    rag_applies = bool(rag_reasons)
    signals = _fine_tuning_signals(facts)
    justified = (
        bool(signals)
        and prompting_status == "measured_insufficient"
        and (not rag_applies or rag_status == "measured_insufficient")
    )

    if justified:
        approach = Approach.RAG_FINE_TUNING if rag_applies else Approach.FINE_TUNING
    else:
        approach = Approach.RAG if rag_applies else Approach.PROMPTING
    deferred = bool(signals) and not justified

    sufficient = prompting_status == "measured_sufficient" or (rag_applies and rag_status == "measured_sufficient")
    to_measure = _still_to_measure(prompting_status, rag_status, rag_applies)

    # The first reason is the one that decided the approach; the others support or qualify it.
    reasons: list[Finding] = []
    if justified:
        reasons.append(_justified_reason(rag_applies))
        if rag_applies:
            reasons.append(_BOTH_PATTERN)
        reasons.extend(rag_reasons)
    elif rag_applies:
        reasons.extend(rag_reasons)
    else:
        reasons.append(_prompting_reason(facts))
    if deferred:
        reasons.append(_deferred_reason(sufficient, to_measure))
    reasons.extend(signals)

    warnings.extend(_other_warnings(facts))
    return Recommendation(
        approach=approach,
        fine_tuning_deferred=deferred,
        reasons=tuple(reasons),
        warnings=tuple(warnings),
        next_steps=_next_steps(facts, approach, rag_applies, to_measure if deferred and not sufficient else []),
        rag_applies=rag_applies,
        fine_tuning_signals=tuple(signal.rule_id for signal in signals),
    )


def estimated_corpus_tokens(facts: Facts) -> tuple[int, bool]:
    """The corpus size in tokens, and whether it was estimated from the document count."""
    if facts.corpus_tokens is not None:
        return facts.corpus_tokens, False
    return facts.corpus_documents * ESTIMATED_TOKENS_PER_DOCUMENT, True


def _effective_status(status: str, has_eval_set: bool) -> str:
    # A measurement needs something to measure against: without an eval set it is an impression.
    if status.startswith("measured_") and not has_eval_set:
        return "tried_informally"
    return status


def _rag_reasons(facts: Facts) -> list[Finding]:
    reasons = []
    if facts.needs_private_knowledge:
        tokens, estimated = estimated_corpus_tokens(facts)
        if facts.corpus_documents > LARGE_CORPUS_DOCUMENTS:
            reasons.append(
                Finding(
                    "rag-large-corpus",
                    f"Your knowledge spans {facts.corpus_documents:,} documents, more than the "
                    f"{LARGE_CORPUS_DOCUMENTS:,} at which retrieval beats stuffing a prompt.",
                    SECTION_RAG,
                )
            )
        elif tokens > CONTEXT_BUDGET_TOKENS:
            how = f" (estimated at {ESTIMATED_TOKENS_PER_DOCUMENT:,} tokens a document)" if estimated else ""
            reasons.append(
                Finding(
                    "rag-large-corpus",
                    f"Your knowledge is about {tokens:,} tokens{how}, beyond the "
                    f"{CONTEXT_BUDGET_TOKENS:,}-token budget a prompt can carry.",
                    SECTION_RAG,
                )
            )
        if facts.update_frequency in DYNAMIC_UPDATE_FREQUENCIES:
            reasons.append(
                Finding(
                    "rag-dynamic-knowledge",
                    f"Your knowledge changes {_FREQUENCY_WORDS[facts.update_frequency]}: a retrieval "
                    "index can be refreshed in minutes, a model cannot.",
                    SECTION_RAG,
                )
            )
    if facts.needs_citations:
        reasons.append(
            Finding(
                "rag-citations",
                "Answers must cite their sources for audit or compliance, and retrieval keeps track "
                "of which passage each answer came from.",
                SECTION_RAG,
            )
        )
    if facts.multi_tenant:
        reasons.append(
            Finding(
                "rag-multi-tenant",
                "Each customer's data must stay separate: one index per tenant keeps it apart, "
                "where a shared model trained on everyone's data could not.",
                SECTION_RAG,
            )
        )
    if facts.shared_base_many_use_cases:
        reasons.append(
            Finding(
                "rag-shared-base-model",
                "One base model can serve your several use cases, each with its own retrieval index, "
                "instead of one model per use case.",
                SECTION_RAG,
            )
        )
    return reasons


_FREQUENCY_WORDS = {
    "monthly": "every month",
    "weekly": "every week",
    "daily": "every day",
    "realtime": "continuously",
}


def _prompting_reason(facts: Facts) -> Finding:
    if facts.needs_private_knowledge:
        tokens, estimated = estimated_corpus_tokens(facts)
        about = "an estimated" if estimated else "about"
        return Finding(
            "prompting-small-static-knowledge",
            f"Your private knowledge is small ({about} {tokens:,} tokens) and rarely changes, so it fits "
            "in the prompt itself: no retrieval system to build or keep fresh.",
            SECTION_FRAME,
        )
    return Finding(
        "prompting-first",
        "Nothing in the brief calls for retrieval, so the project starts where every project should: a "
        "well-written prompt on a capable model, the cheapest thing to build, run and change.",
        SECTION_FRAME,
    )


def _fine_tuning_signals(facts: Facts) -> list[Finding]:
    signals = []
    if facts.strict_output_format:
        signals.append(
            Finding(
                "ft-signal-output-format",
                "You need an exact output format, style or persona, which a prompt does not always enforce.",
                SECTION_FINE_TUNING,
            )
        )
    if facts.latency_or_cost_critical:
        signals.append(
            Finding(
                "ft-signal-latency-cost",
                "Latency or cost per query is a hard limit, where a small tuned model can beat a large one.",
                SECTION_FINE_TUNING,
            )
        )
    if facts.structured_extraction and facts.labeled_examples >= MIN_LABELED_EXAMPLES:
        signals.append(
            Finding(
                "ft-signal-structured-extraction",
                f"The task is structured extraction with {facts.labeled_examples:,} labeled examples, "
                f"enough (at least {MIN_LABELED_EXAMPLES:,}) to train on.",
                SECTION_FINE_TUNING,
            )
        )
    if facts.specialized_vocabulary:
        signals.append(
            Finding(
                "ft-signal-vocabulary",
                "Your domain uses a vocabulary that general models genuinely do not know.",
                SECTION_FINE_TUNING,
            )
        )
    return signals


def _justified_reason(rag_applies: bool) -> Finding:
    measured = "prompting and RAG were" if rag_applies else "prompting was"
    return Finding(
        "ft-justified",
        f"On your eval set, {measured} measured and fell short, and the task shows a fine-tuning signal: "
        "this is the case in which fine-tuning earns its cost.",
        SECTION_FAQ_EVAL,
    )


_BOTH_PATTERN = Finding(
    "both-production-pattern",
    "The proven combination: a small model fine-tuned for the output or extraction, reading context that "
    "retrieval supplies for the knowledge.",
    SECTION_BOTH,
)


def _deferred_reason(sufficient: bool, to_measure: list[str]) -> Finding:
    if sufficient:
        text = (
            "Some answers point towards fine-tuning, but your eval set shows a cheaper approach already "
            "does the job, so fine-tuning would not repay its cost today."
        )
    else:
        text = (
            "Some answers point towards fine-tuning, but it comes last: we propose it only after "
            f"{' and '.join(to_measure)} {'have' if len(to_measure) > 1 else 'has'} been measured on an "
            "eval set and found insufficient."
        )
    return Finding("ft-deferred", text, SECTION_FAQ_FINE_TUNING_LAST)


def _still_to_measure(prompting_status: str, rag_status: str, rag_applies: bool) -> list[str]:
    """The rungs below fine-tuning that have not yet been measured insufficient."""
    rungs = []
    if prompting_status != "measured_insufficient":
        rungs.append("prompting")
    if rag_applies and rag_status != "measured_insufficient":
        rungs.append("RAG")
    return rungs


def _measurement_warnings(facts: Facts) -> list[Finding]:
    unbacked = [
        name
        for name, status in (("prompting", facts.prompting_status), ("RAG", facts.rag_status))
        if status.startswith("measured_") and not facts.has_eval_set
    ]
    if not unbacked:
        return []
    return [
        Finding(
            "warn-measured-without-eval-set",
            f"You describe {' and '.join(unbacked)} as measured, but without an eval set we treat that as "
            "tried informally until there are numbers to compare.",
            SECTION_FAQ_EVAL,
        )
    ]


def _other_warnings(facts: Facts) -> list[Finding]:
    warnings = []
    if facts.fine_tune_goal == "knowledge":
        warnings.append(
            Finding(
                "warn-fine-tune-for-knowledge",
                "You hope fine-tuning will teach the model your facts. It teaches behaviour, not "
                "knowledge: facts belong in retrieval, where they can be updated and cited.",
                SECTION_FAQ_BEHAVIOUR,
            )
        )
    if facts.structured_extraction and facts.labeled_examples < MIN_LABELED_EXAMPLES:
        warnings.append(
            Finding(
                "warn-too-few-labels",
                f"Structured extraction with {facts.labeled_examples:,} labeled examples is short of the "
                f"{MIN_LABELED_EXAMPLES:,} a fine-tune needs; prompting with good examples comes first.",
                SECTION_FINE_TUNING,
            )
        )
    if not facts.has_eval_set:
        warnings.append(
            Finding(
                "warn-no-eval-set",
                "There is no eval set yet. It is what decides every step up the ladder, so building one "
                "is the first piece of work.",
                SECTION_FAQ_EVAL,
            )
        )
    return warnings


def _next_steps(facts: Facts, approach: Approach, rag_applies: bool, to_measure: list[str]) -> tuple[str, ...]:
    steps = []
    if not facts.has_eval_set:
        steps.append("Assemble an eval set: real questions or inputs with the answers you would accept.")
    if approach is Approach.PROMPTING:
        steps.append("Write, version and test the prompt against the eval set.")
    if rag_applies:
        steps.append("List the knowledge sources, their owners and refresh cadence; build and measure retrieval.")
    if facts.needs_citations:
        steps.append("Decide how citations are shown and what an auditor must be able to trace.")
    if to_measure:
        steps.append(
            f"Measure {' and '.join(to_measure)} on the eval set; revisit fine-tuning only if the results fall short."
        )
    if approach in (Approach.FINE_TUNING, Approach.RAG_FINE_TUNING):
        steps.append("Curate the training data and a regression suite; plan the retraining cadence.")
    return tuple(steps)
