import pytest

from decisions.budget import (
    budget_bracket,
    budget_fit,
    build_span,
    compact_number,
    cost_at_volume,
    format_money,
    priced_for,
    retraining,
    timeline,
)
from decisions.costs import estimate
from decisions.ladder import Approach, Facts
from tests.decisions.assumptions import FT, RFT, P, R, make_assumptions

A = make_assumptions()  # brackets 25,000 / 50,000 / 100,000 in EUR


@pytest.mark.parametrize(
    ("amount", "label"),
    [
        (0, "Under €25,000"),
        (25_000, "Under €25,000"),
        (25_001, "€25,000 – €50,000"),
        (100_000, "€50,000 – €100,000"),
        (100_001, "Over €100,000"),
        (9_000_000, "Over €100,000"),
    ],
)
def test_it_rounds_a_budget_into_the_configured_brackets(amount, label):
    assert budget_bracket(amount, A).label == label


@pytest.mark.parametrize(
    ("amount", "currency", "options", "text"),
    [
        (1_234_567.4, "EUR", {}, "€1.2M"),  # from a million, compact: no false precision
        (234_567.4, "EUR", {}, "€234,567"),
        (0.01234, "USD", {"decimals": 4}, "$0.0123"),
        (25_000, "GBP", {"compact": True}, "£25k"),
        (2_500_000, "EUR", {"compact": True}, "€2.5M"),
        (1_500, "CHF", {}, "1,500 CHF"),
    ],
)
def test_money_is_formatted_for_people(amount, currency, options, text):
    assert format_money(amount, currency, **options) == text


PLAIN = Facts(has_eval_set=True)
KNOWLEDGE = Facts(needs_private_knowledge=True, corpus_documents=50_000, update_frequency="daily", multi_tenant=True,
                  needs_citations=True)  # fmt: skip


@pytest.mark.parametrize(
    ("approach", "facts", "phases"),
    [
        (P, PLAIN, [("Discovery and eval set", 1, 2), ("Core build", 1.5, 2.5), ("Integration and launch", 1, 2)]),
        (P, Facts(), [("Discovery and eval set", 2, 3), ("Core build", 1.5, 2.5), ("Integration and launch", 1, 2)]),
        (R, PLAIN, [("Discovery and eval set", 1, 2), ("Core build", 4.5, 7.5), ("Integration and launch", 1, 2)]),
        (
            R,
            KNOWLEDGE,
            [
                ("Discovery and eval set", 2, 3),
                ("Core build", 4.5, 7.5),
                ("Indexing at scale", 1, 2),
                ("Keeping the index fresh", 1, 2),
                ("An index per customer", 1, 3),
                ("Citations", 0.5, 1),
                ("Integration and launch", 1, 2),
            ],
        ),
        # A production build takes the framework's production fine-tune, 4-10 weeks, data or not.
        (FT, Facts(has_eval_set=True, labeled_examples=5_000),
         [("Discovery and eval set", 1, 2), ("Core build", 7.5, 12.5), ("Fine-tune", 4, 10),
          ("Integration and launch", 1, 2)]),
        (FT, PLAIN, [("Discovery and eval set", 1, 2), ("Core build", 7.5, 12.5), ("Fine-tune", 4, 10),
                     ("Integration and launch", 1, 2)]),
    ],
)  # fmt: skip
def test_the_timeline_is_phases_with_ranges_that_follow_the_brief(approach, facts, phases):
    found = timeline(approach, A, facts)

    assert [(p.label, p.min_weeks, p.max_weeks) for p in found] == phases
    low, high = build_span(found)
    assert (low, high) == (sum(p[1] for p in phases), sum(p[2] for p in phases)), "the parts make the whole"
    assert all(p.max_weeks <= high for p in found), "no part exceeds the whole"


def test_retraining_comes_after_launch_for_fine_tuned_models_only():
    assert retraining(P, A) is None
    assert retraining(FT, A).label == "Retraining every 4 months"


def test_set_up_cost_and_the_bracket_follow_the_phases():
    priced = priced_for(KNOWLEDGE, A)
    low, high = build_span(timeline(R, A, KNOWLEDGE))

    assert priced.of(R).setup_weeks == (low + high) / 2
    assert estimate(1_000, priced).of(R).setup > estimate(1_000, priced_for(PLAIN, A)).of(R).setup


def test_within_the_stated_budget_there_is_nothing_to_say():
    costs = estimate(10_000, make_assumptions())
    assert budget_fit(10_000, 25_000, Approach.RAG, costs, "EUR") is None
    assert budget_fit(10**9, None, Approach.RAG, costs, "EUR") is None, "no ceiling given"


def test_over_budget_it_says_so_with_the_cheapest_first_phase_and_what_it_leaves_out():
    costs = estimate(10_000, make_assumptions())
    rag = costs.of(Approach.RAG).first_year
    prompting = costs.of(Approach.PROMPTING).first_year
    ceiling = int((rag + prompting) / 2)
    assert prompting < ceiling < rag

    watch = budget_fit(rag, ceiling, Approach.RAG, costs, "EUR")

    assert watch is not None
    assert f"up to €{ceiling:,}" in watch.text
    assert f"prompting with an eval set, about €{prompting:,.0f}" in watch.text
    assert "leaves out the retrieval pipeline" in watch.text


def test_when_nothing_fits_it_promises_nothing_it_cannot_keep():
    costs = estimate(10_000, make_assumptions())
    watch = budget_fit(10**7, 1, Approach.FINE_TUNING, costs, "EUR")
    assert watch is not None
    assert "No smaller first phase of this approach fits" in watch.text
    assert "would" not in watch.text.split("fits it")[0], "no claim that a smaller scope would fit"


@pytest.mark.parametrize("chosen", [Approach.PROMPTING, Approach.RAG, Approach.FINE_TUNING, Approach.RAG_FINE_TUNING])
def test_a_first_phase_is_never_a_fine_tune_nor_a_rung_measured_short(chosen):
    costs = estimate(10_000, make_assumptions())
    ceiling = int(max(cost.first_year for cost in costs.costs))
    for short in ((), (Approach.PROMPTING,)):
        watch = budget_fit(10**9, ceiling, chosen, costs, "EUR", short)
        assert watch is not None
        assert "fine-tuning with an eval set" not in watch.text
        if short:
            assert "first phase that fits: prompting" not in watch.text


@pytest.mark.parametrize(
    ("n", "text"),
    [(0, "0"), (999, "999"), (1_000, "1k"), (2_500, "2.5k"), (25_000, "25k"), (1_000_000, "1M"), (3_740_000, "3.7M"),
     (10**15, "1,000T"), (3.74e18, "3,740,000T")],
)  # fmt: skip
def test_compact_numbers_are_for_people_never_exponents(n, text):
    assert compact_number(n) == text


@pytest.mark.parametrize(
    ("amount", "text"),
    [(12_455, "€12,455"), (999_999, "€999,999"), (3_740_000, "€3.7M"), (3.74e12, "€3.7T"), (0.0215, "€0.02")],
)
def test_money_is_compact_from_a_million(amount, text):
    assert format_money(amount, "EUR") == text


def test_far_dearer_than_the_cheapest_line_at_the_clients_volume_is_a_point_to_watch():
    busy = estimate(1_000_000_000, A, knowledge_tokens=150_000)
    watch = cost_at_volume(busy, P, "EUR")
    assert watch is not None
    assert "At 1B queries a month, prompting costs about" in watch.text
    assert "times RAG's" in watch.text, "compared with a line that could stand in, never a fine-tune"
    assert "mostly in the cost of each query" in watch.text
    assert cost_at_volume(busy, P, "EUR", ruled_out=(R, RFT)) is None, "nothing left to stand in"
    assert cost_at_volume(estimate(10, A), P, "EUR") is None, "at low volume prompting is the cheapest"


def test_a_first_phase_is_never_a_rung_ruled_out():
    costs = estimate(10_000, A)
    ceiling = int(max(cost.first_year for cost in costs.costs))
    watch = budget_fit(10**9, ceiling, R, costs, "EUR", (P,))  # knowledge too large for a prompt
    assert "prompting with an eval set" not in watch.text


@pytest.mark.parametrize(("n", "text"), [(999_999_999, "1B"), (999_999, "1M"), (999, "999")])
def test_compact_numbers_round_up_to_the_next_unit(n, text):
    assert compact_number(n) == text
