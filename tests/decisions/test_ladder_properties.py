"""Properties of the ladder over every valid set of facts, found by hypothesis."""

from hypothesis import given
from hypothesis import strategies as st

from decisions.ladder import (
    DYNAMIC_UPDATE_FREQUENCIES,
    FINE_TUNE_GOALS,
    STATUSES,
    UPDATE_FREQUENCIES,
    Approach,
    Facts,
    estimated_corpus_tokens,
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
)


def rag_applies(f: Facts) -> bool:
    """The rule restated independently of the implementation."""
    tokens, _ = estimated_corpus_tokens(f)
    large = f.needs_private_knowledge and (f.corpus_documents > 10_000 or tokens > 200_000)
    dynamic = f.needs_private_knowledge and f.update_frequency in DYNAMIC_UPDATE_FREQUENCIES
    return large or dynamic or f.needs_citations or f.multi_tenant or f.shared_base_many_use_cases


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
def test_rag_is_in_the_approach_exactly_when_it_applies(f):
    result = recommend(f)

    assert result.rag_applies == rag_applies(f)
    assert (result.approach in WITH_RAG) == rag_applies(f)
    if rag_applies(f) and result.approach in FINE_TUNED:
        assert result.approach is Approach.RAG_FINE_TUNING


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
