"""The brief as the rules read it, derived once from the facts: what the eval set measured, how large
the knowledge is, what fell short and why. (Each derived value is worked out the first time a rule
asks for it and kept: the rules ask for the same ones many times.)"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from decisions.ladder.facts import (
    ASSUMED_KNOWLEDGE_TOKENS,
    CONTEXT_BUDGET_TOKENS,
    INPUT_PART_TOKENS,
    MIN_EVAL_CASES,
    TOKENS_PER_PAGE,
    TYPICAL_TOKENS_PER_DOCUMENT,
    Approach,
    Facts,
    Shortfall,
    Status,
)


class SizeBasis(StrEnum):
    """What the knowledge's size is judged on."""

    NONE = "none"  # no knowledge to look up, or neither a count nor pages
    PAGES = "pages"  # the pages given
    FITS_AT_TYPICAL = "fits_at_typical"  # a count: within a prompt even at a typical length
    OVER_AT_ONE_PAGE = "over_at_one_page"  # a count: more than a prompt even at one page a document
    TYPICAL_DECIDES = "typical_decides"  # a count: within a prompt at one page, over it at a typical length


@dataclass(frozen=True)
class KnowledgeSize:
    """How large the knowledge to look up is, as far as the brief tells: known from its pages, or
    estimated from its count of documents at one page each and at a typical length."""

    documents: int
    tokens: int | None  # from the pages given
    basis: SizeBasis
    # The prompt's room for knowledge: its budget, less the document each request brings where it brings
    # one, or less the part of it read at a time where the document is longer than INPUT_PART_TOKENS.
    room: int = CONTEXT_BUDGET_TOKENS
    input_tokens: int = 0
    needed: bool = False  # there is knowledge to look things up in

    @classmethod
    def of(cls, facts: Facts) -> KnowledgeSize:
        inputs = facts.input_tokens or 0
        room = CONTEXT_BUDGET_TOKENS - min(inputs, INPUT_PART_TOKENS)
        if not facts.needs_knowledge:
            return cls(facts.corpus_documents, None, SizeBasis.NONE, room, inputs)
        if facts.corpus_tokens is not None:
            return cls(facts.corpus_documents, facts.corpus_tokens, SizeBasis.PAGES, room, inputs, True)
        if not facts.corpus_documents:
            return cls(0, None, SizeBasis.NONE, room, inputs, True)
        if facts.corpus_documents * TOKENS_PER_PAGE > room:
            basis = SizeBasis.OVER_AT_ONE_PAGE
        elif facts.corpus_documents * TYPICAL_TOKENS_PER_DOCUMENT <= room:
            basis = SizeBasis.FITS_AT_TYPICAL
        else:
            basis = SizeBasis.TYPICAL_DECIDES
        return cls(facts.corpus_documents, None, basis, room, inputs, True)

    @property
    def beside_inputs(self) -> bool:
        """Each request brings a document of its own, which takes part of the prompt."""
        return self.room < CONTEXT_BUDGET_TOKENS

    @cached_property
    def assumed(self) -> bool:
        """There is knowledge, and the brief does not give its size: it is priced at ASSUMED_KNOWLEDGE_TOKENS."""
        return self.needed and self.estimate is None

    @cached_property
    def carried(self) -> int:
        """What a prompt carrying the knowledge whole holds of it, in tokens: its size, or the size
        assumed where none is given (0 without knowledge). Meaningless where it is ``large``."""
        if not self.needed:
            return 0
        return ASSUMED_KNOWLEDGE_TOKENS if self.estimate is None else self.estimate

    @cached_property
    def in_parts(self) -> bool:
        """A request's document and the knowledge carried whole beside it are more than a prompt: the
        document is read in parts of up to INPUT_PART_TOKENS, the knowledge beside each."""
        return self.needed and not self.large and self.input_tokens + self.carried > CONTEXT_BUDGET_TOKENS

    @property
    def parts(self) -> int:
        """The parts each request's document is read in beside the knowledge (1: whole)."""
        return math.ceil(self.input_tokens / INPUT_PART_TOKENS) if self.in_parts else 1

    @property
    def room_words(self) -> str:
        """ "the 200,000 tokens a prompt can reasonably carry", less what each input takes."""
        if self.input_tokens > INPUT_PART_TOKENS:
            return f"the {self.room:,} tokens a prompt has room for beside each part of the document a request brings"
        if self.beside_inputs:
            return f"the {self.room:,} tokens a prompt has room for beside the document each request brings"
        return f"the {self.room:,} tokens a prompt can reasonably carry"

    @property
    def one_page(self) -> int:
        """The documents at one page each, in tokens."""
        return self.documents * TOKENS_PER_PAGE

    @property
    def typical(self) -> int:
        """The documents at a typical length, in tokens."""
        return self.documents * TYPICAL_TOKENS_PER_DOCUMENT

    @cached_property
    def estimate(self) -> int | None:
        """The size the rules decide on: the pages' where given, else the typical length's."""
        if self.basis is SizeBasis.NONE:
            return None
        return self.tokens if self.tokens is not None else self.typical

    @cached_property
    def large(self) -> bool:
        """More than a prompt can carry."""
        return self.estimate is not None and self.estimate > self.room

    @property
    def pages_that_fit(self) -> float:
        """The average length, in pages, at or under which the documents would fit in a prompt."""
        return self.room / TOKENS_PER_PAGE / max(self.documents, 1)


@dataclass(frozen=True)
class Reading:
    """The facts as the rules count them. A claim of measurement without an eval set, or on one too
    small to decide (fewer than MIN_EVAL_CASES cases), is an indication, not a measurement."""

    facts: Facts
    prompting: Status
    rag: Status
    size: KnowledgeSize

    @classmethod
    def of(cls, facts: Facts) -> Reading:
        decides = facts.has_eval_set and not (0 < facts.eval_set_size < MIN_EVAL_CASES)

        def counted(status: Status) -> Status:
            return Status.TRIED_INFORMALLY if status.measured and not decides else status

        return cls(facts, counted(facts.prompting_status), counted(facts.rag_status), KnowledgeSize.of(facts))

    @cached_property
    def knowledge(self) -> bool:
        return self.facts.needs_knowledge

    @cached_property
    def dynamic(self) -> bool:
        """Knowledge to look up that changes too often for a prompt or a model to keep up."""
        return self.knowledge and self.facts.update_frequency.dynamic

    @cached_property
    def prompt_cannot_hold(self) -> bool:
        """The knowledge is too large or changes too often for a prompt to carry it."""
        return self.size.large or self.dynamic

    def status(self, rung: Approach) -> Status:
        return self.rag if rung is Approach.RAG else self.prompting

    def shortfall(self, rung: Approach) -> Shortfall:
        return self.facts.rag_shortfall if rung is Approach.RAG else self.facts.prompting_shortfall

    @cached_property
    def short(self) -> tuple[Approach, ...]:
        """The rungs measured short, cheapest first."""
        return tuple(
            rung for rung in (Approach.PROMPTING, Approach.RAG) if self.status(rung) is Status.MEASURED_INSUFFICIENT
        )

    def short_for(self, *causes: Shortfall) -> tuple[Approach, ...]:
        """The rungs measured short for one of ``causes``."""
        return tuple(rung for rung in self.short if self.shortfall(rung) in causes)

    @cached_property
    def short_on_facts(self) -> tuple[Approach, ...]:
        return self.short_for(Shortfall.KNOWLEDGE)

    @cached_property
    def format_matters(self) -> bool:
        """The brief gives a strict format as a reason: asked for, or what a measured rung fell short on."""
        return self.facts.strict_output_format or bool(self.short_for(Shortfall.FORMAT))

    @cached_property
    def latency_or_cost_matters(self) -> bool:
        """The brief gives latency or unit cost as a reason: a hard limit, or what a measured rung fell short on."""
        return self.facts.latency_or_cost_critical or bool(self.short_for(Shortfall.LATENCY_COST))

    def measured(self, rung: Approach) -> bool:
        return self.status(rung).measured

    @cached_property
    def retrieval_found_the_facts(self) -> bool:
        """Retrieval was measured and found the facts: it did the job, or fell short on behaviour only
        (short on facts or for a cause not known, it is still to be improved)."""
        return self.rag is Status.MEASURED_SUFFICIENT or (
            Approach.RAG in self.short and self.shortfall(Approach.RAG).is_behaviour
        )
