"""The cost and maintenance matrix: one row an approach, in words the cost model bears out."""

import pytest

from decisions.estimate import Payee, Profile
from decisions.ladder import Approach, Facts
from decisions.matrix import COST_MATRIX, FINE_TUNING_TIMELINES, PER_QUERY_RANKS, RANKS, matrix_row
from decisions.models import AssumptionSet
from decisions.pricing import price_brief


def test_every_approach_has_exactly_one_row_in_ladder_order():
    assert [row.approach for row in COST_MATRIX] == list(Approach)
    assert matrix_row(Approach.RAG).setup == "Medium"


def _setup(estimate):
    return sum(estimate.one_off_total)


def _per_request(estimate):
    retrieval = sum(line.low for line in estimate.monthly if line.id == "retrieval") / max(estimate.monthly_queries, 1)
    return estimate.request.cost + retrieval


def _maintenance(estimate):
    return estimate.yearly_of(Payee.FEES)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("column", "ranks", "cost"),
    [("setup", RANKS, _setup), ("per_query_cost", PER_QUERY_RANKS, _per_request), ("maintenance", RANKS, _maintenance)],
)
def test_the_matrix_words_agree_with_the_cost_model_under_the_default_assumptions(column, ranks, cost):
    # The current revision holds the defaults; a typical brief: knowledge that fits in a prompt, which
    # prompting (and a fine-tune alone) carry whole in every prompt and retrieval looks up.
    typical = Facts(needs_knowledge=True, corpus_documents=200, corpus_tokens=100_000)
    pricing = price_brief(typical, 20_000, AssumptionSet.current().to_assumptions(), Approach.RAG, Profile(), None)
    by_words = sorted(Approach, key=lambda approach: ranks.index(getattr(matrix_row(approach), column)))
    by_model = sorted(Approach, key=lambda approach: cost(pricing.of(approach)))

    assert by_words == by_model, f"{column}: the words say {by_words}, the model {by_model}"


def test_fine_tuning_timelines_are_the_published_ranges():
    assert [(t.min_weeks, t.max_weeks) for t in FINE_TUNING_TIMELINES] == [(2, 4), (4, 10)]
