"""What a brief tells the ladder: the facts, their kinds as enums, and the figures the rules decide with.

``Facts`` is a contract with the rest of the app and with integrations: fields are added only with
defaults. Two answers were renamed or folded since the first version; their old keywords are still
accepted (``needs_private_knowledge`` is ``needs_knowledge``, ``structured_extraction=True`` is the
task ``Task.EXTRACT``).
"""

from __future__ import annotations

from dataclasses import InitVar, dataclass, field, fields
from enum import StrEnum
from functools import cache

# The context budget: knowledge larger than this does not fit in a prompt.
CONTEXT_BUDGET_TOKENS = 200_000
# The most of a prompt a request's own document takes beside knowledge carried whole: a longer one is
# worked through in parts of this size, so the knowledge keeps the other half of every prompt.
INPUT_PART_TOKENS = CONTEXT_BUDGET_TOKENS // 2
# The framework's own line for large knowledge: "more than 10k documents".
LARGE_CORPUS_DOCUMENTS = 10_000
# Knowledge whose size the brief does not give, carried whole, is priced at this (about a hundred
# pages, said beside the price): priced at nothing, prompting would look cheaper than it can be.
ASSUMED_KNOWLEDGE_TOKENS = 50_000
# A page of business prose, roughly, in model tokens: the form asks pages, the ladder reads tokens.
TOKENS_PER_PAGE = 500
# A typical document (about four pages), for a count of documents whose length is not given.
TYPICAL_TOKENS_PER_DOCUMENT = 2_000
# Structured extraction is a fine-tuning signal only with at least this many labelled examples.
MIN_LABELED_EXAMPLES = 1_000
# An eval set smaller than this measures noise as much as quality.
MIN_EVAL_CASES = 50


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

    @property
    def retrieves(self) -> bool:
        return self in (Approach.RAG, Approach.RAG_FINE_TUNING)

    @property
    def fine_tunes(self) -> bool:
        return self in (Approach.FINE_TUNING, Approach.RAG_FINE_TUNING)

    @property
    def rung(self) -> int:
        """Its place on the ladder, from 0 (prompting)."""
        return list(Approach).index(self)


_APPROACH_LABELS = {
    Approach.PROMPTING: ("Prompting", "prompting"),
    Approach.RAG: ("Retrieval-augmented generation (RAG)", "RAG"),
    Approach.FINE_TUNING: ("Fine-tuning", "fine-tuning"),
    Approach.RAG_FINE_TUNING: ("RAG with a fine-tuned model", "RAG with a fine-tuned model"),
}


class Task(StrEnum):
    """The system's main job: what each request asks of it."""

    ANSWER = "answer"  # answer questions from a body of knowledge
    EXTRACT = "extract"  # pull structured fields out of each document or record it is given
    PROCESS = "process"  # classify, summarise or check each document or record it is given
    WRITE = "write"  # write or transform text
    ACT = "act"  # act on live systems through tools
    CONVERSE = "converse"  # hold a conversation

    @property
    def processes_inputs(self) -> bool:
        """Each request brings a document or record to work on: an input, not knowledge to look up."""
        return self in (Task.EXTRACT, Task.PROCESS)


class Frequency(StrEnum):
    """How often the knowledge changes."""

    STATIC = "static"
    YEARLY = "yearly"
    QUARTERLY = "quarterly"
    MONTHLY = "monthly"
    WEEKLY = "weekly"
    DAILY = "daily"
    REALTIME = "realtime"

    @property
    def dynamic(self) -> bool:
        """Changing this often, knowledge calls for retrieval: a prompt or a model cannot keep up."""
        return self in _DYNAMIC


_DYNAMIC = frozenset({Frequency.MONTHLY, Frequency.WEEKLY, Frequency.DAILY, Frequency.REALTIME})


class Status(StrEnum):
    """How far a rung of the ladder has been tried."""

    NOT_TRIED = "not_tried"
    TRIED_INFORMALLY = "tried_informally"
    MEASURED_SUFFICIENT = "measured_sufficient"
    MEASURED_INSUFFICIENT = "measured_insufficient"

    @property
    def measured(self) -> bool:
        return self in (Status.MEASURED_SUFFICIENT, Status.MEASURED_INSUFFICIENT)


class Shortfall(StrEnum):
    """Why a rung measured insufficient fell short. Missing or wrong facts are knowledge; the rest behaviour."""

    UNKNOWN = "unknown"
    KNOWLEDGE = "knowledge"
    FORMAT = "format"
    LATENCY_COST = "latency_cost"
    VOCABULARY = "vocabulary"

    @property
    def is_behaviour(self) -> bool:
        """A shortfall fine-tuning can address."""
        return self in (Shortfall.FORMAT, Shortfall.LATENCY_COST, Shortfall.VOCABULARY)


class FineTuneGoal(StrEnum):
    """What the client hopes fine-tuning would do."""

    NONE = "none"
    BEHAVIOR = "behavior"
    KNOWLEDGE = "knowledge"


# The answers held as enums, each with its kind: a Facts made with plain strings gets its members.
_ENUMS: dict[str, type[StrEnum]] = {
    "task": Task,
    "update_frequency": Frequency,
    "fine_tune_goal": FineTuneGoal,
    "prompting_status": Status,
    "rag_status": Status,
    "prompting_shortfall": Shortfall,
    "rag_shortfall": Shortfall,
}


@dataclass(frozen=True)
class Facts:
    """What a brief tells the ladder. Every field has a safe default; bad values raise ValueError."""

    needs_knowledge: bool = False  # a body of knowledge to look things up in (the client's, or published)
    corpus_documents: int = 0
    corpus_tokens: int | None = None  # its size, from the pages given; None: not given
    update_frequency: Frequency = Frequency.STATIC
    needs_citations: bool = False
    multi_tenant: bool = False
    shared_base_many_use_cases: bool = False
    strict_output_format: bool = False
    latency_or_cost_critical: bool = False
    labeled_examples: int = 0
    specialized_vocabulary: bool = False
    fine_tune_goal: FineTuneGoal = FineTuneGoal.NONE
    has_eval_set: bool = False
    prompting_status: Status = Status.NOT_TRIED
    rag_status: Status = Status.NOT_TRIED
    needs_audit_log: bool = False
    eval_set_size: int = 0  # cases in the eval set; 0: not said
    eval_metric: str = ""  # how a case is scored, in the client's words
    prompting_shortfall: Shortfall = Shortfall.UNKNOWN  # why prompting fell short, when measured insufficient
    rag_shortfall: Shortfall = Shortfall.UNKNOWN  # why retrieval fell short, when measured insufficient
    task: Task = Task.ANSWER  # the system's main job
    input_tokens: int | None = None  # one input document's size, where inputs are documents; None: not given
    # The old keywords of answers since renamed or folded into others (see the module's docstring).
    needs_private_knowledge: InitVar[bool | None] = field(default=None, kw_only=True)
    structured_extraction: InitVar[bool | None] = field(default=None, kw_only=True)

    def __post_init__(self, needs_private_knowledge: bool | None, structured_extraction: bool | None) -> None:
        if needs_private_knowledge is not None:
            object.__setattr__(self, "needs_knowledge", needs_private_knowledge)
        if structured_extraction:
            object.__setattr__(self, "task", Task.EXTRACT)
        for name, kind in _ENUMS.items():
            value = getattr(self, name)
            if type(value) is kind:
                continue
            try:
                object.__setattr__(self, name, kind(value))
            except ValueError:
                allowed = ", ".join(member.value for member in kind)
                raise ValueError(f"{name} must be one of {allowed}, not {value!r}") from None
        # Validate by declared type so a field added later is checked without touching this method.
        for name, declared in _declared_types():
            value = getattr(self, name)
            if declared == "bool" and not isinstance(value, bool):
                raise ValueError(f"{name} must be True or False, not {value!r}")
            if declared in ("int", "int | None"):
                if value is None and declared == "int | None":
                    continue
                if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    raise ValueError(f"{name} must be a whole number of 0 or more, not {value!r}")
            if declared == "str" and not isinstance(value, str):
                raise ValueError(f"{name} must be text, not {value!r}")


@cache
def _declared_types() -> tuple[tuple[str, str], ...]:
    return tuple((f.name, str(f.type)) for f in fields(Facts))


@dataclass(frozen=True)
class RuleFigures:
    """The figures the rules decide with, for a memo to list (and, frozen, to keep)."""

    context_budget_tokens: int = CONTEXT_BUDGET_TOKENS
    large_corpus_documents: int = LARGE_CORPUS_DOCUMENTS
    typical_tokens_per_document: int = TYPICAL_TOKENS_PER_DOCUMENT
    tokens_per_page: int = TOKENS_PER_PAGE
    min_labeled_examples: int = MIN_LABELED_EXAMPLES
    min_eval_cases: int = MIN_EVAL_CASES
    dynamic_from: str = Frequency.MONTHLY.value  # knowledge changing this often or more calls for retrieval
