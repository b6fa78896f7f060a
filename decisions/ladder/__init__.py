"""The decision ladder: prompting first, RAG when the knowledge demands it, fine-tuning last.

The consultancy's published framework as rules, in plain Python (no Django, no ``scoping``), so
integrations and the tests can use it without a database:

- ``facts``: what a brief tells the ladder (``Facts``) and the kinds of its answers, as enums;
- ``reading``: the facts as the rules count them, derived once (measurements, the knowledge's size);
- ``rules``: the shape of a rule (an id, a section of the framework, when, what it says) and the
  ladder's standing before an approach is chosen;
- ``reasons``, ``watch``, ``steps``: the rows themselves;
- ``account``: ``recommend(facts)`` and ``explain(facts, chosen)``, which read the rows;
- ``rungs``: the ladder picture.
"""

from decisions.ladder.account import Recommendation, explain, recommend, standing
from decisions.ladder.facts import (
    ASSUMED_KNOWLEDGE_TOKENS,
    CONTEXT_BUDGET_TOKENS,
    INPUT_PART_TOKENS,
    LARGE_CORPUS_DOCUMENTS,
    MIN_EVAL_CASES,
    MIN_LABELED_EXAMPLES,
    TOKENS_PER_PAGE,
    TYPICAL_TOKENS_PER_DOCUMENT,
    Approach,
    Facts,
    FineTuneGoal,
    Frequency,
    RuleFigures,
    Shortfall,
    Status,
    Task,
)
from decisions.ladder.reading import KnowledgeSize, Reading, SizeBasis
from decisions.ladder.rules import Finding, RuleId, Section
from decisions.ladder.rungs import Rung, RungState, ladder_rungs

__all__ = [
    "ASSUMED_KNOWLEDGE_TOKENS",
    "CONTEXT_BUDGET_TOKENS",
    "INPUT_PART_TOKENS",
    "LARGE_CORPUS_DOCUMENTS",
    "MIN_EVAL_CASES",
    "MIN_LABELED_EXAMPLES",
    "TOKENS_PER_PAGE",
    "TYPICAL_TOKENS_PER_DOCUMENT",
    "Approach",
    "Facts",
    "Finding",
    "FineTuneGoal",
    "Frequency",
    "KnowledgeSize",
    "Reading",
    "Recommendation",
    "RuleFigures",
    "RuleId",
    "Rung",
    "RungState",
    "Section",
    "Shortfall",
    "SizeBasis",
    "Status",
    "Task",
    "explain",
    "ladder_rungs",
    "recommend",
    "standing",
]
