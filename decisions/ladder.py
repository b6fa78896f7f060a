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
from functools import lru_cache

# The context budget: private knowledge larger than this does not fit in a prompt.
CONTEXT_BUDGET_TOKENS = 200_000
# How "large" is judged when the size in tokens is unknown: the framework's "more than 10k documents".
LARGE_CORPUS_DOCUMENTS = 10_000
# A typical document, to say when an unknown size may not fit (a point to watch, never a decision).
TYPICAL_TOKENS_PER_DOCUMENT = 2_000
# Structured extraction is a fine-tuning signal only with at least this many labelled examples.
MIN_LABELED_EXAMPLES = 1_000
# An eval set smaller than this measures noise as much as quality.
MIN_EVAL_CASES = 50
# A page of business prose, roughly, in model tokens: the form asks pages, the ladder reads tokens.
TOKENS_PER_PAGE = 500

UPDATE_FREQUENCIES = ("static", "yearly", "quarterly", "monthly", "weekly", "daily", "realtime")
# Knowledge that changes this often is "dynamic": re-training or re-prompting cannot keep up.
DYNAMIC_UPDATE_FREQUENCIES = frozenset({"monthly", "weekly", "daily", "realtime"})
STATUSES = ("not_tried", "tried_informally", "measured_sufficient", "measured_insufficient")
FINE_TUNE_GOALS = ("none", "behavior", "knowledge")
# Why a rung measured insufficient fell short. Missing or wrong facts are knowledge; the rest behaviour.
SHORTFALLS = ("unknown", "knowledge", "format", "latency_cost", "vocabulary")

# The parts of the published framework a finding can cite.
SECTION_FRAME = "The right frame: prompting, then RAG, then fine-tuning"
SECTION_RAG = "When RAG wins"
SECTION_FINE_TUNING = "When fine-tuning wins"
SECTION_BOTH = "When you do both"
SECTION_FAQ_FINE_TUNING_LAST = "FAQ: do you fine-tune as part of a build?"
SECTION_FAQ_BEHAVIOUR = "FAQ: fine-tuning teaches behaviour, not facts"
SECTION_FAQ_EVAL = "FAQ: fine-tuning only after prompting and RAG fall short on an eval set"
# Better practice the article does not state: labelled as ours, never as the framework's.
SECTION_PRACTICE = "Our practice, beyond the framework"


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
    # Added since the first version; the defaults keep older callers' answers meaning what they did.
    needs_audit_log: bool = False
    eval_set_size: int = 0  # cases in the eval set; 0: not said
    eval_metric: str = ""  # how a case is scored, in the client's words
    prompting_shortfall: str = "unknown"  # why prompting fell short, when measured insufficient
    rag_shortfall: str = "unknown"  # why retrieval fell short, when measured insufficient

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
            elif f.type == "str" and not isinstance(value, str):
                raise ValueError(f"{f.name} must be text, not {value!r}")
        for name, allowed in _CHOICES.items():
            if getattr(self, name) not in allowed:
                raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {getattr(self, name)!r}")


_CHOICES: dict[str, tuple[str, ...]] = {
    "update_frequency": UPDATE_FREQUENCIES,
    "fine_tune_goal": FINE_TUNE_GOALS,
    "prompting_status": STATUSES,
    "rag_status": STATUSES,
    "prompting_shortfall": SHORTFALLS,
    "rag_shortfall": SHORTFALLS,
}


@dataclass(frozen=True)
class RuleFigures:
    """The figures the rules decide with, for a memo to list (and, frozen, to keep)."""

    context_budget_tokens: int = CONTEXT_BUDGET_TOKENS
    large_corpus_documents: int = LARGE_CORPUS_DOCUMENTS
    typical_tokens_per_document: int = TYPICAL_TOKENS_PER_DOCUMENT
    tokens_per_page: int = TOKENS_PER_PAGE
    min_labeled_examples: int = MIN_LABELED_EXAMPLES
    min_eval_cases: int = MIN_EVAL_CASES
    dynamic_from: str = "monthly"  # knowledge changing this often or more calls for retrieval


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
    # What the eval set already settled: rungs measured sufficient, and rungs measured short.
    measured_sufficient: tuple[Approach, ...] = ()
    measured_short: tuple[Approach, ...] = ()
    # The knowledge is too large or changes too often for a prompt to carry it.
    prompt_cannot_hold: bool = False

    @property
    def main_reason(self) -> Finding:
        return self.reasons[0]

    @property
    def questions(self) -> tuple[str, ...]:
        """What a consultant would ask because two answers do not fit together."""
        return tuple(warning.text for warning in self.warnings if warning.rule_id == "watch-premise")

    @property
    def ruled_out(self) -> tuple[Approach, ...]:
        """Approaches that cannot stand in for this one: rungs measured short, and prompting where
        the knowledge is more than a prompt can carry."""
        return (*self.measured_short, *((Approach.PROMPTING,) if self.prompt_cannot_hold else ()))

    @property
    def suggests_smaller_model(self) -> bool:
        """A point to watch suggests a smaller model first (latency or unit cost)."""
        return any(warning.rule_id == "watch-latency-cost" for warning in self.warnings)

    @property
    def deferred_note(self) -> str:
        """Why fine-tuning waits, in the engine's words; empty when it does not."""
        return next((reason.text for reason in self.reasons if reason.rule_id == "ft-deferred"), "")


@dataclass(frozen=True)
class CorpusSize:
    """How large the client's knowledge is, as far as the brief tells."""

    tokens: int | None  # None: not given
    large: bool
    finding: Finding | None  # why it is large, when it is


def corpus_size(facts: Facts) -> CorpusSize:
    """Large as the framework means it: more than a prompt's budget in tokens when the size is
    known (from the pages given, so about); judged by more than 10,000 documents when it is not."""
    if facts.corpus_tokens is not None:
        if facts.corpus_tokens <= CONTEXT_BUDGET_TOKENS:
            return CorpusSize(facts.corpus_tokens, False, None)
        text = (
            f"Your knowledge comes to about {facts.corpus_tokens:,} tokens, more than the "
            f"{CONTEXT_BUDGET_TOKENS:,} a prompt can reasonably carry."
        )
        return CorpusSize(facts.corpus_tokens, True, Finding("rag-large-corpus", text, SECTION_RAG))
    if facts.corpus_documents <= LARGE_CORPUS_DOCUMENTS:
        return CorpusSize(None, False, None)
    text = (
        f"Your knowledge spans {facts.corpus_documents:,} documents and its size in tokens is not known yet: past "
        f"{LARGE_CORPUS_DOCUMENTS:,} documents we take it to be more than a prompt can hold."
    )
    return CorpusSize(None, True, Finding("rag-large-corpus", text, SECTION_RAG))


@dataclass(frozen=True)
class _Measured:
    """The measurements as the ladder counts them: a claim without an eval set, or on one too small
    to decide (fewer than MIN_EVAL_CASES cases), is an indication, not a measurement."""

    prompting: str
    rag: str

    @classmethod
    def of(cls, facts: Facts) -> _Measured:
        decides = facts.has_eval_set and not (0 < facts.eval_set_size < MIN_EVAL_CASES)

        def effective(status: str) -> str:
            return "tried_informally" if status.startswith("measured_") and not decides else status

        return cls(effective(facts.prompting_status), effective(facts.rag_status))


_BEHAVIOUR_SHORTFALL_SIGNALS = {
    "format": "ft-signal-output-format",
    "latency_cost": "ft-signal-latency-cost",
    "vocabulary": "ft-signal-vocabulary",
}


def recommend(facts: Facts) -> Recommendation:
    """Apply the framework to ``facts`` and explain the result.

    Premises before triggers (retrieval needs knowledge to retrieve), size as the framework means
    it, measurements decide (the cheapest rung measured sufficient is the answer; a rung measured
    short is never proposed again), and a shortfall is routed by its cause: facts to retrieval,
    behaviour to fine-tuning through the framework's gate. The first reason is always the one that
    decided the approach; the rest support it.
    """
    return _recommend(facts)


def explain(facts: Facts, chosen: Approach) -> Recommendation:
    """The ladder's account of ``chosen`` for ``facts``, when a consultant recommends it instead of
    the rules' approach: what in the brief supports it (or, where nothing does, what it is for),
    the points to watch and next steps of ``chosen`` itself, and a caution where it goes ahead of
    the framework's gate for fine-tuning. For the rules' own approach this is ``recommend(facts)``."""
    return _explain(facts, chosen)


@dataclass(frozen=True)
class _Reading:
    """What the rules read in the facts before any approach is chosen."""

    measured: _Measured
    size: CorpusSize
    rag_reasons: tuple[Finding, ...]
    signals: tuple[Finding, ...]
    knowledge_short: bool  # retrieval measured short for missing facts
    sufficient: tuple[Approach, ...]  # rungs measured sufficient, cheapest first
    short: tuple[Approach, ...]  # rungs measured short
    gate_open: bool  # the framework's condition for fine-tuning is met

    @property
    def rag_applies(self) -> bool:
        return bool(self.rag_reasons)

    @classmethod
    def of(cls, facts: Facts) -> _Reading:
        measured = _Measured.of(facts)
        size = corpus_size(facts)
        rag_reasons = tuple(_rag_reasons(facts, size, measured))
        signals = tuple(_fine_tuning_signals(facts, measured))
        knowledge_short = (
            bool(rag_reasons) and measured.rag == "measured_insufficient" and (facts.rag_shortfall == "knowledge")
        )
        sufficient = _measured_sufficient(facts, measured, bool(rag_reasons), size)
        gate_open = (
            bool(signals)
            and measured.prompting == "measured_insufficient"
            and (not rag_reasons or measured.rag == "measured_insufficient")
            and not knowledge_short
            and not sufficient
        )
        short = tuple(
            approach
            for approach, status in ((Approach.PROMPTING, measured.prompting), (Approach.RAG, measured.rag))
            if status == "measured_insufficient"
        )
        return cls(measured, size, rag_reasons, signals, knowledge_short, sufficient, short, gate_open)

    @property
    def approach(self) -> Approach:
        """The rules' approach: the cheapest rung measured sufficient, else fine-tuning through its
        gate, else retrieval where the brief calls for it, else prompting."""
        if self.sufficient:
            return self.sufficient[0]
        if self.gate_open:
            return Approach.RAG_FINE_TUNING if self.rag_applies else Approach.FINE_TUNING
        return Approach.RAG if self.rag_applies else Approach.PROMPTING


@lru_cache(maxsize=4096)
def _recommend(facts: Facts) -> Recommendation:
    reading = _Reading.of(facts)
    approach = reading.approach
    reasons: list[Finding] = []
    if reading.sufficient:
        reasons.append(_sufficient_reason(approach, facts))
        if approach is Approach.RAG:
            reasons.extend(reading.rag_reasons)
    elif reading.gate_open:
        reasons.append(_justified_reason(reading.rag_applies))
        if reading.rag_applies:
            reasons.append(_BOTH_PATTERN)
        reasons.extend(reading.rag_reasons)
    elif reading.rag_applies:
        reasons.extend(reading.rag_reasons)
    else:
        reasons.append(_prompting_reason(facts, reading.size, reading.measured))
    return _account(facts, reading, approach, reasons)


@lru_cache(maxsize=4096)
def _explain(facts: Facts, chosen: Approach) -> Recommendation:
    reading = _Reading.of(facts)
    if chosen is reading.approach:
        return _recommend(facts)
    fine_tuned = chosen in (Approach.FINE_TUNING, Approach.RAG_FINE_TUNING)
    retrieving = chosen in (Approach.RAG, Approach.RAG_FINE_TUNING)
    reasons: list[Finding] = []
    if chosen in reading.sufficient:
        reasons.append(_sufficient_reason(chosen, facts))
    if chosen in reading.short:
        reasons.append(_retry_reason(chosen))
    if fine_tuned:
        reasons.append(_justified_reason(reading.rag_applies) if reading.gate_open else _CHOSEN[chosen])
        if chosen is Approach.RAG_FINE_TUNING and reading.gate_open:
            reasons.append(_BOTH_PATTERN)
    if retrieving:
        reasons.extend(reading.rag_reasons)
    if not reasons:  # nothing in the brief argues for it: say what it is for
        reasons.append(_CHOSEN[chosen])
    return _account(facts, reading, chosen, reasons, chosen_over=reading.approach)


def _account(
    facts: Facts,
    reading: _Reading,
    approach: Approach,
    reasons: list[Finding],
    chosen_over: Approach | None = None,
) -> Recommendation:
    """The recommendation of ``approach`` with its reasons: why fine-tuning waits, its signals, the
    points to watch and the next steps, all for ``approach``."""
    measured = reading.measured
    deferred = bool(reading.signals) and approach in (Approach.PROMPTING, Approach.RAG)
    if deferred:
        reasons.append(
            _deferred_reason(facts, measured, reading.rag_applies, reading.sufficient, reading.knowledge_short)
        )
    reasons.extend(signal for signal in reading.signals if signal not in reasons)
    warnings = [*_measurement_warnings(facts), *_premise_warnings(facts)]
    if chosen_over is not None:
        warnings.extend(_departures(reading, approach))
    warnings.extend(_shortfall_warnings(facts, measured, reading.rag_applies))
    warnings.extend(_other_warnings(facts, reading.size, approach, measured, list(reading.rag_reasons)))
    fine_tuning_open = bool(reading.signals) and not reading.sufficient
    return Recommendation(
        approach=approach,
        fine_tuning_deferred=deferred,
        reasons=tuple(reasons),
        warnings=tuple(warnings),
        next_steps=_next_steps(facts, approach, measured, reading.rag_applies, fine_tuning_open, reading.gate_open),
        rag_applies=reading.rag_applies,
        fine_tuning_signals=tuple(signal.rule_id for signal in reading.signals),
        measured_sufficient=reading.sufficient,
        measured_short=reading.short,
        prompt_cannot_hold=facts.needs_private_knowledge
        and (reading.size.large or facts.update_frequency in DYNAMIC_UPDATE_FREQUENCIES),
    )


def _retry_reason(approach: Approach) -> Finding:
    return Finding(
        "chosen-retry",
        f"{approach.label} fell short on your eval set, and our consultant judges it can pass with the changes the "
        "summary describes: a cheaper rung made to work costs less to build and run than the one above it.",
        SECTION_FRAME,
    )


def _departures(reading: _Reading, approach: Approach) -> list[Finding]:
    """The cautions an approach a consultant chose over the rules' carries: a fine-tune ahead of the
    framework's gate, a rung the eval set already found short, retrieval the brief calls for left out."""
    found = []
    if approach in (Approach.FINE_TUNING, Approach.RAG_FINE_TUNING) and not reading.gate_open:
        found.append(_ahead_of_gate(reading))
    if approach in reading.short:
        found.append(
            Finding(
                "watch-chosen-measured-short",
                f"{approach.label} was measured on your eval set and fell short; this memo recommends it again, so "
                "the first phase has to show, on the same eval set, what makes it pass this time.",
                SECTION_FAQ_EVAL,
            )
        )
    if reading.rag_applies and approach not in (Approach.RAG, Approach.RAG_FINE_TUNING):
        needs = ", ".join(_RAG_REASON_WORDS[reason.rule_id] for reason in reading.rag_reasons)
        found.append(
            Finding(
                "watch-without-retrieval",
                f"The brief calls for retrieval ({needs}) and this plan builds none: discovery has to show how each "
                "of those is met without it.",
                SECTION_RAG,
            )
        )
    return found


def _ahead_of_gate(reading: _Reading) -> Finding:
    text = (
        "The framework fine-tunes only once the cheaper rungs were measured on an eval set and fell short; this "
        "memo goes ahead of that on our consultant's judgement."
    )
    passed = [_RUNG_WORDS[approach] for approach in reading.sufficient]
    if passed:
        text += (
            f" {' and '.join(passed).capitalize()} already {'pass' if len(passed) > 1 else 'passes'} your eval set, "
            f"so the fine-tune has to beat {'them' if len(passed) > 1 else 'it'} to repay its cost."
        )
    unmeasured = _unmeasured(reading.measured, reading.rag_applies)
    if unmeasured:
        text += f" {' and '.join(unmeasured).capitalize()} should be measured on the eval set before training starts."
    return Finding("watch-ahead-of-gate", text, SECTION_FAQ_FINE_TUNING_LAST)


_RUNG_WORDS = {Approach.PROMPTING: "prompting", Approach.RAG: "retrieval"}


def _unmeasured(measured: _Measured, rag_applies: bool) -> list[str]:
    """The rungs below fine-tuning not yet measured on an eval set (either way)."""
    rungs = []
    if not measured.prompting.startswith("measured_"):
        rungs.append("prompting")
    if rag_applies and not measured.rag.startswith("measured_"):
        rungs.append("retrieval")
    return rungs


def _measured_sufficient(
    facts: Facts, measured: _Measured, rag_applies: bool, size: CorpusSize
) -> tuple[Approach, ...]:
    """The rungs measured sufficient, cheapest first. Prompting counts where the knowledge fits in a
    prompt (a pass over a larger corpus cannot have tested it: a point to watch says so). Retrieval
    counts where there is something to retrieve (knowledge of the client's own, or a measured
    shortfall of facts); without it the measurement is a question (see _premise_warnings)."""
    found = []
    if measured.prompting == "measured_sufficient" and not (facts.needs_private_knowledge and size.large):
        found.append(Approach.PROMPTING)
    if measured.rag == "measured_sufficient" and (facts.needs_private_knowledge or rag_applies):
        found.append(Approach.RAG)
    return tuple(found)


def _rag_reasons(facts: Facts, size: CorpusSize, measured: _Measured) -> list[Finding]:
    """Why retrieval is called for. Every reason presumes knowledge the system must read: without
    it, citations, tenancy and a shared base are points to watch, not reasons (see _premise_warnings)."""
    reasons: list[Finding] = []
    short_on_facts = [name for name, cause in _shortfalls(facts, measured) if cause == "knowledge"]
    if short_on_facts:
        reasons.append(
            Finding(
                "rag-knowledge-shortfall",
                f"{' and '.join(short_on_facts).capitalize()} fell short on your eval set for missing or wrong "
                "facts: facts belong in retrieval, where they can be kept current and cited, never in fine-tuning.",
                SECTION_FAQ_BEHAVIOUR,
            )
        )
    if not facts.needs_private_knowledge:
        return reasons
    if size.finding:
        reasons.append(size.finding)
    if facts.update_frequency in DYNAMIC_UPDATE_FREQUENCIES:
        reasons.append(
            Finding(
                "rag-dynamic-knowledge",
                f"Your knowledge changes {_FREQUENCY_WORDS[facts.update_frequency]}: a retrieval index can be "
                "refreshed as it changes, a prompt or a model cannot keep up.",
                SECTION_RAG,
            )
        )
    if facts.needs_citations:
        reasons.append(
            Finding(
                "rag-citations",
                "Answers must cite their sources, and retrieval keeps track of which passage each answer came from.",
                SECTION_RAG,
            )
        )
    if facts.multi_tenant:
        reasons.append(
            Finding(
                "rag-multi-tenant",
                "Each customer's knowledge must stay separate: one index per customer keeps it apart, where a "
                "model trained on everyone's data could not.",
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


_RAG_REASON_WORDS = {
    "rag-knowledge-shortfall": "missing facts",
    "rag-large-corpus": "large knowledge",
    "rag-dynamic-knowledge": "knowledge that changes often",
    "rag-citations": "citations",
    "rag-multi-tenant": "customers kept apart",
    "rag-shared-base-model": "several use cases",
}
_STEADY_WORDS = {"static": "rarely", "yearly": "about once a year", "quarterly": "every few months"}
_FREQUENCY_WORDS = {
    "monthly": "every month",
    "weekly": "every week",
    "daily": "every day",
    "realtime": "continuously",
}


def _premise_warnings(facts: Facts) -> list[Finding]:
    """Answers that presume knowledge the brief says the system does not need: a consultant asks."""
    if facts.needs_private_knowledge:
        return []
    asks = []
    if facts.needs_citations:
        asks.append(
            "answers must cite their sources, but the system reads no knowledge of its own: which sources "
            "should it cite? If they are your documents, it does need them"
        )
    if facts.multi_tenant:
        asks.append(
            "each customer's data must stay apart, but the system reads no knowledge of its own: where does "
            "a customer's data enter (in their questions, in logs, in training data)?"
        )
    if facts.shared_base_many_use_cases:
        asks.append(
            "one model should serve several use cases, and retrieval would give each its own index, but "
            "there is no knowledge to index: what differs between the use cases?"
        )
    if facts.rag_status.startswith("measured_"):
        asks.append(
            "retrieval was measured on your eval set, but the system reads no knowledge of its own: what did it "
            "retrieve from?"
        )
    return [
        Finding("watch-premise", f"To clarify: {ask}{'' if ask.endswith('?') else '.'}", SECTION_RAG) for ask in asks
    ]


def _prompting_reason(facts: Facts, size: CorpusSize, measured: _Measured) -> Finding:
    if measured.prompting == "measured_insufficient":
        return Finding(
            "prompting-improve",
            "Prompting fell short on your eval set, but nothing yet shows that a higher rung would do better: "
            "the next step is to learn why it fell short and improve the prompt and examples against the eval set.",
            SECTION_FRAME,
        )
    if facts.needs_private_knowledge:
        changes = _STEADY_WORDS[facts.update_frequency]
        if size.tokens is not None:
            text = (
                f"Your private knowledge, about {size.tokens:,} tokens, fits in a prompt and changes {changes}, so "
                "it can go in the prompt itself: no retrieval system to build or keep fresh."
            )
        else:
            text = (
                f"Your private knowledge changes {changes} and is not known to be large, so we start with it in "
                "the prompt itself, with no retrieval system to build; its size in pages will confirm it fits."
            )
        return Finding("prompting-small-static-knowledge", text, SECTION_FRAME)
    return Finding(
        "prompting-first",
        "Nothing in the brief calls for retrieval, so the project starts with a well-written prompt on a capable "
        "model: the cheapest thing to build, run and change.",
        SECTION_FRAME,
    )


def _sufficient_reason(approach: Approach, facts: Facts) -> Finding:
    cases = f" of {facts.eval_set_size:,} cases" if facts.eval_set_size else ""
    if facts.eval_metric:
        cases += f" ({facts.eval_metric})"
    return Finding(
        "measured-sufficient",
        f"{approach.label} already does the job on your eval set{cases}: the cheapest approach measured "
        "sufficient is the one to build, and nothing higher on the ladder would repay its cost today.",
        SECTION_FAQ_EVAL,
    )


def _fine_tuning_signals(facts: Facts, measured: _Measured) -> list[Finding]:
    """The framework's signs that fine-tuning may earn its cost, including a behaviour shortfall
    measured on the eval set (a knowledge shortfall is never one)."""
    answered = {
        "ft-signal-output-format": facts.strict_output_format,
        "ft-signal-latency-cost": facts.latency_or_cost_critical,
        "ft-signal-vocabulary": facts.specialized_vocabulary,
    }
    measured_causes = _behaviour_shortfalls(facts, measured)
    signals = []
    for signal in _SIGNALS:
        if answered[signal.rule_id]:
            signals.append(signal)
        elif signal.rule_id in measured_causes:  # the eval set showed it, though the brief did not say so
            signals.append(Finding(signal.rule_id, measured_causes[signal.rule_id], SECTION_FAQ_EVAL))
    if facts.structured_extraction and facts.labeled_examples >= MIN_LABELED_EXAMPLES:
        signals.append(
            Finding(
                "ft-signal-structured-extraction",
                f"The task is structured extraction with {facts.labeled_examples:,} labelled examples, "
                f"enough (at least {MIN_LABELED_EXAMPLES:,}) to train on.",
                SECTION_FINE_TUNING,
            )
        )
    return signals


_SHORTFALL_WORDS = {
    "format": "format, style or tone",
    "latency_cost": "latency or cost",
    "vocabulary": "your domain's language",
}


def _behaviour_shortfalls(facts: Facts, measured: _Measured) -> dict[str, str]:
    """The fine-tuning signals a measured shortfall of behaviour shows, each with its sentence."""
    found: dict[str, str] = {}
    for name, cause in _shortfalls(facts, measured):
        if cause in _BEHAVIOUR_SHORTFALL_SIGNALS:
            found.setdefault(
                _BEHAVIOUR_SHORTFALL_SIGNALS[cause],
                f"{name.capitalize()} fell short on your eval set on {_SHORTFALL_WORDS[cause]}, which is behaviour, "
                "the kind of thing fine-tuning can change.",
            )
    return found


def _shortfalls(facts: Facts, measured: _Measured) -> list[tuple[str, str]]:
    """Each rung measured short, with why (as the brief says; "unknown" when it does not)."""
    return [
        (name, cause)
        for name, status, cause in (
            ("prompting", measured.prompting, facts.prompting_shortfall),
            ("retrieval", measured.rag, facts.rag_shortfall),
        )
        if status == "measured_insufficient"
    ]


_SIGNALS = (
    Finding(
        "ft-signal-output-format",
        "You need an exact output format, style or persona, which a prompt does not always enforce.",
        SECTION_FINE_TUNING,
    ),
    Finding(
        "ft-signal-latency-cost",
        "Latency or cost per query is a hard limit, where a small tuned model can beat a large one.",
        SECTION_FINE_TUNING,
    ),
    Finding(
        "ft-signal-vocabulary",
        "Your domain uses a vocabulary that general models genuinely do not know.",
        SECTION_FINE_TUNING,
    ),
)


def _justified_reason(rag_applies: bool) -> Finding:
    measured = "prompting and retrieval were" if rag_applies else "prompting was"
    return Finding(
        "ft-justified",
        f"On your eval set, {measured} measured and fell short, and the brief gives a reason to fine-tune (below): "
        "this is the condition the framework sets for fine-tuning, and it is met.",
        SECTION_FAQ_EVAL,
    )


_BOTH_PATTERN = Finding(
    "both-production-pattern",
    "The common production pattern: a small model fine-tuned for the output or extraction, reading context "
    "that retrieval supplies for the knowledge.",
    SECTION_BOTH,
)


# What an approach is for, in the framework's terms: the reason an approach a consultant chose
# gives when nothing in the brief calls for it by the rules.
_CHOSEN = {
    Approach.PROMPTING: Finding(
        "chosen-prompting",
        "A well-written prompt on a capable model is the cheapest approach to build, run and change; it is where "
        "the ladder starts, and the eval set shows whether a higher rung is ever needed.",
        SECTION_FRAME,
    ),
    Approach.RAG: Finding(
        "chosen-rag",
        "Retrieval reads your knowledge at question time from an index that can be refreshed as it changes and "
        "lets each answer cite the passage it came from.",
        SECTION_RAG,
    ),
    Approach.FINE_TUNING: Finding(
        "chosen-fine-tuning",
        "Fine-tuning trains a model on your examples to change how it behaves: its format, tone, vocabulary, or "
        "a small model's speed and unit cost.",
        SECTION_FINE_TUNING,
    ),
    Approach.RAG_FINE_TUNING: _BOTH_PATTERN,
}


def _deferred_reason(
    facts: Facts, measured: _Measured, rag_applies: bool, sufficient: tuple[Approach, ...], knowledge_short: bool
) -> Finding:
    if sufficient:
        text = (
            f"Some answers point towards fine-tuning, but {sufficient[0].short_label} already does the job on "
            "your eval set, so fine-tuning would not repay its cost today."
        )
    elif knowledge_short:
        text = (
            "Some answers point towards fine-tuning, but retrieval fell short on facts, which fine-tuning cannot "
            "supply: the work is in retrieval (sources, chunking, ranking), measured again on the eval set."
        )
    elif to_measure := _still_to_measure(measured, rag_applies):
        text = (
            "Some answers point towards fine-tuning, but it comes last: we propose it only after "
            f"{' and '.join(to_measure)} {'have' if len(to_measure) > 1 else 'has'} been measured on an "
            "eval set and found insufficient."
        )
    else:  # the framework's condition is met, and a consultant chose to start below it
        text = (
            "The framework's condition for fine-tuning is met on your eval set, but this plan starts without it, "
            "as the summary explains: it is the next rung if the eval set shows the need again."
        )
    return Finding("ft-deferred", text, SECTION_FAQ_FINE_TUNING_LAST)


def _still_to_measure(measured: _Measured, rag_applies: bool) -> list[str]:
    """The rungs below fine-tuning that have not yet been measured insufficient."""
    rungs = []
    if measured.prompting != "measured_insufficient":
        rungs.append("prompting")
    if rag_applies and measured.rag != "measured_insufficient":
        rungs.append("retrieval")
    return rungs


def _measurement_warnings(facts: Facts) -> list[Finding]:
    unbacked = [
        name
        for name, status in (("prompting", facts.prompting_status), ("retrieval", facts.rag_status))
        if status.startswith("measured_") and not facts.has_eval_set
    ]
    warnings = []
    if unbacked:
        warnings.append(
            Finding(
                "warn-measured-without-eval-set",
                f"You describe {' and '.join(unbacked)} as measured, but without an eval set we treat that as "
                "tried informally until there are numbers to compare.",
                SECTION_FAQ_EVAL,
            )
        )
    if facts.has_eval_set and 0 < facts.eval_set_size < MIN_EVAL_CASES:
        warnings.append(
            Finding(
                "warn-small-eval-set",
                f"An eval set of {facts.eval_set_size} cases measures noise as much as quality; we would grow it "
                f"to at least {MIN_EVAL_CASES} before letting it decide a step up the ladder.",
                SECTION_FAQ_EVAL,
            )
        )
    return warnings


def _shortfall_warnings(facts: Facts, measured: _Measured, rag_applies: bool) -> list[Finding]:
    """Ask why a rung fell short when the brief does not say: the cause decides the next rung."""
    unexplained = [name for name, cause in _shortfalls(facts, measured) if cause == "unknown"]
    if not unexplained:
        return []
    return [
        Finding(
            "watch-why-short",
            f"We do not know yet why {' and '.join(unexplained)} fell short. Missing or wrong facts point to "
            "retrieval; format, tone, latency or cost point to behaviour, where fine-tuning may help. The failing "
            "cases of the eval set will tell.",
            SECTION_FAQ_BEHAVIOUR,
        )
    ]


def _other_warnings(
    facts: Facts, size: CorpusSize, approach: Approach, measured: _Measured, rag_reasons: list[Finding]
) -> list[Finding]:
    """The framework's cautions, and better practice to try first, without changing its approach."""
    fine_tuned = approach in (Approach.FINE_TUNING, Approach.RAG_FINE_TUNING)
    shown = _behaviour_shortfalls(facts, measured)
    strict_format = facts.strict_output_format or "ft-signal-output-format" in shown
    latency_or_cost = facts.latency_or_cost_critical or "ft-signal-latency-cost" in shown
    warnings = []
    if measured.prompting == "measured_sufficient" and rag_reasons and approach is not Approach.FINE_TUNING:
        warnings.append(
            Finding(
                "watch-eval-coverage",
                "Prompting passed your eval set although the brief calls for retrieval ("
                + ", ".join(_RAG_REASON_WORDS[reason.rule_id] for reason in rag_reasons)
                + "): make sure the eval set covers recent, rare and per-customer cases"
                + (
                    ", which a prompt cannot hold all of, before relying on it."
                    if size.large
                    else " before relying on it."
                ),
                SECTION_FAQ_EVAL,
            )
        )
    if measured.rag == "measured_sufficient" and approach is Approach.RAG and measured.prompting in STATUSES[:2]:
        warnings.append(
            Finding(
                "watch-cheaper-unmeasured",
                "Retrieval passed your eval set; prompting alone was not measured. One run of the eval set with "
                "the knowledge in the prompt would show whether the cheaper rung does as well.",
                SECTION_FAQ_EVAL,
            )
        )
    if facts.corpus_tokens is not None and facts.corpus_documents and facts.corpus_tokens < facts.corpus_documents * 20:
        warnings.append(
            Finding(
                "watch-size-check",
                f"{facts.corpus_documents:,} documents in about {facts.corpus_tokens:,} tokens is very little a "
                "document: is the number of pages right? The size decides whether retrieval is needed.",
                SECTION_RAG,
            )
        )
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
                f"Structured extraction with {facts.labeled_examples:,} labelled examples is short of the "
                f"{MIN_LABELED_EXAMPLES:,} the framework asks before extraction alone is a reason to fine-tune; "
                "meanwhile, prompting with good examples.",
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
    retrieving = approach in (Approach.RAG, Approach.RAG_FINE_TUNING)
    if facts.needs_private_knowledge and size.tokens is None and not size.large and not retrieving:
        guess = facts.corpus_documents * TYPICAL_TOKENS_PER_DOCUMENT
        if guess > CONTEXT_BUDGET_TOKENS:
            warnings.append(
                Finding(
                    "watch-unknown-size",
                    f"{facts.corpus_documents:,} documents of a typical length would come to about {guess:,} "
                    f"tokens, more than a prompt carries; their size in pages would tell whether retrieval is needed.",
                    SECTION_RAG,
                )
            )
    likely_fits = (
        size.tokens is not None or facts.corpus_documents * TYPICAL_TOKENS_PER_DOCUMENT <= CONTEXT_BUDGET_TOKENS
    )
    if facts.needs_private_knowledge and not size.large and likely_fits:
        against = " Worth measuring against the index before building it." if retrieving else ""
        warnings.append(
            Finding(
                "watch-long-context",
                "Your knowledge fits in a long context: with prompt caching it can ride in every prompt at a "
                f"fraction of the price, and answers can quote the documents in the prompt as their sources.{against}",
                SECTION_PRACTICE,
            )
        )
    if facts.needs_private_knowledge and facts.update_frequency == "realtime":
        warnings.append(
            Finding(
                "watch-live-data",
                "Knowledge that changes continuously is often better fetched by tool or API calls to its source at "
                "question time than copied into an index that is always slightly behind.",
                SECTION_PRACTICE,
            )
        )
    if strict_format:
        warnings.append(
            Finding(
                "watch-structured-outputs",
                "For a strict format, try structured outputs or constrained decoding (a schema the model must "
                "follow) first: they often enforce it without any training.",
                SECTION_PRACTICE,
            )
        )
    if latency_or_cost:
        warnings.append(
            Finding(
                "watch-latency-cost",
                "For latency or unit cost, try a smaller model, prompt caching and batching first; if fine-tuning "
                "is needed, distilling a large model's answers into a small one is the usual route.",
                SECTION_PRACTICE,
            )
        )
    if fine_tuned and facts.multi_tenant:
        warnings.append(
            Finding(
                "watch-tenant-training-data",
                "With several customers, no customer's data may go into the training set of a model all of them "
                "share: train on your own or synthetic examples only.",
                SECTION_PRACTICE,
            )
        )
    if fine_tuned:
        warnings.append(
            Finding(
                "watch-base-model-retirement",
                "A fine-tuned model is tied to its base model: when the provider retires it, the fine-tune must be "
                "redone and re-evaluated on a new one, so budget for that migration.",
                SECTION_PRACTICE,
            )
        )
    return warnings


def _next_steps(
    facts: Facts, approach: Approach, measured: _Measured, rag_applies: bool, fine_tuning_open: bool, gate_open: bool
) -> tuple[str, ...]:
    """What to do first, starting from what the client has already done: a rung measured short
    is never proposed again, and measured work is built on rather than repeated. A fine-tune chosen
    before the framework's gate is open starts by measuring the rungs below it."""
    steps = []
    if not facts.has_eval_set:
        steps.append("Assemble an eval set: real questions or inputs with the answers you would accept.")
    elif facts.eval_set_size and facts.eval_set_size < MIN_EVAL_CASES:
        steps.append(f"Grow the eval set to at least {MIN_EVAL_CASES} cases, covering the hard and rare ones.")
    if approach is Approach.PROMPTING:
        if measured.prompting == "measured_sufficient":
            steps.append("Take the prompt that passed the eval set to production, with its eval run on every change.")
        elif measured.prompting == "measured_insufficient":
            steps.append("Sort the failing eval cases by cause, then improve the prompt and examples against them.")
        else:
            steps.append("Write, version and test the prompt against the eval set.")
    if approach in (Approach.RAG, Approach.RAG_FINE_TUNING):
        if measured.rag == "measured_sufficient":
            steps.append("Harden the retrieval that passed the eval set: refresh jobs, monitoring, access control.")
        elif measured.rag == "measured_insufficient" and facts.rag_shortfall in ("unknown", "knowledge"):
            steps.append("Improve retrieval where the eval set shows misses: sources, chunking, ranking.")
        elif measured.rag == "measured_insufficient":
            steps.append(
                "Keep the retrieval already measured: it finds the facts, and what fell short is behaviour, for "
                "the rung above."
            )
        else:
            steps.append(
                "List the knowledge sources, their owners and refresh cadence; build retrieval and measure it."
            )
    if facts.needs_citations and facts.needs_private_knowledge:
        steps.append("Decide how citations are shown and what a reader must be able to trace.")
    if facts.needs_audit_log:
        steps.append("Log every question and answer with the model and prompt version that produced it, for audit.")
    to_measure = _still_to_measure(measured, rag_applies)
    if fine_tuning_open and approach in (Approach.PROMPTING, Approach.RAG) and to_measure:
        steps.append(
            f"Measure {' and '.join(to_measure)} on the eval set; fine-tuning comes into view only if the results "
            "fall short, and not for missing facts."
        )
    if approach in (Approach.FINE_TUNING, Approach.RAG_FINE_TUNING):
        if not gate_open and (unmeasured := _unmeasured(measured, rag_applies)):
            steps.append(
                f"Measure {' and '.join(unmeasured)} on the eval set first: the fine-tune has to beat "
                f"{'them' if len(unmeasured) > 1 else 'it'} to repay its cost."
            )
        steps.append("Curate the training data and a regression suite; plan the retraining cadence.")
    return tuple(steps)
