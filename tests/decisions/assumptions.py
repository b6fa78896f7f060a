"""Plain cost-model assumptions for tests that need no database, with round numbers to check by hand."""

from decisions.costs import ApproachAssumptions, Assumptions
from decisions.ladder import Approach

P, R, FT, RFT = Approach.PROMPTING, Approach.RAG, Approach.FINE_TUNING, Approach.RAG_FINE_TUNING


def make_assumptions(**changes) -> Assumptions:
    values = {
        "version": 1,
        "currency": "EUR",
        "frontier_price_per_million_tokens": 10.0,
        "small_model_price_per_million_tokens": 1.0,
        "output_tokens_per_query": 1_000,
        "retrieval_cost_per_query": 0.01,
        "team_weekly_rate": 1_000.0,
        "amortize_months": 10,
        "retraining_cadence_months": 4,
        "retraining_weeks": 2.0,
        "per_approach": (
            ApproachAssumptions(P, prompt_tokens_per_query=9_000, setup_weeks=2, maintenance_weeks_per_month=1),
            ApproachAssumptions(R, prompt_tokens_per_query=4_000, setup_weeks=6, maintenance_weeks_per_month=2),
            ApproachAssumptions(FT, prompt_tokens_per_query=1_000, setup_weeks=10, maintenance_weeks_per_month=1),
            ApproachAssumptions(RFT, prompt_tokens_per_query=3_000, setup_weeks=20, maintenance_weeks_per_month=2),
        ),
        "budget_brackets": (25_000, 50_000, 100_000),
    }
    return Assumptions(**{**values, **changes})
