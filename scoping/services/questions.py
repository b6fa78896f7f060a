"""Questions to the client and their answers: a consultant sends the engine's open questions they
choose and their own; the client answers behind the private link. An answer about one of the
brief's answers changes it, recorded as it was and as it is; the engine reads the brief again, the
consultant is told, and the reply is due one business day after the answers. Questions asked by the
deadline hold it while they wait (Brief.waiting_for_client_since); questions left unanswered when
the brief moves on lapse (scoping.services.history.brief_move)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from decisions.ladder import RuleId, recommend
from scoping.deadlines import brief_reply_due
from scoping.lifecycle import QUESTIONS_ANSWERED, QUESTIONS_ASKED
from scoping.models import Brief, ClientQuestion, Notice, OutgoingEmail, WebhookEvent
from scoping.services.history import record_event
from scoping.services.mail import email_queue
from scoping.services.notices import team_tell
from scoping.services.review import brief_start_review
from scoping.services.webhooks import webhook_queue

# The answer of the brief each of the engine's questions is about (the client may change it on the
# answer page); a question not listed is answered in words alone.
ENGINE_QUESTION_FIELDS: dict[RuleId, str] = {
    RuleId.ASK_INPUTS_OR_KNOWLEDGE: "needs_knowledge",
    RuleId.ASK_KNOWLEDGE_SIZE: "corpus_documents",
    RuleId.ASK_CITATIONS_WITHOUT_KNOWLEDGE: "needs_knowledge",
    RuleId.ASK_TENANTS_WITHOUT_KNOWLEDGE: "needs_knowledge",
    RuleId.ASK_SHARED_BASE_WITHOUT_KNOWLEDGE: "needs_knowledge",
    RuleId.ASK_RETRIEVAL_WITHOUT_KNOWLEDGE: "needs_knowledge",
}
# How many questions of their own a consultant may send at once, and how long one may be.
OWN_QUESTIONS = 3
QUESTION_LIMIT = 1000


# Questions left open on a brief whose memo went (or that closed): what the client is told instead.
MOVED_ON = (
    "Your brief has moved on since these questions were asked, so they no longer need answers here. "
    "Write to your consultant if you want to add something."
)


ANSWERED_ALREADY = (
    "These questions were answered already (in another tab or browser): thank you. What this page sent is "
    "below, to send your consultant by email if it adds something."
)


class QuestionsRefused(Exception):
    """The questions cannot be sent or answered as asked; the message says why."""


@dataclass(frozen=True)
class OpenQuestion:
    """One of the engine's questions for the brief as it now reads."""

    rule_id: RuleId
    text: str
    field: str = ""


def engine_questions(brief: Brief) -> list[OpenQuestion]:
    """The engine's open questions on the brief's current answers, with the answer each is about."""
    found = brief.recommendation().warnings
    return [OpenQuestion(w.rule_id, w.text, ENGINE_QUESTION_FIELDS.get(w.rule_id, "")) for w in found if w.rule_id.asks]


@dataclass(frozen=True)
class OwnQuestion:
    text: str
    field: str = ""  # the brief's answer it is about, if any


@transaction.atomic
def questions_ask(
    *, brief: Brief, actor: AbstractBaseUser, engine: list[str], own: list[OwnQuestion]
) -> list[ClientQuestion]:
    """Send the client the engine's questions whose rule ids are in ``engine`` (as they read now) and
    the consultant's ``own``, in one email with the link to the answer page. Only while a memo is in
    the making, and never nothing. Asking about a brief nobody has started reviewing starts its
    review, by the asker. Asked by the deadline of an open brief, the questions hold it: the brief
    waits for the client (Brief.waiting_for_client_since) until the answers."""
    brief = Brief.objects.select_for_update().get(pk=brief.pk)
    if not brief.state.memo_in_the_making:
        raise QuestionsRefused(f"Could not ask the client: the brief is {brief.state.standing}.")
    if brief.state.awaits_review and brief.held_by_other(actor) is None:
        brief = brief_start_review(brief=brief, actor=actor)  # asking the client is reviewing it
    now = timezone.now()
    chosen = [q for q in engine_questions(brief) if q.rule_id.value in engine]
    rows = [
        ClientQuestion(brief=brief, text=q.text, rule_id=q.rule_id.value, field=q.field, asked_by=actor, asked_at=now)
        for q in chosen
    ] + [
        ClientQuestion(brief=brief, text=q.text.strip(), field=q.field, asked_by=actor, asked_at=now)
        for q in own
        if q.text.strip()
    ]
    if not rows:
        raise QuestionsRefused("Choose one of the engine's questions or write one of your own.")
    for row in rows:
        if row.field and row.field not in {f.name for f in Brief._meta.concrete_fields}:
            raise ValueError(f"no answer {row.field!r} on a brief")
        row.full_clean()
        row.save()
    due = brief.reply_due_at
    if brief.is_open and brief.waiting_for_client_since is None and due is not None and now < due:
        brief.waiting_for_client_since = now  # asked in time: the deadline waits for the answers
    brief.client_status = ""  # something new reaches the client: their page follows the status again
    brief.save(update_fields=["waiting_for_client_since", "client_status", "updated_at"])  # polled: updated_at
    record_event(
        brief,
        QUESTIONS_ASKED,
        actor=actor,
        from_status=brief.status,
        detail="\n".join(f"{number}. {row.text}" for number, row in enumerate(rows, 1)),
    )
    email_queue(OutgoingEmail.Kind.QUESTIONS, brief)
    webhook_queue(WebhookEvent.QUESTIONS_ASKED, brief)
    return rows


@dataclass(frozen=True)
class Answer:
    """The client's answer to one question: their words, and the brief's answers it changes (the
    one asked about, and any that no longer apply, back to their defaults), as the form cleaned them."""

    question_id: int
    text: str
    changes: dict[str, Any] = field(default_factory=dict)


def in_words(brief: Brief, name: str) -> str:
    """One of the brief's answers as a person reads it: "Yes", "Monthly", "40,000", "not said"."""
    value = getattr(brief, name)
    model_field = Brief._meta.get_field(name)
    if value is None or value == "":
        return "not said"
    if model_field.choices:
        return str(getattr(brief, f"get_{name}_display")())
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@transaction.atomic
def questions_answer(*, brief: Brief, answers: list[Answer]) -> Brief:
    """Record the client's answers to every open question. Answers about the brief's answers change
    them (each question keeps the answer before and after, in words); the engine reads the brief
    again (its approach of record follows), the reply is due one business day after the answers
    while the brief is open (where the questions held it: asked after the deadline, the reply was
    late already and its deadline stands), and the consultant is told."""
    brief = Brief.objects.select_for_update().get(pk=brief.pk)
    open_questions = {q.pk: q for q in brief.questions.waiting()}
    if not open_questions:
        raise QuestionsRefused(MOVED_ON if brief.questions.moved_on() else ANSWERED_ALREADY)
    if not brief.state.memo_in_the_making:  # a second line: the move that ended it lapsed them
        raise QuestionsRefused(MOVED_ON)
    if set(open_questions) != {answer.question_id for answer in answers}:
        raise QuestionsRefused("The questions changed since you opened the page: please look at them again.")
    now = timezone.now()
    engine_before = brief.engine_approach
    lines: list[str] = []
    changed: set[str] = set()
    for answer in answers:
        question = open_questions[answer.question_id]
        question.old_value = in_words(brief, question.field) if question.field else ""
        before = {name: in_words(brief, name) for name in answer.changes}
        for name, value in answer.changes.items():
            setattr(brief, name, value)
        changed |= set(answer.changes)
        question.new_value = in_words(brief, question.field) if question.field else ""
        question.answer, question.answered_at = answer.text.strip(), now
        question.full_clean()
        question.save()
        lines.append(f"Q: {question.text}\nA: {question.answer or '-'}")
        lines += [
            f"{Brief._meta.get_field(name).verbose_name}: {before[name]} → {in_words(brief, name)}"
            for name in answer.changes
            if before[name] != in_words(brief, name)
        ]
    brief.engine_approach = recommend(brief.facts()).approach
    if brief.engine_approach != engine_before:
        lines.append(f"The engine now recommends {brief.get_engine_approach_display()} (was {engine_before or '-'}).")
    fields = [*changed, "engine_approach", "waiting_for_client_since", "updated_at"]
    held, brief.waiting_for_client_since = brief.waiting_for_client_since is not None, None
    if brief.is_open and held:  # the reply counts from the answers, and its nudges start again
        brief.reply_due_at = brief_reply_due(now)
        brief.due_soon_notified_at = brief.overdue_notified_at = None
        fields += ["reply_due_at", "due_soon_notified_at", "overdue_notified_at"]
    brief.full_clean()
    brief.save(update_fields=fields)
    record_event(brief, QUESTIONS_ANSWERED, from_status=brief.status, detail="\n".join(lines))
    consultant_tell_questions_answered(brief=brief, answers="\n".join(lines))
    webhook_queue(WebhookEvent.QUESTIONS_ANSWERED, brief)
    return brief


def consultant_tell_questions_answered(*, brief: Brief, answers: str) -> None:
    """Tell the brief's consultant (or, with nobody assigned, the team) that the client answered
    their questions, the answers quoted: in their digest or at once, as each chose."""
    team_tell(Notice.Kind.ANSWERED, brief, detail=answers)
