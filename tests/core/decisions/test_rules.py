"""Every rule of the ladder is a row, and every row earns its place: a brief that fires it and one that
does not. A rule added without both fails here (and so does a retired one still firing)."""

import pytest

from decisions.ladder import Approach, Facts, RuleId, explain, recommend
from decisions.ladder.account import standing
from decisions.ladder.rules import Case, StepId
from decisions.ladder.steps import STEPS

P, R, FT, RFT = Approach.PROMPTING, Approach.RAG, Approach.FINE_TUNING, Approach.RAG_FINE_TUNING
K = {"needs_knowledge": True, "corpus_documents": 10}
MEASURED = {"has_eval_set": True, "prompting_status": "measured_insufficient"}
# Measured short for what training changes: the gate for fine-tuning needs a cause, not only a shortfall.
SHORT = {**MEASURED, "prompting_shortfall": "format"}
RAG_SHORT = {"rag_status": "measured_insufficient", "rag_shortfall": "format"}
FORMAT = {"strict_output_format": True}
# The money's and the timeline's own rules are tested with them (tests/core/decisions/test_budget.py).
MONEY = {RuleId.WATCH_OVER_BUDGET, RuleId.WATCH_COST_AT_VOLUME, RuleId.WATCH_STAFF_CHECKING, RuleId.WATCH_DEADLINE}
RETIRED = {RuleId.WATCH_PREMISE, RuleId.WATCH_UNKNOWN_SIZE}

# rule: (a brief that fires it, one that does not); a brief is facts, or (facts, the approach a
# consultant chose instead of the rules').
CASES = {
    RuleId.MEASURED_SUFFICIENT: ({"has_eval_set": True, "prompting_status": "measured_sufficient"}, {}),
    RuleId.FT_JUSTIFIED: ({**FORMAT, **SHORT}, FORMAT),
    RuleId.BOTH_PATTERN: (
        {**FORMAT, **SHORT, **K, "multi_tenant": True, **RAG_SHORT},
        {**FORMAT, **SHORT},
    ),
    RuleId.RAG_KEPT: (
        {**FORMAT, **SHORT, **K, **RAG_SHORT},
        {**FORMAT, **SHORT, **K, "multi_tenant": True, **RAG_SHORT},
    ),
    RuleId.PROMPTING_IMPROVE: (MEASURED, {}),
    RuleId.PROMPTING_INPUTS: ({"task": "process"}, {"task": "process", **K}),
    RuleId.PROMPTING_KNOWLEDGE_FITS: (K, {}),
    RuleId.PROMPTING_FIRST: ({}, {"task": "extract"}),
    RuleId.RAG_KNOWLEDGE_SHORTFALL: (
        {**K, **MEASURED, "prompting_shortfall": "knowledge"},
        {**MEASURED, "prompting_shortfall": "knowledge"},
    ),
    RuleId.RAG_LARGE: ({**K, "corpus_documents": 101}, {**K, "corpus_documents": 100}),
    RuleId.RAG_DYNAMIC: ({**K, "update_frequency": "monthly"}, {**K, "update_frequency": "quarterly"}),
    RuleId.RAG_CITATIONS: ({**K, "needs_citations": True}, {"needs_citations": True}),
    RuleId.RAG_MULTI_TENANT: ({**K, "multi_tenant": True}, {"multi_tenant": True}),
    RuleId.RAG_SHARED_BASE: ({**K, "shared_base_many_use_cases": True}, {"shared_base_many_use_cases": True}),
    RuleId.FT_SIGNAL_FORMAT: (FORMAT, {}),
    RuleId.FT_SIGNAL_LATENCY_COST: ({**MEASURED, "prompting_shortfall": "latency_cost"}, MEASURED),
    RuleId.FT_SIGNAL_VOCABULARY: ({"specialized_vocabulary": True}, {}),
    RuleId.FT_SIGNAL_EXTRACTION: (
        {"task": "extract", "labeled_examples": 1_000},
        {"task": "process", "labeled_examples": 1_000},
    ),
    RuleId.FT_DEFERRED: ({**FORMAT, **MEASURED}, {**FORMAT, **SHORT}),
    RuleId.CHOSEN_PROMPTING: (({**K, "multi_tenant": True}, P), {**K, "multi_tenant": True}),
    RuleId.CHOSEN_RAG: (({}, R), ({**K, "needs_citations": True}, R)),
    RuleId.CHOSEN_FINE_TUNING: (({}, FT), ({**FORMAT, **SHORT}, FT)),
    RuleId.CHOSEN_RETRY: (({**FORMAT, **SHORT}, P), ({**FORMAT, "has_eval_set": True}, P)),
    RuleId.WARN_MEASURED_WITHOUT_EVAL_SET: ({"prompting_status": "measured_insufficient"}, MEASURED),
    RuleId.WARN_SMALL_EVAL_SET: (
        {"has_eval_set": True, "eval_set_size": 49},
        {"has_eval_set": True, "eval_set_size": 50},
    ),
    RuleId.WARN_NO_EVAL_SET: ({}, {"has_eval_set": True}),
    RuleId.WATCH_WHY_SHORT: (MEASURED, {**MEASURED, "prompting_shortfall": "format"}),
    RuleId.WATCH_EVAL_COVERAGE: (
        {**K, "needs_citations": True, "has_eval_set": True, "prompting_status": "measured_sufficient"},
        {**K, "has_eval_set": True, "prompting_status": "measured_sufficient"},
    ),
    RuleId.WATCH_CHEAPER_UNMEASURED: (
        {**K, "needs_citations": True, "has_eval_set": True, "rag_status": "measured_sufficient"},
        {**K, "corpus_documents": 20_000, "has_eval_set": True, "rag_status": "measured_sufficient"},
    ),
    RuleId.WATCH_SIZE_CHECK: (
        {**K, "corpus_documents": 100, "corpus_tokens": 1_000},
        {**K, "corpus_documents": 100, "corpus_tokens": 100_000},
    ),
    RuleId.WATCH_SIZE_LINE: ({**K, "corpus_documents": 250}, {**K, "corpus_documents": 401}),
    RuleId.WATCH_INPUT_OVER_PROMPT: (
        {"task": "process", "input_tokens": 200_500},
        {"task": "process", "input_tokens": 200_000},
    ),
    RuleId.WARN_FINE_TUNE_FOR_KNOWLEDGE: ({"fine_tune_goal": "knowledge"}, {"fine_tune_goal": "behavior"}),
    RuleId.WARN_TOO_FEW_LABELS: (
        {"task": "extract", "labeled_examples": 999},
        {"task": "extract", "labeled_examples": 1_000},
    ),
    RuleId.WATCH_LONG_CONTEXT: (K, {**K, "corpus_documents": 101}),
    RuleId.WATCH_LIVE_DATA: ({**K, "update_frequency": "realtime"}, {**K, "update_frequency": "daily"}),
    # Beside a fine-tune, its next steps try these before the first training run.
    RuleId.WATCH_STRUCTURED_OUTPUTS: (FORMAT, {**FORMAT, **SHORT}),
    RuleId.WATCH_LATENCY_COST: (
        {"latency_or_cost_critical": True},
        {**MEASURED, "latency_or_cost_critical": True, "prompting_shortfall": "latency_cost"},
    ),
    RuleId.WATCH_TENANT_TRAINING_DATA: ({**FORMAT, **SHORT, "multi_tenant": True}, {"multi_tenant": True}),
    RuleId.WATCH_BASE_MODEL_RETIREMENT: ({**FORMAT, **SHORT}, FORMAT),
    RuleId.ASK_CITATIONS_WITHOUT_KNOWLEDGE: ({"needs_citations": True}, {**K, "needs_citations": True}),
    RuleId.ASK_TENANTS_WITHOUT_KNOWLEDGE: ({"multi_tenant": True}, {**K, "multi_tenant": True}),
    RuleId.ASK_SHARED_BASE_WITHOUT_KNOWLEDGE: (
        {"shared_base_many_use_cases": True},
        {**K, "shared_base_many_use_cases": True},
    ),
    RuleId.ASK_RETRIEVAL_WITHOUT_KNOWLEDGE: (
        {"has_eval_set": True, "rag_status": "measured_insufficient"},
        {**K, "has_eval_set": True, "rag_status": "measured_insufficient"},
    ),
    RuleId.ASK_FACTS_WITHOUT_KNOWLEDGE: (
        {"task": "extract", **MEASURED, "prompting_shortfall": "knowledge"},
        {**K, **MEASURED, "prompting_shortfall": "knowledge"},
    ),
    RuleId.ASK_INPUTS_OR_KNOWLEDGE: ({**K, "task": "extract"}, {**K, "task": "answer"}),
    RuleId.ASK_KNOWLEDGE_SIZE: ({"needs_knowledge": True}, K),
    RuleId.WATCH_AHEAD_OF_GATE: (({}, FT), {**FORMAT, **SHORT}),
    RuleId.WATCH_CHOSEN_MEASURED_SHORT: (({**FORMAT, **SHORT}, P), ({**FORMAT, **SHORT}, R)),
    RuleId.WATCH_WITHOUT_RETRIEVAL: (({**K, "needs_citations": True}, P), ({**K, "needs_citations": True}, RFT)),
}
STEP_CASES = {
    StepId.BUILD_EVAL_SET: ({}, {"has_eval_set": True}),
    StepId.GROW_EVAL_SET: ({"has_eval_set": True, "eval_set_size": 20}, {"has_eval_set": True}),
    StepId.PROMPT_TO_PRODUCTION: ({"has_eval_set": True, "prompting_status": "measured_sufficient"}, {}),
    StepId.SORT_PROMPT_FAILURES: (MEASURED, {}),
    StepId.WRITE_PROMPT: ({}, MEASURED),
    StepId.HARDEN_RETRIEVAL: (
        {**K, "has_eval_set": True, "rag_status": "measured_sufficient"},
        {**K, "multi_tenant": True},
    ),
    StepId.IMPROVE_RETRIEVAL: (
        {**K, **MEASURED, "multi_tenant": True, "rag_status": "measured_insufficient"},
        {**K, "multi_tenant": True},
    ),
    StepId.KEEP_RETRIEVAL: (
        {**FORMAT, **SHORT, **K, **RAG_SHORT},
        {**K, **MEASURED, "multi_tenant": True, "rag_status": "measured_insufficient"},
    ),
    StepId.BUILD_RETRIEVAL: ({**K, "multi_tenant": True}, K),
    StepId.SHOW_CITATIONS: ({**K, "needs_citations": True}, {"needs_citations": True}),
    StepId.AUDIT_LOG: ({"needs_audit_log": True}, {}),
    StepId.MEASURE_BEFORE_FINE_TUNING: (FORMAT, {**FORMAT, **SHORT}),
    StepId.MEASURE_AHEAD_OF_GATE: (({}, FT), ({**FORMAT, **SHORT}, FT)),
    StepId.TRY_WITHOUT_TRAINING: (
        {**FORMAT, **SHORT},
        {"specialized_vocabulary": True, **MEASURED, "prompting_shortfall": "vocabulary"},
    ),
    StepId.CURATE_TRAINING_DATA: ({**FORMAT, **SHORT}, FORMAT),
}


def _account(brief):
    facts, chosen = brief if isinstance(brief, tuple) else (brief, None)
    facts = Facts(**facts)
    return explain(facts, chosen) if chosen else recommend(facts)


def _fired(brief) -> set[RuleId]:
    account = _account(brief)
    return {finding.rule_id for finding in (*account.reasons, *account.warnings, *account.later)}


def _steps(brief) -> set[StepId]:
    facts, chosen = brief if isinstance(brief, tuple) else (brief, None)
    found = standing(Facts(**facts))
    case = Case(found, chosen or found.approach)
    return {step.id for step in STEPS if step.when(case)}


def test_every_rule_has_a_case_that_fires_it_and_one_that_does_not():
    assert set(CASES) == set(RuleId) - MONEY - RETIRED
    assert set(STEP_CASES) == set(StepId)


@pytest.mark.parametrize("rule", sorted(CASES), ids=str)
def test_the_rule_fires_where_it_applies_and_nowhere_else(rule):
    fires, does_not = CASES[rule]

    assert rule in _fired(fires)
    assert rule not in _fired(does_not)


@pytest.mark.parametrize("step", sorted(STEP_CASES), ids=str)
def test_the_step_comes_where_it_applies_and_nowhere_else(step):
    comes, does_not = STEP_CASES[step]

    assert step in _steps(comes)
    assert step not in _steps(does_not)


def test_the_step_rows_give_the_recommendations_steps():
    facts = Facts(**{**FORMAT, **SHORT, **K, **RAG_SHORT})
    found = standing(facts)
    case = Case(found, found.approach)

    assert recommend(facts).next_steps == tuple(step.says(case) for step in STEPS if step.when(case))


@pytest.mark.parametrize("rule", sorted(RETIRED), ids=str)
def test_a_retired_rule_never_fires_but_its_id_still_loads(rule):
    assert RuleId(rule.value) is rule
    everything = {**FORMAT, **MEASURED, **K, "needs_citations": True, "multi_tenant": True}
    assert rule not in _fired(everything)
