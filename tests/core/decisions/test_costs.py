"""What one request costs each approach, from what the system does: worked by hand with round numbers."""

import pytest

from decisions.costs import input_tokens, request_cost, training_run_cost, training_tokens
from decisions.ladder import Facts, Task
from tests.core.decisions.assumptions import FT, RFT, P, R, make_assumptions

A = make_assumptions()  # frontier €10, small €1 per million tokens; no prompt cache


@pytest.mark.parametrize(
    ("approach", "prompt", "per_request"),
    [
        (P, 3_000 + 1_000, 0.05),  # instructions and the request, output 1,000, at €10 a million
        (R, 2_000 + 2_000 + 1_000, 0.06),  # and 2,000 tokens of retrieved passages
        (FT, 1_000 + 1_000, 0.003),  # the small model's price
        (RFT, 1_000 + 2_000 + 1_000, 0.005),
    ],
)
def test_each_approach_pays_for_its_own_prompt(approach, prompt, per_request):
    cost = request_cost(approach, Facts(), A)

    assert cost.prompt == prompt
    assert cost.cost == pytest.approx(per_request)
    assert cost.per_1000 == round(per_request * 1000, 2)


def test_a_processing_job_carries_one_document_and_never_the_count_of_all():
    facts = Facts(task=Task.EXTRACT, input_tokens=6_000, corpus_documents=3_500)

    assert input_tokens(facts, A) == 6_000
    assert request_cost(P, facts, A).prompt == 3_000 + 6_000
    assert input_tokens(Facts(task=Task.PROCESS), A) == 2_000, "a typical document where its size is not given"
    assert input_tokens(Facts(task=Task.ANSWER), A) == 1_000, "the request's own words"


def test_knowledge_that_fits_rides_whole_in_the_prompt_mostly_from_the_cache():
    facts = Facts(needs_knowledge=True, corpus_documents=50, corpus_tokens=100_000)
    uncached = request_cost(P, facts, A)
    cached = request_cost(P, facts, make_assumptions(cached_share=0.9, cached_price_factor=0.1))

    assert uncached.knowledge == 100_000
    assert uncached.cost == pytest.approx((3_000 + 100_000 + 1_000 + 1_000) * 10 / 1e6)
    # The instructions and the knowledge repeat: 90% of them at a tenth of the price.
    assert cached.cost == pytest.approx(((3_000 + 100_000) * 0.19 + 1_000 + 1_000) * 10 / 1e6)
    assert request_cost(R, facts, A).knowledge == 2_000, "retrieval brings passages, not the whole"


@pytest.mark.parametrize("documents", [401, 5_000, 80_000])
def test_an_approach_whose_prompt_cannot_carry_the_knowledge_does_not_stand_in(documents):
    facts = Facts(needs_knowledge=True, corpus_documents=documents)

    assert request_cost(P, facts, A) is None
    assert request_cost(FT, facts, A) is None
    assert request_cost(R, facts, A) is not None
    assert request_cost(RFT, facts, A) is not None


def test_training_reads_the_labelled_examples_of_the_brief():
    """120,000 labelled examples of about 2,900 tokens (a 2,500-token document and its 400-token
    output) train on 348 million tokens an epoch."""
    assumptions = make_assumptions(output_tokens_per_request=400, training_epochs=3)
    facts = Facts(task=Task.EXTRACT, input_tokens=2_500, labeled_examples=120_000)

    assert training_tokens(facts, assumptions) == (120_000, 348_000_000 * 3)
    assert training_run_cost(facts, assumptions) == pytest.approx(348 * 3 * 10)
    assert training_tokens(Facts(), A) == (1_000, 1_000 * 2_000 * 2), "the framework's minimum where none are given"


@pytest.mark.parametrize(
    "changes",
    [
        {"budget_brackets": (50_000, 25_000)},
        {"budget_brackets": ()},
        {"cached_share": 1.5},
        {"retraining_cadence_months": 0},
        {"migration_every_months": 0},
        {"exchange_rates": (("GBP", 0.0),)},
        {"per_approach": ()},
    ],
    ids=repr,
)
def test_it_refuses_incomplete_or_disordered_assumptions(changes):
    with pytest.raises(ValueError, match=r"assumptions|brackets|cached|once a month|exchange"):
        make_assumptions(**changes)
