"""What would change a recommendation: each change found really moves it, and none is bigger than needed."""

import dataclasses
from itertools import combinations

import pytest
from hypothesis import given, settings

from decisions.changes import what_would_change
from decisions.ladder import Approach, Facts, recommend
from tests.decisions.test_ladder_properties import facts as any_facts

FORMAT = {"strict_output_format": True}


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (
            FORMAT,
            [
                "If answers must cite their sources, we would recommend RAG.",
                "If you build an eval set and prompting falls short when measured on the eval set, "
                "we would recommend fine-tuning.",
            ],
        ),
        (
            {**FORMAT, "has_eval_set": True},
            ["If prompting falls short when measured on the eval set, we would recommend fine-tuning."],
        ),
        (
            {**FORMAT, "has_eval_set": True, "prompting_status": "measured_insufficient"},
            ["If prompting does the job when measured on the eval set, we would recommend prompting."],
        ),
        (
            # 40,000 documents but only 150,000 tokens: the document count alone makes it large.
            {"needs_private_knowledge": True, "corpus_documents": 40_000, "corpus_tokens": 150_000},
            [
                "If your knowledge were cut to 10,000 documents or fewer, we would recommend prompting.",
                "If the system could work without your private knowledge, we would recommend prompting.",
            ],
        ),
    ],
)
def test_it_names_the_smallest_change_towards_each_other_approach(facts, expected):
    texts = [c.text for c in what_would_change(Facts(**facts), per_approach=3)]

    for text in expected:
        assert text in texts


def test_a_large_estimated_corpus_needs_more_than_fewer_documents():
    # 40,000 documents estimated at 80M tokens: cutting to 10,000 still leaves 20M, over budget.
    changes = what_would_change(Facts(needs_private_knowledge=True, corpus_documents=40_000), per_approach=3)

    assert all("10,000 documents" not in c.text for c in changes)


def test_measurements_come_before_facts_about_the_project():
    changes = what_would_change(Facts(**FORMAT, has_eval_set=True, prompting_status="measured_insufficient"))
    to_prompting = next(c for c in changes if c.approach is Approach.PROMPTING)

    assert [a.field for a in to_prompting.answers] == ["prompting_status"]


@settings(max_examples=60, deadline=None)
@given(any_facts)
def test_every_change_moves_the_recommendation_and_is_minimal(facts):
    current = recommend(facts).approach
    for change in what_would_change(facts):
        changed = dataclasses.replace(facts, **{a.field: a.value for a in change.answers})
        assert recommend(changed).approach is change.approach is not current
        for size in range(1, len(change.answers)):
            for subset in combinations(change.answers, size):
                smaller = dataclasses.replace(facts, **{a.field: a.value for a in subset})
                assert recommend(smaller).approach is not change.approach
