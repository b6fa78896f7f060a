"""What would change a recommendation: changes a client can act on, easiest first, each checked by
recomputing, none undoing an answer the client measured, none counting an eval set as a measurement."""

import dataclasses

import pytest
from hypothesis import given, settings

from decisions.changes import MEASURE, what_would_change
from decisions.ladder import Approach, Facts, recommend
from tests.core.decisions.strategies import facts as any_facts
from tests.core.decisions.strategies import measured

FORMAT = {"strict_output_format": True}
KNOWLEDGE = {"needs_knowledge": True}


def texts(per_approach: int = 2, **facts) -> list[str]:
    return [change.text for change in what_would_change(Facts(**facts), per_approach)]


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (
            FORMAT,
            [
                "If prompting falls short on format, style or tone on an eval set you build, we would recommend "
                "fine-tuning."
            ],
        ),
        (
            {**FORMAT, "has_eval_set": True},
            ["If prompting falls short on format, style or tone on the eval set, we would recommend fine-tuning."],
        ),
        (
            # Measured and fell short: the cause is what is left to learn, and only behaviour opens the gate.
            {**FORMAT, "has_eval_set": True, "prompting_status": "measured_insufficient"},
            [
                "If the failing cases show prompting falls short on format, style or tone, we would recommend "
                "fine-tuning."
            ],
        ),
        (
            {
                **FORMAT,
                **KNOWLEDGE,
                "corpus_documents": 10,
                "has_eval_set": True,
                "prompting_status": "measured_insufficient",
            },
            [
                "If the failing cases show prompting falls short on missing or wrong facts, we would recommend RAG.",
                "If the failing cases show prompting falls short on format, style or tone, we would recommend "
                "fine-tuning.",
            ],
        ),
        (
            {**KNOWLEDGE, "corpus_documents": 40, "update_frequency": "daily"},
            ["If the knowledge changed less often than monthly, we would recommend prompting."],
        ),
        (
            # Over a prompt at a typical length, within one at a page: their length would tell.
            {**KNOWLEDGE, "corpus_documents": 250},
            [
                "If the 250 documents averaged 1.5 pages or less (their length in pages would tell), "
                "we would recommend prompting."
            ],
        ),
        (
            {**KNOWLEDGE, "corpus_documents": 95},
            [
                "If the 95 documents averaged 4.5 pages or more (their length in pages would tell), we would "
                "recommend RAG.",
            ],
        ),
    ],
)
def test_it_names_a_change_the_client_can_act_on(facts, expected):
    found = texts(**facts)
    for text in expected:
        assert text in found


def test_near_a_threshold_it_says_how_near():
    found = texts(**KNOWLEDGE, corpus_documents=95, per_approach=5)
    assert "If the knowledge grew past 100 documents of a typical length (you have 95, 6 short)" in " ".join(found)


def test_retrieval_is_measured_after_prompting_never_instead():
    found = " ".join(texts(**FORMAT, **KNOWLEDGE, corpus_documents=95))
    assert "retrieval does the job" not in found
    assert "If retrieval falls short" not in found
    # Below retrieval the brief calls for, why prompting fell short decides nothing: it is not asked.
    assert texts(**FORMAT, **KNOWLEDGE, corpus_documents=30_000, per_approach=5) == [
        "If prompting falls short, and retrieval falls short on format, style or tone on an eval set you build, we "
        "would recommend RAG with a fine-tuned model."
    ]


def test_a_change_names_its_eval_set_once():
    said = texts(**KNOWLEDGE, corpus_tokens=18_000)

    assert (
        "If prompting falls short on missing or wrong facts, and retrieval falls short on format, style or tone on an "
        "eval set you build, we would recommend RAG with a fine-tuned model."
    ) in said
    assert all(text.count("eval set") <= 1 for text in said)


def test_retrieval_nothing_calls_for_is_no_detour_after_prompting_falls_short_on_behaviour():
    """Small, static knowledge: prompting short on format goes to fine-tuning; measuring retrieval then
    (to be told "RAG" after it fell short, or "both" after it fell short on format too) is no path."""
    said = texts(per_approach=5, **KNOWLEDGE, corpus_tokens=18_000)

    assert (
        "If prompting falls short on format, style or tone on an eval set you build, we would recommend fine-tuning."
        in said
    )
    assert not any("prompting falls short on format" in text and "retrieval" in text for text in said)
    assert not any("retrieval falls short" in text and text.endswith("recommend RAG.") for text in said)


@pytest.mark.parametrize(
    ("flag", "cause"),
    [("latency_or_cost_critical", "latency or cost"), ("specialized_vocabulary", "your domain's language")],
)
def test_the_clients_own_concern_is_offered_as_a_cause_only_where_the_brief_names_it(flag, cause):
    phrase = (
        f"If prompting falls short on format, style or tone, or on {cause}, on an eval set you build, we would "
        "recommend fine-tuning."
    )

    assert phrase in texts(per_approach=5, task="write", **{flag: True})
    assert not any(cause in text for text in texts(per_approach=5, task="write"))


def test_causes_that_lead_to_the_same_approach_are_one_sentence():
    """Each cause is checked on its own; said together, one path no longer takes both of an approach's
    places in the list."""
    concerns = {"latency_or_cost_critical": True, "specialized_vocabulary": True}
    every_cause = "on format, style or tone, on latency or cost, or on your domain's language"
    said = texts(task="write", **concerns)

    fine_tuning = [text for text in said if text.endswith("we would recommend fine-tuning.")]
    assert fine_tuning == [
        f"If prompting falls short {every_cause}, on an eval set you build, we would recommend fine-tuning."
    ]
    measured_short_on_facts = {
        "prompting_status": "measured_insufficient",
        "prompting_shortfall": "knowledge",
        "has_eval_set": True,
        "eval_set_size": 100,
    }
    retrieval = texts(needs_knowledge=True, corpus_documents=20_000, **measured_short_on_facts, **concerns)
    assert (
        f"If retrieval falls short {every_cause}, on the eval set, we would recommend RAG with a fine-tuned model."
        in (retrieval)
    )


def test_more_than_a_prompt_even_at_one_page_offers_no_change_of_size():
    found = " ".join(texts(**KNOWLEDGE, corpus_documents=40_000))
    assert "pages" not in found
    assert "documents" not in found


def test_it_never_offers_what_was_measured_or_an_eval_set_as_a_measurement():
    facts = Facts(**FORMAT, has_eval_set=True, prompting_status="measured_insufficient", prompting_shortfall="format")
    found = " ".join(texts(**dataclasses.asdict(facts)))
    assert "prompting does the job" not in found
    assert "If you build an eval set," not in found
    assert "without your knowledge" not in found


def test_measurements_come_first():
    changes = what_would_change(Facts(**FORMAT, **KNOWLEDGE, corpus_documents=30_000, needs_citations=True))
    assert changes[0].ease == MEASURE


def _apply(facts: Facts, change) -> Facts:
    return dataclasses.replace(facts, **{name: value for answer in change.answers for name, value in answer.values})


@settings(max_examples=80, deadline=None)
@given(any_facts)
def test_every_change_recomputes_to_what_it_claims_and_contradicts_no_measurement(facts):
    current = recommend(facts).approach
    for change in what_would_change(facts):
        assert recommend(_apply(facts, change)).approach is change.approach is not current
        answers = {name: value for answer in change.answers for name, value in answer.values}
        assert not (change.approach is Approach.RAG and answers.get("rag_status") == "measured_insufficient"), (
            "retrieval falling short is no way to retrieval"
        )
        for answer in change.answers:
            names = answer.fields
            assert "needs_knowledge" not in names, "nobody is asked to do without their knowledge"
            assert names != {"has_eval_set"}, "an eval set alone measures nothing"
            for status in ("prompting_status", "rag_status"):
                if status in names:
                    assert not measured(facts, getattr(facts, status)), "never undoes a measurement"


@pytest.mark.parametrize(
    "facts",
    [
        {**KNOWLEDGE, "corpus_documents": 500, "corpus_tokens": 150_000, "multi_tenant": True},
        {**KNOWLEDGE, "corpus_documents": 4_000, "corpus_tokens": 9_000_000},
        {**FORMAT, "has_eval_set": True, "prompting_status": "measured_insufficient", "prompting_shortfall": "format"},
    ],
)
def test_no_change_a_client_should_not_make(facts):
    found = " ".join(texts(**facts))
    assert "could share one index" not in found, "never mix customers' data"
    assert "trimmed to 200,000 tokens (about 9,000,000" not in found, "never throw most of the knowledge away"
    if not facts.get("needs_knowledge"):
        assert "retrieval" not in found, "no retrieval where there is nothing of their own to retrieve"


def test_knowledge_of_a_size_not_given_names_the_size_that_would_call_for_retrieval():
    said = texts(**KNOWLEDGE)

    assert (
        "If the knowledge came to more than 200,000 tokens, about 400 pages (its size is not given yet), we would "
        "recommend RAG."
    ) in said
    assert not any("its size is not given" in text for text in texts(**KNOWLEDGE, corpus_tokens=20_000))


def test_retrieval_is_never_offered_as_the_cure_for_prompting_short_on_format():
    said = texts(per_approach=5, task="extract", input_tokens=300_000, needs_knowledge=True, corpus_tokens=10_000)

    assert not any("prompting falls short on format, style or tone" in text and "retrieval does the job" in text
                   for text in said)  # fmt: skip
    assert any(text.startswith("If prompting falls short on format, style or tone") for text in said)


def test_a_measurement_on_too_few_cases_counts_once_the_eval_set_has_grown():
    """30 cases decide nothing: what would change it is the same measurement on 50, with its cause."""
    facts = Facts(
        task="write",
        strict_output_format=True,
        has_eval_set=True,
        eval_set_size=30,
        prompting_status="measured_insufficient",
        prompting_shortfall="unknown",
    )

    found = what_would_change(facts)

    assert [(change.approach, change.text) for change in found][:1] == [
        (
            Approach.FINE_TUNING,
            "If prompting falls short on format, style or tone on your eval set grown to 50 cases (30 now), we would "
            "recommend fine-tuning.",
        )
    ]
    assert dict(found[0].answers[0].values)["eval_set_size"] == 50


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (
            {**KNOWLEDGE, "corpus_documents": 250},
            "If prompting falls short on format, style or tone on an eval set you build, and the 250 documents "
            "averaged 1.5 pages or less (their length in pages would tell), we would recommend fine-tuning.",
        ),
        (
            {"task": "write", **KNOWLEDGE, "corpus_tokens": 18_000, "needs_citations": True,
             "prompting_status": "measured_insufficient", "prompting_shortfall": "format"},
            "If prompting falls short on format, style or tone on an eval set you build, and answers did not have to "
            "cite sources, we would recommend fine-tuning.",
        ),
    ],
)  # fmt: skip
def test_prompting_names_its_cause_where_the_change_leaves_nothing_to_retrieve(facts, expected):
    """A change that takes away the call for retrieval leaves prompting on top: its cause decides, and is said."""
    said = texts(per_approach=5, **facts)

    assert expected in said
    assert not any("prompting falls short, and" in text and "fine-tuning." in text for text in said)


@settings(max_examples=300)
@given(any_facts)
def test_missing_facts_are_never_said_in_one_breath_with_behaviour(f):
    """Facts are retrieval's to supply and behaviour a fine-tune's: merged causes are behaviours only."""
    for change in what_would_change(f, per_approach=9):
        assert "missing or wrong facts, or on" not in change.text
        assert "or on missing or wrong facts" not in change.text
