"""The brief's steps, in order: which answers each asks and how they follow one another.

The core's own map of a brief: the form (scoping.intake) asks the steps' questions, the review
(scoping.review) shows the answers grouped the same way, and the services know when all are in.
"""

from __future__ import annotations

from dataclasses import dataclass

from decisions.ladder import FineTuneGoal, Status, Task
from scoping.models import Brief


@dataclass(frozen=True)
class Step:
    number: int
    slug: str
    title: str
    intro: str
    fields: tuple[str, ...]  # the brief's fields it asks; none for the last step, which asks nothing new
    shows_preliminary: bool  # whether the live recommendation sits beside it

    @property
    def is_final(self) -> bool:
        return not self.fields


STEPS: tuple[Step, ...] = (
    Step(
        1,
        "about",
        "About you",
        "Who we will reply to.",
        ("contact_name", "contact_email", "company", "contact_role"),
        False,
    ),
    Step(
        2,
        "project",
        "The project",
        "What you want to build, roughly: details can wait for the call.",
        (
            "project_title",
            "project_summary",
            "monthly_queries",
            "deadline",
            "budget_high",
            "budget_low",
            "budget_currency",
        ),
        False,
    ),
    Step(
        3,
        "knowledge",
        "Job and knowledge",
        "What the system does with each request, and what it must look things up in.",
        (
            "task",
            "input_tokens",
            "needs_knowledge",
            "corpus_documents",
            "corpus_tokens",
            "update_frequency",
            "needs_citations",
            "shared_base_many_use_cases",
            "multi_tenant",
            "needs_audit_log",
        ),
        True,
    ),
    Step(
        4,
        "behaviour",
        "Behaviour and limits",
        "How it must answer, and what it must not exceed.",
        (
            "strict_output_format",
            "latency_or_cost_critical",
            "labeled_examples",
            "specialized_vocabulary",
            "personal_data",
            "human_review",
            "fine_tune_goal",
            "fine_tune_hope",
        ),
        True,
    ),
    Step(
        5,
        "where-you-are",
        "Where you are",
        "What you have tried so far, and how you judged it.",
        (
            "has_eval_set",
            "eval_set_size",
            "eval_metric",
            "prompting_status",
            "prompting_shortfall",
            "rag_status",
            "rag_shortfall",
            "tried_notes",
        ),
        True,
    ),
    Step(6, "send", "Check and send", "Check your answers, then send the brief.", (), True),
)
# Questions asked only after an answer that calls for them: the controlling question -> (the answers
# that reveal them, the questions revealed). The form asks them so (scoping.intake); the review shows
# only those a client was asked.
REVEALS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "task": ((Task.EXTRACT, Task.PROCESS, Task.WRITE), ("input_tokens",)),
    "needs_knowledge": (
        ("yes",),
        ("corpus_documents", "corpus_tokens", "update_frequency", "needs_citations", "shared_base_many_use_cases"),
    ),
    "fine_tune_goal": ((FineTuneGoal.BEHAVIOR, FineTuneGoal.KNOWLEDGE), ("fine_tune_hope",)),
    "has_eval_set": (("yes",), ("eval_set_size", "eval_metric")),
    "prompting_status": ((Status.MEASURED_INSUFFICIENT,), ("prompting_shortfall",)),
    "rag_status": ((Status.MEASURED_INSUFFICIENT,), ("rag_shortfall",)),
}
_BY_SLUG = {step.slug: step for step in STEPS}
ABOUT, PROJECT, KNOWLEDGE, BEHAVIOUR, WHERE_YOU_ARE = STEPS[:5]
SEND = STEPS[-1]
QUESTION_STEPS = STEPS[:-1]


def step_named(slug: str) -> Step | None:
    return _BY_SLUG.get(slug)


def step_after(step: Step) -> Step:
    return STEPS[step.number] if step.number < len(STEPS) else step


def step_before(step: Step) -> Step:
    return STEPS[step.number - 2] if step.number > 1 else step


def first_open_step(brief: Brief) -> Step:
    """Where a returning client picks up: the first step not yet saved, or the last one, to send."""
    return STEPS[min(brief.steps_done, len(STEPS) - 1)]


def can_open(brief: Brief, step: Step) -> bool:
    """Steps open in order: each one saved opens the next."""
    return step.number <= brief.steps_done + 1


def has_answered(brief: Brief, step: Step) -> bool:
    """Whether the step was saved once, so its form starts from the saved answers, not blank."""
    return brief.steps_done >= step.number


@dataclass(frozen=True)
class Progress:
    """One step as the progress bar shows it to a client on ``current``."""

    step: Step
    current: bool
    done: bool
    can_open: bool  # a link, unless it is the current step

    @property
    def standing(self) -> str:
        """The step's state in words, for those who cannot see its colour: "current step", "done", "to do"."""
        return "current step" if self.current else "done" if self.done else "to do"


def progress(brief: Brief | None, current: Step) -> list[Progress]:
    """Every step as it stands for ``brief`` (None: no draft yet) seen from ``current``."""
    return [
        Progress(
            step,
            current=step == current,
            done=brief is not None and has_answered(brief, step),
            can_open=brief is not None and step != current and can_open(brief, step),
        )
        for step in STEPS
    ]


def reveals_of(step: Step) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """The questions ``step`` asks only after an answer that calls for them (REVEALS)."""
    return {controller: reveal for controller, reveal in REVEALS.items() if controller in step.fields}


def was_asked(brief: Brief, name: str) -> bool:
    """Whether the brief's answers asked the question ``name``: always, unless another answer reveals it."""
    for controller, (answers, questions) in REVEALS.items():
        if name in questions:
            answer = getattr(brief, controller)
            return ("yes" if answer is True else "no" if answer is False else str(answer)) in answers
    return True
