"""The brief's lifecycle as one table: every move, where it may start, where it leads, who may make
it, what people call it and what it records. The form's submission, the admin's buttons,
permission checks, messages and the history all read it; nothing else decides them.
``scoping.services.history.brief_move`` is the one function that makes a move."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser

from scoping.models import Brief, BriefEvent
from scoping.team import person

S = Brief.Status
OPEN = Brief.OPEN_STATUSES


class TransitionRefused(Exception):
    """The brief's status does not allow this move; the message says why, for the consultant."""


class HeldByColleague(TransitionRefused):
    """A colleague has the brief: acting on it (a move, an edit of the memo) takes it over from them,
    which the consultant must ask for. The message names them."""

    def __init__(self, holder: AbstractBaseUser) -> None:
        self.holder = holder
        super().__init__(
            f"{person(holder)} has this brief. Take it over to go on: they will be told, and it becomes yours."
        )


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
    done: str = ""  # the message once done ({email}: the client's address)
    page: str = ""  # the admin URL name of its confirmation page; none for a one-click move
    superusers_only: bool = False
    clients_only: bool = False  # made from the brief form, never by a consultant

    def permitted(self, user: AbstractBaseUser, may_change: bool) -> bool:
        """Whether ``user`` may make this move (``may_change``: they may change briefs)."""
        if self.clients_only:
            return False
        return bool(user.is_superuser) if self.superusers_only else may_change

    def check(self, brief: Brief) -> None:
        """Raise TransitionRefused, saying why, unless ``brief``'s status allows this move."""
        if brief.status not in self.sources:
            raise TransitionRefused(f"Could not {self.verb}: the brief is {S(brief.status).standing}.")


SUBMIT = Move("submitted", "", "send the brief", "sent the brief", (S.DRAFT,), S.SUBMITTED, clients_only=True)
START_REVIEW = Move(
    "start_review", "Start review", "start the review", "started the review", (S.SUBMITTED,), S.IN_REVIEW,
    done="You are reviewing this brief.",
)  # fmt: skip
SEND_MEMO = Move(
    "send_memo", "Send memo…", "send the memo", "sent the memo", (*OPEN, S.REVISING), S.MEMO_SENT,
    done="The memo is on its way to {email}.", page="scoping_brief_send",
)  # fmt: skip
DECLINE = Move(
    "decline", "Decline…", "decline the brief", "declined the brief", OPEN, S.DECLINED,
    done="Declined.", page="scoping_brief_decline",
)  # fmt: skip
MARK_SPAM = Move(
    "mark_spam", "Spam…", "mark the brief as spam", "marked it as spam", OPEN, S.SPAM, done="Marked as spam.",
    page="scoping_brief_mark_spam",
)  # fmt: skip
WON = Move(
    "won", "Won…", "mark the brief won", "marked it won", (S.MEMO_SENT,), S.WON, done="Marked won.",
    page="scoping_brief_won",
)  # fmt: skip
LOST = Move(
    "lost", "Lost…", "mark the brief lost", "marked it lost", (S.MEMO_SENT,), S.LOST, done="Marked lost.",
    page="scoping_brief_lost",
)  # fmt: skip
# The way back from a closing move: a deal reopens to "memo sent" (the memo stays as sent); a brief
# declined or marked as spam goes back into review.
REOPEN_DEAL = Move(
    "reopen_deal", "Reopen", "reopen the brief", "reopened it", (S.WON, S.LOST), S.MEMO_SENT,
    done="Reopened: the memo stays as it was sent.",
)  # fmt: skip
REOPEN_REVIEW = Move(
    "reopen_review", "Reopen", "reopen the brief", "reopened it for review", (S.DECLINED, S.SPAM), S.IN_REVIEW,
    done="Reopened for review. The client's page still says their brief is closed, and nobody emailed them: it "
    "changes when you send the memo.",
)  # fmt: skip
# A sent memo's next version: prepared from the brief as it now is, invisible to the client until
# sent (they keep reading the version they have); dropping it leaves the sent memo as it was.
REVISE = Move(
    "revise", "Revise", "revise the memo", "started a revised memo", (S.MEMO_SENT,), S.REVISING,
    done="Revising: edit the review, then send the new version. The client reads the sent one until then.",
)  # fmt: skip
DROP_REVISION = Move(
    "drop_revision", "Drop the revision", "drop the revision", "dropped the revision", (S.REVISING,), S.MEMO_SENT,
    done="Revision dropped: the memo stays as it was sent.",
)  # fmt: skip
ERASE = Move(
    "erased", "Erase…", "erase the brief", "erased the brief", tuple(S.values), None,
    page="scoping_brief_erase", superusers_only=True,
)  # fmt: skip
MOVES: dict[str, Move] = {
    move.name: move
    for move in (
        SUBMIT, START_REVIEW, SEND_MEMO, DECLINE, MARK_SPAM, WON, LOST, REOPEN_DEAL, REOPEN_REVIEW, REVISE,
        DROP_REVISION, ERASE,
    )
}  # fmt: skip
EDITED = "edited"  # the event of a consultant's edits to the review, which moves nothing
COMMENTED = "commented"  # a line a consultant added to the history (a call, a follow-up)
TOOK_OVER = "took_over"  # a consultant took a brief a colleague had (who is told)
REMINDED = "reminded_unread"  # the consultant who signed a memo was told its client has not opened it
ACCEPTED = "scope_accepted"  # the client accepted the scope of a sent version
QUESTIONS_ASKED = "asked_client"  # a consultant sent the client questions about the brief
QUESTIONS_ANSWERED = "client_answered"  # the client answered them (the answers they changed in the detail)
# What the history says for events that are not moves.
OTHER_EVENTS = {
    EDITED: "edited the review",
    COMMENTED: "added a note",
    TOOK_OVER: "took it over",
    REMINDED: "reminded the consultant: memo not yet opened",
    ACCEPTED: "accepted the scope",
    QUESTIONS_ASKED: "asked the client",
    QUESTIONS_ANSWERED: "answered the questions",
}
# Events nobody did: the app's own periodic jobs (an event with no actor is otherwise the client's).
SYSTEM_EVENTS = frozenset({REMINDED})


def event_actor(event: BriefEvent) -> str:
    """Who did it, in words: the consultant, the client, or the app itself."""
    if event.actor is not None:
        return person(event.actor)
    return "the system" if event.action in SYSTEM_EVENTS else "the client"


def moves_for(brief: Brief, user: AbstractBaseUser, may_change: bool) -> list[Move]:
    """The moves ``user`` may make on ``brief`` as it stands, in the order the page shows them."""
    return [move for move in MOVES.values() if brief.status in move.sources and move.permitted(user, may_change)]


def event_words(action: str) -> str:
    """What an event's action means, in plain words, for the history."""
    move = MOVES.get(action)
    return move.past if move else OTHER_EVENTS.get(action, action.replace("_", " "))
