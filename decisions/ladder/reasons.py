"""Why an approach: the brief's reasons for retrieval and its signs for fine-tuning (read from the
brief alone), then the reasons each approach is given, and what would bring fine-tuning in later.

Every sentence reports: what the client told us is written as theirs, and what only the eval set can
show is written as still to be shown.
"""

from __future__ import annotations

from decisions.ladder.facts import (
    CONTEXT_BUDGET_TOKENS,
    LARGE_CORPUS_DOCUMENTS,
    MIN_EVAL_CASES,
    MIN_LABELED_EXAMPLES,
    TOKENS_PER_PAGE,
    TYPICAL_TOKENS_PER_DOCUMENT,
    Approach,
    Shortfall,
    Status,
    Task,
)
from decisions.ladder.reading import Reading, SizeBasis
from decisions.ladder.rules import Case, Rule, RuleId, Section, Trigger
from decisions.ladder.words import FREQUENCY_WORDS, SHORTFALL_WORDS, capital, rungs

TYPICAL_PAGES = TYPICAL_TOKENS_PER_DOCUMENT // TOKENS_PER_PAGE


def _large(reading: Reading) -> str:
    size = reading.size
    if size.basis is SizeBasis.PAGES:
        said = f"The knowledge it looks things up in comes to about {size.estimate:,} tokens from the pages you gave"
    elif size.basis is SizeBasis.OVER_AT_ONE_PAGE:
        said = (
            f"Even at one page a document, the {size.documents:,} documents it looks things up in come to about "
            f"{size.one_page:,} tokens (about {size.typical:,} at a typical length of {TYPICAL_PAGES} pages, as the "
            "estimate prices them)"
        )
    else:
        said = (
            f"At a typical length of about {TYPICAL_PAGES} pages, the {size.documents:,} documents it looks things "
            f"up in come to about {size.typical:,} tokens"
        )
    line = (
        f"; past {LARGE_CORPUS_DOCUMENTS:,} documents the framework counts knowledge as large in any case"
        if size.documents > LARGE_CORPUS_DOCUMENTS
        else ""
    )
    return f"{said}, more than {size.room_words}{line}."


# Why retrieval is called for: each presumes knowledge to look things up in, yours or published,
# but a shortfall of facts the eval set measured.
RETRIEVAL = (
    Trigger(
        RuleId.RAG_KNOWLEDGE_SHORTFALL,
        Section.FAQ_BEHAVIOUR,
        lambda r: r.knowledge and bool(r.short_on_facts),
        lambda r: (
            f"{capital(rungs(r.short_on_facts))} fell short on your eval set for missing or wrong facts: facts "
            "belong in retrieval, where they can be kept current and cited, never in fine-tuning."
        ),
    ),
    Trigger(RuleId.RAG_LARGE, Section.RAG, lambda r: r.knowledge and r.size.large, _large),
    Trigger(
        RuleId.RAG_DYNAMIC,
        Section.RAG,
        lambda r: r.dynamic,
        lambda r: (
            f"You told us the knowledge changes {FREQUENCY_WORDS[r.facts.update_frequency]}: a retrieval index "
            "can be refreshed as it changes, a prompt or a model cannot keep up."
        ),
    ),
    Trigger(
        RuleId.RAG_CITATIONS,
        Section.RAG,
        lambda r: r.knowledge and r.facts.needs_citations,
        lambda r: "Answers must cite their sources, and retrieval keeps track of the passage each answer came from.",
    ),
    Trigger(
        RuleId.RAG_MULTI_TENANT,
        Section.RAG,
        lambda r: r.knowledge and r.facts.multi_tenant,
        lambda r: (
            "Each customer's knowledge must stay separate: an index per customer keeps it apart, where a model "
            "trained on everyone's data could not."
        ),
    ),
    Trigger(
        RuleId.RAG_SHARED_BASE,
        Section.RAG,
        lambda r: r.knowledge and r.facts.shared_base_many_use_cases,
        lambda r: (
            "One base model can serve your several use cases, each with its own retrieval index, instead of "
            "one model per use case."
        ),
    ),
)


def _shown(reading: Reading, cause: Shortfall) -> str:
    short = reading.short_for(cause)
    return (
        f"{capital(rungs(short))} fell short on your eval set on {SHORTFALL_WORDS[cause]}, which is behaviour, the "
        "kind of thing fine-tuning can change."
    )


def _signal(rule_id: RuleId, cause: Shortfall, said: str, answered: str) -> Trigger:
    """A sign for fine-tuning: the client's answer (``answered``, a Facts field), reported as theirs,
    or the same cause shown by a rung measured short."""

    def when(reading: Reading) -> bool:
        return bool(getattr(reading.facts, answered)) or bool(reading.short_for(cause))

    def says(reading: Reading) -> str:
        return said if getattr(reading.facts, answered) else _shown(reading, cause)

    return Trigger(rule_id, Section.FINE_TUNING, when, says)


SIGNALS = (
    _signal(
        RuleId.FT_SIGNAL_FORMAT,
        Shortfall.FORMAT,
        "You told us every answer must follow an exact format, style or persona, which a prompt does not always "
        "enforce.",
        "strict_output_format",
    ),
    _signal(
        RuleId.FT_SIGNAL_LATENCY_COST,
        Shortfall.LATENCY_COST,
        "You told us latency or the cost of each request is a hard limit, where a small tuned model can beat a "
        "large one.",
        "latency_or_cost_critical",
    ),
    _signal(
        RuleId.FT_SIGNAL_VOCABULARY,
        Shortfall.VOCABULARY,
        "You told us your field uses specialised vocabulary; if the eval set shows general models do not know it, "
        "fine-tuning can teach it.",
        "specialized_vocabulary",
    ),
    Trigger(
        RuleId.FT_SIGNAL_EXTRACTION,
        Section.FINE_TUNING,
        lambda r: r.facts.task is Task.EXTRACT and r.facts.labeled_examples >= MIN_LABELED_EXAMPLES,
        lambda r: (
            f"The job is structured extraction and you have {r.facts.labeled_examples:,} labelled examples, "
            f"enough (at least {MIN_LABELED_EXAMPLES:,}) to train on."
        ),
    ),
)


def _sufficient(case: Case) -> str:
    facts = case.reading.facts
    cases = f" of {facts.eval_set_size:,} cases" if facts.eval_set_size else ""
    scored = f", scored by {facts.eval_metric}" if facts.eval_metric else ""
    return (
        f"You measured {case.approach.short_label} on your eval set{cases}{scored}, and it does the job: the "
        "cheapest approach measured sufficient is the one to build, and nothing higher on the ladder would repay its "
        "cost today."
    )


def _justified(case: Case) -> str:
    reading = case.reading
    if case.standing.retrieval_called_for and Approach.PROMPTING in reading.short_on_facts:
        measured = (
            "prompting fell short on facts, which retrieval supplies, and retrieval then fell short on "
            f"{SHORTFALL_WORDS[reading.shortfall(Approach.RAG)]}, which training changes"
        )
    else:
        measured = f"{'prompting and retrieval were' if case.standing.retrieval_called_for else 'prompting was'} "
        measured += "measured and fell short"
    return (
        f"On your eval set, {measured}, and the brief gives a reason to fine-tune (below): this is the condition "
        "the framework sets for fine-tuning, and it is met."
    )


def _knowledge_fits(case: Case) -> str:
    facts, size = case.reading.facts, case.reading.size
    changes = FREQUENCY_WORDS[facts.update_frequency]
    if size.basis is SizeBasis.PAGES:
        return (
            f"The knowledge it looks things up in, about {size.estimate:,} tokens from the pages you gave, fits in a "
            f"prompt and changes {changes}, so it can ride in the prompt itself: no retrieval system to build or keep "
            "fresh."
        )
    if size.basis is SizeBasis.FITS_AT_TYPICAL:
        return (
            f"The {size.documents:,} documents it looks things up in come to about {size.typical:,} tokens at a "
            f"typical length and change {changes}, so they can ride in the prompt itself: no retrieval system to "
            "build or keep fresh."
        )
    return (
        f"You told us the knowledge changes {changes}, and nothing in the brief shows it is larger than a prompt, so "
        "we start with it in the prompt itself; its size in pages will confirm that it fits."
    )


def _inputs(case: Case) -> str:
    tokens = case.reading.facts.input_tokens
    size = f" (about {tokens:,} tokens from the pages you gave)" if tokens else ""
    carried = "the prompt carries it" if (tokens or 0) <= CONTEXT_BUDGET_TOKENS else "it is worked through in parts"
    return (
        f"Each request brings the document it works on{size}, and {carried}: with nothing else to look up, there is "
        f"nothing to retrieve, so {_prompt_first(case)}."
    )


def _prompt_first(case: Case) -> str:
    """Where the project starts: a prompt, or the prompt the client measured where that measurement
    cannot decide (too few cases, or no eval set: the points to watch say so)."""
    facts = case.reading.facts
    if facts.prompting_status is Status.TRIED_INFORMALLY:
        return (
            "the project starts from the prompt you tried, written down and measured on an eval set; a prompt on a "
            "capable model is the cheapest thing to build, run and change"
        )
    if not facts.prompting_status.measured:
        return (
            "the project starts with a well-written prompt on a capable model, the cheapest thing to build, run and "
            "change"
        )
    enough = f"on an eval set of at least {MIN_EVAL_CASES} cases"
    if facts.prompting_status is Status.MEASURED_SUFFICIENT:
        passed = (
            f"that passed on your {facts.eval_set_size} cases"
            if facts.has_eval_set
            else "you judged good enough without an eval set"
        )
        return f"the project builds on the prompt {passed}, confirmed {enough} before anything relies on it"
    measured = (
        f"the prompt you measured on your {facts.eval_set_size} cases: improved, and measured again"
        if facts.has_eval_set
        else "your prompt: improved, and measured"
    )
    return f"the project carries on from {measured} {enough}, which decides any step up the ladder"


def _rules_prompting(case: Case) -> bool:
    """The rules' own approach is prompting and no rung passed: it needs a reason of its own."""
    return case.approach is Approach.PROMPTING and not case.overridden and not case.standing.sufficient


# The reasons an approach is given, in the order a memo lists them (the first one decided it): these,
# then why retrieval is called for where it retrieves, then AFTER_RETRIEVAL, then the signs for a fine-tune.
LEADING = (
    Rule(RuleId.MEASURED_SUFFICIENT, Section.FAQ_EVAL, lambda c: c.approach in c.standing.sufficient, _sufficient),
    Rule(
        RuleId.CHOSEN_RETRY,
        Section.FRAME,
        lambda c: c.overridden and c.approach in c.reading.short,
        lambda c: (
            f"{c.approach.label} fell short on your eval set, and our consultant judges it can pass with the "
            "changes the summary describes: a cheaper rung made to work costs less to build and run than the one "
            "above it."
        ),
    ),
    Rule(RuleId.FT_JUSTIFIED, Section.FAQ_EVAL, lambda c: c.approach.fine_tunes and c.standing.gate_open, _justified),
    Rule(
        RuleId.CHOSEN_FINE_TUNING,
        Section.FINE_TUNING,
        lambda c: c.approach is Approach.FINE_TUNING and not c.standing.gate_open,
        lambda c: (
            "Fine-tuning trains a model on your examples to change how it behaves: its format, tone, "
            "vocabulary, or a small model's speed and unit cost."
        ),
    ),
    Rule(
        RuleId.BOTH_PATTERN,
        Section.BOTH,
        lambda c: c.approach is Approach.RAG_FINE_TUNING,
        lambda c: (
            "The common production pattern: a small model fine-tuned for the output or extraction, reading the "
            "context that retrieval supplies for the knowledge."
        ),
    ),
)
AFTER_RETRIEVAL = (
    Rule(
        RuleId.RAG_KEPT,
        Section.BOTH,
        lambda c: (
            c.approach.fine_tunes
            and c.approach.retrieves
            and not c.standing.retrieval_called_for
            and c.standing.keeps_retrieval
        ),
        lambda c: (
            "You built retrieval over the knowledge and measured it: it finds the facts, and what fell short is "
            "behaviour, so it stays and the fine-tuned model reads what it retrieves."
            if c.reading.retrieval_found_the_facts
            else "You built retrieval over the knowledge and measured it: it stays, and the fine-tuned model reads "
            "what it retrieves; why it fell short, the failing cases must tell before it is changed (below)."
        ),
    ),
    Rule(
        RuleId.PROMPTING_IMPROVE,
        Section.FRAME,
        lambda c: _rules_prompting(c) and Approach.PROMPTING in c.reading.short,
        lambda c: (
            "Prompting fell short on your eval set, but nothing yet shows that a higher rung would do better: "
            "the next step is to learn why it fell short and improve the prompt and examples against the eval set."
        ),
    ),
    Rule(
        RuleId.PROMPTING_INPUTS,
        Section.FRAME,
        lambda c: (
            _rules_prompting(c)
            and Approach.PROMPTING not in c.reading.short
            and c.reading.facts.task.processes_inputs
            and not c.reading.knowledge
        ),
        _inputs,
    ),
    Rule(
        RuleId.PROMPTING_KNOWLEDGE_FITS,
        Section.FRAME,
        lambda c: _rules_prompting(c) and Approach.PROMPTING not in c.reading.short and c.reading.knowledge,
        _knowledge_fits,
    ),
    Rule(
        RuleId.PROMPTING_FIRST,
        Section.FRAME,
        lambda c: (
            _rules_prompting(c)
            and Approach.PROMPTING not in c.reading.short
            and not c.reading.knowledge
            and not c.reading.facts.task.processes_inputs
        ),
        lambda c: f"Nothing in the brief calls for retrieval, so {_prompt_first(c)}.",
    ),
)
# What an approach a consultant chose is for, when none of the brief's reasons argue for it.
CHOSEN = {
    Approach.PROMPTING: Rule(
        RuleId.CHOSEN_PROMPTING,
        Section.FRAME,
        lambda c: True,
        lambda c: (
            "A well-written prompt on a capable model is the cheapest approach to build, run and change; it is "
            "where the ladder starts, and the eval set shows whether a higher rung is ever needed."
        ),
    ),
    Approach.RAG: Rule(
        RuleId.CHOSEN_RAG,
        Section.RAG,
        lambda c: True,
        lambda c: (
            "Retrieval reads the knowledge at question time from an index that can be refreshed as it changes, "
            "and lets each answer cite the passage it came from."
        ),
    ),
}


def _deferred(case: Case) -> str:
    standing = case.standing
    if standing.sufficient:
        why = (
            f"{standing.sufficient[0].short_label} already does the job on your eval set, so fine-tuning would not "
            "repay its cost today"
        )
    elif standing.knowledge_short:
        why = (
            "retrieval fell short on facts, which fine-tuning cannot supply: the work is in retrieval (sources, "
            "chunking, ranking), measured again on the eval set"
        )
    elif other := standing.short_for_other_causes():
        why = (
            f"the eval set has not shown that {rungs(other)} fell short on something training changes (format, "
            "wording, vocabulary, speed or cost): fine-tuning comes only once the failing cases show it, never for "
            "missing facts"
        )
    elif to_measure := standing.still_to_measure_short():
        has = "have" if len(to_measure) > 1 else "has"
        facts = ", and not for missing facts" if standing.cause_decides(to_measure) else ""
        why = (
            f"it comes last: we propose it only after {rungs(to_measure)} {has} been measured on an eval set and "
            f"found insufficient{facts}"
        )
    else:  # the framework's condition is met, and a consultant chose to start below it
        why = (
            "the framework's condition for it is met on your eval set, and this plan starts without it, as the summary "
            "explains: it is the next rung if the eval set shows the need again"
        )
    return f"What you told us points towards fine-tuning, but {why}."


# Beside an approach without a fine-tune: why fine-tuning waits, then the signs for it.
DEFERRED = Rule(
    RuleId.FT_DEFERRED,
    Section.FAQ_FINE_TUNING_LAST,
    lambda c: bool(c.standing.signals) and not c.approach.fine_tunes,
    _deferred,
)
