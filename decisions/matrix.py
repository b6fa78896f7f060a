"""The framework's cost and maintenance matrix and its fine-tuning timelines, as data.

Kept as plain values, not prose in templates, so the report, the PDF memo and the cost model all
show the same thing and a test can check that every approach has exactly one row.
"""

from __future__ import annotations

from dataclasses import dataclass

from decisions.ladder import Approach


@dataclass(frozen=True)
class MatrixRow:
    """How one approach compares on what it costs to build, to run and to keep running."""

    approach: Approach
    setup: str
    setup_detail: str
    per_query_cost: str
    per_query_detail: str
    maintenance: str
    maintenance_detail: str


# Each column's words, cheapest first: a test checks the cost model orders the approaches the same
# way under the default assumptions, so the matrix never says what the numbers contradict. (The
# article's "lowest at scale" for RAG with a fine-tuned model holds: a fine-tune alone carries the
# knowledge whole in every prompt, the pair only the passages retrieval finds.)
RANKS = ("Low", "Medium", "High", "Highest")
PER_QUERY_RANKS = ("Lowest", "Low", "High", "Highest")

COST_MATRIX: tuple[MatrixRow, ...] = (
    MatrixRow(
        Approach.PROMPTING,
        "Low",
        "a prompt and an eval set",
        "Highest",
        "every query carries its full instructions and context to a large model",
        "Low",
        "edit the prompt, re-run the evals",
    ),
    MatrixRow(
        Approach.RAG,
        "Medium",
        "indexing pipeline and retrieval infrastructure",
        "High",
        "a large model's tokens plus a search, with shorter prompts",
        "Medium",
        "keep the index fresh, keep evaluating retrieval",
    ),
    MatrixRow(
        Approach.FINE_TUNING,
        "High",
        "curated training data and training runs",
        "Low",
        "a small tuned model, though it carries any knowledge whole in every prompt",
        "High",
        "retrain as data and base models move on",
    ),
    MatrixRow(
        Approach.RAG_FINE_TUNING,
        "Highest",
        "both of the above",
        "Lowest",
        "a small tuned model reading only the passages retrieval finds, plus the search",
        "Highest",
        "an index and a model to keep current",
    ),
)


def matrix_row(approach: Approach) -> MatrixRow:
    """The matrix row for ``approach``."""
    return next(row for row in COST_MATRIX if row.approach is approach)


@dataclass(frozen=True)
class Timeline:
    """A span of effort in weeks, with what it covers."""

    label: str
    min_weeks: int
    max_weeks: int
    covers: str


FINE_TUNING_TIMELINES: tuple[Timeline, ...] = (
    Timeline("Smallest meaningful fine-tune", 2, 4, "data preparation, training and evaluation"),
    Timeline(
        "Production fine-tune",
        4,
        10,
        "data curation, an eval set, a regression suite and an A/B test against the base model",
    ),
)
