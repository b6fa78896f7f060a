"""Properties of the ladder over every valid set of facts, found by hypothesis. A property about facts
where a premise holds draws them there (``facts_where``), so that every example checks something."""

import re

from hypothesis import assume, given
from hypothesis import strategies as st

from decisions.ladder import (
    CONTEXT_BUDGET_TOKENS,
    Approach,
    Facts,
    Frequency,
    KnowledgeSize,
    RuleId,
    RungState,
    Shortfall,
    Status,
    Task,
    explain,
    ladder_rungs,
    recommend,
)
from tests.core.decisions.strategies import approaches, facts, facts_where, measured

FINE_TUNED = {Approach.FINE_TUNING, Approach.RAG_FINE_TUNING}
WITH_RAG = {Approach.RAG, Approach.RAG_FINE_TUNING}
SIGNALS = {RuleId.FT_SIGNAL_FORMAT, RuleId.FT_SIGNAL_LATENCY_COST, RuleId.FT_SIGNAL_VOCABULARY,
           RuleId.FT_SIGNAL_EXTRACTION}  # fmt: skip
BEHAVIOUR = [Shortfall.FORMAT, Shortfall.LATENCY_COST, Shortfall.VOCABULARY]
MEASURED = [Status.MEASURED_SUFFICIENT, Status.MEASURED_INSUFFICIENT]


def large(f: Facts) -> bool:
    """The size rule restated: the pages when given, else the typical length of a document (4 pages),
    against a prompt's 200,000 tokens less the document each request brings, which takes at most half
    (a longer one is read in parts; no documents and no pages: a size not known, which is no size at all)."""
    if not f.needs_knowledge:
        return False
    room = 200_000 - min(f.input_tokens or 0, 100_000)
    if f.corpus_tokens is not None:
        return f.corpus_tokens > room
    return f.corpus_documents * 2_000 > room


def rag_applies(f: Facts) -> bool:
    """The rule restated independently of the implementation: retrieval needs knowledge to look things
    up in, and then a reason (among them a measured shortfall of facts)."""
    if not f.needs_knowledge:
        return False
    facts_short = any(
        measured(f, status) and status is Status.MEASURED_INSUFFICIENT and cause is Shortfall.KNOWLEDGE
        for status, cause in ((f.prompting_status, f.prompting_shortfall), (f.rag_status, f.rag_shortfall))
    )
    return (
        facts_short
        or large(f)
        or f.update_frequency.dynamic
        or f.needs_citations
        or f.multi_tenant
        or f.shared_base_many_use_cases
    )


@given(facts)
def test_it_always_explains_itself(f):
    result = recommend(f)

    assert result.reasons
    assert all(r.rule_id and r.text and r.section for r in (*result.reasons, *result.warnings, *result.later))


@given(facts)
def test_it_never_fine_tunes_without_an_eval_set_and_measured_insufficient_prompting(f):
    # Where the gate may be open, fine-tuning or not breaks nothing: only the rest can disprove it.
    assume(not measured(f, f.prompting_status) or f.prompting_status is not Status.MEASURED_INSUFFICIENT)

    assert recommend(f).approach not in FINE_TUNED


def short_for_behaviour(f: Facts, status: Status, cause: Shortfall) -> bool:
    return measured(f, status) and status is Status.MEASURED_INSUFFICIENT and cause.is_behaviour


def short(f: Facts, status: Status) -> bool:
    return measured(f, status) and status is Status.MEASURED_INSUFFICIENT


@given(facts)
def test_fine_tuning_only_follows_shortfalls_training_can_fix(f):
    """Prompting, and retrieval where it is called for, measured short, and the highest of them for
    format, vocabulary, latency or cost: there, a cause still unknown or missing facts never opens the
    gate; below retrieval, prompting short on facts is what retrieval was built to supply."""
    if rag_applies(f):
        gate = short(f, f.prompting_status) and short_for_behaviour(f, f.rag_status, f.rag_shortfall)
    else:
        rag_short_on_facts = short(f, f.rag_status) and f.rag_shortfall is Shortfall.KNOWLEDGE
        gate = short_for_behaviour(f, f.prompting_status, f.prompting_shortfall) and not rag_short_on_facts

    assert recommend(f).approach not in FINE_TUNED or gate


@given(facts)
def test_rag_applies_exactly_when_its_premises_hold(f):
    result = recommend(f)

    assert result.rag_applies == rag_applies(f)


@given(facts_where(has_eval_set=True, prompting_status=Status.MEASURED_SUFFICIENT))
def test_prompting_measured_sufficient_is_never_exceeded(f):
    assume(measured(f, f.prompting_status))  # an eval set too small to decide measured nothing

    # A pass over knowledge larger than a prompt cannot have tested it: retrieval stays.
    assert recommend(f).approach is (Approach.RAG if large(f) else Approach.PROMPTING)


@given(facts_where(has_eval_set=True, rag_status=Status.MEASURED_SUFFICIENT))
def test_retrieval_measured_sufficient_is_never_overtaken(f):
    assume(measured(f, f.rag_status))

    assert recommend(f).approach in (Approach.PROMPTING, Approach.RAG)


@given(
    facts_where(
        needs_knowledge=True,
        has_eval_set=True,
        prompting_status=Status.MEASURED_INSUFFICIENT,
        rag_status=Status.MEASURED_INSUFFICIENT,
        rag_shortfall=st.sampled_from(BEHAVIOUR),
    )
)
def test_retrieval_measured_short_on_behaviour_over_real_knowledge_is_kept(f):
    assume(measured(f, f.rag_status))

    assert recommend(f).approach is not Approach.FINE_TUNING


@given(facts_where(rag_shortfall=Shortfall.KNOWLEDGE, rag_status=Status.MEASURED_INSUFFICIENT))
def test_a_shortfall_of_facts_never_leads_to_fine_tuning(f):
    assert recommend(f).approach not in FINE_TUNED


@given(facts_where(has_eval_set=True, prompting_status=Status.MEASURED_INSUFFICIENT))
def test_prompting_measured_short_is_never_the_next_step(f):
    assume(measured(f, f.prompting_status))

    assert "Write, version and test the prompt" not in " ".join(recommend(f).next_steps)


@given(facts_where(prompting_status=st.sampled_from([Status.TRIED_INFORMALLY, *MEASURED])))
def test_a_prompt_the_client_has_is_never_to_be_written_from_scratch(f):
    assert "Write, version and test the prompt" not in " ".join(recommend(f).next_steps)


@given(facts_where(has_eval_set=False), approaches)
def test_without_an_eval_set_nothing_is_to_be_measured_again(f, chosen):
    """A measurement without an eval set counts as tried informally: the first measurement is still to come."""
    account = explain(f, chosen)

    assert not any(re.search(r"\bagain\b", text) for text in [*(r.text for r in account.reasons), *account.next_steps])


@given(facts_where(rag_status=st.sampled_from([Status.TRIED_INFORMALLY, *MEASURED])))
def test_retrieval_the_client_has_is_never_to_be_built_from_scratch(f):
    assert "build retrieval and measure it" not in " ".join(recommend(f).next_steps)


@given(facts_where(has_eval_set=True, rag_status=st.sampled_from(MEASURED)))
def test_retrieval_once_measured_is_never_to_be_built_and_measured_again(f):
    assume(measured(f, f.rag_status))

    assert "build retrieval and measure it" not in " ".join(recommend(f).next_steps)


@given(facts_where(task=st.sampled_from([Task.EXTRACT, Task.PROCESS]), needs_knowledge=False))
def test_documents_processed_one_at_a_time_never_call_for_retrieval_by_their_size(f):
    assume(not rag_applies(f))  # a measured shortfall of facts still calls for it
    assume(not (measured(f, f.rag_status) and f.rag_status is Status.MEASURED_SUFFICIENT))  # so does built retrieval

    assert recommend(f).approach not in WITH_RAG


# Knowledge with nothing else calling for retrieval: where prompting is recommended, its size is all that
# could argue against it (drawn here rather than filtered, so the property checks many briefs each run).
KNOWLEDGE_ALONE = facts_where(
    needs_knowledge=True,
    update_frequency=st.sampled_from([Frequency.STATIC, Frequency.YEARLY, Frequency.QUARTERLY]),
    needs_citations=False,
    multi_tenant=False,
    shared_base_many_use_cases=False,
    corpus_documents=st.integers(0, 2_000),
    corpus_tokens=st.none() | st.integers(0, 10**6),
)


@given(KNOWLEDGE_ALONE)
def test_no_estimate_over_a_prompt_stands_beside_prompting(f):
    result = recommend(f)
    assume(result.approach is Approach.PROMPTING)
    words = " ".join(finding.text for finding in (*result.reasons, *result.warnings))

    assert not KnowledgeSize.of(f).large
    knowledge_figures = re.findall(r"come to about ([\d,]+) tokens", words)
    assert all(int(figure.replace(",", "")) <= CONTEXT_BUDGET_TOKENS for figure in knowledge_figures)


@given(facts, approaches)
def test_reasons_for_fine_tuning_appear_only_where_it_is_recommended(f, chosen):
    account = explain(f, chosen)
    in_reasons = {reason.rule_id for reason in account.reasons} & SIGNALS
    later = {found.rule_id for found in account.later}

    if chosen in FINE_TUNED:
        assert not later
    else:
        assert not in_reasons
        assert (RuleId.FT_DEFERRED in later) == bool(account.fine_tuning_signals)


@given(facts, approaches)
def test_the_ladder_picture_agrees_with_the_account(f, chosen):
    engine = recommend(f).approach
    account = explain(f, chosen)
    rungs = {rung.approach: rung for rung in ladder_rungs(account, chosen, engine)}
    later = [rung for rung in rungs.values() if rung.state is RungState.LATER]

    assert [rung.approach for rung in rungs.values() if rung.state is RungState.RECOMMENDED] == [chosen]
    assert len(later) <= 1
    if later:
        assert account.fine_tuning_deferred, (
            "a rung waits for the eval set only where the account says fine-tuning waits"
        )
        assert later[0].approach is not engine
    elif account.fine_tuning_deferred:  # waiting, but a cheaper rung passed: no rung is shown as to come
        assert account.measured_sufficient or engine in FINE_TUNED
    for rung in rungs.values():
        assert rung.note
        if "nothing in the brief calls for fine-tuning" in rung.note:
            assert not account.fine_tuning_signals


@given(facts)
def test_the_first_reason_decides(f):
    result = recommend(f)
    first = result.main_reason.rule_id

    if result.approach in FINE_TUNED:
        assert first in (RuleId.FT_JUSTIFIED, RuleId.MEASURED_SUFFICIENT)
    elif result.approach is Approach.RAG:
        assert first.value.startswith("rag-") or first is RuleId.MEASURED_SUFFICIENT
    else:
        assert first.value.startswith("prompting-") or first is RuleId.MEASURED_SUFFICIENT
