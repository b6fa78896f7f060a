"""The ladder's rules as tables: every rule, every boundary, every status. No database."""

import dataclasses

import pytest

from decisions import ladder
from decisions.ladder import Approach, Facts, recommend

P, R, FT, RFT = Approach.PROMPTING, Approach.RAG, Approach.FINE_TUNING, Approach.RAG_FINE_TUNING
PRIVATE = {"needs_private_knowledge": True}
MEASURED = {"has_eval_set": True, "prompting_status": "measured_insufficient"}
MEASURED_BOTH = {**MEASURED, "rag_status": "measured_insufficient"}
FORMAT = {"strict_output_format": True}


def case(id, facts, approach, reasons, warnings=("warn-no-eval-set",), deferred=False):
    return pytest.param(facts, approach, list(reasons), set(warnings), deferred, id=id)


@pytest.mark.parametrize(
    ("facts", "approach", "reasons", "warnings", "deferred"),
    [
        case("nothing-needed", {}, P, ["prompting-first"]),
        case("eval-set-silences-its-warning", {"has_eval_set": True}, P, ["prompting-first"], ()),
        # Size: in tokens when known; by the 10,000-document line only when it is not.
        case(
            "10000-docs-small",
            {**PRIVATE, "corpus_documents": 10_000, "corpus_tokens": 150_000},
            P,
            ["prompting-small-static-knowledge"],
        ),
        case(
            "10001-docs-that-fit-in-tokens",
            {**PRIVATE, "corpus_documents": 10_001, "corpus_tokens": 150_000},
            P,
            ["prompting-small-static-knowledge"],
        ),
        case(
            "tokens-at-budget",
            {**PRIVATE, "corpus_documents": 5, "corpus_tokens": 200_000},
            P,
            ["prompting-small-static-knowledge"],
        ),
        case(
            "tokens-over-budget", {**PRIVATE, "corpus_documents": 5, "corpus_tokens": 200_001}, R, ["rag-large-corpus"]
        ),
        case(
            "unknown-size-10000-docs", {**PRIVATE, "corpus_documents": 10_000}, P, ["prompting-small-static-knowledge"]
        ),
        case("unknown-size-10001-docs", {**PRIVATE, "corpus_documents": 10_001}, R, ["rag-large-corpus"]),
        case("large-but-not-needed", {"corpus_documents": 50_000}, P, ["prompting-first"]),
        # Freshness.
        *[
            case(
                f"{freq}-is-static-enough",
                {**PRIVATE, "corpus_documents": 10, "update_frequency": freq},
                P,
                ["prompting-small-static-knowledge"],
            )
            for freq in ("static", "yearly", "quarterly")
        ],
        *[
            case(
                f"{freq}-is-dynamic",
                {**PRIVATE, "corpus_documents": 10, "update_frequency": freq},
                R,
                ["rag-dynamic-knowledge"],
            )
            for freq in ("monthly", "weekly", "daily", "realtime")
        ],
        case("dynamic-but-not-needed", {"update_frequency": "daily"}, P, ["prompting-first"]),
        case(
            "large-and-dynamic",
            {**PRIVATE, "corpus_documents": 20_000, "update_frequency": "weekly"},
            R,
            ["rag-large-corpus", "rag-dynamic-knowledge"],
        ),
        # The other reasons for retrieval, which presume knowledge to retrieve.
        case("citations", {**PRIVATE, "needs_citations": True}, R, ["rag-citations"]),
        case("multi-tenant", {**PRIVATE, "multi_tenant": True}, R, ["rag-multi-tenant"]),
        case("shared-base-model", {**PRIVATE, "shared_base_many_use_cases": True}, R, ["rag-shared-base-model"]),
        case("citations-without-knowledge", {"needs_citations": True}, P, ["prompting-first"]),
        case("multi-tenant-without-knowledge", {"multi_tenant": True}, P, ["prompting-first"]),
        case("shared-base-without-knowledge", {"shared_base_many_use_cases": True}, P, ["prompting-first"]),
        case("an-audit-log-is-logging", {"needs_audit_log": True}, P, ["prompting-first"]),
        # Fine-tuning signals without measurements: deferred, never proposed.
        case(
            "format-unmeasured", FORMAT, P, ["prompting-first", "ft-deferred", "ft-signal-output-format"], deferred=True
        ),
        case(
            "latency-unmeasured",
            {"latency_or_cost_critical": True},
            P,
            ["prompting-first", "ft-deferred", "ft-signal-latency-cost"],
            deferred=True,
        ),
        case(
            "vocabulary-unmeasured",
            {"specialized_vocabulary": True},
            P,
            ["prompting-first", "ft-deferred", "ft-signal-vocabulary"],
            deferred=True,
        ),
        case(
            "extraction-999-labels",
            {"structured_extraction": True, "labeled_examples": 999},
            P,
            ["prompting-first"],
            ["warn-too-few-labels", "warn-no-eval-set"],
        ),
        case(
            "extraction-1000-labels",
            {"structured_extraction": True, "labeled_examples": 1_000},
            P,
            ["prompting-first", "ft-deferred", "ft-signal-structured-extraction"],
            deferred=True,
        ),
        case("labels-without-extraction", {"labeled_examples": 5_000}, P, ["prompting-first"]),
        # Prompting status, with an eval set.
        *[
            case(
                f"format-prompting-{status}",
                {**FORMAT, "has_eval_set": True, "prompting_status": status},
                P,
                ["prompting-first", "ft-deferred", "ft-signal-output-format"],
                (),
                deferred=True,
            )
            for status in ("not_tried", "tried_informally")
        ],
        case(
            "format-prompting-measured-sufficient",
            {**FORMAT, "has_eval_set": True, "prompting_status": "measured_sufficient"},
            P,
            ["measured-sufficient", "ft-deferred", "ft-signal-output-format"],
            (),
            deferred=True,
        ),
        case(
            "format-prompting-measured-insufficient",
            {**FORMAT, **MEASURED},
            FT,
            ["ft-justified", "ft-signal-output-format"],
            (),
        ),
        case("insufficient-without-signal", MEASURED, P, ["prompting-improve"], ()),
        # A measurement without an eval set is only an impression.
        case(
            "measured-without-eval-set",
            {**FORMAT, "prompting_status": "measured_insufficient"},
            P,
            ["prompting-first", "ft-deferred", "ft-signal-output-format"],
            ["warn-measured-without-eval-set", "warn-no-eval-set"],
            deferred=True,
        ),
        # RAG applies: fine-tuning also needs RAG measured insufficient.
        *[
            case(
                f"rag-status-{status}",
                {**FORMAT, **MEASURED, **PRIVATE, "multi_tenant": True, "rag_status": status},
                R,
                ["rag-multi-tenant", "ft-deferred", "ft-signal-output-format"],
                (),
                deferred=True,
            )
            for status in ("not_tried", "tried_informally")
        ],
        case(
            "rag-status-measured_sufficient",
            {**FORMAT, **MEASURED, **PRIVATE, "multi_tenant": True, "rag_status": "measured_sufficient"},
            R,
            ["measured-sufficient", "rag-multi-tenant", "ft-deferred", "ft-signal-output-format"],
            (),
            deferred=True,
        ),
        case(
            "both-measured-insufficient",
            {**FORMAT, **MEASURED_BOTH, **PRIVATE, "multi_tenant": True},
            RFT,
            ["ft-justified", "both-production-pattern", "rag-multi-tenant", "ft-signal-output-format"],
            (),
        ),
        case(
            "rag-status-ignored-when-rag-does-not-apply",
            {**FORMAT, **MEASURED, "rag_status": "not_tried"},
            FT,
            ["ft-justified", "ft-signal-output-format"],
            (),
        ),
        case(
            "both-measured-without-eval-set",
            {
                **FORMAT,
                **PRIVATE,
                "multi_tenant": True,
                "prompting_status": "measured_insufficient",
                "rag_status": "measured_insufficient",
            },
            R,
            ["rag-multi-tenant", "ft-deferred", "ft-signal-output-format"],
            ["warn-measured-without-eval-set", "warn-no-eval-set"],
            deferred=True,
        ),
        # What the client hopes fine-tuning would do.
        case(
            "hopes-to-teach-facts",
            {"fine_tune_goal": "knowledge"},
            P,
            ["prompting-first"],
            ["warn-fine-tune-for-knowledge", "warn-no-eval-set"],
        ),
        case("hopes-to-teach-behaviour", {"fine_tune_goal": "behavior"}, P, ["prompting-first"]),
    ],
)
def test_it_applies_the_ladder(facts, approach, reasons, warnings, deferred):
    result = recommend(Facts(**facts))

    assert result.approach is approach
    assert [r.rule_id for r in result.reasons] == reasons
    # The framework's own cautions; points to watch (better practice, questions) have their own table.
    assert {w.rule_id for w in result.warnings if w.rule_id.startswith("warn-")} == warnings
    assert result.fine_tuning_deferred is deferred


def test_size_is_judged_in_tokens_when_known_and_by_documents_only_when_not():
    known = recommend(Facts(needs_private_knowledge=True, corpus_documents=5, corpus_tokens=300_000)).main_reason
    unknown = recommend(Facts(needs_private_knowledge=True, corpus_documents=40_000)).main_reason
    small = recommend(Facts(needs_private_knowledge=True, corpus_documents=101))

    assert "about 300,000 tokens" in known.text
    assert "40,000 documents and its size in tokens is not known" in unknown.text
    assert small.approach is P, "101 documents of unknown size are not taken to be large"
    assert "watch-unknown-size" in {w.rule_id for w in small.warnings}, "but the client is asked their size"
    assert "0 tokens" not in recommend(Facts(needs_private_knowledge=True)).main_reason.text


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({**FORMAT, "has_eval_set": True}, "we propose it only after prompting has been measured"),
        (
            {**FORMAT, **PRIVATE, "has_eval_set": True, "multi_tenant": True},
            "only after prompting and retrieval have been measured",
        ),
        ({**FORMAT, **PRIVATE, **MEASURED, "multi_tenant": True}, "only after retrieval has been measured"),
        (
            {**FORMAT, "has_eval_set": True, "prompting_status": "measured_sufficient"},
            "prompting already does the job on your eval set",
        ),
        (
            {**FORMAT, **PRIVATE, **MEASURED_BOTH, "multi_tenant": True, "rag_shortfall": "knowledge"},
            "retrieval fell short on facts, which fine-tuning cannot supply",
        ),
    ],
)
def test_a_deferral_says_what_must_be_measured_first(facts, expected):
    deferral = next(r for r in recommend(Facts(**facts)).reasons if r.rule_id == "ft-deferred")

    assert expected in deferral.text


@pytest.mark.parametrize(
    ("facts", "present", "absent"),
    [
        ({}, ["Assemble an eval set", "Write, version and test the prompt"], ["retrieval", "Measure"]),
        (
            {**PRIVATE, "has_eval_set": True, "needs_citations": True},
            ["build retrieval and measure it", "citations"],
            ["Assemble an eval set", "Write, version"],
        ),
        ({**FORMAT, "has_eval_set": True}, ["Measure prompting on the eval set"], ["Curate the training data"]),
        (
            {**FORMAT, "has_eval_set": True, "prompting_status": "measured_sufficient"},
            ["Take the prompt that passed the eval set to production"],
            ["Measure", "Write, version"],
        ),
        (MEASURED, ["Sort the failing eval cases by cause"], ["Write, version", "Assemble"]),
        (
            {**PRIVATE, **MEASURED, "needs_citations": True, "rag_status": "measured_insufficient"},
            ["Improve retrieval where the eval set shows misses"],
            ["build retrieval and measure it"],
        ),
        (
            {**FORMAT, **MEASURED_BOTH, **PRIVATE, "multi_tenant": True},
            ["Curate the training data", "retrieval"],
            ["Measure", "Write, version"],
        ),
        ({"needs_audit_log": True}, ["Log every question and answer"], ["retrieval", "citations"]),
        ({"has_eval_set": True, "eval_set_size": 20}, ["Grow the eval set to at least 50 cases"], ["Assemble"]),
    ],
)
def test_next_steps_follow_from_the_recommendation(facts, present, absent):
    steps = " | ".join(recommend(Facts(**facts)).next_steps)

    for text in present:
        assert text in steps
    for text in absent:
        assert text not in steps


@pytest.mark.parametrize(
    "bad",
    [
        {"update_frequency": "hourly"},
        {"prompting_status": "measured"},
        {"rag_status": ""},
        {"fine_tune_goal": "facts"},
        {"corpus_documents": -1},
        {"corpus_tokens": -5},
        {"labeled_examples": 1.5},
        {"corpus_documents": True},
        {"needs_citations": "yes"},
        {"multi_tenant": 1},
        {"has_eval_set": None},
    ],
    ids=repr,
)
def test_it_rejects_invalid_facts(bad):
    name = next(iter(bad))
    with pytest.raises(ValueError, match=name):
        Facts(**bad)


def test_facts_keep_their_published_fields_and_defaults():
    published = {
        "needs_private_knowledge": False,
        "corpus_documents": 0,
        "corpus_tokens": None,
        "update_frequency": "static",
        "needs_citations": False,
        "multi_tenant": False,
        "shared_base_many_use_cases": False,
        "strict_output_format": False,
        "latency_or_cost_critical": False,
        "structured_extraction": False,
        "labeled_examples": 0,
        "specialized_vocabulary": False,
        "fine_tune_goal": "none",
        "has_eval_set": False,
        "prompting_status": "not_tried",
        "rag_status": "not_tried",
        # Added later, with defaults that keep earlier answers meaning what they did.
        "needs_audit_log": False,
        "eval_set_size": 0,
        "eval_metric": "",
        "prompting_shortfall": "unknown",
        "rag_shortfall": "unknown",
    }

    assert {f.name: f.default for f in dataclasses.fields(Facts)} == published
    assert [a.value for a in Approach] == ["prompting", "rag", "fine_tuning", "rag_fine_tuning"]
    assert ladder.CONTEXT_BUDGET_TOKENS == 200_000


def test_every_finding_names_a_section_of_the_framework():
    sections = {value for name, value in vars(ladder).items() if name.startswith("SECTION_")}
    everything = Facts(
        needs_private_knowledge=True,
        corpus_documents=50_000,
        update_frequency="daily",
        needs_citations=True,
        multi_tenant=True,
        shared_base_many_use_cases=True,
        strict_output_format=True,
        latency_or_cost_critical=True,
        structured_extraction=True,
        labeled_examples=10,
        specialized_vocabulary=True,
        fine_tune_goal="knowledge",
        prompting_status="measured_insufficient",
    )

    findings = [*recommend(everything).reasons, *recommend(everything).warnings]

    assert len(findings) >= 10
    assert all(f.section in sections and f.text for f in findings)


@pytest.mark.parametrize(
    ("facts", "approach", "first_reason"),
    [
        # The fintech: no knowledge of its own, "cite sources" ticked, prompting measured short on format.
        ({**FORMAT, **MEASURED, "needs_citations": True}, FT, "ft-justified"),
        # A shortfall of facts goes to retrieval, even with no knowledge declared, never to fine-tuning.
        ({**FORMAT, **MEASURED, "prompting_shortfall": "knowledge"}, R, "rag-knowledge-shortfall"),
        (
            {**FORMAT, **MEASURED_BOTH, **PRIVATE, "multi_tenant": True, "rag_shortfall": "knowledge"},
            R,
            "rag-knowledge-shortfall",
        ),
        # A shortfall of behaviour opens the gate as the signal would.
        ({**MEASURED, "prompting_shortfall": "format"}, FT, "ft-justified"),
        ({**MEASURED, "prompting_shortfall": "latency_cost"}, FT, "ft-justified"),
        ({**MEASURED, "prompting_shortfall": "vocabulary"}, FT, "ft-justified"),
        # "Don't know" keeps the framework's gate as it stands.
        ({**FORMAT, **MEASURED, "prompting_shortfall": "unknown"}, FT, "ft-justified"),
        # The cheapest rung measured sufficient wins, whatever the triggers above it...
        (
            {
                **PRIVATE,
                "corpus_documents": 400,
                "corpus_tokens": 150_000,
                "update_frequency": "daily",
                "has_eval_set": True,
                "prompting_status": "measured_sufficient",
            },
            P,
            "measured-sufficient",
        ),
        # ...unless the knowledge is more than a prompt holds: a pass cannot have tested it.
        (
            {
                **PRIVATE,
                "corpus_documents": 40_000,
                "update_frequency": "daily",
                "has_eval_set": True,
                "prompting_status": "measured_sufficient",
            },
            R,
            "rag-large-corpus",
        ),
        ({**FORMAT, **MEASURED, **PRIVATE, "rag_status": "measured_sufficient"}, R, "measured-sufficient"),
        # Retrieval measured with nothing of the client's own to retrieve: a question, not a rung.
        ({**FORMAT, **MEASURED, "rag_status": "measured_sufficient"}, FT, "ft-justified"),
        # An eval set too small to decide: measurements are indications, fine-tuning waits.
        ({**FORMAT, **MEASURED, "eval_set_size": 12, "prompting_shortfall": "format"}, P, "prompting-first"),
    ],
)
def test_measurements_and_their_causes_decide(facts, approach, first_reason):
    result = recommend(Facts(**facts))

    assert result.approach is approach
    assert result.main_reason.rule_id == first_reason


@pytest.mark.parametrize(
    ("facts", "watch"),
    [
        ({"needs_citations": True}, "watch-premise"),
        ({"multi_tenant": True}, "watch-premise"),
        ({"shared_base_many_use_cases": True}, "watch-premise"),
        (FORMAT, "watch-structured-outputs"),
        ({"latency_or_cost_critical": True}, "watch-latency-cost"),
        ({**PRIVATE, "corpus_tokens": 100_000}, "watch-long-context"),
        ({**PRIVATE, "corpus_documents": 10, "update_frequency": "realtime"}, "watch-live-data"),
        ({**FORMAT, **MEASURED, "multi_tenant": True}, "watch-tenant-training-data"),
        ({**FORMAT, **MEASURED}, "watch-base-model-retirement"),
        (MEASURED, "watch-why-short"),
        ({**MEASURED, "eval_set_size": 10}, "warn-small-eval-set"),
        ({**PRIVATE, "corpus_documents": 500}, "watch-unknown-size"),
    ],
)
def test_points_to_watch_add_better_practice_without_changing_the_approach(facts, watch):
    with_watch = recommend(Facts(**facts))

    assert watch in {w.rule_id for w in with_watch.warnings}
    assert all(w.text and w.section for w in with_watch.warnings)


@pytest.mark.parametrize(
    ("facts", "absent"),
    [
        ({**PRIVATE, "needs_citations": True}, "watch-premise"),
        ({**FORMAT, **MEASURED, "prompting_shortfall": "format"}, "watch-why-short"),
        ({"has_eval_set": True, "eval_set_size": 50}, "warn-small-eval-set"),
        ({**PRIVATE, "corpus_documents": 100}, "watch-unknown-size"),
        ({**FORMAT, "has_eval_set": True}, "watch-base-model-retirement"),
    ],
)
def test_points_to_watch_only_where_they_apply(facts, absent):
    assert absent not in {w.rule_id for w in recommend(Facts(**facts)).warnings}
