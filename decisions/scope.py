"""The scope of the first phase: what the client gets from discovery, what it leaves out, and what
the client brings to it.

A memo that prices a build still commits to one thing first: discovery and the eval set, which
the framework puts before every step up the ladder. This says what that phase delivers for the
recommended approach and the brief's answers, in plain Python like the ladder (no Django).
"""

from __future__ import annotations

from dataclasses import dataclass

from decisions.ladder import (
    MIN_EVAL_CASES,
    MIN_LABELED_EXAMPLES,
    Approach,
    Facts,
    Recommendation,
    Shortfall,
    Status,
    Task,
)
from decisions.ladder.words import SHORTFALL_WORDS


@dataclass(frozen=True)
class Scope:
    """The first phase of work, as a client can hold us to it."""

    deliverables: tuple[str, ...] = ()
    out_of_scope: tuple[str, ...] = ()
    client_provides: tuple[str, ...] = ()


def first_phase(approach: Approach, facts: Facts, account: Recommendation) -> Scope:
    """Discovery and the eval set for ``approach``, following what the client has already done
    (``account``, the ladder's account of the approach, says what the eval set settled)."""
    return Scope(
        deliverables=tuple(_deliverables(approach, facts, account)),
        out_of_scope=tuple(_out_of_scope(approach, facts, account)),
        client_provides=tuple(_client_provides(approach, facts)),
    )


def _deliverables(approach: Approach, facts: Facts, account: Recommendation) -> list[str]:
    items = []
    if facts.has_eval_set and facts.eval_set_size >= MIN_EVAL_CASES:
        items.append(
            f"Your eval set of {facts.eval_set_size:,} cases reviewed, with cases added where the hard or rare "
            "ones are missing, and a scoring method we both accept."
        )
    elif facts.has_eval_set and facts.eval_set_size:
        items.append(
            f"Your eval set grown to at least {MIN_EVAL_CASES} cases, covering the hard and rare ones, with a "
            "scoring method we both accept."
        )
    elif facts.has_eval_set:  # its size not given
        items.append(
            f"Your eval set reviewed and, if it has fewer, grown to at least {MIN_EVAL_CASES} cases covering the "
            "hard and rare ones, with a scoring method we both accept."
        )
    else:
        items.append(
            f"An eval set of at least {MIN_EVAL_CASES} real questions or inputs with the answers you would accept, "
            "and a scoring method we both accept."
        )
    # Measured work is built on, never measured again from scratch.
    if Approach.PROMPTING in account.measured_sufficient:
        items.append("The prompt that passed your eval set, re-run on the agreed eval set as the baseline.")
    elif Approach.PROMPTING in account.measured_short:
        items.append(
            "The failing cases of your prompting sorted by cause (missing facts, or format, tone, latency or cost): "
            "the baseline to beat."
        )
    elif facts.prompting_status is not Status.NOT_TRIED:  # tried, or measured where it cannot decide
        items.append("A baseline: your prompt, written down and measured on the agreed eval set.")
    else:
        items.append("A baseline: a written prompt on a capable model, measured on the eval set.")
    if approach.retrieves:
        if facts.needs_knowledge:
            items.append(
                "An inventory of your knowledge sources: owners, formats, size, access rules and how often "
                "each changes."
            )
        if Approach.RAG in account.measured_sufficient:
            items.append("The retrieval that passed your eval set, re-run on the agreed eval set.")
        elif Approach.RAG in account.measured_short:
            items.append("The failing cases of your retrieval sorted by cause, with the fixes they call for.")
        elif facts.rag_status is not Status.NOT_TRIED:
            items.append("Your retrieval, measured on the same eval set over a sample of the knowledge.")
        else:
            items.append("A retrieval prototype over a sample of the knowledge, measured on the same eval set.")
    if approach.fine_tunes:
        items.append(
            "An audit of the training data: how many labelled examples there are, their quality, and what is "
            "missing for a first training run."
        )
    items.append("A build plan with a fixed quote for the next phase, based on the measurements above.")
    return items


# What fine-tuning can fix: behaviour, never facts (those are retrieval's).
_BEHAVIOURS = [words for cause, words in SHORTFALL_WORDS.items() if cause.is_behaviour]
_BEHAVIOUR = (
    f"on behaviour ({', '.join(_BEHAVIOURS[:-1])}, or {_BEHAVIOURS[-1]}), not on {SHORTFALL_WORDS[Shortfall.KNOWLEDGE]}"
)


def _out_of_scope(approach: Approach, facts: Facts, account: Recommendation) -> list[str]:
    items = ["The build itself, integration and launch: quoted at the end of discovery, once measured."]
    cheaper_short = Approach.PROMPTING in account.measured_short and (
        Approach.RAG in account.measured_short or not account.rag_applies
    )
    if approach.fine_tunes and cheaper_short:
        items.append("Training runs: they belong to the build, after the data audit.")
    elif approach.fine_tunes:
        items.append(
            "Training runs: they belong to the build, after the data audit and once the eval set shows the "
            "cheaper rungs fall short."
        )
    elif cheaper_short:  # the framework's condition is met, and the plan starts below it
        items.append(
            f"Fine-tuning: the next rung, if {approach.short_label} still falls short on the eval set {_BEHAVIOUR}."
        )
    else:
        cheaper = "prompting and retrieval fall" if account.rag_applies else "prompting falls"
        items.append(f"Fine-tuning: the framework climbs to it only if {cheaper} short on the eval set {_BEHAVIOUR}.")
    items.append("Model and hosting fees, paid to the providers at cost: the estimates below show what to expect.")
    if facts.multi_tenant and facts.needs_knowledge:
        items.append("Onboarding your customers' own knowledge, beyond the sample used to measure.")
    return items


def _client_provides(approach: Approach, facts: Facts) -> list[str]:
    items = [
        "One person who can decide for you, about two hours a week, and a weekly review call.",
        "Domain experts to write and score eval cases: about a day each week during discovery.",
    ]
    if facts.needs_knowledge or approach.retrieves:
        items.append("Read access to the knowledge the system will use, or a representative sample of it.")
    labelled = facts.labeled_examples
    if approach.fine_tunes and labelled >= MIN_LABELED_EXAMPLES:
        items.append(f"Your {labelled:,} labelled examples, with the right to train and test on them.")
    elif approach.fine_tunes:
        items.append(
            f"Labelled examples to train and test on, at least {MIN_LABELED_EXAMPLES:,}, with the right to use them."
        )
    elif facts.task is Task.EXTRACT and labelled:  # a prompt is tested on them; no training asked for yet
        items.append(f"Your {labelled:,} labelled examples, to test on (and to train on, should a fine-tune follow).")
    items.append("A test account or sandbox for each system the finished tool must connect to.")
    return items
