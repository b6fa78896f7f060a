"""An approach's money as a CFO reads it: once and each month, our fees apart from providers' costs and
the client's staff, the first year from both ends of the timeline, and parts that add up to wholes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decisions.costs import Hosting
from decisions.estimate import Estimate, LineId, Payee, Profile, Unfit, approach_estimate
from decisions.ladder import ASSUMED_KNOWLEDGE_TOKENS, Approach, Facts, Task
from tests.core.decisions.assumptions import FT, RFT, P, R, make_assumptions
from tests.core.decisions.strategies import facts as any_facts

A = make_assumptions()
L = LineId


NOTHING_ELSE = Profile()


def estimate(approach=P, facts=None, volume=10_000, weeks=(4, 6), profile=NOTHING_ELSE, assumptions=A, effort=1.0):
    return approach_estimate(approach, facts or Facts(), volume, assumptions, weeks, profile, effort=effort)


def test_an_estimate_worked_by_hand():
    found = estimate()

    once = {line.id: line.printed for line in found.one_off}
    assert once == {
        L.BUILD_TEAM: (4_000, 6_000),  # 4 to 6 weeks at €1,000
        L.BUILD_USAGE: (400, 600),  # €100 a week of the build
        L.BUILD_EVALS: (50, 50),  # 10 runs of 100 cases at €0.05, one part built
        L.CONTINGENCY: (0, 665),  # 10% of the rest at the long end
    }
    assert found.one_off_total == (4_450, 7_315)
    monthly = {line.id: line.printed[0] for line in found.monthly}
    assert monthly == {
        L.MODEL_USE: 500,  # 10,000 requests at €50.00 per 1,000
        L.APP_HOSTING: 200,
        L.MONITORING: 110,  # €100 and €1 per 1,000 requests
        L.REGRESSION_EVALS: 5,  # one run a month of 100 cases
        L.UPKEEP: 1_000,  # a week a month
    }
    assert (found.monthly_total, found.yearly) == (1_815, 21_780)
    short, long = found.years
    # The running months left in the year after a build of 4 weeks (48 weeks) or 6 (46), each
    # payee's share rounded as printed: fees €12,000 a year, providers €9,780.
    assert [(share.payee, share.one_off, share.running) for share in short.shares] == [
        (Payee.FEES, 4_000, 11_077),
        (Payee.PROVIDERS, 450, 9_028),
    ]
    assert (short.total, long.total) == (24_555, 26_582)
    assert found.first_year.label() == "€24,555 – €26,582"


@pytest.mark.parametrize(
    ("approach", "facts", "profile", "present", "absent"),
    [
        (P, Facts(), Profile(), [], [L.SECURITY_REVIEW, L.GUARDRAILS, L.OUTPUT_REVIEW, L.RETRIEVAL, L.FIRST_TRAINING]),
        (P, Facts(), Profile(personal_data=True), [L.SECURITY_REVIEW, L.GUARDRAILS], [L.OUTPUT_REVIEW]),
        (P, Facts(multi_tenant=True), Profile(), [L.SECURITY_REVIEW], [L.GUARDRAILS]),
        (P, Facts(), Profile(human_review=True), [L.OUTPUT_REVIEW], [L.SECURITY_REVIEW]),
        (R, Facts(needs_knowledge=True, corpus_documents=500), Profile(), [L.RETRIEVAL, L.INDEX_HOSTING],
         [L.FIRST_TRAINING, L.RETRAINING_TEAM]),
        (FT, Facts(), Profile(), [L.FIRST_TRAINING, L.RETRAINING_TEAM, L.RETRAINING_RUNS, L.MIGRATION_TEAM,
                                  L.MIGRATION_RUNS], [L.RETRIEVAL, L.MODEL_HOSTING]),
        (RFT, Facts(), Profile(), [L.RETRIEVAL, L.INDEX_HOSTING, L.FIRST_TRAINING], []),
    ],
)  # fmt: skip
def test_each_component_applies_where_the_brief_calls_for_it(approach, facts, profile, present, absent):
    found = estimate(approach, facts, profile=profile)
    lines = {line.id for line in (*found.one_off, *found.monthly, *found.beside)}

    assert set(present) <= lines
    assert not set(absent) & lines


def test_payees_are_told_apart():
    found = estimate(FT, profile=Profile(human_review=True, personal_data=True))
    payees = {line.id: line.payee for line in (*found.one_off, *found.monthly, *found.beside)}

    assert payees[L.BUILD_TEAM] is payees[L.UPKEEP] is payees[L.RETRAINING_TEAM] is Payee.FEES
    assert payees[L.MODEL_USE] is payees[L.FIRST_TRAINING] is payees[L.GUARDRAILS] is Payee.PROVIDERS
    assert payees[L.OUTPUT_REVIEW] is Payee.STAFF
    assert found.payees == (Payee.FEES, Payee.PROVIDERS), "the first year's shares: what the client pays out"


def test_a_person_checking_each_output_is_priced_at_their_time_beside_the_figures():
    """The client's reviewers are told, never added to what the system costs: a budget for building and
    running it does not pay them, and a later launch must not make an approach look cheaper."""
    found = estimate(volume=20_000, profile=Profile(human_review=True))
    (review,) = found.beside

    assert review.id is L.OUTPUT_REVIEW
    assert review.printed == (60_000, 60_000)  # 20,000 outputs × 3 minutes at €60 an hour
    assert "3 minutes an output" in review.basis
    without = estimate(volume=20_000)
    assert (found.monthly_total, found.first_year) == (without.monthly_total, without.first_year)


def test_hosting_a_fine_tune_follows_how_it_is_served():
    dedicated = make_assumptions(hosting=Hosting.DEDICATED, dedicated_hourly_rate=2.0)
    hosting = [line for line in estimate(FT, assumptions=dedicated).monthly if line.id is L.MODEL_HOSTING]

    assert [line.printed[0] for line in hosting] == [1_460]  # €2 an hour, 730 hours a month
    assert not [line for line in estimate(FT).monthly if line.id is L.MODEL_HOSTING], "serverless: by the token"


def test_the_consultants_adjustment_scales_the_teams_effort_and_with_it_our_fees():
    plain, raised = estimate(FT), estimate(FT, effort=1.5)

    def line(found, id):
        return next(line for line in found.monthly if line.id is id).printed[0]

    assert line(raised, L.UPKEEP) == 1.5 * line(plain, L.UPKEEP)
    assert line(raised, L.RETRAINING_TEAM) == 1.5 * line(plain, L.RETRAINING_TEAM)
    assert line(raised, L.MODEL_USE) == line(plain, L.MODEL_USE), "providers' prices are not the team's effort"


def test_an_approach_that_cannot_hold_the_knowledge_is_priced_on_nothing():
    found = estimate(P, Facts(needs_knowledge=True, corpus_documents=5_000))

    assert isinstance(found, Unfit)
    assert "cannot hold the knowledge" in found.why


@given(
    any_facts,
    st.sampled_from(Approach),
    st.integers(0, 10**8),
    st.tuples(st.floats(0.5, 40), st.floats(0, 20)),
    st.builds(Profile, personal_data=st.booleans(), human_review=st.booleans()),
    st.floats(0.5, 3),
)
def test_every_printed_part_adds_up_to_its_printed_whole(f, approach, volume, weeks, profile, effort):
    found = estimate(approach, f, volume, (weeks[0], weeks[0] + weeks[1]), profile, effort=effort)
    if isinstance(found, Unfit):
        assert approach in (P, FT)
        assert f.needs_knowledge
        return

    assert isinstance(found, Estimate)
    assert found.one_off_total == tuple(sum(line.printed[end] for line in found.one_off) for end in (0, 1))
    assert all(line.low <= line.high for line in found.one_off)
    assert found.monthly_total == sum(line.printed[0] for line in found.monthly)
    assert found.yearly == 12 * found.monthly_total
    for year, end in zip(found.years, (0, 1), strict=True):
        assert year.one_off == found.one_off_total[end]
        assert year.total == sum(share.total for share in year.shares)
    assert found.first_year.low == min(year.total for year in found.years)
    assert found.first_year.high == max(year.total for year in found.years)


def test_a_request_processing_one_document_is_priced_on_that_document():
    small, large = (estimate(P, Facts(task=Task.EXTRACT, input_tokens=tokens)) for tokens in (1_000, 20_000))

    assert small.request.request == 1_000
    assert large.monthly_total > small.monthly_total


def test_a_large_eval_set_is_sampled_not_run_whole_on_every_change():
    """A client's million cases would price every eval run at a million requests: runs sample 2,000."""
    big, enough = (Facts(has_eval_set=True, eval_set_size=size) for size in (1_000_000, 2_000))
    lines = {line.id: line for line in [*estimate(facts=big).one_off, *estimate(facts=big).monthly]}
    same = {line.id: line for line in [*estimate(facts=enough).one_off, *estimate(facts=enough).monthly]}

    for line_id in (L.BUILD_EVALS, L.REGRESSION_EVALS):
        assert lines[line_id].printed == same[line_id].printed
        assert "2,000 cases sampled from your 1,000,000" in lines[line_id].basis
        assert "sampled" not in same[line_id].basis


def test_knowledge_of_a_size_not_given_is_priced_at_a_size_said_not_at_nothing():
    unknown, known = Facts(needs_knowledge=True), Facts(needs_knowledge=True, corpus_tokens=10_000)

    assumed = estimate(facts=unknown).request
    assert (assumed.knowledge, assumed.knowledge_assumed) == (ASSUMED_KNOWLEDGE_TOKENS, True)
    assert estimate(facts=known).request.knowledge_assumed is False
    assert assumed.cost > estimate(facts=known).request.cost > estimate().request.cost
    assert estimate(R, facts=unknown).request.knowledge_assumed is False, "retrieval brings passages instead"
