"""What hypothesis draws for the engine's properties: any valid set of facts (``facts``), facts where
some answers are fixed (``facts_where``), any approach, and whether a rung's result counts as measured."""

from hypothesis import strategies as st

from decisions.ladder import Approach, Facts, FineTuneGoal, Frequency, Shortfall, Status, Task

ANSWERS = dict(
    task=st.sampled_from(Task),
    input_tokens=st.none() | st.integers(1, 10**7),
    needs_knowledge=st.booleans(),
    corpus_documents=st.integers(0, 10**7),
    corpus_tokens=st.none() | st.integers(0, 10**11),
    update_frequency=st.sampled_from(Frequency),
    needs_citations=st.booleans(),
    multi_tenant=st.booleans(),
    shared_base_many_use_cases=st.booleans(),
    strict_output_format=st.booleans(),
    latency_or_cost_critical=st.booleans(),
    labeled_examples=st.integers(0, 10**6),
    specialized_vocabulary=st.booleans(),
    fine_tune_goal=st.sampled_from(FineTuneGoal),
    has_eval_set=st.booleans(),
    prompting_status=st.sampled_from(Status),
    rag_status=st.sampled_from(Status),
    needs_audit_log=st.booleans(),
    eval_set_size=st.integers(0, 10**5),
    prompting_shortfall=st.sampled_from(Shortfall),
    rag_shortfall=st.sampled_from(Shortfall),
)
facts = st.builds(Facts, **ANSWERS)
approaches = st.sampled_from(Approach)


def facts_where(**answers) -> st.SearchStrategy[Facts]:
    """Facts with these answers (each a value or a strategy) and any others."""
    fixed = {name: value if isinstance(value, st.SearchStrategy) else st.just(value) for name, value in answers.items()}
    return st.builds(Facts, **{**ANSWERS, **fixed})


def measured(f: Facts, status: Status) -> bool:
    """A measurement the ladder counts: on an eval set big enough to decide (or of unstated size)."""
    return f.has_eval_set and not 0 < f.eval_set_size < 50 and status.measured
