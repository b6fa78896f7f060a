"""The first phase's scope follows the approach and what the client has already done."""

import pytest

from decisions.ladder import Approach, Facts, explain
from decisions.scope import first_phase as phase


def first_phase(approach: Approach, facts: Facts):
    return phase(approach, facts, explain(facts, approach))


def test_without_an_eval_set_discovery_builds_one_and_quotes_the_build():
    scope = first_phase(Approach.PROMPTING, Facts())

    assert scope.deliverables[0].startswith("An eval set of at least 50 real questions")
    assert scope.deliverables[-1].startswith("A build plan with a fixed quote")
    assert (
        "Fine-tuning: the framework climbs to it only if prompting falls short on the eval set on behaviour (format, "
        "style or tone, latency or cost, or your domain's language), not on missing or wrong facts."
        in scope.out_of_scope
    )
    assert not any("knowledge" in item for item in scope.client_provides)


def test_an_eval_set_the_client_has_is_finaled_not_rebuilt():
    assert (
        first_phase(Approach.PROMPTING, Facts(has_eval_set=True, eval_set_size=300))
        .deliverables[0]
        .startswith("Your eval set of 300 cases reviewed")
    )
    assert (
        first_phase(Approach.PROMPTING, Facts(has_eval_set=True, eval_set_size=20))
        .deliverables[0]
        .startswith("Your eval set grown to at least 50 cases")
    )


def test_retrieval_adds_the_knowledge_inventory_and_access():
    scope = first_phase(Approach.RAG, Facts(needs_private_knowledge=True, corpus_documents=50_000))

    assert any(item.startswith("An inventory of your knowledge sources") for item in scope.deliverables)
    assert any(item.startswith("A retrieval prototype") for item in scope.deliverables)
    assert any(item.startswith("Read access to the knowledge") for item in scope.client_provides)


def test_a_fine_tune_audits_the_data_and_asks_for_labels():
    few = first_phase(Approach.FINE_TUNING, Facts(labeled_examples=200))
    many = first_phase(Approach.FINE_TUNING, Facts(labeled_examples=5_000))

    assert any(item.startswith("An audit of the training data") for item in few.deliverables)
    assert any(item.startswith("Training runs: they belong to the build") for item in few.out_of_scope)
    assert "Labelled examples to train and test on, at least 1,000, with the right to use them." in few.client_provides
    assert "Your 5,000 labelled examples, with the right to train and test on them." in many.client_provides


def test_a_prompt_for_extraction_asks_for_no_training_data():
    none = first_phase(Approach.PROMPTING, Facts(task="extract", strict_output_format=True))
    some = first_phase(Approach.PROMPTING, Facts(task="extract", labeled_examples=300))

    assert not any("labelled examples" in item.lower() for item in none.client_provides)
    assert (
        "Your 300 labelled examples, to test on (and to train on, should a fine-tune follow)." in some.client_provides
    )


def test_what_the_eval_set_settled_is_built_on_not_measured_again():
    both_short = Facts(
        needs_private_knowledge=True, corpus_documents=50_000, has_eval_set=True, eval_set_size=200,
        prompting_status="measured_insufficient", rag_status="measured_insufficient", rag_shortfall="format",
        strict_output_format=True,
    )  # fmt: skip
    scope = first_phase(Approach.RAG_FINE_TUNING, both_short)

    assert "A baseline: a written prompt on a capable model, measured on the eval set." not in scope.deliverables
    assert any(item.startswith("The failing cases of your prompting") for item in scope.deliverables)
    assert any(item.startswith("The failing cases of your retrieval") for item in scope.deliverables)
    assert "Training runs: they belong to the build, after the data audit." in scope.out_of_scope
    passed = Facts(has_eval_set=True, eval_set_size=300, prompting_status="measured_sufficient")
    assert (
        "The prompt that passed your eval set, re-run on the agreed eval set as the baseline."
        in first_phase(Approach.FINE_TUNING, passed).deliverables
    )


def test_a_plan_below_an_open_gate_says_fine_tuning_is_the_next_rung():
    short = Facts(has_eval_set=True, prompting_status="measured_insufficient", strict_output_format=True)
    assert explain(short, Approach.PROMPTING).approach is Approach.PROMPTING

    scope = first_phase(Approach.PROMPTING, short)

    assert (
        "Fine-tuning: the next rung, if prompting still falls short on the eval set on behaviour (format, style or "
        "tone, latency or cost, or your domain's language), not on missing or wrong facts." in scope.out_of_scope
    )
    assert scope.deliverables[0].startswith("Your eval set reviewed and, if it has fewer, grown to at least 50")


def test_retrieval_short_on_facts_never_makes_fine_tuning_the_next_rung_for_them():
    """The client hopes fine-tuning will teach the facts retrieval missed: the plan's edge says it will not."""
    short_on_facts = Facts(
        needs_knowledge=True,
        corpus_documents=20_000,
        has_eval_set=True,
        eval_set_size=300,
        prompting_status="measured_insufficient",
        prompting_shortfall="knowledge",
        rag_status="measured_insufficient",
        rag_shortfall="knowledge",
        fine_tune_goal="knowledge",
    )

    fine_tuning = next(item for item in first_phase(Approach.RAG, short_on_facts).out_of_scope if "Fine-tuning" in item)

    assert fine_tuning.endswith("not on missing or wrong facts.")


YOUR_PROMPT = "A baseline: your prompt, written down and measured on the agreed eval set."


@pytest.mark.parametrize(
    ("facts", "baseline"),
    [
        (
            {"prompting_status": "tried_informally"},
            "A baseline: your prompt, written down and measured on the agreed eval set.",
        ),
        (
            {"has_eval_set": True, "eval_set_size": 20, "prompting_status": "measured_sufficient"},
            "A baseline: your prompt, written down and measured on the agreed eval set.",
        ),
        ({}, "A baseline: a written prompt on a capable model, measured on the eval set."),
    ],
)
def test_the_baseline_is_the_clients_own_prompt_where_they_have_one(facts, baseline):
    assert baseline in first_phase(Approach.PROMPTING, Facts(**facts)).deliverables


def test_retrieval_the_client_tried_is_measured_not_prototyped_again():
    tried = Facts(needs_knowledge=True, corpus_documents=20_000, rag_status="tried_informally")

    deliverables = first_phase(Approach.RAG, tried).deliverables

    assert "Your retrieval, measured on the same eval set over a sample of the knowledge." in deliverables
    assert not any("prototype" in item for item in deliverables)


def test_customers_knowledge_is_out_of_scope_only_where_there_is_knowledge():
    onboarding = "Onboarding your customers' own knowledge, beyond the sample used to measure."

    assert onboarding in first_phase(Approach.RAG, Facts(multi_tenant=True, needs_knowledge=True)).out_of_scope
    assert onboarding not in first_phase(Approach.PROMPTING, Facts(multi_tenant=True)).out_of_scope
