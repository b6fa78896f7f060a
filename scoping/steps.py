"""The brief form's steps, in order: what each asks and how they follow one another."""

from __future__ import annotations

from dataclasses import dataclass

from scoping.intake_forms import AboutForm, BehaviourForm, KnowledgeForm, ProjectForm, StatusForm, StepForm
from scoping.models import Brief


@dataclass(frozen=True)
class Step:
    number: int
    slug: str
    title: str
    intro: str
    form_class: type[StepForm] | None  # None: the review, which asks nothing new
    shows_preliminary: bool  # whether the live recommendation sits beside it

    @property
    def is_review(self) -> bool:
        return self.form_class is None


STEPS: tuple[Step, ...] = (
    Step(1, "about", "About you", "Who we will reply to.", AboutForm, False),
    Step(
        2,
        "project",
        "The project",
        "What you want to build, roughly: details can wait for the call.",
        ProjectForm,
        False,
    ),
    Step(
        3,
        "knowledge",
        "Knowledge",
        "What the system must know beyond what a public model knows.",
        KnowledgeForm,
        True,
    ),
    Step(
        4, "behaviour", "Behaviour and limits", "How it must answer, and what it must not exceed.", BehaviourForm, True
    ),
    Step(5, "where-you-are", "Where you are", "What you have tried so far, and how you judged it.", StatusForm, True),
    Step(6, "review", "Review and send", "Check your answers, then send the brief.", None, True),
)
_BY_SLUG = {step.slug: step for step in STEPS}
REVIEW = STEPS[-1]
QUESTION_STEPS = STEPS[:-1]


def step_named(slug: str) -> Step | None:
    return _BY_SLUG.get(slug)


def step_after(step: Step) -> Step:
    return STEPS[step.number] if step.number < len(STEPS) else step


def step_before(step: Step) -> Step:
    return STEPS[step.number - 2] if step.number > 1 else step


def first_open_step(brief: Brief) -> Step:
    """Where a returning client picks up: the first step not yet saved, or the review."""
    return STEPS[min(brief.steps_done, len(STEPS) - 1)]


def can_open(brief: Brief, step: Step) -> bool:
    """Steps open in order: each one saved opens the next."""
    return step.number <= brief.steps_done + 1


def has_answered(brief: Brief, step: Step) -> bool:
    """Whether the step was saved once, so its form starts from the saved answers, not blank."""
    return brief.steps_done >= step.number
