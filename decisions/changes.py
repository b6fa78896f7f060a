"""What would change a recommendation: the easiest different answers that move it.

A client reading "RAG" wants to know what it would take to get somewhere else, and which of
those things are in their hands ("measure prompting on your eval set") rather than facts about
their project ("if your knowledge grew past 10,000 documents"). This tries one and two changed
answers, each checked by recomputing the recommendation (which is cached, so the search stays in
the hundreds of cheap look-ups), and keeps the easiest change to each other approach.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from decisions.ladder import (
    MIN_EVAL_CASES,
    TOKENS_PER_PAGE,
    TYPICAL_TOKENS_PER_DOCUMENT,
    Approach,
    Facts,
    Frequency,
    KnowledgeSize,
    Shortfall,
    SizeBasis,
    Status,
    recommend,
)
from decisions.ladder.words import SHORTFALL_WORDS, pages_at_most, pages_beyond

# More answers than this changed at once is no longer "what would change this", it is a new brief.
MAX_CHANGED_ANSWERS = 2
# How easily a client can change an answer: go and measure, choose differently, or change the facts.
MEASURE, CHOOSE, FACT = 0, 1, 2


@dataclass(frozen=True)
class AnswerChange:
    """One answer (or a measurement: status and eval set together) set to new values, how easily the
    client could bring it about, and how to say it in a sentence."""

    # Defaults only so memos frozen before these fields existed still load.
    values: tuple[tuple[str, bool | int | str], ...] = ()
    phrase: str = ""
    ease: int = MEASURE
    # The eval set a measurement is made on ("on an eval set you build"), said once a change; memos
    # frozen before it was kept apart have it in ``phrase``.
    where: str = ""
    # What a rung falls short on, one or more causes that each lead to the same approach ("format, style
    # or tone", "latency or cost"), said after ``phrase``; memos frozen before have the cause in ``phrase``.
    causes: tuple[str, ...] = ()

    @property
    def fields(self) -> frozenset[str]:
        return frozenset(name for name, _ in self.values)

    @property
    def said(self) -> str:
        """The phrase with its causes: "prompting falls short on format, style or tone, or on latency or cost"."""
        if not self.causes:
            return self.phrase
        *first, last = self.causes
        return f"{self.phrase} on {', on '.join(first)}{', or on ' if first else ''}{last}"

    def same_but_cause(self, other: AnswerChange) -> bool:
        """The same answer with another behaviour the same rung falls short on. (Missing facts stay a
        sentence of their own: they are retrieval's to supply, never a fine-tune's.)"""
        return (
            self._behaviour() and other._behaviour()
            and (self.phrase, self.where, self.ease) == (other.phrase, other.where, other.ease)
            and self._without_cause() == other._without_cause()
        )  # fmt: skip

    def _behaviour(self) -> bool:
        causes = [Shortfall(str(value)) for name, value in self.values if name.endswith("_shortfall")]
        return bool(causes) and all(cause.is_behaviour for cause in causes)

    def _without_cause(self) -> frozenset[tuple[str, bool | int | str]]:
        return frozenset(value for value in self.values if not value[0].endswith("_shortfall"))


@dataclass(frozen=True)
class Change:
    """A set of answer changes and the approach the ladder recommends after them (recomputed)."""

    answers: tuple[AnswerChange, ...]
    approach: Approach

    @property
    def ease(self) -> int:
        return max(answer.ease for answer in self.answers)

    @property
    def text(self) -> str:
        """One sentence; the eval set the measurements are made on is named once, after the last of them."""
        last = max((i for i, answer in enumerate(self.answers) if answer.where), default=-1)
        phrases = [answer.said for answer in self.answers]
        if last >= 0:  # after a list of causes, a comma keeps the eval set from reading as one of them
            phrases[last] += f"{',' if len(self.answers[last].causes) > 1 else ''} {self.answers[last].where}"
        return f"If {', and '.join(phrases)}, we would recommend {self.approach.short_label}."

    def with_cause_of(self, other: Change) -> Change | None:
        """This change and ``other``, said as one, where they reach the same approach and differ only in
        the cause of one shortfall (each was checked on its own, so either cause gets there); else None."""
        if other.approach is not self.approach or len(other.answers) != len(self.answers):
            return None
        differ = [i for i, (mine, theirs) in enumerate(zip(self.answers, other.answers, strict=True)) if mine != theirs]
        if len(differ) != 1 or not self.answers[differ[0]].same_but_cause(other.answers[differ[0]]):
            return None
        i = differ[0]
        causes = (*self.answers[i].causes, *other.answers[i].causes)
        answers = (*self.answers[:i], dataclasses.replace(self.answers[i], causes=causes), *self.answers[i + 1 :])
        return Change(answers=answers, approach=self.approach)


def what_would_change(facts: Facts, per_approach: int = 2) -> tuple[Change, ...]:
    """The changes of one or two answers that move the recommendation, up to ``per_approach`` for
    each other approach, easiest first. Each is checked by recomputing the recommendation; none is
    bigger than it needs to be, none undoes a measurement the client has made, and none counts an
    eval set as a measurement."""
    current = recommend(facts).approach
    found: list[Change] = []
    for size in range(1, MAX_CHANGED_ANSWERS + 1):
        for combo in combinations(_candidate_changes(facts), size):
            values = {value for change in combo for value in change.values}
            if len({name for name, _ in values}) < len(values):
                continue  # one answer changed two ways
            # Any: each value suits its own field, which a dict of mixed fields cannot express.
            answers: dict[str, Any] = {name: value for change in combo for name, value in change.values}
            if "rag_status" in answers and not (
                "prompting_status" in answers or _measured(facts, facts.prompting_status)
            ):
                continue  # retrieval is measured once prompting has been: the ladder's order, not a detour
            if answers.get("rag_status") == Status.MEASURED_SUFFICIENT.value and _prompting_short_on_behaviour(
                facts, answers
            ):
                continue  # retrieval supplies facts, not behaviour: no cure to offer for prompting's format
            after = recommend(dataclasses.replace(facts, **answers))
            if "rag_status" in answers and _prompting_short_on_behaviour(facts, answers) and not after.rag_applies:
                continue  # retrieval nothing calls for, tried after prompting fell short on behaviour: a detour
            names = _names_prompting_cause(answers)
            if names is not None and names is _retrieval_called_for_whatever_prompting_lacked(facts, answers):
                continue  # prompting's cause is named where it decides: not below retrieval, always above nothing
            approach = after.approach
            if approach is Approach.RAG and answers.get("rag_status") == Status.MEASURED_INSUFFICIENT.value:
                continue  # "if retrieval falls short, we would recommend RAG" is more work on it, not a change
            smaller = any(
                known.approach is approach and set(known.answers) < set(combo) for known in found
            )  # a part of this change already gets there
            if approach is not current and not smaller:
                found.append(Change(answers=combo, approach=approach))
    ranked = sorted(_said_once(found), key=lambda change: (_rank(change), list(Approach).index(change.approach)))
    kept: list[Change] = []
    for change in ranked:
        if sum(1 for other in kept if other.approach is change.approach) < per_approach:
            kept.append(change)
    return tuple(kept)


def _said_once(changes: list[Change]) -> list[Change]:
    """Changes that differ only in what one rung falls short on, as one sentence naming every cause:
    otherwise one path takes both of an approach's places in the list."""
    said: list[Change] = []
    for change in changes:
        for i, earlier in enumerate(said):
            if (merged := earlier.with_cause_of(change)) is not None:
                said[i] = merged
                break
        else:
            said.append(change)
    return said


def _rank(change: Change) -> tuple[int, int]:
    # The easiest to bring about first, then the fewest answers.
    return (change.ease, len(change.answers))


def _prompting_short_on_behaviour(facts: Facts, answers: dict[str, Any]) -> bool:
    status = Status(answers.get("prompting_status", facts.prompting_status))
    cause = Shortfall(answers.get("prompting_shortfall", facts.prompting_shortfall))
    return status is Status.MEASURED_INSUFFICIENT and cause.is_behaviour


def _names_prompting_cause(answers: dict[str, Any]) -> bool | None:
    """Whether a change that measures prompting short names why (None: it measures no shortfall of prompting)."""
    if answers.get("prompting_status") != Status.MEASURED_INSUFFICIENT.value and "prompting_shortfall" not in answers:
        return None
    return "prompting_shortfall" in answers


def _retrieval_called_for_whatever_prompting_lacked(facts: Facts, answers: dict[str, Any]) -> bool:
    return recommend(dataclasses.replace(facts, **{**answers, "prompting_shortfall": Shortfall.UNKNOWN})).rag_applies


def _measured(facts: Facts, status: Status) -> bool:
    """Whether ``status`` is a measurement the ladder counts (an eval set of too few cases does not
    decide, decisions.ladder.Reading)."""
    return facts.has_eval_set and status.measured and not _too_few_cases(facts)


def _too_few_cases(facts: Facts) -> bool:
    return facts.has_eval_set and 0 < facts.eval_set_size < MIN_EVAL_CASES


def _causes(facts: Facts) -> list[tuple[Shortfall, str]]:
    """The causes a measured shortfall is offered with: missing facts (retrieval's) and format (training's),
    and the client's own concerns of latency or cost, or their domain's language, where the brief names them."""
    causes = [Shortfall.KNOWLEDGE, Shortfall.FORMAT]
    if facts.latency_or_cost_critical:
        causes.append(Shortfall.LATENCY_COST)
    if facts.specialized_vocabulary:
        causes.append(Shortfall.VOCABULARY)
    return [(cause, SHORTFALL_WORDS[cause]) for cause in causes]


def _candidate_changes(facts: Facts) -> list[AnswerChange]:
    """Each answer the client could change, moved just across the line that matters to the ladder."""
    c: list[AnswerChange] = []
    # An eval set of too few cases decides nothing: a measurement counts once it has grown.
    grow = (("eval_set_size", MIN_EVAL_CASES),) if _too_few_cases(facts) else ()
    if grow:
        on_eval_set = f"on your eval set grown to {MIN_EVAL_CASES} cases ({facts.eval_set_size} now)"
    else:
        on_eval_set = "on the eval set" if facts.has_eval_set else "on an eval set you build"
    # Retrieval is only measured where there is something to look things up in.
    called_for = recommend(facts).rag_applies
    rungs = [("prompting_status", "prompting", "prompting_shortfall")]
    if facts.needs_knowledge or called_for:
        rungs.append(("rag_status", "retrieval", "rag_shortfall"))
    causes = _causes(facts)
    for field, name, cause_field in rungs:
        status = getattr(facts, field)
        if not _measured(facts, status):
            measured = (("has_eval_set", True), *grow)
            c.append(
                AnswerChange((*measured, (field, Status.MEASURED_SUFFICIENT.value)), f"{name} does the job", MEASURE,
                             on_eval_set)
            )  # fmt: skip
            if field == "prompting_status" and called_for:
                # Below retrieval, why prompting fell short decides nothing (what it lacked, retrieval is
                # built to supply): a change that keeps retrieval called for does not ask it.
                short = (field, Status.MEASURED_INSUFFICIENT.value)
                c.append(AnswerChange((*measured, short), f"{name} falls short", MEASURE, on_eval_set))
            # A shortfall moves the ladder only with its cause: facts point to retrieval, behaviour to training.
            for cause, words in causes:
                c.append(
                    AnswerChange(
                        (*measured, (field, Status.MEASURED_INSUFFICIENT.value), (cause_field, cause.value)),
                        f"{name} falls short",
                        MEASURE,
                        on_eval_set,
                        (words,),
                    )
                )
        elif status is Status.MEASURED_INSUFFICIENT and getattr(facts, cause_field) is Shortfall.UNKNOWN:
            for cause, words in causes:
                c.append(
                    AnswerChange(
                        ((cause_field, cause.value),),
                        f"the failing cases show {name} falls short",
                        MEASURE,
                        "",
                        (words,),
                    )
                )
    if facts.needs_knowledge:
        c.extend(_size_changes(facts))
        if facts.update_frequency.dynamic:
            c.append(
                AnswerChange(
                    (("update_frequency", Frequency.QUARTERLY.value),),
                    "the knowledge changed less often than monthly",
                    CHOOSE,
                )
            )
        else:
            c.append(
                AnswerChange(
                    (("update_frequency", Frequency.MONTHLY.value),), "the knowledge started changing monthly", FACT
                )
            )
        c.extend(_flip(facts, field, on, off, ease) for field, on, off, ease in _KNOWLEDGE_FLIPS)
    c.extend(_flip(facts, field, on, off, ease) for field, on, off, ease in _FLIPS)
    return c


def _size_changes(facts: Facts) -> list[AnswerChange]:
    """The knowledge just across the size that matters: its tokens where its pages are known; where
    only a count is, its documents' length (which pages would tell) or their number."""
    size = KnowledgeSize.of(facts)
    if size.basis is SizeBasis.PAGES and size.tokens is not None:
        now = f"about {size.tokens:,} now"
        if size.tokens > 2 * size.room:
            return []  # trimming more than half of one's knowledge is no change a client makes
        if size.tokens > size.room:
            return [
                AnswerChange(
                    (("corpus_tokens", size.room),),
                    f"the knowledge were trimmed to {size.room:,} tokens ({now})",
                    CHOOSE,
                )
            ]
        return [
            AnswerChange(
                (("corpus_tokens", size.room + 1),),
                f"the knowledge grew past {size.room:,} tokens ({now})",
                _growth_ease(size.tokens, size.room),
            )
        ]
    documents = f"the {size.documents:,} documents"
    if size.basis is SizeBasis.TYPICAL_DECIDES:
        return [
            AnswerChange(
                (("corpus_tokens", size.room),),
                f"{documents} averaged {pages_at_most(size.pages_that_fit)} or less (their length in pages would tell)",
                MEASURE,
            )
        ]
    if size.basis is SizeBasis.FITS_AT_TYPICAL:
        most = size.room // TYPICAL_TOKENS_PER_DOCUMENT
        return [
            AnswerChange(
                (("corpus_tokens", size.room + 1),),
                f"{documents} averaged {pages_beyond(size.pages_that_fit)} or more (their length in pages would tell)",
                MEASURE,
            ),
            AnswerChange(
                (("corpus_documents", most + 1),),
                f"the knowledge grew past {most:,} documents of a typical length (you have {size.documents:,}, "
                f"{most + 1 - size.documents:,} short)",
                _growth_ease(size.documents, most),
            ),
        ]
    if size.basis is SizeBasis.NONE and facts.needs_knowledge:  # a size not given: the line it would cross
        return [
            AnswerChange(
                (("corpus_tokens", size.room + 1),),
                f"the knowledge came to more than {size.room:,} tokens, about {size.room // TOKENS_PER_PAGE:,} pages "
                "(its size is not given yet)",
                MEASURE,
            )
        ]
    return []  # more than a prompt even at one page a document


def _growth_ease(now: int, line: int) -> int:
    """Growing past a line is a fact of the project, unless it is within a tenth of it already."""
    return CHOOSE if line - now <= line // 10 else FACT


# Requirements about the knowledge, which only matter where there is knowledge: (field, as it would
# read switched on, switched off, how easily the client could change it). Keeping customers' data
# apart is not among them: no client should be told to mix it.
_KNOWLEDGE_FLIPS = (
    ("needs_citations", "answers had to cite their sources", "answers did not have to cite sources", CHOOSE),
    ("shared_base_many_use_cases", "one model served several use cases", "the project served one use case", CHOOSE),
)
_FLIPS = (
    ("strict_output_format", "the output had to follow a strict format", "the output format could vary", CHOOSE),
    (
        "latency_or_cost_critical",
        "latency or unit cost became a hard limit",
        "latency and unit cost were not hard limits",
        CHOOSE,
    ),
    (
        "specialized_vocabulary",
        "your domain's vocabulary were unknown to general models",
        "general vocabulary sufficed",
        FACT,
    ),
)


def _flip(facts: Facts, field: str, on: str, off: str, ease: int) -> AnswerChange:
    value = not getattr(facts, field)
    return AnswerChange(((field, value),), on if value else off, ease)


# What each approach builds on top of a prompt: retrieval, a fine-tune, or both.
_PARTS = {
    Approach.PROMPTING: frozenset(),
    Approach.RAG: frozenset({"retrieval"}),
    Approach.FINE_TUNING: frozenset({"fine-tune"}),
    Approach.RAG_FINE_TUNING: frozenset({"retrieval", "fine-tune"}),
}


def changes_beyond(changes: tuple[Change, ...], chosen: Approach) -> tuple[Change, ...]:
    """Of the rules' ``changes``, those still true beside ``chosen``, an approach a consultant chose
    over the rules': the ones that would add to it. A change towards a cheaper rung, or one that
    would drop a part of ``chosen``, argues with the consultant's choice and is left out."""
    return tuple(change for change in changes if _PARTS[change.approach] > _PARTS[chosen])
