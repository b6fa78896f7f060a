"""The consultants' side of a brief: the lifecycle table, and the services that make each move.

Each service locks the brief, refuses a move its status does not allow (TransitionRefused,
nothing changed), and records who did it in the brief's event log.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from scoping.events import record_event
from scoping.models import Brief, BriefEvent
from scoping.services import email_after_commit, memo_freeze

S = Brief.Status
OPEN = Brief.OPEN_STATUSES
# The review fields a consultant edits in the admin; each change is logged.
REVIEW_FIELDS = (
    "assigned_to",
    "approach_override",
    "override_reason",
    "budget_adjustment_percent",
    "consultant_note",
    "internal_notes",
)


REVIEW_CLOSED = (
    "The brief was sent or closed since you opened this page, so the review can no longer change: "
    "your edits were not saved."
)


# Where a brief stands, as the end of a sentence ("the brief is ...").
STANDING = {
    S.DRAFT: "still a draft",
    S.SUBMITTED: "waiting for its review",
    S.IN_REVIEW: "in review",
    S.MEMO_SENT: "already sent",
    S.WON: "closed as won",
    S.LOST: "closed as lost",
    S.DECLINED: "declined",
    S.SPAM: "marked as spam",
}


class TransitionRefused(Exception):
    """The brief's status does not allow this move; the message says why, for the consultant."""


@dataclass(frozen=True)
class Move:
    """One move of a brief's lifecycle: where it may start, where it leads, who may make it, what
    people call it and what it records. The admin's buttons, permission checks, messages and the
    history all read these; nothing else decides them."""

    name: str  # in the URL of a one-click move, and the action its event records
    button: str  # on the brief's page
    verb: str  # in a refusal: "Could not <verb>: ..."
    past: str  # in the history: "<who> <past>"
    sources: tuple[str, ...]  # the statuses it may start from
    to: str | None  # the status it leads to (None: the brief is deleted)
    done: str = ""  # the message once done, for a one-click move
    page: str = ""  # the admin URL name of its confirmation page; none for a one-click move
    superusers_only: bool = False

    def permitted(self, user: AbstractBaseUser, may_change: bool) -> bool:
        """Whether ``user`` may make this move (``may_change``: they may change briefs)."""
        return bool(user.is_superuser) if self.superusers_only else may_change

    def check(self, brief: Brief) -> None:
        """Raise TransitionRefused, saying why, unless ``brief``'s status allows this move."""
        if brief.status not in self.sources:
            raise TransitionRefused(f"Could not {self.verb}: the brief is {STANDING[brief.status]}.")


START_REVIEW = Move(
    "start_review", "Start review", "start the review", "started the review", (S.SUBMITTED,), S.IN_REVIEW,
    done="You are reviewing this brief.",
)  # fmt: skip
SEND_MEMO = Move(
    "send_memo", "Send memo…", "send the memo", "sent the memo", OPEN, S.MEMO_SENT, page="scoping_brief_send"
)
DECLINE = Move(
    "decline", "Decline…", "decline the brief", "declined the brief", OPEN, S.DECLINED, page="scoping_brief_decline"
)
MARK_SPAM = Move(
    "mark_spam", "Spam", "mark the brief as spam", "marked it as spam", OPEN, S.SPAM, done="Marked as spam."
)
WON = Move("won", "Won", "mark the brief won", "marked it won", (S.MEMO_SENT,), S.WON, done="Marked won.")
LOST = Move("lost", "Lost", "mark the brief lost", "marked it lost", (S.MEMO_SENT,), S.LOST, done="Marked lost.")
ERASE = Move(
    "erased", "Erase…", "erase the brief", "erased the brief", tuple(S.values), None,
    page="scoping_brief_erase", superusers_only=True,
)  # fmt: skip
MOVES: dict[str, Move] = {move.name: move for move in (START_REVIEW, SEND_MEMO, DECLINE, MARK_SPAM, WON, LOST, ERASE)}
# What the history says for events that are not moves.
OTHER_EVENTS = {"submitted": "sent the brief", "edited": "edited the review"}


def moves_for(brief: Brief, user: AbstractBaseUser, may_change: bool) -> list[Move]:
    """The moves ``user`` may make on ``brief`` as it stands, in the order the page shows them."""
    return [move for move in MOVES.values() if brief.status in move.sources and move.permitted(user, may_change)]


def event_words(action: str) -> str:
    """What an event's action means, in plain words, for the history."""
    move = MOVES.get(action)
    return move.past if move else OTHER_EVENTS.get(action, action.replace("_", " "))


def _move(brief: Brief, actor: AbstractBaseUser, move: Move, detail: str = "") -> Brief:
    brief = Brief.objects.select_for_update().get(pk=brief.pk)
    move.check(brief)
    before = brief.status
    brief.status = move.to
    brief.save(update_fields=["status", "updated_at"])
    record_event(brief, move.name, actor=actor, from_status=before, detail=detail)
    return brief


@transaction.atomic
def brief_start_review(*, brief: Brief, actor: AbstractBaseUser) -> Brief:
    """A consultant takes the brief: in review, assigned to them unless someone already has it."""
    brief = _move(brief, actor, START_REVIEW)
    if brief.assigned_to_id is None:
        brief.assigned_to = actor
        brief.save(update_fields=["assigned_to", "updated_at"])
    return brief


@transaction.atomic
def brief_review_save(*, brief: Brief, actor: AbstractBaseUser, changed: list[str]) -> Brief:
    """Save a consultant's edits to the review fields (validated by the form and Brief.clean)."""
    fields = [name for name in changed if name in REVIEW_FIELDS]
    if not fields:
        return brief
    locked = Brief.objects.select_for_update().get(pk=brief.pk)
    if not locked.is_open:  # sent or closed meanwhile, perhaps by another consultant
        raise TransitionRefused(REVIEW_CLOSED)
    for name in fields:
        setattr(locked, name, getattr(brief, name))
    brief = locked
    brief.full_clean()
    brief.save(update_fields=[*fields, "updated_at"])
    detail = ", ".join(str(Brief._meta.get_field(name).verbose_name) for name in fields)
    if "approach_override" in fields or "override_reason" in fields:
        detail += f". Approach: {brief.get_approach_override_display() or 'as the engine says'}"
    record_event(brief, "edited", actor=actor, from_status=brief.status, detail=detail)
    return brief


@transaction.atomic
def memo_send(*, brief: Brief, actor: AbstractBaseUser) -> Brief:
    """Freeze the memo, mark it sent and email it to the client (PDF attached, and the link).
    Sending twice sends once: the second call finds the memo sent and refuses."""
    brief = _move(brief, actor, SEND_MEMO)
    brief = memo_freeze(brief=brief)
    brief.memo_sent_at = brief.replied_at = timezone.now()
    brief.save(update_fields=["memo_sent_at", "replied_at", "updated_at"])
    email_after_commit("memo", brief)
    return brief


@transaction.atomic
def brief_decline(*, brief: Brief, actor: AbstractBaseUser, email_client: bool, message: str = "") -> Brief:
    """Not a fit. With ``email_client``, a polite email says so (with ``message``, if any)."""
    brief = _move(brief, actor, DECLINE, detail=message)
    if email_client:  # only then has the client had a reply
        brief.replied_at = timezone.now()
        brief.save(update_fields=["replied_at", "updated_at"])
        email_after_commit("declined", brief)  # its message is the event's detail
    return brief


@transaction.atomic
def brief_close(*, brief: Brief, actor: AbstractBaseUser, won: bool) -> Brief:
    """The client's answer to the memo: won or lost."""
    return _move(brief, actor, WON if won else LOST)


@transaction.atomic
def brief_mark_spam(*, brief: Brief, actor: AbstractBaseUser) -> Brief:
    return _move(brief, actor, MARK_SPAM)


@transaction.atomic
def brief_erase(*, brief: Brief, actor: AbstractBaseUser | None, reason: str) -> BriefEvent:
    """Erase a client's brief on their request: the brief and its history go; a record that it
    was erased (reference, who, when, why; nothing about the client) stays."""
    reference = brief.reference
    # The admin's own log names the brief ("company: project") in its change history.
    LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Brief), object_id=str(brief.pk)).delete()
    Brief.objects.filter(pk=brief.pk).delete()
    return BriefEvent.objects.create(brief=None, reference=reference, actor=actor, action=ERASE.name, detail=reason)
