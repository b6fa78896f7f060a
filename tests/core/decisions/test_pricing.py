"""A brief's money in one value: every approach beside the recommended one, the running cost by
volume for the chart, where the cheapest to run changes, and what the estimate leaves out."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decisions.budget import ClientBudget
from decisions.estimate import Estimate, Profile, Unfit
from decisions.ladder import Approach, Facts
from decisions.pricing import crossovers, price_brief, sample_volumes
from tests.core.decisions.assumptions import FT, RFT, P, R, make_assumptions

A = make_assumptions()


def test_lines_a_hair_apart_cross_at_no_real_volume():
    """Crossings past MAX_VOLUME requests a month are float noise (a subnormal slope makes the
    crossing overflow to infinity) and are not reported."""
    lines = {P: (0.0, 4.4e-309), R: (1.0, 2.2e-309)}
    assert crossovers(lines) == ()


# Running costs as straight lines in volume: a fixed part and a price per request.
running_lines = st.dictionaries(
    st.sampled_from(list(Approach)),
    st.tuples(st.floats(0, 1e6).map(lambda v: round(v, 2)), st.floats(0, 10).map(lambda v: round(v, 6))),
    min_size=1,
)


def _cost(line, volume):
    fixed, slope = line
    return fixed + slope * volume


@given(running_lines)
def test_crossovers_are_where_the_lines_cross_in_order(lines):
    found = crossovers(lines)

    assert [c.volume for c in found] == sorted(c.volume for c in found)
    for c in found:
        below, above = _cost(lines[c.cheaper_below], c.volume), _cost(lines[c.cheaper_above], c.volume)
        assert below == pytest.approx(above, rel=1e-6, abs=1e-6)


@given(running_lines, st.integers(0, 10**9))
def test_between_crossovers_the_named_approach_is_the_cheapest(lines, volume):
    found = crossovers(lines)
    owner = next((c.cheaper_below for c in found if volume < c.volume), found[-1].cheaper_above if found else None)
    owner = owner or min(lines, key=lambda a: lines[a])

    assert _cost(lines[owner], volume) == pytest.approx(min(_cost(line, volume) for line in lines.values()), rel=1e-9,
                                                        abs=1e-6)  # fmt: skip


def test_crossovers_follow_the_cheapest_line():
    lines = {P: (0.0, 1.0), R: (100.0, 0.5), FT: (1_000.0, 0.1)}

    found = crossovers(lines)

    assert [(round(c.volume), c.cheaper_below, c.cheaper_above) for c in found] == [(200, P, R), (2_250, R, FT)]


@pytest.mark.parametrize(("volume", "first", "last"), [(0, 1, 100), (20_000, 100, 1_000_000), (1, 1, 100)])
def test_the_chart_spans_two_decades_either_side_and_includes_the_client(volume, first, last):
    volumes = sample_volumes(volume)
    assert (volumes[0], volumes[-1]) == (first, last)
    assert max(volume, 1) in volumes


def test_an_approach_that_cannot_hold_the_knowledge_is_in_no_chart_and_no_crossover():
    facts = Facts(needs_knowledge=True, corpus_documents=5_000)
    pricing = price_brief(facts, 10_000, A, R, Profile(), None)

    assert isinstance(pricing.of(P), Unfit)
    assert isinstance(pricing.of(FT), Unfit)
    assert {series.approach for series in pricing.series} == {R, RFT}
    assert all({c.cheaper_below, c.cheaper_above} <= {R, RFT} for c in pricing.crossovers)


def test_the_chart_at_the_clients_volume_is_the_estimates_running_cost():
    pricing = price_brief(Facts(), 20_000, A, P, Profile(), None)
    at_volume = dict(next(series for series in pricing.series if series.approach is P).points)[20_000]

    assert round(at_volume) == pricing.estimate.monthly_total


def test_the_client_budget_is_shown_in_their_currency():
    pricing = price_brief(Facts(), 10_000, A, P, Profile(), ClientBudget(None, 40_000, "USD"))

    first_year = pricing.first_year_in_theirs
    assert first_year.currency == "USD"
    assert first_year.low == pytest.approx(pricing.estimate.first_year.low * 1.25)
    assert price_brief(Facts(), 10_000, A, P, Profile(), ClientBudget(None, 40_000, "EUR")).first_year_in_theirs is None


def test_the_bracket_holds_the_long_end_and_says_when_the_range_spans_two():
    pricing = price_brief(Facts(), 10_000, make_assumptions(budget_brackets=(20_000, 30_000)), P, Profile(), None)
    first_year = pricing.estimate.first_year

    assert pricing.bracket.low < first_year.high <= pricing.bracket.high
    spans = pricing.short_end_bracket
    assert spans is None or spans.high < first_year.high


def test_what_is_left_out_and_the_clients_own_time():
    pricing = price_brief(Facts(needs_knowledge=True, corpus_documents=10), 10_000, A, FT, Profile(), None)

    assert "VAT and any other taxes." in pricing.exclusions
    assert any("Licences" in item for item in pricing.exclusions)
    assert (
        "Labelling examples to train on: you have none yet, fewer than the 1,000 we ask for; the first training run "
        "is priced on 1,000, and labelling the rest (or making synthetic ones) is priced after the data audit."
        in pricing.exclusions
    )
    low, high = pricing.client_days
    assert 0 < low < high


@pytest.mark.parametrize(
    ("examples", "said"),
    [
        (
            200,
            "Labelling examples to train on: you have 200, fewer than the 1,000 we ask for; the first training run "
            "is priced on 200,",
        ),
        (5_000, "Labelling examples beyond those you have, if the data audit finds too few."),
    ],
)
def test_labelling_is_said_to_be_needed_where_there_are_too_few_examples_to_train_on(examples, said):
    pricing = price_brief(Facts(labeled_examples=examples), 10_000, A, FT, Profile(), None)

    assert any(item.startswith(said) for item in pricing.exclusions)
    assert not any("Labelling" in item for item in price_brief(Facts(), 10_000, A, P, Profile(), None).exclusions)


@given(st.sampled_from(list(Approach)), st.integers(0, 10**7), st.floats(0.5, 3))
def test_the_adjustment_reaches_every_figure_that_depends_on_the_team(approach, volume, effort):
    plain = price_brief(Facts(), volume, A, approach, Profile(), None)
    adjusted = price_brief(Facts(), volume, A, approach, Profile(), None, effort=effort)

    assert isinstance(adjusted.estimate, Estimate)
    direction = (effort > 1) - (effort < 1)
    # More effort is more weeks, more fees once and each month; less is less; none of it moves providers' prices.
    for before, after in (
        (plain.estimate.build_weeks[1], adjusted.estimate.build_weeks[1]),
        (plain.estimate.one_off_total[1], adjusted.estimate.one_off_total[1]),
        (plain.estimate.monthly_total, adjusted.estimate.monthly_total),
    ):
        assert (after - before) * direction >= -1
    assert adjusted.estimate.request == plain.estimate.request


# An extraction job with nothing to look up, prompting measured short on latency and cost.
LATENCY_COST_SHORT = Facts(
    task="extract",
    input_tokens=3_000,
    labeled_examples=5_000,
    has_eval_set=True,
    eval_set_size=300,
    prompting_status="measured_insufficient",
    prompting_shortfall="latency_cost",
)


def test_one_rule_says_what_can_stand_in_for_every_comparison_of_money():
    """An extraction job with nothing to look up, prompting measured short on latency and cost: the
    fine-tune is recommended; prompting (measured short) and both retrieving approaches (nothing to
    look up) are priced in the table but left out of the chart, the crossings and the cost warning."""
    from decisions.assessment import BriefInputs, assess

    found = assess(BriefInputs(LATENCY_COST_SHORT, monthly_queries=5_000), A)
    pricing = found.pricing

    assert found.approach is FT
    assert dict(pricing.set_aside) == {
        P: "measured short on your eval set",
        R: "there is nothing for it to look things up in",
        RFT: "there is nothing for it to look things up in",
    }
    assert [estimate.approach for estimate in pricing.stand_ins] == [FT]
    assert [series.approach for series in pricing.series] == [FT]
    assert pricing.crossovers == ()
    assert "times" not in found.cost_watch.text, "no stand-in is offered as cheaper"
    assert all(isinstance(priced, Estimate) for priced, _ in pricing.table)  # still priced for the CFO


def test_a_fine_tune_for_unit_cost_that_costs_more_to_run_says_so_and_from_what_volume_it_pays():
    """Chosen for cost, the fine-tune's retraining and upkeep outweigh its cheaper requests below
    about 11,000 requests a month (with these assumptions): the memo says so, with the volume, and
    what to measure first if cost is the limit."""
    from decisions.assessment import BriefInputs, assess

    below = assess(BriefInputs(LATENCY_COST_SHORT, monthly_queries=5_000), A)
    above = assess(BriefInputs(LATENCY_COST_SHORT, monthly_queries=50_000), A)

    assert below.approach is FT
    assert 10_000 < below.pricing.tuned_cheaper_from < 12_000
    assert below.pricing.estimate.monthly_total > below.pricing.untuned.monthly_total
    assert below.cost_watch.text == (
        "Latency or unit cost is a reason to fine-tune here, but at 5k requests a month fine-tuning costs about "
        "€2,048 a month to run, more than prompting's €1,676: its retraining and upkeep outweigh its cheaper requests "
        "until about 11k requests a month. If latency is the limit, that is its price; if unit cost is, the "
        "fine-tune does not pay for itself at your volume."
    )
    assert above.pricing.estimate.monthly_total < above.pricing.untuned.monthly_total
    assert above.cost_watch is None


def test_a_fine_tune_within_a_tenth_of_its_untuned_twin_is_not_a_point_to_watch():
    """At 8,000 requests the fine-tune costs 9% more to run: the estimates' own uncertainty covers that,
    and a break-even next to the client's volume would say nothing."""
    from decisions.assessment import BriefInputs, assess

    near = assess(BriefInputs(LATENCY_COST_SHORT, monthly_queries=8_000), A)

    assert (
        near.pricing.untuned.monthly_total
        < near.pricing.estimate.monthly_total
        < 1.1 * near.pricing.untuned.monthly_total
    )
    assert near.cost_watch is None


def test_the_point_reads_latency_and_cost_as_the_ladder_does_and_comes_before_any_other_cost_point():
    """A shortfall on 20 cases measures nothing, so it is no reason to fine-tune; the client's own
    "latency or cost is a hard limit" is, and its point replaces the generic "times dearer" one."""
    from dataclasses import replace

    from decisions.assessment import BriefInputs, assess

    too_few = replace(LATENCY_COST_SHORT, eval_set_size=20)
    unmeasured = assess(BriefInputs(too_few, monthly_queries=5_000, override=FT), A)
    flagged = Facts(task="extract", input_tokens=3_000, labeled_examples=5_000, latency_or_cost_critical=True)
    chosen = assess(BriefInputs(flagged, monthly_queries=1_000, override=FT), A)

    assert unmeasured.cost_watch is None
    assert chosen.pricing.estimate.monthly_total > 1.4 * chosen.pricing.untuned.monthly_total
    assert chosen.cost_watch.text.startswith("Latency or unit cost is a reason to fine-tune here, but at 1k requests")


def test_a_fine_tune_for_format_is_not_held_to_unit_cost():
    from dataclasses import replace

    from decisions.assessment import BriefInputs, assess

    found = assess(BriefInputs(replace(LATENCY_COST_SHORT, prompting_shortfall="format"), monthly_queries=5_000), A)

    assert found.pricing.estimate.monthly_total > found.pricing.untuned.monthly_total
    assert found.cost_watch is None


def test_without_a_fine_tune_nothing_is_compared_with_its_untuned_twin():
    found = price_brief(Facts(), 5_000, A, P, Profile(), None)

    assert found.untuned is None
    assert found.tuned_cheaper_from is None


def test_fine_tunes_wait_for_the_gate_in_every_comparison():
    from decisions.assessment import BriefInputs, assess

    facts = Facts(needs_knowledge=True, corpus_documents=6_000, update_frequency="daily", strict_output_format=True)
    pricing = assess(BriefInputs(facts, monthly_queries=2_000_000), A).pricing

    assert {approach for approach, _ in pricing.set_aside} == {FT, RFT}
    assert not any(crossing.cheaper_above.fine_tunes for crossing in pricing.crossovers)


def test_the_recommendation_is_on_its_own_chart_even_where_it_was_measured_short():
    """Prompting measured short for a cause not yet known: the rules recommend improving the prompt, so
    prompting is the memo's approach and is drawn, though it is measured short."""
    from decisions.assessment import BriefInputs, assess

    facts = Facts(has_eval_set=True, eval_set_size=200, prompting_status="measured_insufficient")
    found = assess(BriefInputs(facts, monthly_queries=10_000), A)

    assert found.approach is P
    assert P in [series.approach for series in found.pricing.series]
    assert P not in dict(found.pricing.set_aside)


def test_a_fine_tune_set_aside_says_whether_anything_calls_for_it():
    from decisions.assessment import BriefInputs, assess

    def aside(facts):
        return dict(assess(BriefInputs(facts, monthly_queries=5_000), A).pricing.set_aside)[FT]

    assert aside(Facts()) == "nothing in the brief calls for fine-tuning"
    assert aside(Facts(strict_output_format=True)) == "fine-tuning comes later, once the eval set shows the need"
    assert aside(Facts(fine_tune_goal="behavior")) == "fine-tuning comes later, once the eval set shows the need"
