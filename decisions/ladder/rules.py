"""The shape of a rule: an id, the part of the framework it comes from, when it applies and what it
says, as a row. The rows themselves are in ``reasons``, ``watch`` and ``steps``; ``account`` reads them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from decisions.ladder.facts import Approach, Status
from decisions.ladder.reading import Reading


class Section(StrEnum):
    """The parts of the published framework a finding can cite, and our own practice beyond it."""

    FRAME = "The right frame: prompting, then RAG, then fine-tuning"
    RAG = "When RAG wins"
    FINE_TUNING = "When fine-tuning wins"
    BOTH = "When you do both"
    FAQ_FINE_TUNING_LAST = "FAQ: do you fine-tune as part of a build?"
    FAQ_BEHAVIOUR = "FAQ: fine-tuning teaches behaviour, not facts"
    FAQ_EVAL = "FAQ: fine-tuning only after prompting and RAG fall short on an eval set"
    PRACTICE = "Our practice, beyond the framework"  # better practice the article does not state


class RuleId(StrEnum):
    """Every rule's stable id, for code, tests and analytics. Values never change: frozen memos keep them."""

    # Why the approach: the rung measured sufficient, the gate for fine-tuning, prompting's own reasons.
    MEASURED_SUFFICIENT = "measured-sufficient"
    FT_JUSTIFIED = "ft-justified"
    BOTH_PATTERN = "both-production-pattern"
    RAG_KEPT = "rag-kept"
    PROMPTING_IMPROVE = "prompting-improve"
    PROMPTING_INPUTS = "prompting-inputs"
    PROMPTING_KNOWLEDGE_FITS = "prompting-small-static-knowledge"
    PROMPTING_FIRST = "prompting-first"
    # Why retrieval is called for.
    RAG_KNOWLEDGE_SHORTFALL = "rag-knowledge-shortfall"
    RAG_LARGE = "rag-large-corpus"
    RAG_DYNAMIC = "rag-dynamic-knowledge"
    RAG_CITATIONS = "rag-citations"
    RAG_MULTI_TENANT = "rag-multi-tenant"
    RAG_SHARED_BASE = "rag-shared-base-model"
    # The framework's signs that fine-tuning may earn its cost.
    FT_SIGNAL_FORMAT = "ft-signal-output-format"
    FT_SIGNAL_LATENCY_COST = "ft-signal-latency-cost"
    FT_SIGNAL_VOCABULARY = "ft-signal-vocabulary"
    FT_SIGNAL_EXTRACTION = "ft-signal-structured-extraction"
    FT_DEFERRED = "ft-deferred"
    # What an approach a consultant chose is for, where nothing in the brief calls for it.
    CHOSEN_PROMPTING = "chosen-prompting"
    CHOSEN_RAG = "chosen-rag"
    CHOSEN_FINE_TUNING = "chosen-fine-tuning"
    CHOSEN_RETRY = "chosen-retry"
    # Points to watch.
    WARN_MEASURED_WITHOUT_EVAL_SET = "warn-measured-without-eval-set"
    WARN_SMALL_EVAL_SET = "warn-small-eval-set"
    WARN_NO_EVAL_SET = "warn-no-eval-set"
    WATCH_WHY_SHORT = "watch-why-short"
    WATCH_EVAL_COVERAGE = "watch-eval-coverage"
    WATCH_CHEAPER_UNMEASURED = "watch-cheaper-unmeasured"
    WATCH_SIZE_CHECK = "watch-size-check"
    WATCH_SIZE_LINE = "watch-size-line"
    WATCH_INPUT_OVER_PROMPT = "watch-input-over-prompt"
    WARN_FINE_TUNE_FOR_KNOWLEDGE = "warn-fine-tune-for-knowledge"
    WARN_TOO_FEW_LABELS = "warn-too-few-labels"
    WATCH_LONG_CONTEXT = "watch-long-context"
    WATCH_LIVE_DATA = "watch-live-data"
    WATCH_STRUCTURED_OUTPUTS = "watch-structured-outputs"
    WATCH_LATENCY_COST = "watch-latency-cost"
    WATCH_TENANT_TRAINING_DATA = "watch-tenant-training-data"
    WATCH_BASE_MODEL_RETIREMENT = "watch-base-model-retirement"
    # Questions a consultant would ask, because two answers do not fit together or one is missing.
    ASK_CITATIONS_WITHOUT_KNOWLEDGE = "ask-citations-without-knowledge"
    ASK_TENANTS_WITHOUT_KNOWLEDGE = "ask-tenants-without-knowledge"
    ASK_SHARED_BASE_WITHOUT_KNOWLEDGE = "ask-shared-base-without-knowledge"
    ASK_RETRIEVAL_WITHOUT_KNOWLEDGE = "ask-retrieval-without-knowledge"
    ASK_FACTS_WITHOUT_KNOWLEDGE = "ask-facts-without-knowledge"
    ASK_INPUTS_OR_KNOWLEDGE = "ask-inputs-or-knowledge"
    ASK_KNOWLEDGE_SIZE = "ask-knowledge-size"
    # Where an approach a consultant chose departs from the rules.
    WATCH_AHEAD_OF_GATE = "watch-ahead-of-gate"
    WATCH_CHOSEN_MEASURED_SHORT = "watch-chosen-measured-short"
    WATCH_WITHOUT_RETRIEVAL = "watch-without-retrieval"
    # The money's points to watch (decisions.budget).
    WATCH_OVER_BUDGET = "watch-over-budget"
    WATCH_COST_AT_VOLUME = "watch-cost-at-volume"
    WATCH_STAFF_CHECKING = "watch-staff-checking"
    WATCH_DEADLINE = "watch-deadline"  # the client's date against the timeline (decisions.timeline)
    # Retired: kept so that memos frozen with them still load.
    WATCH_PREMISE = "watch-premise"
    WATCH_UNKNOWN_SIZE = "watch-unknown-size"

    @property
    def asks(self) -> bool:
        """A question for the client rather than a caution."""
        return self.value.startswith("ask-") or self is RuleId.WATCH_PREMISE


@dataclass(frozen=True)
class Finding:
    """One reason or point to watch: a stable id for code and analytics, a sentence for people, and
    the part of the framework it comes from."""

    rule_id: RuleId
    text: str
    section: Section


@dataclass(frozen=True)
class Standing:
    """The ladder as the brief leaves it, before an approach is chosen: why retrieval is called for,
    the signs for fine-tuning, and what the eval set settled."""

    reading: Reading
    retrieval: tuple[Finding, ...]  # why retrieval is called for
    signals: tuple[Finding, ...]  # why fine-tuning may earn its cost

    @cached_property
    def retrieval_called_for(self) -> bool:
        return bool(self.retrieval)

    @cached_property
    def sufficient(self) -> tuple[Approach, ...]:
        """The rungs measured sufficient, cheapest first. Prompting counts where a prompt can hold
        the knowledge (a pass over more cannot have tested it all: a point to watch says so);
        retrieval counts always: it retrieved something, and it stays."""
        found = []
        if self.reading.prompting is Status.MEASURED_SUFFICIENT and not self.reading.size.large:
            found.append(Approach.PROMPTING)
        if self.reading.rag is Status.MEASURED_SUFFICIENT:
            found.append(Approach.RAG)
        return tuple(found)

    @cached_property
    def knowledge_short(self) -> bool:
        """Retrieval, called for, was measured short for missing facts: the work is in retrieval."""
        return self.retrieval_called_for and Approach.RAG in self.reading.short_on_facts

    @cached_property
    def keeps_retrieval(self) -> bool:
        """Retrieval belongs in what is built: the brief calls for it, or the client built it over real
        knowledge and measured it (what fell short then was behaviour, not retrieval)."""
        return self.retrieval_called_for or (self.reading.knowledge and self.reading.measured(Approach.RAG))

    @cached_property
    def gate_open(self) -> bool:
        """The framework's condition for fine-tuning: a reason to fine-tune; prompting (and retrieval,
        where the brief calls for it) measured short on the eval set, none measured sufficient; and the
        highest of those rungs short for what training changes (format, vocabulary, latency or cost:
        not facts, and not a cause still unknown, which the failing cases must tell first). Prompting
        short on facts does not close it where retrieval above it was measured short on behaviour:
        retrieval supplied the facts, and that is the framework's pattern for doing both."""
        return (
            bool(self.signals)
            and not self.still_to_measure_short()
            and not self.short_for_other_causes()
            and not self.sufficient
        )

    @cached_property
    def rungs_below_fine_tuning(self) -> tuple[Approach, ...]:
        """The rungs the gate waits on: prompting, and retrieval where the brief calls for it."""
        return (Approach.PROMPTING, *((Approach.RAG,) if self.retrieval_called_for else ()))

    @cached_property
    def approach(self) -> Approach:
        """The ladder: the cheapest rung measured sufficient; else fine-tuning through its gate (with
        the retrieval it keeps); else retrieval where the brief calls for it; else prompting."""
        if self.sufficient:
            return self.sufficient[0]
        if self.gate_open:
            return Approach.RAG_FINE_TUNING if self.keeps_retrieval else Approach.FINE_TUNING
        return Approach.RAG if self.retrieval_called_for else Approach.PROMPTING

    def unmeasured(self) -> list[Approach]:
        """The rungs below fine-tuning not yet measured on an eval set (either way)."""
        return [rung for rung in self.rungs_below_fine_tuning if not self.reading.measured(rung)]

    def short_for_other_causes(self) -> list[Approach]:
        """The rungs measured short for a cause training does not change, or one not yet known, that keep
        the gate closed: the highest rung it waits on (retrieval where the brief calls for it, else
        prompting), and retrieval short on facts in any case. Prompting below retrieval does not: what
        it lacked, retrieval was built to supply, and retrieval's own measure decides."""
        top = self.rungs_below_fine_tuning[-1]
        return [
            rung
            for rung in self.reading.short
            if (rung is top and not self.reading.shortfall(rung).is_behaviour)
            or (rung is Approach.RAG and rung in self.reading.short_on_facts)
        ]

    def cause_decides(self, rungs: list[Approach]) -> bool:
        """Whether why ``rungs`` fall short decides the gate: the highest rung's cause does; prompting's,
        below retrieval, does not (short on facts, it is what retrieval supplies)."""
        return self.rungs_below_fine_tuning[-1] in rungs

    def still_to_measure_short(self) -> list[Approach]:
        """The rungs below fine-tuning not yet measured insufficient: what the gate still waits for."""
        return [rung for rung in self.rungs_below_fine_tuning if rung not in self.reading.short]


@dataclass(frozen=True)
class Case:
    """One approach being accounted for: the rules' own, or one a consultant chose over it."""

    standing: Standing
    approach: Approach
    reading: Reading = field(init=False)  # the standing's, at hand: every rule reads it

    def __post_init__(self) -> None:
        object.__setattr__(self, "reading", self.standing.reading)

    @cached_property
    def overridden(self) -> bool:
        return self.approach is not self.standing.approach


@dataclass(frozen=True)
class Rule:
    """One rule: its id, the part of the framework it comes from, when it applies, what it says."""

    id: RuleId
    section: Section
    when: Callable[[Case], bool]
    says: Callable[[Case], str]

    def finding(self, case: Case) -> Finding | None:
        return Finding(self.id, self.says(case), self.section) if self.when(case) else None


@dataclass(frozen=True)
class Trigger:
    """A rule read from the brief alone, before any approach: a reason for retrieval, or a sign for
    fine-tuning."""

    id: RuleId
    section: Section
    when: Callable[[Reading], bool]
    says: Callable[[Reading], str]

    def finding(self, reading: Reading) -> Finding | None:
        return Finding(self.id, self.says(reading), self.section) if self.when(reading) else None


class StepId(StrEnum):
    """The next steps' ids: rows like the rules, whose sentences are things to do."""

    BUILD_EVAL_SET = "build-eval-set"
    GROW_EVAL_SET = "grow-eval-set"
    PROMPT_TO_PRODUCTION = "prompt-to-production"
    SORT_PROMPT_FAILURES = "sort-prompt-failures"
    WRITE_PROMPT = "write-prompt"
    HARDEN_RETRIEVAL = "harden-retrieval"
    IMPROVE_RETRIEVAL = "improve-retrieval"
    KEEP_RETRIEVAL = "keep-retrieval"
    BUILD_RETRIEVAL = "build-retrieval"
    SHOW_CITATIONS = "show-citations"
    AUDIT_LOG = "audit-log"
    MEASURE_BEFORE_FINE_TUNING = "measure-before-fine-tuning"
    MEASURE_AHEAD_OF_GATE = "measure-ahead-of-gate"
    TRY_WITHOUT_TRAINING = "try-without-training"
    CURATE_TRAINING_DATA = "curate-training-data"


@dataclass(frozen=True)
class Step:
    """One next step: when it applies, what to do."""

    id: StepId
    when: Callable[[Case], bool]
    says: Callable[[Case], str]


def findings(rules: tuple[Rule, ...], case: Case) -> tuple[Finding, ...]:
    """The findings of ``rules`` that apply to ``case``, in the rows' order."""
    return tuple(Finding(rule.id, rule.says(case), rule.section) for rule in rules if rule.when(case))
