"""The cost model as tables checked by hand, and properties over any assumptions."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decisions.costs import (
    ApproachAssumptions,
    crossovers,
    estimate,
    monthly_cost,
    monthly_upkeep,
    per_query_cost,
    sample_volumes,
    setup_cost,
)
from decisions.ladder import Approach
from tests.decisions.assumptions import FT, RFT, P, R, make_assumptions

A = make_assumptions()


def test_lines_a_hair_apart_cross_at_no_real_volume():
    """Crossings past MAX_VOLUME queries a month are float noise and are not reported."""
    # Found by hypothesis: a subnormal price makes two slopes differ by almost nothing, and their
    # crossing overflows to infinity, which is no volume at all.
    # Here RAG + fine-tuning starts cheapest and fine-tuning would undercut it only at 4.5e313 queries.
    tiny = make_assumptions(
        frontier_price_per_million_tokens=1.0,
        small_model_price_per_million_tokens=2.2e-309,
        retrieval_cost_per_query=0.0,
        team_weekly_rate=1.0,
        output_tokens_per_query=1,
        per_approach=(
            ApproachAssumptions(P, 1, 1.0, 1.0),
            ApproachAssumptions(R, 1, 1.0, 1.0),
            ApproachAssumptions(FT, 1, 1.0, 0.0),
            ApproachAssumptions(RFT, 2, 0.0, 0.0),
        ),
    )

    assert crossovers(tiny) == ()


@pytest.mark.parametrize(
    ("approach", "per_query", "setup", "upkeep"),
    [
        # (9,000 + 1,000 tokens) x 10/M; 2 weeks x 1,000; 1 week x 1,000
        (P, 0.10, 2_000, 1_000),
        # (4,000 + 1,000) x 10/M + 0.01 retrieval; 6 weeks; 2 weeks
        (R, 0.06, 6_000, 2_000),
        # (1,000 + 1,000) x 1/M on the small model; 10 weeks; 1 week + 2 weeks retraining every 4 months
        (FT, 0.002, 10_000, 1_500),
        # (3,000 + 1,000) x 1/M + 0.01; 20 weeks; 2 weeks + retraining
        (RFT, 0.014, 20_000, 2_500),
    ],
)
def test_each_approach_costs_what_the_assumptions_say(approach, per_query, setup, upkeep):
    assert per_query_cost(approach, A) == pytest.approx(per_query)
    assert setup_cost(approach, A) == pytest.approx(setup)
    assert monthly_upkeep(approach, A) == pytest.approx(upkeep)


def test_an_estimate_adds_up_at_the_clients_volume():
    cost = estimate(100_000, A).of(P)

    assert cost.monthly_run == pytest.approx(10_000)  # 100,000 x 0.10
    assert cost.monthly_total == pytest.approx(200 + 1_000 + 10_000)  # set-up over 10 months
    assert cost.setup_spread + cost.monthly_upkeep + cost.monthly_run == pytest.approx(cost.monthly_total)
    assert cost.first_year == pytest.approx(2_000 + 12 * 11_000)


CACHED = make_assumptions(cached_share=0.9, cached_price_factor=0.1)


@pytest.mark.parametrize(
    ("assumptions", "knowledge", "per_query"),
    [
        # 9,000 prompt + 1,000 output tokens at 10 a million: no knowledge, no cache.
        (A, 0, 0.10),
        # 150,000 tokens of knowledge in every prompt, uncached: 160,000 tokens a query.
        (A, 150_000, 1.60),
        # Cached: 90% of the 159,000 input tokens at a tenth of the price, plus the output.
        (CACHED, 150_000, (159_000 * (0.9 * 0.1 + 0.1) + 1_000) * 10 / 1e6),
    ],
)
def test_prompting_pays_for_the_knowledge_it_carries_and_the_cache_cuts_it(assumptions, knowledge, per_query):
    assert per_query_cost(P, assumptions, knowledge) == pytest.approx(per_query)
    assert per_query_cost(R, assumptions, knowledge) == per_query_cost(R, assumptions), "RAG retrieves instead"


FULL_FINE_TUNING = make_assumptions(
    training_price_per_million_tokens=8.0,
    training_tokens_per_run=10_000_000,
    training_epochs=3,
    fine_tuned_hosting_per_month=500.0,
    eval_run_cost=300.0,
)


def test_fine_tuning_pays_for_training_hosting_evaluation_and_retraining():
    run = 10_000_000 * 3 * 8 / 1e6  # 240
    assert FULL_FINE_TUNING.training_run_cost == pytest.approx(run)
    # Set-up: 10 weeks at 1,000, the first run and an evaluation.
    assert setup_cost(FT, FULL_FINE_TUNING) == pytest.approx(10_000 + run + 300)
    # A month: 1 week of upkeep, hosting, and a quarter... of a retraining every 4 months.
    retraining = 2 * 1_000 + run + 300
    assert monthly_upkeep(FT, FULL_FINE_TUNING) == pytest.approx(1_000 + 500 + retraining / 4)
    # Prompting and RAG train nothing and host nothing.
    assert setup_cost(P, FULL_FINE_TUNING) == setup_cost(P, A)
    assert monthly_upkeep(R, FULL_FINE_TUNING) == monthly_upkeep(R, A)


def test_a_small_model_is_priced_only_when_asked_for():
    assert estimate(1_000, A).small_model_per_query is None
    small = estimate(1_000, A, small_model=True).small_model_per_query
    assert small == pytest.approx(10_000 * 1.0 / 1e6)  # the same tokens at the small model's price


def test_crossovers_follow_the_cheapest_line():
    # Fixed a month: P 1,200, R 2,600, FT 2,500, RFT 4,500. P is cheapest until FT undercuts it at
    # (2,500 - 1,200) / (0.10 - 0.002) queries; RAG and RAG + FT never are.
    found = crossovers(A)

    assert [(c.cheaper_below, c.cheaper_above) for c in found] == [(P, FT)]
    assert found[0].volume == pytest.approx(1_300 / 0.098)


def test_no_crossover_when_one_approach_is_cheapest_everywhere():
    cheap_tuning = make_assumptions(
        per_approach=(
            ApproachAssumptions(P, 9_000, 2, 1),
            ApproachAssumptions(R, 4_000, 6, 2),
            ApproachAssumptions(FT, 1_000, 0, 0),
            ApproachAssumptions(RFT, 3_000, 20, 2),
        ),
        retraining_weeks=0,
    )

    assert crossovers(cheap_tuning) == ()
    assert estimate(5, cheap_tuning).cheapest is FT


@pytest.mark.parametrize(
    ("volume", "first", "last"),
    [(2_000_000, 10_000, 100_000_000), (1_500, 10, 100_000), (0, 1, 100), (7, 1, 100), (10, 1, 1_000)],
)
def test_the_chart_spans_two_decades_either_side_and_includes_the_client(volume, first, last):
    volumes = sample_volumes(volume)

    assert (volumes[0], volumes[-1]) == (first, last)
    assert max(volume, 1) in volumes
    assert list(volumes) == sorted(set(volumes))


def test_it_refuses_incomplete_or_disordered_assumptions():
    with pytest.raises(ValueError, match="each approach"):
        make_assumptions(per_approach=A.per_approach[:3])
    with pytest.raises(ValueError, match="ascending"):
        make_assumptions(budget_brackets=(50_000, 25_000))
    with pytest.raises(ValueError, match="negative"):
        estimate(-1, A)


# Prices as the assumptions store them: to four decimal places (a subnormal float is no price).
money = st.floats(min_value=0, max_value=1_000, allow_nan=False).map(lambda value: round(value, 4))
assumptions = st.builds(
    make_assumptions,
    frontier_price_per_million_tokens=money,
    small_model_price_per_million_tokens=money,
    retrieval_cost_per_query=st.floats(0, 1),
    team_weekly_rate=money,
    per_approach=st.tuples(
        *[
            st.builds(
                ApproachAssumptions,
                st.just(a),
                st.integers(0, 50_000),
                st.floats(0, 52),
                st.floats(0, 4),
            )
            for a in Approach
        ]
    ),
    cached_share=st.floats(0, 1).map(lambda value: round(value, 2)),
    cached_price_factor=st.floats(0, 1).map(lambda value: round(value, 2)),
    training_price_per_million_tokens=money,
    training_tokens_per_run=st.integers(0, 10**9),
    training_epochs=st.integers(1, 10),
    fine_tuned_hosting_per_month=money,
    eval_run_cost=money,
)
knowledge = st.sampled_from([0, 1_000, 150_000, 200_000])
volumes = st.integers(0, 10**9)


@given(assumptions, volumes, volumes, knowledge)
def test_costs_never_fall_as_volume_grows_and_are_always_numbers(a, low, high, tokens):
    low, high = sorted((low, high))
    for approach in Approach:
        assert monthly_cost(approach, low, a, tokens) <= monthly_cost(approach, high, a, tokens)
        assert estimate(low, a, tokens).of(approach).first_year <= estimate(high, a, tokens).of(approach).first_year
        cost = estimate(high, a, tokens, small_model=True).of(approach)
        figures = (cost.setup, cost.per_query, cost.monthly_total, cost.first_year, cost.setup_spread)
        assert all(math.isfinite(figure) for figure in figures), "no NaN or infinity reaches a page"


@given(assumptions)
def test_crossovers_are_where_the_curves_cross(a):
    found = crossovers(a)

    assert [c.volume for c in found] == sorted(c.volume for c in found)
    for c in found:
        below, above = monthly_cost(c.cheaper_below, c.volume, a), monthly_cost(c.cheaper_above, c.volume, a)
        assert below == pytest.approx(above, rel=1e-6, abs=1e-6)
        # Just beyond the crossover the new line is strictly cheaper, just before it the old one is no dearer.
        step = max(c.volume * 1e-3, 1e-3)
        assert monthly_cost(c.cheaper_above, c.volume + step, a) < monthly_cost(c.cheaper_below, c.volume + step, a)
        assert (
            monthly_cost(c.cheaper_below, c.volume - step, a)
            <= monthly_cost(c.cheaper_above, c.volume - step, a) + 1e-6
        )


@given(assumptions, volumes, knowledge)
def test_between_crossovers_the_named_approach_is_the_cheapest(a, volume, tokens):
    found = crossovers(a, tokens)
    expected_cost = min(monthly_cost(x, volume, a, tokens) for x in Approach)
    owner = next((c.cheaper_below for c in found if volume < c.volume), found[-1].cheaper_above if found else None)

    if owner is not None:
        assert monthly_cost(owner, volume, a, tokens) == pytest.approx(expected_cost, rel=1e-9, abs=1e-9)


@given(assumptions, knowledge, knowledge)
def test_more_knowledge_in_the_prompt_never_costs_less(a, fewer, more):
    fewer, more = sorted((fewer, more))
    assert per_query_cost(P, a, fewer) <= per_query_cost(P, a, more)
