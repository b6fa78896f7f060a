"""The consultants' writes: a service for each move of the lifecycle table (scoping.lifecycle) but
sending the memo (scoping.services.memo), the review's edits, notes, erasure and the deadline nudges.

Each service locks the brief, refuses a move its status does not allow (TransitionRefused,
nothing changed), and records who did it in the brief's history.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from scoping.deadlines import ReplyState
from scoping.lifecycle import (
    COMMENTED,
    DECLINE,
    EDITED,
    ERASE,
    LOST,
    MARK_SPAM,
    REOPEN_DEAL,
    REOPEN_REVIEW,
    START_REVIEW,
    TOOK_OVER,
    WON,
    HeldByColleague,
    TransitionRefused,
)
from scoping.models import Brief, BriefEvent, Notice, OutgoingEmail, WebhookEvent
from scoping.services.history import brief_move, record_event
from scoping.services.mail import email_queue
from scoping.services.notices import consultant_tell, team_tell
from scoping.services.webhooks import webhook_queue
from scoping.team import mentions, person

# The review fields a consultant edits in the admin; each change is logged.
REVIEW_FIELDS = (
    "assigned_to",
    "approach_override",
    "override_reason",
    "budget_adjustment_percent",
    "consultant_note",
    "internal_notes",
)
# The team's own fields, which stay open once the memo is sent or the brief closed.
OPEN_AFTER_SENDING = ("assigned_to", "internal_notes")


REVIEW_CLOSED = (
    "The brief was sent or closed since you opened this page, so the review can no longer change: "
    "your edits were not saved."
)


# The review's fields that go into the memo: editing them is acting on the brief, which its holder owns.
MEMO_FIELDS = tuple(name for name in REVIEW_FIELDS if name not in OPEN_AFTER_SENDING)


def brief_owner_claim(*, brief: Brief, actor: AbstractBaseUser, take_over: bool) -> Brief:
    """Make ``actor`` the brief's assignee before they act on it (in the caller's transaction). A
    brief nobody has becomes theirs; one a colleague has is refused (HeldByColleague, naming them)
    unless ``take_over``, and then taken over: recorded in the history, and the colleague told."""
    brief = Brief.objects.select_for_update(of=("self",)).select_related("assigned_to").get(pk=brief.pk)
    holder = brief.held_by_other(actor)
    if holder is not None and not take_over:
        raise HeldByColleague(holder)
    if brief.assigned_to_id == actor.pk:
        return brief
    brief.assigned_to = actor
    brief.save(update_fields=["assigned_to", "updated_at"])
    if holder is not None:
        detail = f"Took it over from {person(holder)}."
        record_event(brief, TOOK_OVER, actor=actor, from_status=brief.status, detail=detail)
        consultant_tell(holder, Notice.Kind.TAKEN_OVER, brief, by=actor)
    return brief


@transaction.atomic
def brief_start_review(*, brief: Brief, actor: AbstractBaseUser) -> Brief:
    """A consultant takes the brief: in review and assigned to them. Starting the review is taking
    it, so a colleague who had it is told (brief_owner_claim)."""
    START_REVIEW.check(Brief.objects.select_for_update().get(pk=brief.pk))
    brief_owner_claim(brief=brief, actor=actor, take_over=True)
    brief = brief_move(brief, START_REVIEW, actor=actor)
    webhook_queue(WebhookEvent.BRIEF_ASSIGNED, brief)
    return brief


@transaction.atomic
def brief_review_save(*, brief: Brief, actor: AbstractBaseUser, changed: list[str], take_over: bool = False) -> Brief:
    """Save a consultant's edits to the review fields (validated by the form and Brief.clean). Editing
    the memo's fields of a brief a colleague has needs ``take_over``; saving edits on a brief nobody
    has makes it the editor's (unless the edit gives it to someone)."""
    fields = [name for name in changed if name in REVIEW_FIELDS]
    if not fields:
        return brief
    locked = Brief.objects.select_for_update().get(pk=brief.pk)
    # Sent or closed meanwhile, perhaps by another (a revision opens the review again).
    if not locked.state.memo_in_the_making and set(fields) - set(OPEN_AFTER_SENDING):
        raise TransitionRefused(REVIEW_CLOSED)
    acts = bool(set(fields) & set(MEMO_FIELDS)) or locked.assigned_to_id is None
    if acts and locked.is_open and "assigned_to" not in fields:  # giving it to someone is not acting on it
        locked = brief_owner_claim(brief=locked, actor=actor, take_over=take_over)
    was = locked.assigned_to
    for name in fields:
        setattr(locked, name, getattr(brief, name))
    brief = locked
    saved = [*fields]
    if "consultant_note" in fields:
        brief.consultant_note_by = actor
        saved.append("consultant_note_by")
    brief.full_clean()
    brief.save(update_fields=[*saved, "updated_at"])
    detail = ", ".join(str(Brief._meta.get_field(name).verbose_name) for name in fields)
    if "approach_override" in fields or "override_reason" in fields:
        detail += f". Approach: {brief.get_approach_override_display() or 'as the engine says'}"
    if "assigned_to" in fields:
        detail += f". Assigned to {_name(brief.assigned_to)} (was {_name(was)})"
    record_event(brief, EDITED, actor=actor, from_status=brief.status, detail=detail)
    if "assigned_to" in fields and brief.assigned_to is not None and brief.assigned_to_id != actor.pk:
        consultant_tell(brief.assigned_to, Notice.Kind.ASSIGNED, brief, by=actor)  # a colleague gave it to them
    if "assigned_to" in fields and brief.assigned_to_id is not None:
        webhook_queue(WebhookEvent.BRIEF_ASSIGNED, brief)
    return brief


def _name(user: AbstractBaseUser | None) -> str:
    return "nobody" if user is None else person(user)


@transaction.atomic
def brief_decline(
    *, brief: Brief, actor: AbstractBaseUser, email_client: bool, message: str = "", take_over: bool = False
) -> Brief:
    """Not a fit. With ``email_client``, a polite email says so (with ``message``, if any). A
    colleague's brief needs ``take_over`` (brief_owner_claim)."""
    DECLINE.check(Brief.objects.select_for_update().get(pk=brief.pk))
    brief_owner_claim(brief=brief, actor=actor, take_over=take_over)
    now = timezone.now()
    brief = brief_move(brief, DECLINE, actor=actor, detail=message, at=now)
    brief.client_status = ""  # the client's page says "declined" from now: it is true
    brief.save(update_fields=["client_status", "updated_at"])
    if email_client:  # only then has the client had a reply
        brief.replied_at = now
        brief.save(update_fields=["replied_at", "updated_at"])
        email_queue(OutgoingEmail.Kind.DECLINED, brief)  # its message is the event's detail
    webhook_queue(WebhookEvent.BRIEF_DECLINED, brief)
    return brief


@transaction.atomic
def brief_close(
    *,
    brief: Brief,
    actor: AbstractBaseUser,
    won: bool,
    reason: str = "",
    value: Decimal | None = None,
    take_over: bool = False,
    claim: bool = True,
) -> Brief:
    """The client's answer to the memo: won (with the deal's value) or lost, and why. A colleague's
    brief needs ``take_over`` (brief_owner_claim). An integration records the answer for the team
    (``claim=False``: the API's keys), leaving the brief with whoever has it."""
    (WON if won else LOST).check(Brief.objects.select_for_update().get(pk=brief.pk))
    if claim:
        brief_owner_claim(brief=brief, actor=actor, take_over=take_over)
    said = [f"Deal value {value:,.2f}." if won and value is not None else "", reason]
    brief = brief_move(brief, WON if won else LOST, actor=actor, detail=" ".join(part for part in said if part))
    brief.deal_value, brief.closed_reason = (value if won else None), reason
    brief.save(update_fields=["deal_value", "closed_reason", "updated_at"])
    webhook_queue(WebhookEvent.DEAL_WON if won else WebhookEvent.DEAL_LOST, brief)
    return brief


@transaction.atomic
def brief_reopen(*, brief: Brief, actor: AbstractBaseUser) -> Brief:
    """Undo a closing move: a won or lost deal goes back to "memo sent", a declined or spam brief
    back into review (assigned to who reopens it, if nobody has it; a colleague who has it is told).
    Recorded in the history. Nothing reaches the client: their page keeps what it told them
    (Brief.client_state) until something new is sent."""
    before = Brief.objects.select_for_update().values_list("status", flat=True).get(pk=brief.pk)
    move = REOPEN_DEAL if before in REOPEN_DEAL.sources else REOPEN_REVIEW
    brief = brief_move(brief, move, actor=actor)
    brief.deal_value, brief.closed_reason = None, ""
    if move is REOPEN_REVIEW and not brief.client_status:
        brief.client_status = before
    if brief.assigned_to_id is None:
        brief.assigned_to = actor
    elif brief.assigned_to_id != actor.pk:
        consultant_tell(brief.assigned_to, Notice.Kind.REOPENED, brief, by=actor)
    brief.save(update_fields=["deal_value", "closed_reason", "assigned_to", "client_status", "updated_at"])
    return brief


@transaction.atomic
def brief_comment(*, brief: Brief, actor: AbstractBaseUser, text: str) -> BriefEvent:
    """A line for the history, in any status: a call, a follow-up, what the client said. Each
    colleague it mentions ("@maya") is told, with the comment and a link to the brief."""
    event = record_event(brief, COMMENTED, actor=actor, from_status=brief.status, detail=text)
    for colleague in mentions(text)[0]:
        if colleague.pk != actor.pk:
            consultant_tell(colleague, Notice.Kind.MENTIONED, brief, by=actor, detail=text)
    return event


@transaction.atomic
def brief_mark_spam(*, brief: Brief, actor: AbstractBaseUser) -> Brief:
    return brief_move(brief, MARK_SPAM, actor=actor)


@transaction.atomic
def brief_erase(*, brief: Brief, actor: AbstractBaseUser | None, reason: str) -> BriefEvent:
    """Erase a client's brief on their request: the brief and its history go; a record that it
    was erased (reference, who, when, why; nothing about the client) stays."""
    reference, status = brief.reference, Brief.objects.values_list("status", flat=True).get(pk=brief.pk)
    # The admin's own log names the brief ("company: project") in its change history.
    LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Brief), object_id=str(brief.pk)).delete()
    Brief.objects.filter(pk=brief.pk).delete()
    return record_event(None, ERASE.name, actor=actor, from_status=status, detail=reason, reference=reference)


def claim_stamp(brief: Brief, field: str, now: datetime, **still: object) -> bool:
    """Stamp ``field`` with ``now`` where it is still empty (and ``still`` holds): one UPDATE, so of
    two runs at once only one tells anyone."""
    return bool(Brief.objects.filter(pk=brief.pk, **{f"{field}__isnull": True}, **still).update(**{field: now}))


# What each reply state that is news tells the assignee, and the stamp that says it was told.
_NUDGES = {
    ReplyState.DUE_SOON: ("due_soon_notified_at", Notice.Kind.DUE_SOON),
    ReplyState.OVERDUE: ("overdue_notified_at", Notice.Kind.OVERDUE),
}


def deadline_nudges(*, now: datetime) -> int:
    """Tell the assignee (or, with nobody assigned, every consultant) once when an open brief's reply
    is due soon (scoping.deadlines.DUE_SOON_WITHIN), and once when it is overdue: a notice each, in
    their digest or at once (scoping.services.notices). A brief whose client has questions of ours
    to answer is off the clock, and nobody is nudged about it. How many briefs were news."""
    horizon = now + timedelta(days=5)  # due soon in business time is never further off than this
    candidates = (
        Brief.objects.on_the_clock()
        .filter(reply_due_at__lte=horizon)
        .exclude(due_soon_notified_at__isnull=False, overdue_notified_at__isnull=False)
        .order_by("reply_due_at", "pk")  # the digest lists them soonest due first, on any database
    )
    sent = 0
    for brief in candidates:
        nudge = _NUDGES.get(brief.reply_state(now))
        if nudge is None:
            continue
        field, kind = nudge
        with transaction.atomic():
            if claim_stamp(brief, field, now):
                team_tell(kind, brief)
                sent += 1
    return sent
