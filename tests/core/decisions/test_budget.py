"""Brackets, the timeline, the client's own budget against the estimate, the first phase's price, and
money written for people."""

import math
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decisions.budget import (
    ClientBudget,
    budget_bracket,
    budget_fit,
    cost_at_volume,
    first_phase_price,
    in_currency,
    staff_checking,
)
from decisions.estimate import Profile, approach_estimate
from decisions.ladder import Facts, RuleId
from decisions.money import Range, compact_number, format_money, said, significant
from decisions.timeline import Phase, build_span, deadline_fit, retraining, timeline, weeks_said
from tests.core.decisions.assumptions import FT, RFT, P, R, make_assumptions

A = make_assumptions()  # brackets 25,000 / 50,000 / 100,000 in EUR; €1 = £0.80 = $1.25


@pytest.mark.parametrize(
    ("amount", "label"),
    [
        (0, "Under €25,000"),
        (25_000, "Under €25,000"),
        (25_001, "€25,000 – €50,000"),
        (100_000, "€50,000 – €100,000"),
        # Past the last configured bound, brackets go on in 1-2-5 steps: never open at the top.
        (100_001, "€100,000 – €200,000"),
        (666_000, "€500,000 – €1M"),
        (9_000_000, "€5M – €10M"),
    ],
)
def test_it_rounds_a_first_year_into_brackets_that_always_have_a_ceiling(amount, label):
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


@pytest.mark.parametrize(
    ("low", "high", "exact", "headline"),
    [
        (152_347, 218_912, "€152,347 – €218,912", "€152,000 – €220,000"),  # three figures from a 1
        (2_437, 2_437, "€2,437", "about €2,400"),
        (151_000, 154_000, "€151,000 – €154,000", "€151,000 – €154,000"),
        (183_794, 252_804, "€183,794 – €252,804", "€183,000 – €260,000"),  # never inside the exact range
        (69_126, 100_759, "€69,126 – €100,759", "€69,000 – €101,000"),  # not €110,000: 9% more than the estimate
    ],
)
def test_headlines_round_as_estimates_are_said_and_tables_stay_exact(low, high, exact, headline):
    amount = Range(low, high, "EUR")

    assert amount.label() == exact
    assert amount.headline == headline
    assert significant(217_218) == 220_000


PLAIN = Facts(has_eval_set=True)
KNOWLEDGE = Facts(needs_knowledge=True, corpus_documents=50_000, update_frequency="daily", multi_tenant=True,
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


@pytest.mark.parametrize(
    ("approach", "measured", "built"),
    [
        (P, {"prompting_status": "measured_sufficient"}, "prompt"),
        (R, {"needs_knowledge": True, "rag_status": "measured_sufficient"}, "retrieval"),
        (RFT, {"needs_knowledge": True, "rag_status": "measured_insufficient", "rag_shortfall": "format"}, "retrieval"),
    ],
)
def test_what_the_client_built_and_measured_is_hardened_not_built_again(approach, measured, built):
    facts = Facts(has_eval_set=True, eval_set_size=300, **measured)
    core = {p.label: p for p in timeline(approach, A, facts)}["Core build"]
    afresh = {p.label: p for p in timeline(approach, A, Facts(has_eval_set=True, eval_set_size=300))}["Core build"]

    assert core.span == tuple(math.floor(weeks + 0.5) / 2 for weeks in afresh.span), "half the weeks, to the half week"
    phases = timeline(approach, A, facts)
    assert all(weeks * 2 == int(weeks * 2) for phase in phases for weeks in phase.span), "the weeks the memo prints"
    assert core.covers.startswith(f"hardening the {built} you built and measured for production")
    unmeasured = Facts(has_eval_set=True, eval_set_size=300, needs_knowledge=facts.needs_knowledge)
    assert estimate(approach, facts).one_off_total < estimate(approach, unmeasured).one_off_total
    informally = Facts(has_eval_set=True, eval_set_size=20, **measured)  # too few cases: not a measurement
    assert {p.label: p for p in timeline(approach, A, informally)}["Core build"].span == afresh.span


def test_retrieval_short_on_facts_or_for_a_cause_not_known_is_improved_not_hardened():
    for cause in ("knowledge", "unknown"):
        facts = Facts(has_eval_set=True, eval_set_size=300, needs_knowledge=True, rag_status="measured_insufficient",
                      rag_shortfall=cause)  # fmt: skip
        core = {p.label: p for p in timeline(RFT, A, facts)}["Core build"]
        assert not core.covers.startswith("hardening"), cause


def test_the_consultants_adjustment_stretches_every_phase_to_the_half_week():
    plain, raised = timeline(P, A, PLAIN), timeline(P, A, PLAIN, effort=1.2)

    assert [phase.span for phase in raised] == [(1, 2.5), (2, 3), (1, 2.5)]
    assert build_span(raised) > build_span(plain)


def test_retraining_comes_after_launch_for_fine_tuned_models_only():
    assert retraining(P, A) is None
    assert retraining(FT, A).label == "Retraining every 4 months"


def test_an_adjustment_stretches_retraining_in_the_timeline_as_its_cost_line_prices_it():
    phase = retraining(FT, A, effort=1.2)  # 2 weeks at 1.2: 2.4, printed 2.5
    weeks = build_span(timeline(FT, A, PLAIN, effort=1.2))
    adjusted = approach_estimate(FT, PLAIN, 10_000, A, weeks, Profile(), effort=1.2)
    team = next(line for line in adjusted.monthly if line.id == "retraining-team")

    assert phase.span == (2.5, 2.5)
    assert team.basis == "2.5 weeks every 4 months"


def estimate(approach, facts=PLAIN, volume=10_000, assumptions=A):
    weeks = build_span(timeline(approach, assumptions, facts))
    return approach_estimate(approach, facts, volume, assumptions, weeks, Profile())


FIRST = first_phase_price(timeline(R, A, PLAIN)[0], A)


def test_the_first_phase_is_priced():
    assert FIRST.price.label() == "€1,000 – €2,000"  # 1 to 2 weeks at €1,000


@pytest.mark.parametrize(
    ("budget", "expected"),
    [
        (None, None),
        (ClientBudget(None, None, "EUR"), None),
        (ClientBudget(50_000, None, "EUR"), None),  # "from €50,000": no ceiling to go over
        (ClientBudget(None, 10**9, "GBP"), None),
    ],
)
def test_within_the_stated_budget_or_without_a_ceiling_there_is_nothing_to_say(budget, expected):
    assert budget_fit(estimate(R), budget, FIRST, (), A) is expected


def test_over_only_at_the_long_end_it_says_so_and_how_to_stay_inside():
    rag = estimate(R)
    middle = (rag.first_year.low + rag.first_year.high) / 2
    watch = budget_fit(rag, ClientBudget(None, middle, "EUR"), FIRST, (), A)

    assert watch.rule_id is RuleId.WATCH_OVER_BUDGET
    assert "within it if the build keeps to the short end of its timeline, over it at the long end" in watch.text


def test_over_budget_it_offers_the_cheapest_start_that_fits_in_the_clients_currency():
    rag, prompting = estimate(R), estimate(P)
    assert prompting.first_year.high < rag.first_year.low
    pounds = (prompting.first_year.high + rag.first_year.low) / 2 * 0.8

    watch = budget_fit(rag, ClientBudget(None, pounds, "GBP"), FIRST, (prompting,), A)

    assert f"up to {format_money(pounds, 'GBP')}" in watch.text
    assert f"({rag.first_year.label()} at €1 = £0.80)" in watch.text
    assert f"A start that fits: prompting with an eval set, {in_currency(prompting.first_year, 'GBP', A).label()}" in (
        watch.text
    )


def test_when_only_discovery_fits_it_offers_discovery_priced():
    watch = budget_fit(estimate(R), ClientBudget(None, 2_500, "EUR"), FIRST, (), A)

    assert "What fits is the first phase on its own: discovery and the eval set, €1,000 – €2,000 (1–2 weeks)" in (
        watch.text
    )


def test_where_the_build_fits_it_says_running_it_is_what_goes_over():
    rag = estimate(R, volume=1_000_000)
    budget = rag.one_off_total[1] + 1  # the build at its long end, and nothing to run it on
    assert rag.first_year.low > budget

    watch = budget_fit(rag, ClientBudget(None, budget, "EUR"), FIRST, (), A)

    build = f"€{rag.one_off_total[0]:,} – €{rag.one_off_total[1]:,}"
    assert f"The build alone fits ({build}): what takes the first year over is running it from launch, about " in (
        watch.text
    )
    assert "The build alone fits" not in budget_fit(rag, ClientBudget(None, 2_500, "EUR"), FIRST, (), A).text
    assert "What fits is the first phase on its own" not in watch.text, "the build fits: not discovery alone"
    assert "a smaller volume to start with, or running costs budgeted apart from the build" in watch.text


def test_where_running_weighs_most_a_longer_build_is_the_cheaper_first_year_and_it_says_which_end_fits():
    rag = estimate(R, volume=5_000_000)  # each week of build is a week less of running at this volume
    short, long = (year.total for year in rag.years)
    assert short > long, "the case this test is about"

    watch = budget_fit(rag, ClientBudget(None, (short + long) / 2, "EUR"), FIRST, (), A)

    assert "within it at the long end of its timeline only, because running would start later" in watch.text
    assert "over it at the short end" in watch.text
    assert "within it if the build keeps to the short end" not in watch.text


def test_discovery_fitting_at_its_short_end_only_is_offered_as_such():
    watch = budget_fit(estimate(R), ClientBudget(None, 1_500, "EUR"), FIRST, (), A)  # discovery €1,000 – €2,000

    assert "What fits is the first phase on its own: discovery and the eval set, €1,000 if it keeps to 1 week" in (
        watch.text
    )
    assert "Not even the first phase fits" not in watch.text


def test_nothing_fits_only_when_even_discovery_does_not():
    watch = budget_fit(estimate(R), ClientBudget(None, 500, "EUR"), FIRST, (), A)

    assert "Not even the first phase fits (discovery and the eval set, €1,000 – €2,000)" in watch.text


def test_far_dearer_to_run_than_an_approach_that_could_stand_in_is_a_point_to_watch():
    # Knowledge that fits in a prompt, carried whole in a million requests a month, without a cache.
    facts = Facts(needs_knowledge=True, corpus_documents=80, corpus_tokens=150_000)
    rag, prompting = estimate(R, facts, volume=1_000_000), estimate(P, facts, volume=1_000_000)
    watch = cost_at_volume(prompting, (rag,), "EUR")

    assert prompting.monthly_total > 2 * rag.monthly_total
    assert watch.rule_id is RuleId.WATCH_COST_AT_VOLUME
    assert "we would measure" in watch.text
    assert cost_at_volume(rag, (), "EUR") is None


@pytest.mark.parametrize(
    ("n", "text"),
    [(0, "0"), (999, "999"), (1_000, "1k"), (2_500, "2.5k"), (25_000, "25k"), (2_500_000, "2.5M"), (3e15, "3,000T")],
)
def test_compact_numbers_are_for_people_never_exponents(n, text):
    assert compact_number(n) == text


@pytest.mark.parametrize(("n", "text"), [(999_999_999, "1B"), (999_999, "1M"), (999, "999")])
def test_compact_numbers_round_up_to_the_next_unit(n, text):
    assert compact_number(n) == text


@pytest.mark.parametrize(
    ("volume", "who"),
    # 3 minutes an output (the test's assumptions): 800 hours a month, 160, and 100.
    [(16_000, "about 5 people full time"), (3_200, "about one person full time"), (2_000, "about 100 hours of")],
)
def test_staff_checking_each_output_is_a_point_to_watch_where_it_outweighs_running_it(volume, who):
    weeks = build_span(timeline(P, A, PLAIN))
    checked = approach_estimate(P, PLAIN, volume, A, weeks, Profile(human_review=True))
    few = approach_estimate(P, PLAIN, 100, A, weeks, Profile(human_review=True))
    (line,) = checked.beside
    assert line.printed[0] > checked.monthly_total, "the case this test is about"

    watch = staff_checking(checked, A.reviewer_hourly_cost, "EUR")

    assert watch.rule_id is RuleId.WATCH_STAFF_CHECKING
    cost = format_money(said(line.printed[0]), "EUR")
    assert watch.text.startswith(f"A person checking each output would cost you about {cost} a month ({who}")
    assert f"more than running the system (€{checked.monthly_total:,} a month), and not included in this estimate" in (
        watch.text
    )
    assert staff_checking(few, A.reviewer_hourly_cost, "EUR") is None, "a few outputs a month: not worth a point"
    assert staff_checking(estimate(P), A.reviewer_hourly_cost, "EUR") is None, "no one checks: nothing to say"


def test_a_date_sooner_than_the_build_takes_is_a_point_to_watch():
    phases = timeline(R, A, PLAIN)
    low, high = build_span(phases)
    today = date(2026, 12, 4)

    late = deadline_fit(phases, today + timedelta(weeks=low - 1), today)
    tight = deadline_fit(phases, today + timedelta(weeks=(low + high) / 2), today)

    assert late.rule_id is RuleId.WATCH_DEADLINE
    assert late.text.startswith(f"You want it in production by {(today + timedelta(weeks=low - 1)).day} ")
    assert f"from discovery to launch the build takes {low:g}–{high:g} weeks, so it cannot all be live by then" in (
        late.text
    )
    assert "in time at the short end of its timeline, late at the long end" in tight.text
    assert deadline_fit(phases, today + timedelta(days=math.ceil(high * 7)), today) is None
    assert deadline_fit(phases, None, today) is None
    assert "after the date of this memo" in late.text
    assert "9 days after the date of this memo" in deadline_fit(phases, today + timedelta(days=9), today).text
    assert "1 day after" in deadline_fit(phases, today + timedelta(days=1), today).text
    assert "about 4 weeks after" in deadline_fit(phases, today + timedelta(days=30), today).text


def test_a_production_date_that_has_come_asks_for_a_new_one():
    phases, today = timeline(R, A, PLAIN), date(2026, 12, 4)

    passed = deadline_fit(phases, date(2026, 11, 4), today)

    assert passed.text.startswith("The date you gave for production, 4 November 2026, has passed; from discovery")
    assert "We would agree a new date with you before the build starts." in passed.text
    assert "is today" in deadline_fit(phases, today, today).text


def _printed(text: str) -> float:
    number = text.lstrip("€").replace(",", "")
    scale = {"k": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}.get(number[-1], 1)
    return float(number.rstrip("kMBT")) * scale


@given(st.floats(100, 5e9), st.floats(1, 3))
def test_a_headline_holds_the_exact_range_at_any_size(low, spread):
    exact = Range(low, low * spread, "EUR")

    ends = exact.headline.removeprefix("about ").split(" – ")

    assert _printed(ends[0]) <= exact.low or exact.low == exact.high
    assert _printed(ends[-1]) >= exact.high or exact.low == exact.high
    assert _printed(ends[-1]) <= exact.high * 1.1, "never more than a tenth over"


def test_a_span_of_weeks_whose_ends_agree_is_one_figure():
    """Every sentence says weeks one way: "1 week", "4 weeks", "4.5–7.5 weeks", never "4–4 weeks"."""
    phases = [Phase("Discovery and eval set", 2, 2, "the questions"), Phase("Core build", 2, 2, "the prompt")]
    today = date(2026, 12, 4)

    assert [weeks_said(1), weeks_said(4, 4), weeks_said(4.5, 7.5)] == ["1 week", "4 weeks", "4.5–7.5 weeks"]
    assert (
        "from discovery to launch the build takes 4 weeks,"
        in deadline_fit(phases, today + timedelta(days=3), today).text
    )
