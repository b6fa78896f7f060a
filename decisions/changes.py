"""What would change a recommendation: the smallest sets of different answers that move it.

A client reading "RAG" wants to know what it would take to get somewhere else, and which of
those things are in their hands ("measure prompting on your eval set") rather than facts about
their project ("if your data changed less often"). This searches the answers for the fewest
changes that reach each other approach, preferring measurements and the forward direction.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from decisions.ladder import (
    CONTEXT_BUDGET_TOKENS,
    DYNAMIC_UPDATE_FREQUENCIES,
    LARGE_CORPUS_DOCUMENTS,
    MIN_LABELED_EXAMPLES,
    Approach,
    Facts,
    recommend,
)

# More answers than this changed at once is no longer "what would change this", it is a new brief.
MAX_CHANGED_ANSWERS = 3
# Measurements are what a client can act on; show them before changes in the project itself.
_MEASUREMENTS = frozenset({"has_eval_set", "prompting_status", "rag_status", "labeled_examples"})


@dataclass(frozen=True)
class AnswerChange:
    """One answer set to a new value, and how to say it in a sentence."""

    field: str
    value: bool | int | str
    phrase: str


@dataclass(frozen=True)
class Change:
    """A set of answer changes and the approach the ladder would recommend after them."""

    answers: tuple[AnswerChange, ...]
    approach: Approach

    @property
    def text(self) -> str:
        phrases = [a.phrase for a in self.answers]
        joined = " and ".join(phrases) if len(phrases) <= 2 else ", ".join(phrases[:-1]) + ", and " + phrases[-1]
        return f"If {joined}, we would recommend {self.approach.short_label}."


def what_would_change(facts: Facts, per_approach: int = 1) -> tuple[Change, ...]:
    """For each other approach reachable in at most three changed answers, the smallest such
    changes (up to ``per_approach`` of them), measurements first, in ladder order."""
    current = recommend(facts).approach
    candidates = _candidate_changes(facts)
    found: dict[Approach, list[Change]] = {}
    for size in range(1, MAX_CHANGED_ANSWERS + 1):
        for combo in combinations(candidates, size):
            if len({c.field for c in combo}) < size:
                continue
            # Any: each value suits its own field, which a dict of mixed fields cannot express.
            answers: dict[str, Any] = {c.field: c.value for c in combo}
            changed = dataclasses.replace(facts, **answers)
            approach = recommend(changed).approach
            if approach is current:
                continue
            if approach in found and len(found[approach][0].answers) < size:
                continue  # a smaller change already reaches it
            found.setdefault(approach, []).append(Change(answers=combo, approach=approach))
    ranked = []
    for approach in Approach:
        options = sorted(found.get(approach, []), key=_actionability)
        ranked.extend(options[:per_approach])
    return tuple(ranked)


def _actionability(change: Change) -> tuple[int, int]:
    # Fewer answers first, then the ones made of measurements the client can go and do.
    outside = sum(1 for a in change.answers if a.field not in _MEASUREMENTS)
    return (len(change.answers), outside)


def _candidate_changes(facts: Facts) -> list[AnswerChange]:
    """Each answer moved just across the line that matters to the ladder, or flipped."""
    c: list[AnswerChange] = []
    if not facts.has_eval_set:
        c.append(AnswerChange("has_eval_set", True, "you build an eval set"))
    for field, name in (("prompting_status", "prompting"), ("rag_status", "RAG")):
        status = getattr(facts, field)
        if status != "measured_insufficient":
            c.append(AnswerChange(field, "measured_insufficient", f"{name} falls short when measured on the eval set"))
        if status != "measured_sufficient":
            c.append(AnswerChange(field, "measured_sufficient", f"{name} does the job when measured on the eval set"))
    c.append(
        AnswerChange(
            "needs_private_knowledge",
            not facts.needs_private_knowledge,
            "the system needs your private knowledge"
            if not facts.needs_private_knowledge
            else "the system could work without your private knowledge",
        )
    )
    if facts.corpus_documents > LARGE_CORPUS_DOCUMENTS:
        c.append(
            AnswerChange(
                "corpus_documents",
                LARGE_CORPUS_DOCUMENTS,
                f"your knowledge were cut to {LARGE_CORPUS_DOCUMENTS:,} documents or fewer",
            )
        )
    else:
        c.append(
            AnswerChange(
                "corpus_documents",
                LARGE_CORPUS_DOCUMENTS + 1,
                f"your knowledge grows past {LARGE_CORPUS_DOCUMENTS:,} documents",
            )
        )
    if facts.corpus_tokens is not None:
        if facts.corpus_tokens > CONTEXT_BUDGET_TOKENS:
            c.append(
                AnswerChange(
                    "corpus_tokens",
                    CONTEXT_BUDGET_TOKENS,
                    f"your knowledge fitted in {CONTEXT_BUDGET_TOKENS:,} tokens",
                )
            )
        else:
            c.append(
                AnswerChange(
                    "corpus_tokens",
                    CONTEXT_BUDGET_TOKENS + 1,
                    f"your knowledge grows past {CONTEXT_BUDGET_TOKENS:,} tokens",
                )
            )
    if facts.update_frequency in DYNAMIC_UPDATE_FREQUENCIES:
        c.append(AnswerChange("update_frequency", "quarterly", "your knowledge changed less often than monthly"))
    else:
        c.append(AnswerChange("update_frequency", "monthly", "your knowledge starts changing monthly or more often"))
    c.extend(_flip(facts, field, on, off) for field, on, off in _FLIPS)
    if facts.structured_extraction and facts.labeled_examples < MIN_LABELED_EXAMPLES:
        c.append(
            AnswerChange(
                "labeled_examples", MIN_LABELED_EXAMPLES, f"you label at least {MIN_LABELED_EXAMPLES:,} examples"
            )
        )
    return c


_FLIPS = (
    ("needs_citations", "answers must cite their sources", "answers need no citations"),
    ("multi_tenant", "each customer's data must stay separate", "customers' data need not be kept apart"),
    (
        "shared_base_many_use_cases",
        "one base model should serve several use cases",
        "the project serves a single use case",
    ),
    ("strict_output_format", "the output must follow a strict format", "the output format were flexible"),
    (
        "latency_or_cost_critical",
        "latency or unit cost becomes a hard limit",
        "latency and unit cost were not hard limits",
    ),
    (
        "structured_extraction",
        "the task becomes structured extraction",
        "the task were not structured extraction",
    ),
    ("specialized_vocabulary", "your domain's vocabulary is unknown to general models", "general vocabulary sufficed"),
)


def _flip(facts: Facts, field: str, on: str, off: str) -> AnswerChange:
    value = not getattr(facts, field)
    return AnswerChange(field, value, on if value else off)
