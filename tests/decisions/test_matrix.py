"""The cost and maintenance matrix: one row an approach, in words the cost model bears out."""

import pytest

from decisions.budget import priced_for
from decisions.costs import monthly_upkeep, per_query_cost, prompted_knowledge_tokens, setup_cost
from decisions.ladder import Approach, Facts
from decisions.matrix import COST_MATRIX, FINE_TUNING_TIMELINES, PER_QUERY_RANKS, RANKS, matrix_row
from decisions.models import AssumptionSet


def test_every_approach_has_exactly_one_row_in_ladder_order():
    assert [row.approach for row in COST_MATRIX] == list(Approach)
    assert matrix_row(Approach.RAG).setup == "Medium"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("column", "ranks", "cost"),
    [
        ("setup", RANKS, setup_cost),
        ("per_query_cost", PER_QUERY_RANKS, per_query_cost),
        ("maintenance", RANKS, monthly_upkeep),
    ],
)
def test_the_matrix_words_agree_with_the_cost_model_under_the_default_assumptions(column, ranks, cost):
    # The first revision holds the defaults; a typical brief (knowledge of its own, which prompting
    # carries in every prompt) sets the set-up weeks and the knowledge tokens.
    typical = Facts(needs_private_knowledge=True, corpus_documents=200, corpus_tokens=100_000)
    assumptions = priced_for(typical, AssumptionSet.current().to_assumptions())
    by_words = sorted(Approach, key=lambda approach: ranks.index(getattr(matrix_row(approach), column)))
    priced = (
        (lambda approach: cost(approach, assumptions, prompted_knowledge_tokens(typical)))
        if cost is per_query_cost
        else (lambda approach: cost(approach, assumptions))
    )
    by_model = sorted(Approach, key=priced)

    assert by_words == by_model, f"{column}: the words say {by_words}, the model {by_model}"


def test_fine_tuning_timelines_are_the_published_ranges():
    assert [(t.min_weeks, t.max_weeks) for t in FINE_TUNING_TIMELINES] == [(2, 4), (4, 10)]
