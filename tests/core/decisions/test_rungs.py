"""The ladder picture: each rung's state and words agree with the account beside it."""

import pytest

from decisions.ladder import Approach, Facts, RungState, explain, ladder_rungs, recommend

FT_JUSTIFIED = {
    "strict_output_format": True,
    "has_eval_set": True,
    "prompting_status": "measured_insufficient",
    "prompting_shortfall": "format",
}
KNOWLEDGE = {"needs_knowledge": True, "corpus_documents": 10, "multi_tenant": True}
S = RungState


@pytest.mark.parametrize(
    ("facts", "states", "notes"),
    [
        ({}, [S.RECOMMENDED, S.NOT_CALLED_FOR, S.NOT_CALLED_FOR, S.NOT_CALLED_FOR],
         ["Recommended", "nothing in the brief needs retrieving", "nothing in the brief calls for fine-tuning",
          "nothing in the brief calls for fine-tuning"]),
        # Fine-tuning waits: the rung that would come is the one the knowledge allows, the other says why not.
        ({"strict_output_format": True}, [S.RECOMMENDED, S.NOT_CALLED_FOR, S.LATER, S.NOT_CALLED_FOR],
         ["Recommended", "nothing in the brief needs retrieving", "Later, only if the eval set shows the need",
          "nothing in the brief needs retrieving"]),
        ({**KNOWLEDGE, "strict_output_format": True}, [S.INCLUDED, S.RECOMMENDED, S.NOT_CALLED_FOR, S.LATER],
         ["Part of the recommendation", "Recommended", "Not on its own: the knowledge needs retrieval beside it",
          "Later, only if the eval set shows the need"]),
        # Prompting measured short on its own, though a fine-tune still starts from a prompt.
        (FT_JUSTIFIED, [S.MEASURED, S.NOT_CALLED_FOR, S.RECOMMENDED, S.NOT_CALLED_FOR],
         ["Measured alone: fell short", "nothing in the brief needs retrieving", "Recommended",
          "nothing in the brief needs retrieving"]),
        ({**FT_JUSTIFIED, **KNOWLEDGE, "rag_status": "measured_insufficient", "rag_shortfall": "format"},
         [S.MEASURED, S.MEASURED, S.INCLUDED, S.RECOMMENDED],
         ["Measured alone: fell short", "Measured alone: fell short", "Part of the recommendation", "Recommended"]),
        # A cheaper rung passed the eval set: the ones above it are not needed.
        ({"strict_output_format": True, "has_eval_set": True, "prompting_status": "measured_sufficient"},
         [S.RECOMMENDED, S.MEASURED, S.MEASURED, S.MEASURED],
         ["Recommended", *["Not needed: a cheaper rung passed the eval set"] * 3]),
    ],
)  # fmt: skip
def test_the_ladder_shows_where_the_project_stands(facts, states, notes):
    recommendation = recommend(Facts(**facts))
    rungs = ladder_rungs(recommendation, recommendation.approach, recommendation.approach)

    assert [rung.state for rung in rungs] == states
    for rung, note in zip(rungs, notes, strict=True):
        assert note in rung.note


def test_after_an_override_the_ladder_sets_the_rules_reading_aside():
    facts = Facts(needs_knowledge=True, corpus_documents=10, needs_citations=True, strict_output_format=True)
    assert recommend(facts).approach is Approach.RAG
    rungs = ladder_rungs(explain(facts, Approach.PROMPTING), Approach.PROMPTING, Approach.RAG)

    assert [(rung.approach, rung.state) for rung in rungs][:2] == [
        (Approach.PROMPTING, S.RECOMMENDED),
        (Approach.RAG, S.SET_ASIDE),
    ]
    assert "first reading" in rungs[1].note
    fine_tuned = ladder_rungs(explain(facts, Approach.FINE_TUNING), Approach.FINE_TUNING, Approach.RAG)
    assert fine_tuned[1].state is S.SET_ASIDE  # retrieval the brief calls for is shown set aside, never "not needed"
    assert fine_tuned[3].state is S.LEFT_OUT
    assert "adds the retrieval the brief calls for" in fine_tuned[3].note
