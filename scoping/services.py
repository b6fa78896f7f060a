"""Every write to a brief goes through a function here: views, admin and commands only coordinate."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from decisions.ladder import Facts, recommend
from decisions.models import AssumptionSet
from scoping.deadlines import brief_business_days_after, brief_reply_due, brief_time_left, in_business_hours
from scoping.events import record_event
from scoping.lifecycle import REMINDED, SUBMIT
from scoping.memo.content import memo_build, memo_snapshot, signatory
from scoping.models import Brief
from scoping.outbox import email_queue
from scoping.steps import QUESTION_STEPS, Step

# The optional answers brief_submit accepts. Listed, so a caller cannot set the status, the
# token or the timestamps through **optional.
BRIEF_OPTIONAL_FIELDS = frozenset({"contact_role", "monthly_queries", "budget_range"})
# Where a client came from, as the landing page saw it.
SOURCE_FIELDS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "referrer")


class BriefNotEditable(Exception):
    """The client tried to change a brief that is no longer a draft."""


def _locked_draft(brief: Brief) -> Brief:
    brief = Brief.objects.select_for_update().get(pk=brief.pk)
    if brief.status != Brief.Status.DRAFT:
        raise BriefNotEditable(f"brief {brief.pk} is {brief.status}, not a draft")
    return brief


def _mark_submitted(brief: Brief, *, notify: bool) -> Brief:
    """Validate every answer, stamp the brief submitted with its reply deadline, save it, and once
    owe client and team an email each (written with it; sent once it is committed: a failed email
    must not lose a brief)."""
    SUBMIT.check(brief)
    now = timezone.now()
    brief.status = SUBMIT.to
    brief.submitted_at = now
    brief.reply_due_at = brief_reply_due(now)
    brief.preliminary_approach = recommend(brief.facts()).approach
    brief.assumptions_version = AssumptionSet.current().version
    brief.pending_answers = {}
    brief.full_clean()
    brief.save()
    record_event(brief, SUBMIT.name, from_status=SUBMIT.sources[0])
    if notify:
        email_queue("acknowledgment", brief)
        email_queue("consultant_notification", brief)
    return brief


@transaction.atomic
def brief_submit(
    *,
    contact_name: str,
    contact_email: str,
    company: str,
    project_title: str,
    project_summary: str,
    facts: Facts,
    notify: bool = True,
    **optional: Any,
) -> Brief:
    """Create a submitted brief from a complete set of answers.

    This is the integration entry point: keep its signature. It raises
    django.core.exceptions.ValidationError (nothing saved) when an answer is invalid, and
    TypeError for an unknown optional answer. With ``notify`` (the default) the client and the
    consultants are emailed, as for a brief sent through the form.
    """
    unknown = set(optional) - BRIEF_OPTIONAL_FIELDS
    if unknown:
        raise TypeError(
            f"brief_submit() got unknown answers {sorted(unknown)}; optional ones are {sorted(BRIEF_OPTIONAL_FIELDS)}"
        )
    brief = Brief(
        contact_name=contact_name,
        contact_email=contact_email,
        company=company,
        project_title=project_title,
        project_summary=project_summary,
        **optional,
        **dataclasses.asdict(facts),
        steps_done=len(QUESTION_STEPS),
    )
    return _mark_submitted(brief, notify=notify)


@transaction.atomic
def brief_start(*, answers: dict[str, Any], source: dict[str, str]) -> Brief:
    """Create the draft behind the form from the first step's answers and where the client came from."""
    kept = {name: source[name][: Brief._meta.get_field(name).max_length] for name in SOURCE_FIELDS if name in source}
    return Brief.objects.create(**answers, **kept, steps_done=1)


@transaction.atomic
def brief_save_step(*, brief: Brief, step: Step, answers: dict[str, Any]) -> Brief:
    """Save a step's valid answers; the next step opens. Raises BriefNotEditable once submitted."""
    if not set(answers) <= set(step.fields):
        raise ValueError(f"step {step.slug} does not ask {sorted(set(answers) - set(step.fields))}")
    brief = _locked_draft(brief)
    for name, value in answers.items():
        setattr(brief, name, value)
    brief.steps_done = max(brief.steps_done, step.number)
    brief.pending_answers.pop(step.slug, None)
    brief.save(update_fields=[*answers, "steps_done", "pending_answers", "updated_at"])
    return brief


@transaction.atomic
def brief_keep_typed(*, brief: Brief, step: Step, typed: dict[str, str]) -> Brief:
    """Keep what was typed on a step that cannot be saved yet, to show it again as it was."""
    brief = _locked_draft(brief)
    brief.pending_answers[step.slug] = typed
    brief.save(update_fields=["pending_answers", "updated_at"])
    return brief


@transaction.atomic
def brief_finalize(*, brief: Brief) -> Brief:
    """Submit a draft whose steps are all saved. Submitting twice (a double click, two tabs)
    submits once and emails once. Raises ValidationError, nothing changed, if an answer is missing."""
    brief = Brief.objects.select_for_update().get(pk=brief.pk)
    if brief.status != Brief.Status.DRAFT:
        return brief
    if brief.steps_done < len(QUESTION_STEPS):
        raise ValidationError("Some steps are not finished yet.", code="incomplete")
    return _mark_submitted(brief, notify=True)


@transaction.atomic
def brief_email_resume_link(*, brief: Brief) -> None:
    """Email the client their private link, to finish the brief later."""
    email_queue("resume_link", _locked_draft(brief))


@transaction.atomic
def memo_freeze(*, brief: Brief, signer: AbstractBaseUser | None = None) -> Brief:
    """Fix the memo as it reads now, signed by ``signer``: answers, recommendation, prices and the
    consultant's note.

    A frozen memo renders the same forever, whatever later changes in the rules or assumptions.
    Freezing twice keeps the first snapshot.
    """
    brief = Brief.objects.select_for_update().get(pk=brief.pk)
    if brief.memo_snapshot is None:
        signed_by = signatory(signer) if signer is not None else None
        brief.memo_snapshot = memo_snapshot(
            memo_build(brief, AssumptionSet.current().to_assumptions(), signed_by=signed_by)
        )
        brief.memo_frozen_at = timezone.now()
        brief.save(update_fields=["memo_snapshot", "memo_frozen_at", "updated_at"])
    return brief


def memo_viewed(*, brief: Brief) -> None:
    """Count an opening of a sent memo by its client (report or PDF): first and last time, and how
    often. One UPDATE, so two tabs opening at once both count."""
    now = timezone.now()
    Brief.objects.filter(pk=brief.pk, memo_sent_at__isnull=False).update(
        memo_views=F("memo_views") + 1,
        memo_last_viewed_at=now,
        memo_first_viewed_at=Coalesce(F("memo_first_viewed_at"), Value(now)),
    )


# A sent memo its client has not opened this many business days later: its consultant is told,
# in working hours; memos sent longer ago than the window are old news, not reminded.
UNREAD_REMINDER_AFTER = 3
UNREAD_REMINDER_WINDOW = timedelta(days=14)


def unread_memos_remind(*, now: datetime) -> int:
    """Tell the consultant who signed each sent memo that its client has not opened it within
    UNREAD_REMINDER_AFTER business days: once per memo, in business hours, and never once the brief
    has moved on (won, lost). How many reminders went."""
    if not in_business_hours(now):
        return 0  # the next hourly run in working hours sends them
    waiting = Brief.objects.filter(
        status=Brief.Status.MEMO_SENT,
        memo_first_viewed_at__isnull=True,
        memo_reminded_at__isnull=True,
        memo_sent_at__lte=now - timedelta(days=UNREAD_REMINDER_AFTER),  # business days are no shorter
        memo_sent_at__gte=now - UNREAD_REMINDER_WINDOW,
    )
    reminded = 0
    for brief in waiting:
        if brief_business_days_after(brief.memo_sent_at, UNREAD_REMINDER_AFTER) > now:
            continue
        with transaction.atomic():  # a memo opened meanwhile is not claimed
            if _claim(brief, "memo_reminded_at", now, memo_first_viewed_at__isnull=True):
                record_event(brief, REMINDED)
                email_queue("unread_memo", brief)
                reminded += 1
    return reminded


def _claim(brief: Brief, field: str, now: datetime, **still: object) -> bool:
    """Stamp ``field`` with ``now`` where it is still empty (and ``still`` holds): one UPDATE, so of
    two runs at once only one tells anyone."""
    return bool(Brief.objects.filter(pk=brief.pk, **{f"{field}__isnull": True}, **still).update(**{field: now}))


# Business time before the deadline at which the assignee hears the reply is due soon.
DUE_SOON = timedelta(hours=4)


def deadline_nudges(*, now: datetime) -> int:
    """Tell the assignee (or, with nobody assigned, every consultant) once when an open brief's reply
    is due within DUE_SOON of business time, and once when it is overdue. How many emails went."""
    horizon = now + timedelta(days=5)  # DUE_SOON of business time is never further off than this
    candidates = (
        Brief.objects.open()
        .filter(reply_due_at__lte=horizon)
        .exclude(due_soon_notified_at__isnull=False, overdue_notified_at__isnull=False)
    )
    sent = 0
    for brief in candidates:
        left = brief_time_left(now, brief.reply_due_at)
        field, kind = (
            ("overdue_notified_at", "overdue") if left <= timedelta() else ("due_soon_notified_at", "due_soon")
        )
        if kind == "due_soon" and left > DUE_SOON:
            continue
        with transaction.atomic():
            if _claim(brief, field, now):
                email_queue(kind, brief)
                sent += 1
    return sent


def drafts_purge(*, older_than_days: int) -> int:
    """Delete drafts nobody has touched for ``older_than_days``; how many went."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    _, deleted = Brief.objects.filter(status=Brief.Status.DRAFT, updated_at__lt=cutoff).delete()
    return deleted.get(Brief._meta.label, 0)
