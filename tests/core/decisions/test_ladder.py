"""The ladder's rules as tables: every rule, every boundary, every status. No database."""

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decisions import ladder
from decisions.costs import request_cost
from decisions.ladder import Approach, Facts, RuleId, Section, Task, recommend
from tests.core.decisions.assumptions import make_assumptions

P, R, FT, RFT = Approach.PROMPTING, Approach.RAG, Approach.FINE_TUNING, Approach.RAG_FINE_TUNING
KNOWLEDGE = {"needs_knowledge": True}
# Measured short for what training changes (format): the gate for fine-tuning needs the cause too.
MEASURED = {"has_eval_set": True, "prompting_status": "measured_insufficient", "prompting_shortfall": "format"}
MEASURED_BOTH = {**MEASURED, "rag_status": "measured_insufficient", "rag_shortfall": "format"}
FORMAT = {"strict_output_format": True}


def ids(findings):
    return [finding.rule_id.value for finding in findings]


def case(id, facts, approach, reasons, warnings=("warn-no-eval-set",), later=()):
    return pytest.param(facts, approach, list(reasons), set(warnings), list(later), id=id)


@pytest.mark.parametrize(
    ("facts", "approach", "reasons", "warnings", "later"),
    [
        case("nothing-needed", {}, P, ["prompting-first"]),
        case("eval-set-silences-its-warning", {"has_eval_set": True}, P, ["prompting-first"], ()),
        # What the system does: documents it works on are inputs, whatever their number or size.
        case(
            "extracted-inputs-are-not-knowledge",
            {"task": "extract", "input_tokens": 300_000},
            P,
            ["prompting-inputs"],
            ["warn-no-eval-set", "warn-too-few-labels"],
        ),
        case(
            "processed-inputs-are-not-knowledge", {"task": "process", "input_tokens": 300_000}, P, ["prompting-inputs"]
        ),
        # A long document takes at most half a prompt: it is read in parts, a small playbook beside each.
        case(
            "a-playbook-rides-beside-each-part-of-a-long-contract",
            {**KNOWLEDGE, "task": "process", "input_tokens": 300_000, "corpus_tokens": 10_000},
            P,
            ["prompting-small-static-knowledge"],
        ),
        case(
            "knowledge-over-half-a-prompt-beside-a-long-document",
            {**KNOWLEDGE, "task": "process", "input_tokens": 300_000, "corpus_tokens": 100_001},
            R,
            ["rag-large-corpus"],
        ),
        case("writing-needs-nothing-retrieved", {"task": "write"}, P, ["prompting-first"]),
        case("acting-needs-nothing-retrieved", {"task": "act"}, P, ["prompting-first"]),
        # Size: in tokens when the pages are given...
        case(
            "pages-at-budget",
            {**KNOWLEDGE, "corpus_documents": 5, "corpus_tokens": 200_000},
            P,
            ["prompting-small-static-knowledge"],
        ),
        case(
            "pages-over-budget", {**KNOWLEDGE, "corpus_documents": 5, "corpus_tokens": 200_001}, R, ["rag-large-corpus"]
        ),
        case(
            "pages-decide-over-the-document-line",
            {**KNOWLEDGE, "corpus_documents": 10_001, "corpus_tokens": 150_000},
            P,
            ["prompting-small-static-knowledge"],
        ),
        # ...and estimated from a count at one page and at a typical length when they are not.
        case(
            "100-documents-fit-at-a-typical-length",
            {**KNOWLEDGE, "corpus_documents": 100},
            P,
            ["prompting-small-static-knowledge"],
        ),
        case(
            "101-documents-the-typical-length-decides", {**KNOWLEDGE, "corpus_documents": 101}, R, ["rag-large-corpus"]
        ),
        case("400-documents-fit-only-at-one-page", {**KNOWLEDGE, "corpus_documents": 400}, R, ["rag-large-corpus"]),
        case("401-documents-over-even-at-one-page", {**KNOWLEDGE, "corpus_documents": 401}, R, ["rag-large-corpus"]),
        case("large-but-nothing-to-look-up", {"corpus_documents": 50_000}, P, ["prompting-first"]),
        # Freshness.
        *[
            case(
                f"{freq}-is-static-enough",
                {**KNOWLEDGE, "corpus_documents": 10, "update_frequency": freq},
                P,
                ["prompting-small-static-knowledge"],
            )
            for freq in ("static", "yearly", "quarterly")
        ],
        *[
            case(
                f"{freq}-is-dynamic",
                {**KNOWLEDGE, "corpus_documents": 10, "update_frequency": freq},
                R,
                ["rag-dynamic-knowledge"],
            )
            for freq in ("monthly", "weekly", "daily", "realtime")
        ],
        case("dynamic-but-nothing-to-look-up", {"update_frequency": "daily"}, P, ["prompting-first"]),
        case(
            "large-and-dynamic",
            {**KNOWLEDGE, "corpus_documents": 20_000, "update_frequency": "weekly"},
            R,
            ["rag-large-corpus", "rag-dynamic-knowledge"],
        ),
        # The other reasons for retrieval, which presume knowledge to look things up in (any: the
        # client's own or published).
        case("citations", {**KNOWLEDGE, "corpus_documents": 10, "needs_citations": True}, R, ["rag-citations"]),
        case("multi-tenant", {**KNOWLEDGE, "corpus_documents": 10, "multi_tenant": True}, R, ["rag-multi-tenant"]),
        case(
            "shared-base-model",
            {**KNOWLEDGE, "corpus_documents": 10, "shared_base_many_use_cases": True},
            R,
            ["rag-shared-base-model"],
        ),
        case("citations-without-knowledge", {"needs_citations": True}, P, ["prompting-first"]),
        case("multi-tenant-without-knowledge", {"multi_tenant": True}, P, ["prompting-first"]),
        case("an-audit-log-is-logging", {"needs_audit_log": True}, P, ["prompting-first"]),
        # Fine-tuning signals without measurements: deferred, and never among the reasons.
        case("format-unmeasured", FORMAT, P, ["prompting-first"], later=["ft-deferred", "ft-signal-output-format"]),
        case(
            "latency-unmeasured",
            {"latency_or_cost_critical": True},
            P,
            ["prompting-first"],
            later=["ft-deferred", "ft-signal-latency-cost"],
        ),
        case(
            "vocabulary-unmeasured",
            {"specialized_vocabulary": True},
            P,
            ["prompting-first"],
            later=["ft-deferred", "ft-signal-vocabulary"],
        ),
        case(
            "extraction-999-labels",
            {"task": "extract", "labeled_examples": 999},
            P,
            ["prompting-inputs"],
            ["warn-too-few-labels", "warn-no-eval-set"],
        ),
        case(
            "extraction-1000-labels",
            {"task": "extract", "labeled_examples": 1_000},
            P,
            ["prompting-inputs"],
            later=["ft-deferred", "ft-signal-structured-extraction"],
        ),
        case("labels-without-extraction", {"labeled_examples": 5_000}, P, ["prompting-first"]),
        case(
            "knowledge-with-a-signal",
            {**KNOWLEDGE, "corpus_documents": 50_000, **FORMAT},
            R,
            ["rag-large-corpus"],
            later=["ft-deferred", "ft-signal-output-format"],
        ),
        # Prompting measured, with an eval set.
        *[
            case(
                f"format-prompting-{status}",
                {**FORMAT, "has_eval_set": True, "prompting_status": status},
                P,
                ["prompting-first"],
                (),
                later=["ft-deferred", "ft-signal-output-format"],
            )
            for status in ("not_tried", "tried_informally")
        ],
        case(
            "format-prompting-measured-sufficient",
            {**FORMAT, "has_eval_set": True, "prompting_status": "measured_sufficient"},
            P,
            ["measured-sufficient"],
            (),
            later=["ft-deferred", "ft-signal-output-format"],
        ),
        case(
            "format-prompting-measured-insufficient",
            {**FORMAT, **MEASURED},
            FT,
            ["ft-justified", "ft-signal-output-format"],
            (),
        ),
        case(
            "insufficient-without-signal", {**MEASURED, "prompting_shortfall": "unknown"}, P, ["prompting-improve"], ()
        ),
        # A measurement without an eval set is only an impression.
        case(
            "measured-without-eval-set",
            {**FORMAT, "prompting_status": "measured_insufficient"},
            P,
            ["prompting-first"],
            ["warn-measured-without-eval-set", "warn-no-eval-set"],
            later=["ft-deferred", "ft-signal-output-format"],
        ),
        # Retrieval called for: fine-tuning also needs retrieval measured insufficient.
        *[
            case(
                f"rag-status-{status}",
                {**FORMAT, **MEASURED, **KNOWLEDGE, "corpus_documents": 10, "multi_tenant": True, "rag_status": status},
                R,
                ["rag-multi-tenant"],
                (),
                later=["ft-deferred", "ft-signal-output-format"],
            )
            for status in ("not_tried", "tried_informally")
        ],
        case(
            "rag-measured-sufficient-stays",
            {
                **FORMAT,
                **MEASURED,
                **KNOWLEDGE,
                "corpus_documents": 10,
                "multi_tenant": True,
                "rag_status": "measured_sufficient",
            },
            R,
            ["measured-sufficient", "rag-multi-tenant"],
            (),
            later=["ft-deferred", "ft-signal-output-format"],
        ),
        case(
            "both-measured-insufficient",
            {**FORMAT, **MEASURED_BOTH, **KNOWLEDGE, "corpus_documents": 10, "multi_tenant": True},
            RFT,
            ["ft-justified", "both-production-pattern", "rag-multi-tenant", "ft-signal-output-format"],
            (),
        ),
        # Retrieval measured short for behaviour over real knowledge that needs no retrieval of itself:
        # kept, with the fine-tune, never dropped for fine-tuning alone.
        case(
            "measured-retrieval-kept",
            {**FORMAT, **MEASURED_BOTH, **KNOWLEDGE, "corpus_documents": 10, "rag_shortfall": "format"},
            RFT,
            ["ft-justified", "both-production-pattern", "rag-kept", "ft-signal-output-format"],
            (),
        ),
        # The usual journey to both: prompting short on facts, retrieval built for them and then short on
        # format. Retrieval supplied the facts; what is left is behaviour.
        case(
            "facts-then-format-does-both",
            {**FORMAT, **MEASURED_BOTH, **KNOWLEDGE, "corpus_documents": 20_000, "prompting_shortfall": "knowledge"},
            RFT,
            [
                "ft-justified",
                "both-production-pattern",
                "rag-knowledge-shortfall",
                "rag-large-corpus",
                "ft-signal-output-format",
            ],
            (),
        ),
        case(
            "facts-then-facts-stays-in-retrieval",
            {
                **FORMAT,
                **MEASURED_BOTH,
                **KNOWLEDGE,
                "corpus_documents": 20_000,
                "prompting_shortfall": "knowledge",
                "rag_shortfall": "knowledge",
            },
            R,
            ["rag-knowledge-shortfall", "rag-large-corpus"],
            (),
            later=["ft-deferred", "ft-signal-output-format"],
        ),
        case(
            "no-knowledge-fine-tunes-alone", {**FORMAT, **MEASURED}, FT, ["ft-justified", "ft-signal-output-format"], ()
        ),
        case(
            "both-measured-without-eval-set",
            {
                **FORMAT,
                **KNOWLEDGE,
                "corpus_documents": 10,
                "multi_tenant": True,
                "prompting_status": "measured_insufficient",
                "rag_status": "measured_insufficient",
            },
            R,
            ["rag-multi-tenant"],
            ["warn-measured-without-eval-set", "warn-no-eval-set"],
            later=["ft-deferred", "ft-signal-output-format"],
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
def test_it_applies_the_ladder(facts, approach, reasons, warnings, later):
    result = recommend(Facts(**facts))

    assert result.approach is approach
    assert ids(result.reasons) == reasons
    # The framework's own cautions; points to watch (better practice, questions) have their own table.
    assert {w for w in ids(result.warnings) if w.startswith("warn-")} == warnings
    assert ids(result.later) == later
    assert result.fine_tuning_deferred is bool(later)


def test_documents_to_process_are_inputs_however_many_and_knowledge_is_asked_apart():
    """The legal-tech CTO: fields from each contract, 3,500 new contracts a month."""
    as_knowledge = recommend(Facts(task=Task.EXTRACT, needs_knowledge=True, corpus_documents=3_500,
                                   update_frequency="weekly"))  # fmt: skip
    as_inputs = recommend(Facts(task=Task.EXTRACT, input_tokens=6_000))

    assert as_inputs.approach is P
    assert "Each request brings the document it works on (about 6,000 tokens" in as_inputs.main_reason.text
    assert not as_inputs.rag_applies
    assert as_knowledge.approach is R, "what the client says they look up is taken at their word"
    assert "ask-inputs-or-knowledge" in ids(as_knowledge.warnings), "but a consultant asks whether it is the inputs"


def test_published_sources_count_as_knowledge_to_look_up():
    published = recommend(Facts(needs_knowledge=True, corpus_documents=6_000, needs_citations=True))
    words = " ".join(f.text for f in (*published.reasons, *published.warnings))

    assert published.approach is R
    assert {"rag-large-corpus", "rag-citations"} <= set(ids(published.reasons))
    assert not [f.name for f in dataclasses.fields(Facts) if "private" in f.name]
    assert "private" not in words.lower()
    assert "private" not in recommend(Facts(needs_citations=True)).warnings[0].text.lower()


@pytest.mark.parametrize(
    ("documents", "approach", "said", "line"),
    [
        (
            40,
            P,
            "The 40 documents it looks things up in come to about 80,000 tokens at a typical length",
            "if they average 11 pages or more, they would not",
        ),
        (100, P, "come to about 200,000 tokens at a typical length", "if they average 4.5 pages or more"),
        (
            250,
            R,
            "At a typical length of about 4 pages, the 250 documents it looks things up in come to about 500,000",
            "If they average 1.5 pages or less, they come to 200,000 tokens or fewer",
        ),
        (400, R, "At a typical length of about 4 pages, the 400 documents", "If they average 1 page or less"),
        (401, R, "Even at one page a document, the 401 documents it looks things up in come to about 200,500", None),
        (
            9_500,
            R,
            "Even at one page a document, the 9,500 documents it looks things up in come to about 4,750,000 tokens "
            "(about 19,000,000 at a typical length of 4 pages, as the estimate prices them), more than",
            None,
        ),
        (12_000, R, "past 10,000 documents the framework counts knowledge as large in any case", None),
    ],
)
def test_a_count_without_pages_is_estimated_at_one_page_and_at_a_typical_length(documents, approach, said, line):
    result = recommend(Facts(needs_knowledge=True, corpus_documents=documents))
    words = " ".join(f.text for f in (*result.reasons, *result.warnings))

    assert result.approach is approach
    assert said in words
    if line is None:
        assert "watch-size-line" not in ids(result.warnings)
    else:
        assert line in next(w.text for w in result.warnings if w.rule_id is RuleId.WATCH_SIZE_LINE)


def test_what_the_client_said_is_reported_as_theirs():
    vocabulary = recommend(Facts(specialized_vocabulary=True)).later[1].text
    dynamic = recommend(Facts(needs_knowledge=True, corpus_documents=10, update_frequency="weekly")).main_reason.text

    assert vocabulary.startswith("You told us your field uses specialised vocabulary")
    assert "if the eval set shows" in vocabulary
    assert "genuinely do not know" not in vocabulary
    assert dynamic.startswith("You told us the knowledge changes every week")


def test_size_words_never_speak_of_zero_tokens():
    assert "0 tokens" not in recommend(Facts(needs_knowledge=True)).main_reason.text
    assert "ask-knowledge-size" in ids(recommend(Facts(needs_knowledge=True)).warnings)


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({**FORMAT, "has_eval_set": True}, "we propose it only after prompting has been measured"),
        (
            {**FORMAT, **KNOWLEDGE, "corpus_documents": 10, "has_eval_set": True, "multi_tenant": True},
            "only after prompting and retrieval have been measured",
        ),
        (
            {**FORMAT, **KNOWLEDGE, **MEASURED, "corpus_documents": 10, "multi_tenant": True},
            "only after retrieval has been measured",
        ),
        (
            {**FORMAT, "has_eval_set": True, "prompting_status": "measured_sufficient"},
            "prompting already does the job on your eval set",
        ),
        (
            {
                **FORMAT,
                **KNOWLEDGE,
                **MEASURED_BOTH,
                "corpus_documents": 10,
                "multi_tenant": True,
                "rag_shortfall": "knowledge",
            },
            "retrieval fell short on facts, which fine-tuning cannot supply",
        ),
    ],
)
def test_a_deferral_says_what_must_be_measured_first(facts, expected):
    assert expected in recommend(Facts(**facts)).deferred_note


def test_below_retrieval_measured_short_on_behaviour_prompting_may_fall_short_for_any_cause():
    """Facts prompting lacks are what retrieval supplies: neither the deferral nor the step asks that it fall
    short on something else. Where prompting is the highest rung, they do."""
    cited = {**FORMAT, **KNOWLEDGE, "corpus_tokens": 20_000, "has_eval_set": True, "needs_citations": True}
    below = recommend(Facts(**cited, rag_status="measured_insufficient", rag_shortfall="format"))
    alone = recommend(Facts(**FORMAT, has_eval_set=True))

    assert below.deferred_note.endswith("only after prompting has been measured on an eval set and found insufficient.")
    assert "Measure prompting on the eval set; fine-tuning comes into view only if the results fall short." in (
        below.next_steps
    )
    assert alone.deferred_note.endswith("found insufficient, and not for missing facts.")


@pytest.mark.parametrize(
    ("facts", "present", "absent"),
    [
        ({}, ["Assemble an eval set: real questions", "Write, version and test the prompt"], ["retrieval", "Measure"]),
        ({"task": "extract"}, ["Assemble an eval set: real documents of the kind it will be given"], ["retrieval"]),
        (
            {**KNOWLEDGE, "corpus_documents": 10, "has_eval_set": True, "needs_citations": True},
            ["build retrieval and measure it", "citations"],
            ["Assemble an eval set", "Write, version"],
        ),
        ({**FORMAT, "has_eval_set": True}, ["Measure prompting on the eval set"], ["Curate the training data"]),
        (
            {**FORMAT, "has_eval_set": True, "prompting_status": "measured_sufficient"},
            ["Take the prompt that passed the eval set to production"],
            ["Measure", "Write, version"],
        ),
        (
            {**MEASURED, "prompting_shortfall": "unknown"},
            ["Sort the failing eval cases by cause"],
            ["Write, version", "Assemble"],
        ),
        (
            {
                **KNOWLEDGE,
                **MEASURED,
                "corpus_documents": 10,
                "needs_citations": True,
                "rag_status": "measured_insufficient",
            },
            ["Improve retrieval where the eval set shows misses"],
            ["build retrieval and measure it"],
        ),
        (
            {
                **FORMAT,
                **MEASURED_BOTH,
                **KNOWLEDGE,
                "corpus_documents": 10,
                "multi_tenant": True,
                "rag_shortfall": "format",
            },
            ["Curate the training data", "Keep the retrieval already measured"],
            ["Measure", "Write, version"],
        ),
        ({"needs_audit_log": True}, ["Log every request and answer"], ["retrieval", "citations"]),
        # What often does a fine-tune's job without one comes before the first training run.
        (
            {**MEASURED, "latency_or_cost_critical": True, "prompting_shortfall": "latency_cost"},
            [
                "On the eval set, before the first training run, try a smaller model with prompt caching and batching "
                "for latency and cost: training goes ahead only if the results still fall short (for latency and "
                "cost, distilling a large model's answers into a small one is the usual route).",
                "Curate the training data",
            ],
            ["structured outputs"],
        ),
        (
            {**FORMAT, **MEASURED},
            [
                "On the eval set, before the first training run, try structured outputs (or constrained decoding, a "
                "schema the model must follow) for the format: training goes ahead only if the results still fall "
                "short."
            ],
            ["latency"],
        ),
        (
            {**FORMAT, **MEASURED, "latency_or_cost_critical": True},
            ["for the format, and a smaller model with prompt caching and batching for latency and cost: training"],
            [],
        ),
        ({"has_eval_set": True, "eval_set_size": 20}, ["Grow the eval set to at least 50 cases"], ["Assemble"]),
        # A prompt or retrieval the client already has is built on, whatever its measurement is worth.
        (
            {"prompting_status": "tried_informally"},
            ["Write down and version the prompt you tried, then test it"],
            ["Write, version"],
        ),
        (
            {"has_eval_set": True, "eval_set_size": 30, "prompting_status": "measured_insufficient"},
            ["Sort the cases your prompt failed by cause and improve it against them."],
            ["Write, version", "Assemble"],
        ),
        (
            {"prompting_status": "measured_insufficient"},
            ["Assemble an eval set", "Improve the prompt you have against the cases it fails on the eval set."],
            ["Write, version", "Sort"],
        ),
        (
            {"has_eval_set": True, "eval_set_size": 30, "prompting_status": "measured_sufficient"},
            ["Version the prompt that passed and measure it again on the eval set before anything relies on it."],
            ["Write, version", "to production"],
        ),
        (
            {"prompting_status": "measured_sufficient"},
            ["Version the prompt you judged good enough and measure it on the eval set before anything relies on it."],
            ["Write, version", "to production"],
        ),
        (
            {**KNOWLEDGE, "corpus_documents": 20_000, "rag_status": "tried_informally"},
            ["build on the retrieval you tried and measure it on the eval set"],
            ["build retrieval and measure it"],
        ),
        (
            {
                **KNOWLEDGE,
                "corpus_documents": 20_000,
                "has_eval_set": True,
                "eval_set_size": 20,
                "rag_status": "measured_insufficient",
            },
            ["build on the retrieval you measured and measure it again on the eval set"],
            ["build retrieval and measure it", "Improve retrieval"],
        ),
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
        {"task": "chat"},
        {"corpus_documents": -1},
        {"corpus_tokens": -5},
        {"input_tokens": -5},
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
        "needs_knowledge": False,
        "corpus_documents": 0,
        "corpus_tokens": None,
        "update_frequency": "static",
        "needs_citations": False,
        "multi_tenant": False,
        "shared_base_many_use_cases": False,
        "strict_output_format": False,
        "latency_or_cost_critical": False,
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
        "task": "answer",
        "input_tokens": None,
    }

    assert {f.name: f.default for f in dataclasses.fields(Facts)} == published
    assert [a.value for a in Approach] == ["prompting", "rag", "fine_tuning", "rag_fine_tuning"]
    assert ladder.CONTEXT_BUDGET_TOKENS == 200_000


def test_old_keywords_keep_their_meaning():
    """Integrations written before the answers were renamed or folded still say what they meant."""
    assert Facts(needs_private_knowledge=True, corpus_documents=5) == Facts(needs_knowledge=True, corpus_documents=5)
    assert Facts(structured_extraction=True).task is Task.EXTRACT
    assert Facts(structured_extraction=False).task is Task.ANSWER
    assert Facts(update_frequency="weekly").update_frequency is ladder.Frequency.WEEKLY
    assert dataclasses.replace(Facts(needs_private_knowledge=True), corpus_documents=3).needs_knowledge


def test_every_finding_names_a_section_of_the_framework():
    everything = Facts(
        needs_knowledge=True,
        corpus_documents=50_000,
        update_frequency="daily",
        needs_citations=True,
        multi_tenant=True,
        shared_base_many_use_cases=True,
        strict_output_format=True,
        latency_or_cost_critical=True,
        task=Task.EXTRACT,
        labeled_examples=10,
        specialized_vocabulary=True,
        fine_tune_goal="knowledge",
        prompting_status="measured_insufficient",
    )
    result = recommend(everything)
    findings = [*result.reasons, *result.warnings, *result.later]

    assert len(findings) >= 10
    assert all(isinstance(f.section, Section) and isinstance(f.rule_id, RuleId) and f.text for f in findings)


@pytest.mark.parametrize(
    ("facts", "approach", "first_reason"),
    [
        # The fintech: nothing to look up, "cite sources" ticked, prompting measured short on format.
        ({**FORMAT, **MEASURED, "needs_citations": True}, FT, "ft-justified"),
        # A shortfall of facts never goes to fine-tuning; with no knowledge declared to look up, nothing to
        # retrieve either: the prompt is improved and a question asks where the facts should come from.
        ({**FORMAT, **MEASURED, "prompting_shortfall": "knowledge"}, P, "prompting-improve"),
        (
            {
                **FORMAT,
                **MEASURED_BOTH,
                **KNOWLEDGE,
                "corpus_documents": 10,
                "multi_tenant": True,
                "rag_shortfall": "knowledge",
            },
            R,
            "rag-knowledge-shortfall",
        ),
        # A shortfall of behaviour opens the gate as the signal would.
        ({**MEASURED, "prompting_shortfall": "format"}, FT, "ft-justified"),
        ({**MEASURED, "prompting_shortfall": "latency_cost"}, FT, "ft-justified"),
        ({**MEASURED, "prompting_shortfall": "vocabulary"}, FT, "ft-justified"),
        # "Don't know" keeps the gate shut: the failing cases must show a cause training changes first.
        ({**FORMAT, **MEASURED, "prompting_shortfall": "unknown"}, P, "prompting-improve"),
        # The cheapest rung measured sufficient wins, whatever the triggers above it...
        (
            {
                **KNOWLEDGE,
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
                **KNOWLEDGE,
                "corpus_documents": 40_000,
                "update_frequency": "daily",
                "has_eval_set": True,
                "prompting_status": "measured_sufficient",
            },
            R,
            "rag-large-corpus",
        ),
        (
            {**FORMAT, **MEASURED, **KNOWLEDGE, "corpus_documents": 10, "rag_status": "measured_sufficient"},
            R,
            "measured-sufficient",
        ),
        # Retrieval measured sufficient over published monographs: never overtaken by fine-tuning alone.
        (
            {
                **FORMAT,
                **MEASURED,
                **KNOWLEDGE,
                "corpus_documents": 6_000,
                "specialized_vocabulary": True,
                "rag_status": "measured_sufficient",
            },
            R,
            "measured-sufficient",
        ),
        # Retrieval measured with nothing declared to look up: it stays, and a question asks what it read.
        ({**FORMAT, **MEASURED, "rag_status": "measured_sufficient"}, R, "measured-sufficient"),
        # An eval set too small to decide: measurements are indications, fine-tuning waits.
        ({**FORMAT, **MEASURED, "eval_set_size": 12, "prompting_shortfall": "format"}, P, "prompting-first"),
    ],
)
def test_measurements_and_their_causes_decide(facts, approach, first_reason):
    result = recommend(Facts(**facts))

    assert result.approach is approach
    assert result.main_reason.rule_id == first_reason


@given(st.integers(1, 400))
def test_the_page_lines_said_are_on_the_right_side_of_the_prompts_budget(documents):
    """ "X pages or less" fits in a prompt at X pages; "Y pages or more" does not at Y (X, Y to the half page,
    whole pages from ten)."""
    from decisions.ladder import CONTEXT_BUDGET_TOKENS, TOKENS_PER_PAGE
    from decisions.ladder.words import pages_at_most, pages_beyond

    line = CONTEXT_BUDGET_TOKENS / TOKENS_PER_PAGE / documents
    within, beyond = (float(words.split()[0]) for words in (pages_at_most(line), pages_beyond(line)))

    assert within <= 0.5 or documents * within * TOKENS_PER_PAGE <= CONTEXT_BUDGET_TOKENS
    assert documents * beyond * TOKENS_PER_PAGE > CONTEXT_BUDGET_TOKENS
    assert beyond - within <= (0.5 if within < 10 else 1) or within == 0.5
    assert within < 10 or within == int(within), "a long document's pages said whole"


def test_the_knowledge_must_fit_beside_the_document_each_request_brings():
    """150,000 tokens of knowledge fit a prompt alone, not beside a 150,000-token input; 60,000 do, the
    document read in parts of up to half a prompt, the knowledge beside each, and priced so."""
    alone = Facts(needs_knowledge=True, corpus_documents=50, corpus_tokens=150_000)
    beside = Facts(
        task="process", input_tokens=150_000, needs_knowledge=True, corpus_documents=50, corpus_tokens=150_000
    )

    assert recommend(alone).approach is P
    result = recommend(beside)
    assert result.approach is R
    assert "more than the 100,000 tokens a prompt has room for beside each part of the document a request brings" in (
        result.main_reason.text
    )
    fits = dataclasses.replace(beside, corpus_tokens=60_000)
    result = recommend(fits)
    assert result.approach is P
    watch = next(w.text for w in result.warnings if w.rule_id is RuleId.WATCH_INPUT_OVER_PROMPT)
    assert "One document of about 150,000 tokens and the knowledge of about 60,000 tokens" in watch
    assert "in parts of up to 100,000 tokens with the knowledge beside each part" in watch
    assumptions = make_assumptions()
    in_parts, whole = (request_cost(P, f, assumptions) for f in (fits, dataclasses.replace(fits, input_tokens=90_000)))
    assert in_parts.knowledge == 2 * 60_000, "the knowledge rides beside both parts"
    assert whole.knowledge == 60_000
    unsized = dataclasses.replace(fits, corpus_tokens=None, corpus_documents=0, input_tokens=180_000)  # size assumed
    watch = next(w.text for w in recommend(unsized).warnings if w.rule_id is RuleId.WATCH_INPUT_OVER_PROMPT)
    assert "the knowledge of about 50,000 tokens (the size we assumed: the brief does not give one)" in watch
    cost = request_cost(P, unsized, assumptions)
    assert (cost.parts, cost.knowledge_per_part, cost.knowledge_assumed) == (2, 50_000, True)
    shorter = recommend(dataclasses.replace(fits, input_tokens=90_000))
    assert RuleId.WATCH_INPUT_OVER_PROMPT not in {w.rule_id for w in shorter.warnings}, "one prompt holds both"


def test_a_size_only_estimated_follows_what_the_client_told_us_and_draws_no_line_it_cannot_move():
    """300 documents whose length is not given, changing weekly and cited: retrieval, led by what the client
    said; the pages would not change it, so no point to watch offers prompting if they are short."""
    result = recommend(
        Facts(needs_knowledge=True, corpus_documents=300, update_frequency="weekly", needs_citations=True)
    )

    assert result.approach is R
    assert ids(result.reasons) == ["rag-dynamic-knowledge", "rag-citations", "rag-large-corpus"]
    assert "watch-size-line" not in ids(result.warnings)
    assert "watch-size-line" in ids(recommend(Facts(needs_knowledge=True, corpus_documents=300)).warnings)


def test_a_hope_to_teach_facts_by_fine_tuning_is_answered_where_the_facts_go_in_this_memo():
    """Knowledge that fits a prompt goes in the prompt: the warning does not send it to retrieval."""
    hopes = {"fine_tune_goal": "knowledge", "needs_knowledge": True, "corpus_documents": 50, "corpus_tokens": 20_000}
    small, large = Facts(**hopes), Facts(**{**hopes, "corpus_documents": 5_000, "corpus_tokens": 2_000_000})

    (in_prompt,) = (w.text for w in recommend(small).warnings if w.rule_id is RuleId.WARN_FINE_TUNE_FOR_KNOWLEDGE)
    (retrieved,) = (w.text for w in recommend(large).warnings if w.rule_id is RuleId.WARN_FINE_TUNE_FOR_KNOWLEDGE)

    assert recommend(small).approach is Approach.PROMPTING
    assert "belong in the prompt, or in retrieval once they outgrow it" in in_prompt
    assert recommend(large).approach is Approach.RAG
    assert "belong in retrieval, where they can be updated and cited" in retrieved


def test_long_context_is_offered_for_knowledge_that_fits_and_sits_still_not_for_live_data():
    fits = {"needs_knowledge": True, "corpus_documents": 40, "corpus_tokens": 30_000, "needs_citations": True}

    (weekly,) = (w.text for w in recommend(Facts(**fits, update_frequency="weekly")).warnings
                 if w.rule_id is RuleId.WATCH_LONG_CONTEXT)  # fmt: skip
    live = recommend(Facts(**fits, update_frequency="realtime")).warnings

    assert "each approach's cost at your volume shows which is cheaper to run" in weekly, "no claim the table may belie"
    assert RuleId.WATCH_LONG_CONTEXT not in {w.rule_id for w in live}, "live data is fetched, not cached"
    assert RuleId.WATCH_LIVE_DATA in {w.rule_id for w in live}


@pytest.mark.parametrize(
    ("facts", "said"),
    [
        (
            {"prompting_status": "measured_insufficient", "prompting_shortfall": "format"},
            "the project carries on from the prompt you measured on your 30 cases: improved, and measured again on an "
            "eval set of at least 50 cases, which decides any step up the ladder",
        ),
        (
            {"prompting_status": "measured_sufficient"},
            "the project builds on the prompt that passed on your 30 cases, confirmed on an eval set of at least 50 "
            "cases before anything relies on it",
        ),
    ],
)
def test_a_prompt_measured_on_too_few_cases_is_carried_on_not_started(facts, said):
    """Thirty cases decide nothing, but the client has a prompt: the memo builds on it rather than
    telling them to start one; with no measurement, the project starts with a prompt."""
    for task in ("write", "extract"):
        reasons = recommend(Facts(task=task, has_eval_set=True, eval_set_size=30, **facts)).reasons
        assert reasons[0].rule_id in (RuleId.PROMPTING_FIRST, RuleId.PROMPTING_INPUTS)
        assert said in reasons[0].text
        assert "starts with" not in reasons[0].text
    assert "starts with a well-written prompt" in recommend(Facts(task="write")).reasons[0].text


@pytest.mark.parametrize("task", ["write", "extract"])
def test_a_prompt_tried_informally_is_where_the_project_starts(task):
    reason = recommend(Facts(task=task, prompting_status="tried_informally")).reasons[0].text

    assert "the project starts from the prompt you tried, written down and measured on an eval set" in reason
    assert "starts with a well-written prompt" not in reason


@pytest.mark.parametrize(
    ("answers", "covers"),
    [
        ({}, "make sure the eval set covers rare cases"),
        ({"update_frequency": "daily"}, "make sure the eval set covers recent and rare cases"),
        ({"update_frequency": "daily", "multi_tenant": True}, "covers recent, rare and per-customer cases"),
    ],
)
def test_a_prompt_that_passed_beside_retrieval_is_checked_on_the_cases_this_brief_has(answers, covers):
    """Recent cases where the knowledge changes, per-customer ones where customers' data is kept apart:
    nothing the client did not tell us."""
    passed = Facts(
        **KNOWLEDGE,
        corpus_documents=20_000,
        has_eval_set=True,
        eval_set_size=200,
        prompting_status="measured_sufficient",
        **answers,
    )

    (coverage,) = [w.text for w in recommend(passed).warnings if w.rule_id is RuleId.WATCH_EVAL_COVERAGE]

    assert covers in coverage


@pytest.mark.parametrize(
    ("answers", "covers"),
    [
        (
            {"corpus_documents": 20_000},
            "covers rare cases and questions drawn from across the whole knowledge, which a prompt cannot hold all "
            "of, before relying on it.",
        ),
        (
            {"corpus_documents": 20, "needs_citations": True},
            "covers rare cases and that each answer cites the passage it came from before relying on it.",
        ),
    ],
)
def test_a_passed_prompt_is_checked_on_what_called_for_retrieval(answers, covers):
    passed = Facts(**KNOWLEDGE, has_eval_set=True, eval_set_size=200, prompting_status="measured_sufficient", **answers)

    (coverage,) = [w.text for w in recommend(passed).warnings if w.rule_id is RuleId.WATCH_EVAL_COVERAGE]

    assert coverage.endswith(covers)


def test_a_prompt_that_passed_on_too_few_cases_is_measured_once_in_the_steps():
    steps = recommend(
        Facts(**FORMAT, latency_or_cost_critical=True, has_eval_set=True, eval_set_size=20,
              prompting_status="measured_sufficient")
    ).next_steps  # fmt: skip

    assert "Version the prompt that passed." in steps
    assert sum("easure" in step for step in steps) == 1
