"""What to do first, as rows: each step starts from what the client has already done. A rung measured
short is never proposed again, measured work is built on rather than repeated, and a fine-tune chosen
before the framework's gate is open starts by measuring the rungs below it."""

from __future__ import annotations

from decisions.ladder.facts import MIN_EVAL_CASES, Approach, Shortfall, Status
from decisions.ladder.rules import Case, Step, StepId
from decisions.ladder.words import rungs


def _eval_set(case: Case) -> str:
    if case.reading.facts.task.processes_inputs:
        return (
            "Assemble an eval set: real documents of the kind it will be given, each with the output you would accept."
        )
    return "Assemble an eval set: real questions or requests, each with the answer you would accept."


def _write_prompt(case: Case) -> str:
    """The prompt's first step, from the prompt the client already has: tried informally, or measured
    where the measurement cannot decide (too few cases, or no eval set)."""
    facts = case.reading.facts
    if facts.prompting_status is Status.MEASURED_SUFFICIENT:
        judged = "that passed" if facts.has_eval_set else "you judged good enough"
        if _measures_before_fine_tuning(case):  # that step measures it
            return f"Version the prompt {judged}."
        again = " again" if facts.has_eval_set else ""
        return f"Version the prompt {judged} and measure it{again} on the eval set before anything relies on it."
    if facts.prompting_status is Status.MEASURED_INSUFFICIENT:
        # Measuring it again is the reason's to say, or the measuring step's below.
        if facts.has_eval_set:
            return "Sort the cases your prompt failed by cause and improve it against them."
        return "Improve the prompt you have against the cases it fails on the eval set."
    if facts.prompting_status is Status.TRIED_INFORMALLY:
        return "Write down and version the prompt you tried, then test it against the eval set."
    return "Write, version and test the prompt against the eval set."


def _build_retrieval(case: Case) -> str:
    """Retrieval's first step, from what the client already built: tried informally, or measured where
    the measurement cannot decide."""
    facts = case.reading.facts
    if facts.rag_status is Status.TRIED_INFORMALLY:
        build = "build on the retrieval you tried and measure it on the eval set"
    elif facts.rag_status.measured and facts.has_eval_set:
        build = "build on the retrieval you measured and measure it again on the eval set"
    elif facts.rag_status.measured:
        build = "build on the retrieval you have and measure it on the eval set"
    else:
        build = "build retrieval and measure it"
    return f"List the knowledge sources, their owners and refresh cadence; {build}."


def _try_without_training(case: Case) -> str:
    """What often does a fine-tune's job without one, for the reasons this brief gives it (the points to
    watch say the same beside an approach without a fine-tune): a schema for a format, a smaller model
    for latency or unit cost."""
    tries = [
        *(["structured outputs (or constrained decoding, a schema the model must follow) for the format"]
          if case.reading.format_matters else []),
        *(["a smaller model with prompt caching and batching for latency and cost"]
          if case.reading.latency_or_cost_matters else []),
    ]  # fmt: skip
    distil = (
        " (for latency and cost, distilling a large model's answers into a small one is the usual route)"
        if case.reading.latency_or_cost_matters
        else ""
    )
    return (
        f"On the eval set, before the first training run, try {', and '.join(tries)}: training goes ahead only if "
        f"the results still fall short{distil}."
    )


def _measures_before_fine_tuning(case: Case) -> bool:
    """Signs for a fine-tune the plan stops short of: the rungs below it are measured first."""
    standing = case.standing
    return (
        bool(standing.signals)
        and not standing.sufficient
        and not case.approach.fine_tunes
        and bool(standing.still_to_measure_short())
    )


def _retrieval_short(case: Case, *causes: Shortfall) -> bool:
    return case.approach.retrieves and Approach.RAG in case.reading.short_for(*causes)


STEPS = (
    Step(StepId.BUILD_EVAL_SET, lambda c: not c.reading.facts.has_eval_set, _eval_set),
    Step(
        StepId.GROW_EVAL_SET,
        lambda c: c.reading.facts.has_eval_set and 0 < c.reading.facts.eval_set_size < MIN_EVAL_CASES,
        lambda c: f"Grow the eval set to at least {MIN_EVAL_CASES} cases, covering the hard and rare ones.",
    ),
    Step(
        StepId.PROMPT_TO_PRODUCTION,
        lambda c: c.approach is Approach.PROMPTING and c.reading.prompting is Status.MEASURED_SUFFICIENT,
        lambda c: "Take the prompt that passed the eval set to production, with its eval run on every change.",
    ),
    Step(
        StepId.SORT_PROMPT_FAILURES,
        lambda c: c.approach is Approach.PROMPTING and Approach.PROMPTING in c.reading.short,
        lambda c: "Sort the failing eval cases by cause, then improve the prompt and examples against them.",
    ),
    Step(
        StepId.WRITE_PROMPT,
        lambda c: c.approach is Approach.PROMPTING and not c.reading.measured(Approach.PROMPTING),
        _write_prompt,
    ),
    Step(
        StepId.HARDEN_RETRIEVAL,
        lambda c: c.approach.retrieves and c.reading.rag is Status.MEASURED_SUFFICIENT,
        lambda c: "Harden the retrieval that passed the eval set: refresh jobs, monitoring, access control.",
    ),
    Step(
        StepId.IMPROVE_RETRIEVAL,
        lambda c: _retrieval_short(c, Shortfall.UNKNOWN, Shortfall.KNOWLEDGE),
        lambda c: "Improve retrieval where the eval set shows misses: sources, chunking, ranking.",
    ),
    Step(
        StepId.KEEP_RETRIEVAL,
        lambda c: _retrieval_short(c, Shortfall.FORMAT, Shortfall.LATENCY_COST, Shortfall.VOCABULARY),
        lambda c: (
            "Keep the retrieval already measured: it finds the facts, and what fell short is behaviour, for "
            "the rung above."
        ),
    ),
    Step(
        StepId.BUILD_RETRIEVAL,
        lambda c: c.approach.retrieves and not c.reading.measured(Approach.RAG),
        _build_retrieval,
    ),
    Step(
        StepId.SHOW_CITATIONS,
        lambda c: c.reading.facts.needs_citations and c.reading.knowledge,
        lambda c: "Decide how citations are shown and what a reader must be able to trace.",
    ),
    Step(
        StepId.AUDIT_LOG,
        lambda c: c.reading.facts.needs_audit_log,
        lambda c: "Log every request and answer with the model and prompt version that produced it, for audit.",
    ),
    Step(
        StepId.MEASURE_BEFORE_FINE_TUNING,
        _measures_before_fine_tuning,
        lambda c: (
            f"Measure {rungs(c.standing.still_to_measure_short())} on the eval set; fine-tuning comes into view "
            f"only if the results fall short"
            f"{', and not for missing facts' if c.standing.cause_decides(c.standing.still_to_measure_short()) else ''}."
        ),
    ),
    Step(
        StepId.MEASURE_AHEAD_OF_GATE,
        lambda c: c.approach.fine_tunes and not c.standing.gate_open and bool(c.standing.unmeasured()),
        lambda c: (
            f"Measure {rungs(c.standing.unmeasured())} on the eval set first: the fine-tune has to beat "
            f"{'them' if len(c.standing.unmeasured()) > 1 else 'it'} to repay its cost."
        ),
    ),
    Step(
        StepId.TRY_WITHOUT_TRAINING,
        lambda c: c.approach.fine_tunes and (c.reading.format_matters or c.reading.latency_or_cost_matters),
        _try_without_training,
    ),
    Step(
        StepId.CURATE_TRAINING_DATA,
        lambda c: c.approach.fine_tunes,
        lambda c: "Curate the training data and a regression suite; plan the retraining cadence.",
    ),
)
