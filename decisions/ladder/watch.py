"""Points to watch beside an approach: cautions about the measurements, questions a consultant would
ask, where a consultant's choice departs from the rules, and better practice to try first. None of
them changes the approach."""

from __future__ import annotations

from decisions.ladder.facts import (
    CONTEXT_BUDGET_TOKENS,
    INPUT_PART_TOKENS,
    MIN_EVAL_CASES,
    MIN_LABELED_EXAMPLES,
    Approach,
    FineTuneGoal,
    Frequency,
    Shortfall,
    Status,
    Task,
)
from decisions.ladder.reading import SizeBasis
from decisions.ladder.rules import Case, Rule, RuleId, Section
from decisions.ladder.words import RUNG_WORDS, capital, listed, pages_at_most, pages_beyond, rungs

# Each reason for retrieval in a few words, to name them in a sentence.
RETRIEVAL_WORDS = {
    RuleId.RAG_KNOWLEDGE_SHORTFALL: "missing facts",
    RuleId.RAG_LARGE: "large knowledge",
    RuleId.RAG_DYNAMIC: "knowledge that changes often",
    RuleId.RAG_CITATIONS: "citations",
    RuleId.RAG_MULTI_TENANT: "customers kept apart",
    RuleId.RAG_SHARED_BASE: "several use cases",
}


def _called_for(case: Case) -> str:
    return ", ".join(RETRIEVAL_WORDS[finding.rule_id] for finding in case.standing.retrieval)


def _unbacked(case: Case) -> list[str]:
    facts = case.reading.facts
    return [
        RUNG_WORDS[rung]
        for rung, status in ((Approach.PROMPTING, facts.prompting_status), (Approach.RAG, facts.rag_status))
        if status.measured and not facts.has_eval_set
    ]


def _unexplained(case: Case) -> tuple[Approach, ...]:
    return case.reading.short_for(Shortfall.UNKNOWN)


def _ask(text: str) -> str:
    return f"To clarify: {text}"


def _knowledge_beside_parts(case: Case) -> bool:
    """The knowledge rides whole in the prompt, and with each request's document it is more than one."""
    return case.reading.knowledge and not case.approach.retrieves and case.reading.size.in_parts


def _input_over_prompt(case: Case) -> str:
    tokens = case.reading.facts.input_tokens or 0
    if _knowledge_beside_parts(case):
        size = case.reading.size
        said = " (the size we assumed: the brief does not give one)" if size.assumed else ""
        return (
            f"One document of about {tokens:,} tokens and the knowledge of about {size.carried:,} tokens{said} are "
            f"more than one prompt can reasonably carry: each document is worked through in parts of up to "
            f"{INPUT_PART_TOKENS:,} tokens with the knowledge beside each part (split, each part read, the results "
            "combined), still one request at a time and with nothing to retrieve."
        )
    return (
        f"One document of about {tokens:,} tokens is more than a prompt can reasonably carry: each is worked through "
        "in parts (split, each part read, the results combined), still one request at a time and with nothing to "
        "retrieve."
    )


def _size_decides(case: Case) -> bool:
    """Retrieval is called for by the knowledge's size alone, or not at all: the pages would settle it."""
    return all(found.rule_id is RuleId.RAG_LARGE for found in case.standing.retrieval)


def _size_line(case: Case) -> str:
    size = case.reading.size
    if size.basis is SizeBasis.TYPICAL_DECIDES:
        within = pages_at_most(size.pages_that_fit)
        return (
            f"We took the {size.documents:,} documents at a typical length, about {size.typical:,} tokens in all. If "
            f"they average {within} or less, they come to {size.room:,} tokens or fewer and fit in a prompt"
            f"{' beside the document each request brings' if size.beside_inputs else ''}, and prompting with the "
            "knowledge in the prompt would be the cheaper start: their length in pages will settle it."
        )
    beyond = pages_beyond(size.pages_that_fit)
    return (
        f"At a typical length the {size.documents:,} documents come to about {size.typical:,} tokens and fit in a "
        f"prompt; if they average {beyond} or more, they would not, and retrieval would be needed: their length in "
        "pages will confirm it."
    )


def _ahead_of_gate(case: Case) -> str:
    standing = case.standing
    text = (
        "The framework fine-tunes only once the cheaper rungs were measured on an eval set and fell short; this memo "
        "goes ahead of that on our consultant's judgement."
    )
    if passed := [rung for rung in standing.sufficient if rung is not case.approach]:
        verb, them = ("pass", "them") if len(passed) > 1 else ("passes", "it")
        text += (
            f" {capital(rungs(passed))} already {verb} your eval set, so the fine-tune has to beat {them} to repay "
            "its cost."
        )
    if unmeasured := standing.unmeasured():
        text += f" {capital(rungs(unmeasured))} should be measured on the eval set before training starts."
    return text


def _without_retrieval(case: Case) -> str:
    if case.standing.retrieval_called_for:
        why = f"The brief calls for retrieval ({_called_for(case)}) and this plan builds none"
    else:
        why = "You built retrieval over the knowledge and measured it, and this plan does without it"
    return f"{why}: discovery has to show how the knowledge is met without it."


def _eval_coverage(case: Case) -> str:
    facts = case.reading.facts
    kinds = [*(["recent"] if facts.update_frequency.dynamic else []), "rare"]
    kinds += ["per-customer"] if facts.multi_tenant else []
    covers = f"{listed(kinds)} cases"
    if case.reading.size.large:
        covers += " and questions drawn from across the whole knowledge, which a prompt cannot hold all of,"
    cites = " and that each answer cites the passage it came from" if facts.needs_citations else ""
    return (
        f"Prompting passed your eval set although the brief calls for retrieval ({_called_for(case)}): make sure the "
        f"eval set covers {covers}{cites} before relying on it."
    )


# Cautions about the eval set and what it measured.
MEASUREMENTS = (
    Rule(
        RuleId.WARN_MEASURED_WITHOUT_EVAL_SET,
        Section.FAQ_EVAL,
        lambda c: bool(_unbacked(c)),
        lambda c: (
            f"You describe {listed(_unbacked(c))} as measured, but without an eval set we count that as tried "
            "informally until there are numbers to compare."
        ),
    ),
    Rule(
        RuleId.WARN_SMALL_EVAL_SET,
        Section.FAQ_EVAL,
        lambda c: c.reading.facts.has_eval_set and 0 < c.reading.facts.eval_set_size < MIN_EVAL_CASES,
        lambda c: (
            f"An eval set of {c.reading.facts.eval_set_size} cases measures noise as much as quality; we would "
            f"grow it to at least {MIN_EVAL_CASES} before letting it decide a step up the ladder."
        ),
    ),
)
# Questions a consultant would ask: two answers that do not fit together, or one that is missing.
QUESTIONS = (
    Rule(
        RuleId.ASK_INPUTS_OR_KNOWLEDGE,
        Section.RAG,
        lambda c: c.reading.knowledge and c.reading.facts.task.processes_inputs,
        lambda c: _ask(
            "it works on each document it is given, and you told us it also looks things up in a body of knowledge. "
            "If that knowledge is the documents it processes, they are its inputs (each request carries its own) and "
            "nothing needs retrieving; retrieval is only for what it must consult besides them."
        ),
    ),
    Rule(
        RuleId.ASK_KNOWLEDGE_SIZE,
        Section.RAG,
        lambda c: c.reading.knowledge and c.reading.size.basis is SizeBasis.NONE,
        lambda c: _ask(
            "how large is the knowledge it looks things up in, in documents or pages? The size decides whether a "
            "prompt can carry it or retrieval is needed."
        ),
    ),
    Rule(
        RuleId.ASK_CITATIONS_WITHOUT_KNOWLEDGE,
        Section.RAG,
        lambda c: c.reading.facts.needs_citations and not c.reading.knowledge,
        lambda c: _ask(
            "answers must cite their sources, but you told us it looks nothing up. Should it cite passages of what "
            "it is given (nothing to retrieve), or other sources, published or yours (then it does need knowledge "
            "to look up)?"
        ),
    ),
    Rule(
        RuleId.ASK_TENANTS_WITHOUT_KNOWLEDGE,
        Section.RAG,
        lambda c: c.reading.facts.multi_tenant and not c.reading.knowledge,
        lambda c: _ask(
            "each customer's data must stay apart, but you told us it looks nothing up: where does a customer's "
            "data enter (in their requests, in logs, in training data)?"
        ),
    ),
    Rule(
        RuleId.ASK_SHARED_BASE_WITHOUT_KNOWLEDGE,
        Section.RAG,
        lambda c: c.reading.facts.shared_base_many_use_cases and not c.reading.knowledge,
        lambda c: _ask(
            "one model should serve several use cases, and retrieval would give each its own index, but there is "
            "no knowledge to index: what differs between the use cases?"
        ),
    ),
    Rule(
        RuleId.ASK_RETRIEVAL_WITHOUT_KNOWLEDGE,
        Section.RAG,
        lambda c: c.reading.facts.rag_status.measured and not c.reading.knowledge,
        lambda c: _ask(
            "retrieval was measured on your eval set, but you told us it looks nothing up: what did it retrieve from?"
        ),
    ),
    Rule(
        RuleId.ASK_FACTS_WITHOUT_KNOWLEDGE,
        Section.FAQ_BEHAVIOUR,
        lambda c: bool(c.reading.short_on_facts) and not c.reading.knowledge,
        lambda c: _ask(
            f"{rungs(c.reading.short_on_facts)} fell short on your eval set for missing or wrong facts, but you "
            "told us it looks nothing up. Where should those facts come from? If the documents it is given hold "
            "them, the work is in the prompt and the extraction; if a body of knowledge holds them, retrieval would "
            "bring them in (fine-tuning cannot supply facts)."
        ),
    ),
)
# Where an approach a consultant chose departs from the rules.
DEPARTURES = (
    Rule(
        RuleId.WATCH_AHEAD_OF_GATE,
        Section.FAQ_FINE_TUNING_LAST,
        lambda c: c.overridden and c.approach.fine_tunes and not c.standing.gate_open,
        _ahead_of_gate,
    ),
    Rule(
        RuleId.WATCH_CHOSEN_MEASURED_SHORT,
        Section.FAQ_EVAL,
        lambda c: c.overridden and c.approach in c.reading.short,
        lambda c: (
            f"{c.approach.label} was measured on your eval set and fell short; this memo recommends it again, so "
            "the first phase has to show, on the same eval set, what makes it pass this time."
        ),
    ),
    Rule(
        RuleId.WATCH_WITHOUT_RETRIEVAL,
        Section.RAG,
        lambda c: c.overridden and c.standing.keeps_retrieval and not c.approach.retrieves,
        _without_retrieval,
    ),
)
# Cautions and better practice to try first.
CAUTIONS = (
    Rule(
        RuleId.WATCH_WHY_SHORT,
        Section.FAQ_BEHAVIOUR,
        lambda c: bool(_unexplained(c)),
        lambda c: (
            f"We do not know yet why {rungs(_unexplained(c))} fell short. Missing or wrong facts point to "
            + ("retrieval" if c.reading.knowledge else "the prompt, or to knowledge it would need to look up")
            + "; format, tone, latency or cost point to behaviour, where fine-tuning may help. The failing cases of "
            "the eval set will tell."
        ),
    ),
    Rule(
        RuleId.WATCH_EVAL_COVERAGE,
        Section.FAQ_EVAL,
        lambda c: (
            c.reading.prompting is Status.MEASURED_SUFFICIENT
            and c.standing.retrieval_called_for
            and c.approach is not Approach.FINE_TUNING
        ),
        _eval_coverage,
    ),
    Rule(
        RuleId.WATCH_CHEAPER_UNMEASURED,
        Section.FAQ_EVAL,
        lambda c: (
            c.reading.rag is Status.MEASURED_SUFFICIENT
            and c.approach is Approach.RAG
            and not c.reading.measured(Approach.PROMPTING)
            and not c.reading.prompt_cannot_hold
        ),
        lambda c: (
            "Retrieval passed your eval set; prompting alone was not measured. One run of the eval set with "
            "the knowledge in the prompt would show whether the cheaper rung does as well."
        ),
    ),
    Rule(
        RuleId.WATCH_SIZE_CHECK,
        Section.RAG,
        lambda c: (
            c.reading.size.basis is SizeBasis.PAGES
            and c.reading.size.documents > 0
            and (c.reading.size.tokens or 0) < c.reading.size.documents * 20
        ),
        lambda c: (
            f"{c.reading.size.documents:,} documents in about {c.reading.size.tokens:,} tokens is very little "
            "a document: is the number of pages right? The size decides whether retrieval is needed."
        ),
    ),
    Rule(
        RuleId.WATCH_SIZE_LINE,
        Section.RAG,
        lambda c: c.reading.size.basis in (SizeBasis.TYPICAL_DECIDES, SizeBasis.FITS_AT_TYPICAL) and _size_decides(c),
        _size_line,
    ),
    Rule(
        RuleId.WATCH_INPUT_OVER_PROMPT,
        Section.PRACTICE,
        lambda c: (c.reading.facts.input_tokens or 0) > CONTEXT_BUDGET_TOKENS or _knowledge_beside_parts(c),
        _input_over_prompt,
    ),
    Rule(
        RuleId.WARN_FINE_TUNE_FOR_KNOWLEDGE,
        Section.FAQ_BEHAVIOUR,
        lambda c: c.reading.facts.fine_tune_goal is FineTuneGoal.KNOWLEDGE,
        lambda c: (
            "You hope fine-tuning will teach the model your facts. It teaches behaviour, not knowledge: facts "
            + (
                "belong in retrieval, where they can be updated and cited."
                if c.approach.retrieves or c.reading.size.large
                else "belong in the prompt, or in retrieval once they outgrow it, where they can be updated and "
                "checked."
            )
        ),
    ),
    Rule(
        RuleId.WARN_TOO_FEW_LABELS,
        Section.FINE_TUNING,
        lambda c: c.reading.facts.task is Task.EXTRACT and c.reading.facts.labeled_examples < MIN_LABELED_EXAMPLES,
        lambda c: (
            f"Structured extraction with {c.reading.facts.labeled_examples:,} labelled examples is short of the "
            f"{MIN_LABELED_EXAMPLES:,} the framework asks before extraction alone is a reason to fine-tune; meanwhile, "
            "prompting with good examples."
        ),
    ),
    Rule(
        RuleId.WARN_NO_EVAL_SET,
        Section.FAQ_EVAL,
        lambda c: not c.reading.facts.has_eval_set,
        lambda c: (
            "There is no eval set yet. It is what decides every step up the ladder, so building one is the "
            "first piece of work."
        ),
    ),
    Rule(
        RuleId.WATCH_LONG_CONTEXT,
        Section.PRACTICE,
        lambda c: (
            c.reading.knowledge
            and c.reading.size.basis in (SizeBasis.PAGES, SizeBasis.FITS_AT_TYPICAL)
            and not c.reading.size.large
            and c.reading.facts.update_frequency is not Frequency.REALTIME  # fetched at question time instead
        ),
        lambda c: (
            "The knowledge fits in a long context: it can ride in every prompt, its repeated part billed at a "
            "fraction of the full price with prompt caching."
            + (
                " Worth measuring against the index before building it: each approach's cost at your volume shows "
                "which is cheaper to run."
                if c.approach.retrieves
                else ""
            )
        ),
    ),
    Rule(
        RuleId.WATCH_LIVE_DATA,
        Section.PRACTICE,
        lambda c: c.reading.knowledge and c.reading.facts.update_frequency is Frequency.REALTIME,
        lambda c: (
            "Knowledge that changes continuously is often better fetched by tool or API calls to its source at "
            "question time than copied into an index that is always slightly behind."
        ),
    ),
    Rule(
        RuleId.WATCH_STRUCTURED_OUTPUTS,
        Section.PRACTICE,
        # With a fine-tune, its next steps try this before the first training run.
        lambda c: not c.approach.fine_tunes and c.reading.format_matters,
        lambda c: (
            "For a strict format, try structured outputs or constrained decoding (a schema the model must "
            "follow) first: they often enforce it without any training."
        ),
    ),
    Rule(
        RuleId.WATCH_LATENCY_COST,
        Section.PRACTICE,
        lambda c: not c.approach.fine_tunes and c.reading.latency_or_cost_matters,
        lambda c: (
            "For latency or unit cost, try a smaller model, prompt caching and batching first; if fine-tuning "
            "is needed, distilling a large model's answers into a small one is the usual route."
        ),
    ),
    Rule(
        RuleId.WATCH_TENANT_TRAINING_DATA,
        Section.PRACTICE,
        lambda c: c.approach.fine_tunes and c.reading.facts.multi_tenant,
        lambda c: (
            "With several customers, no customer's data may go into the training set of a model all of them "
            "share: train on your own or synthetic examples only."
        ),
    ),
    Rule(
        RuleId.WATCH_BASE_MODEL_RETIREMENT,
        Section.PRACTICE,
        lambda c: c.approach.fine_tunes,
        lambda c: (
            "A fine-tuned model is tied to its base model: when the provider retires it, the fine-tune must be "
            "redone and re-evaluated on a new one, so budget for that migration."
        ),
    ),
)
WATCH = (*MEASUREMENTS, *QUESTIONS, *DEPARTURES, *CAUTIONS)
