"""Plain cost-model assumptions for tests that need no database, with round numbers to check by hand."""

from decisions.costs import ApproachAssumptions, Assumptions
from decisions.ladder import Approach

P, R, FT, RFT = Approach.PROMPTING, Approach.RAG, Approach.FINE_TUNING, Approach.RAG_FINE_TUNING


def make_assumptions(**changes) -> Assumptions:
    values = {
        "version": 1,
        "currency": "EUR",
        "exchange_rates": (("GBP", 0.8), ("USD", 1.25)),
        "frontier_price_per_million_tokens": 10.0,
        "small_model_price_per_million_tokens": 1.0,
        "output_tokens_per_request": 1_000,
        "request_tokens": 1_000,
        "retrieved_tokens_per_request": 2_000,
        "retrieval_per_1000_requests": 10.0,
        "cached_share": 0.0,
        "cached_price_factor": 1.0,
        "team_weekly_rate": 1_000.0,
        "contingency_percent": 10,
        "training_price_per_million_tokens": 10.0,
        "training_epochs": 2,
        "training_examples_if_none": 1_000,
        "retraining_cadence_months": 4,
        "retraining_weeks": 2.0,
        "migration_every_months": 12,
        "migration_weeks": 1.0,
        "eval_cases_if_none": 100,
        "eval_runs_during_build": 10,
        "eval_runs_per_month": 1,
        "build_usage_per_week": 100.0,
        "app_hosting_per_month": 200.0,
        "index_hosting_per_million_tokens": 100.0,
        "index_hosting_min_per_month": 50.0,
        "observability_per_month": 100.0,
        "observability_per_1000_requests": 1.0,
        "guardrails_per_1000_requests": 2.0,
        "security_review": 5_000.0,
        "review_minutes_per_output": 3.0,
        "reviewer_hourly_cost": 60.0,
        "per_approach": (
            ApproachAssumptions(P, instructions_tokens=3_000, build_weeks=2, upkeep_weeks_per_month=1),
            ApproachAssumptions(R, instructions_tokens=2_000, build_weeks=6, upkeep_weeks_per_month=2),
            ApproachAssumptions(FT, instructions_tokens=1_000, build_weeks=10, upkeep_weeks_per_month=1),
            ApproachAssumptions(RFT, instructions_tokens=1_000, build_weeks=20, upkeep_weeks_per_month=2),
        ),
        "budget_brackets": (25_000, 50_000, 100_000),
    }
    return Assumptions(**{**values, **changes})
