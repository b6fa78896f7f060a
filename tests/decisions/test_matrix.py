from decisions.ladder import Approach
from decisions.matrix import COST_MATRIX, FINE_TUNING_TIMELINES, matrix_row


def test_every_approach_has_exactly_one_row_in_ladder_order():
    assert [row.approach for row in COST_MATRIX] == list(Approach)
    assert matrix_row(Approach.RAG).setup == "Medium"


def test_the_matrix_says_what_the_framework_says():
    summary = {row.approach: (row.setup, row.per_query_cost, row.maintenance) for row in COST_MATRIX}

    assert summary == {
        Approach.PROMPTING: ("Low", "Higher", "Low"),
        Approach.RAG: ("Medium", "Tokens + retrieval", "Medium"),
        Approach.FINE_TUNING: ("High", "Lower", "High"),
        Approach.RAG_FINE_TUNING: ("Highest", "Lowest at scale", "Highest"),
    }


def test_fine_tuning_timelines_are_the_published_ranges():
    assert [(t.min_weeks, t.max_weeks) for t in FINE_TUNING_TIMELINES] == [(2, 4), (4, 10)]
