"""Properties of the ladder over every valid set of facts, found by hypothesis."""

from hypothesis import given
from hypothesis import strategies as st

from decisions.ladder import (
    DYNAMIC_UPDATE_FREQUENCIES,
    FINE_TUNE_GOALS,
    SHORTFALLS,
    STATUSES,
    UPDATE_FREQUENCIES,
    Approach,
    Facts,
    corpus_size,
    recommend,
)

FINE_TUNED = {Approach.FINE_TUNING, Approach.RAG_FINE_TUNING}
WITH_RAG = {Approach.RAG, Approach.RAG_FINE_TUNING}

facts = st.builds(
    Facts,
    needs_private_knowledge=st.booleans(),
    corpus_documents=st.integers(0, 10**7),
    corpus_tokens=st.none() | st.integers(0, 10**11),
    update_frequency=st.sampled_from(UPDATE_FREQUENCIES),
    needs_citations=st.booleans(),
    multi_tenant=st.booleans(),
    shared_base_many_use_cases=st.booleans(),
    strict_output_format=st.booleans(),
    latency_or_cost_critical=st.booleans(),
    structured_extraction=st.booleans(),
    labeled_examples=st.integers(0, 10**6),
    specialized_vocabulary=st.booleans(),
    fine_tune_goal=st.sampled_from(FINE_TUNE_GOALS),
    has_eval_set=st.booleans(),
    prompting_status=st.sampled_from(STATUSES),
    rag_status=st.sampled_from(STATUSES),
    needs_audit_log=st.booleans(),
    eval_set_size=st.integers(0, 10**5),
    prompting_shortfall=st.sampled_from(SHORTFALLS),
    rag_shortfall=st.sampled_from(SHORTFALLS),
)


def measured(f: Facts, status: str) -> bool:
    """A measurement the ladder counts: on an eval set big enough to decide (or of unstated size)."""
    return f.has_eval_set and not 0 < f.eval_set_size < 50 and status.startswith("measured_")


def rag_applies(f: Facts) -> bool:
    """The rule restated independently of the implementation: retrieval needs knowledge to read,
    or a measured shortfall of facts."""
    facts_short = any(
        measured(f, status) and status == "measured_insufficient" and cause == "knowledge"
        for status, cause in ((f.prompting_status, f.prompting_shortfall), (f.rag_status, f.rag_shortfall))
    )
    if not f.needs_private_knowledge:
        return facts_short
    large = f.corpus_tokens > 200_000 if f.corpus_tokens is not None else f.corpus_documents > 10_000
    dynamic = f.update_frequency in DYNAMIC_UPDATE_FREQUENCIES
    return facts_short or large or dynamic or f.needs_citations or f.multi_tenant or f.shared_base_many_use_cases


@given(facts)
def test_it_always_explains_itself(f):
    result = recommend(f)

    assert result.reasons
    assert all(r.rule_id and r.text and r.section for r in (*result.reasons, *result.warnings))


@given(facts)
def test_it_never_fine_tunes_without_an_eval_set_and_measured_insufficient_prompting(f):
    if recommend(f).approach in FINE_TUNED:
        assert f.has_eval_set
        assert f.prompting_status == "measured_insufficient"


@given(facts)
def test_rag_applies_exactly_when_its_premises_hold(f):
    result = recommend(f)

    assert result.rag_applies == rag_applies(f)
    if not measured(f, f.prompting_status) and not measured(f, f.rag_status):
        assert (result.approach in WITH_RAG) == rag_applies(f)
    if rag_applies(f) and result.approach in FINE_TUNED:
        assert result.approach is Approach.RAG_FINE_TUNING


@given(facts)
def test_a_rung_measured_sufficient_is_never_exceeded(f):
    approach = recommend(f).approach

    if measured(f, f.prompting_status) and f.prompting_status == "measured_sufficient":
        # A pass over knowledge larger than a prompt cannot have tested it: retrieval stays.
        knowledge_too_large = f.needs_private_knowledge and corpus_size(f).large
        assert approach is (Approach.RAG if knowledge_too_large else Approach.PROMPTING)
    if measured(f, f.rag_status) and f.rag_status == "measured_sufficient" and f.needs_private_knowledge:
        assert approach not in FINE_TUNED


@given(facts)
def test_a_shortfall_of_facts_never_leads_to_fine_tuning(f):
    if f.rag_shortfall == "knowledge" and f.rag_status == "measured_insufficient":
        assert recommend(f).approach not in FINE_TUNED


@given(facts)
def test_a_rung_measured_short_is_never_the_next_step(f):
    steps = " ".join(recommend(f).next_steps)

    if measured(f, f.prompting_status) and f.prompting_status == "measured_insufficient":
        assert "Write, version and test the prompt" not in steps
    if measured(f, f.rag_status):
        assert "build retrieval and measure it" not in steps


@given(facts)
def test_without_knowledge_citations_tenancy_and_a_shared_base_are_questions_not_retrieval(f):
    if not f.needs_private_knowledge and not rag_applies(f):
        result = recommend(f)
        assert result.approach in (Approach.PROMPTING, Approach.FINE_TUNING) or (
            measured(f, f.rag_status) and f.rag_status == "measured_sufficient"
        )
        asked = (
            f.needs_citations or f.multi_tenant or f.shared_base_many_use_cases or f.rag_status.startswith("measured_")
        )
        assert asked == any(w.rule_id == "watch-premise" for w in result.warnings)


@given(facts)
def test_fine_tuning_is_either_justified_or_deferred_when_a_signal_holds(f):
    result = recommend(f)

    if result.fine_tuning_deferred:
        assert result.approach not in FINE_TUNED
    assert (result.approach in FINE_TUNED or result.fine_tuning_deferred) == bool(result.fine_tuning_signals)


@given(f=facts, words=st.text(min_size=1).filter(lambda s: s not in STATUSES))
def test_it_rejects_any_unknown_status(f, words):
    try:
        Facts(**{**f.__dict__, "prompting_status": words})
    except ValueError:
        return
    raise AssertionError(f"accepted prompting_status={words!r}")
