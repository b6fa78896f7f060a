"""The ladder's account of an approach a consultant chose: it argues for that approach and never for
the one it replaced, over every valid set of facts (hypothesis)."""

import re

from hypothesis import example, given
from hypothesis import strategies as st

from decisions.changes import changes_beyond, what_would_change
from decisions.ladder import Approach, Facts, Status, explain, recommend
from tests.core.decisions.strategies import approaches, facts, measured

FINE_TUNED = {Approach.FINE_TUNING, Approach.RAG_FINE_TUNING}
RETRIEVING = {Approach.RAG, Approach.RAG_FINE_TUNING}
RETRIEVAL_STEPS = ("List the knowledge sources", "Harden the retrieval", "Improve retrieval", "Keep the retrieval")


@given(facts)
def test_the_rules_own_approach_is_explained_as_recommended(f: Facts):
    assert explain(f, recommend(f).approach) == recommend(f)


# Found by Hypothesis: retrieval measured sufficient on an eval set, over knowledge of unknown size.
MEASURED_RETRIEVAL = Facts(
    needs_knowledge=True, rag_status=Status.MEASURED_SUFFICIENT, has_eval_set=True, eval_set_size=50
)


@given(facts, approaches)
@example(MEASURED_RETRIEVAL, Approach.PROMPTING)
def test_a_chosen_approach_gets_its_own_reasons_steps_and_cautions(f: Facts, chosen: Approach):
    account = explain(f, chosen)
    ids = {reason.rule_id for reason in account.reasons}
    steps = " ".join(account.next_steps)
    warnings = {warning.rule_id for warning in account.warnings}

    assert account.approach is chosen
    assert account.reasons, "there is always a first reason"
    if chosen is not Approach.PROMPTING:  # never the prompting reason ("no retrieval system to build")
        assert not ids & {"prompting-first", "prompting-small-static-knowledge", "prompting-improve"}
    if chosen not in RETRIEVING:
        assert not any(rule.startswith("rag-") for rule in ids)
        assert not any(words in steps for words in RETRIEVAL_STEPS)
    else:
        assert any(words in steps for words in RETRIEVAL_STEPS)
    assert ("Curate the training data" in steps) == (chosen in FINE_TUNED)
    assert account.fine_tuning_deferred == (chosen not in FINE_TUNED and bool(account.fine_tuning_signals))
    assert ("watch-base-model-retirement" in warnings) == (chosen in FINE_TUNED)
    rules = recommend(f)
    if chosen is not rules.approach:  # an override says where it departs from the rules
        assert ("watch-chosen-measured-short" in warnings) == (chosen in rules.measured_short)
        # Retrieval stays where the brief calls for it or the client measured it over their knowledge.
        keeps_retrieval = rules.rag_applies or (f.needs_knowledge and measured(f, f.rag_status))
        assert ("watch-without-retrieval" in warnings) == (keeps_retrieval and chosen not in RETRIEVING)
    for text in (*(f.text for f in (*account.reasons, *account.warnings)), *account.next_steps):
        assert "  " not in text, text  # no sentence with a hole in it
        assert not re.search(r"\b(after|measure|beat) (has|have|on)\b", text), text


@given(facts, st.sampled_from([Approach.FINE_TUNING, Approach.RAG_FINE_TUNING]))
def test_a_fine_tune_chosen_before_the_gate_says_so_and_measures_first(f: Facts, chosen: Approach):
    gate_open = recommend(f).approach in FINE_TUNED  # the rules fine-tune exactly when the gate is open
    account = explain(f, chosen)

    (ahead,) = [w.text for w in account.warnings if w.rule_id == "watch-ahead-of-gate"] or [None]

    assert (ahead is not None) == (not gate_open)
    if not gate_open:
        # Never measure again what was measured: a rung that passed is the baseline to beat.
        assert any(step.startswith("Measure prompting") for step in account.next_steps) == (
            not measured(f, f.prompting_status)
        )
        if Approach.PROMPTING in recommend(f).measured_sufficient:
            assert ahead.split("already pass")[0].endswith(("Prompting ", "Prompting and retrieval "))


def test_prompting_overridden_to_rag_reads_as_rag():
    f = Facts(needs_private_knowledge=True, corpus_tokens=18_000, update_frequency="yearly")
    assert recommend(f).approach is Approach.PROMPTING

    account = explain(f, Approach.RAG)

    assert account.reasons[0].rule_id == "chosen-rag"
    assert "no retrieval system" not in " ".join(reason.text for reason in account.reasons)
    assert "List the knowledge sources, their owners and refresh cadence; build retrieval and measure it." in (
        account.next_steps
    )
    # The long-context caution now weighs it against the index being built.
    (long_context,) = [w for w in account.warnings if w.rule_id == "watch-long-context"]
    assert "measuring against the index" in long_context.text


@given(facts, approaches)
def test_after_an_override_the_counterfactuals_only_add_to_it(f: Facts, chosen: Approach):
    kept = changes_beyond(what_would_change(f), chosen)

    for change in kept:
        assert change.approach is not chosen
        assert not (chosen in RETRIEVING and change.approach not in RETRIEVING)
        assert not (chosen in FINE_TUNED and change.approach not in FINE_TUNED)
        assert change.approach is not Approach.PROMPTING
