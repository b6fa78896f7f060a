"""A brief's record of who did what, and the one function that moves a brief from status to status.

``record_event`` is the only writer of ``BriefEvent`` rows and ``brief_move`` the only writer of a
brief's status: every service of the other modules calls them, so the history and the lifecycle
table (scoping.lifecycle) can never disagree with what happened. A move that ends the making of a
memo lapses the questions still waiting for the client (ClientQuestion), and the reply no longer
waits for them.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils import timezone

from scoping.lifecycle import Move
from scoping.models import Brief, BriefEvent


def record_event(
    brief: Brief | None,
    action: str,
    *,
    actor: AbstractBaseUser | AnonymousUser | None = None,
    from_status: str = "",
    detail: str = "",
    reference: str = "",
) -> BriefEvent:
    """Log ``action`` on ``brief`` (by ``actor``; None is the client or the system). An erasure,
    whose brief is gone, is logged with ``brief`` None and the ``reference`` it had."""
    return BriefEvent.objects.create(
        brief=brief,
        reference=brief.reference if brief is not None else reference,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        from_status=from_status,
        to_status=brief.status if brief is not None else "",
        detail=detail,
    )


def brief_move(
    brief: Brief, move: Move, *, actor: AbstractBaseUser | None = None, detail: str = "", at: datetime | None = None
) -> Brief:
    """Make ``move`` on ``brief`` (locked: the caller holds a transaction), recorded in its history,
    or raise TransitionRefused with the lifecycle's words for why not. ``at``: the moment of the
    move, where the caller stamps it elsewhere too (a reply's time, its questions lapsed with it)."""
    brief = Brief.objects.select_for_update().get(pk=brief.pk)
    move.check(brief)
    before = brief.state
    brief.status = move.to
    if before.memo_in_the_making and not brief.state.memo_in_the_making:  # the questions' moment has passed
        brief.questions.waiting().update(lapsed_at=at or timezone.now())
        brief.waiting_for_client_since = None
    brief.save(update_fields=["status", "waiting_for_client_since", "updated_at"])
    record_event(brief, move.name, actor=actor, from_status=before, detail=detail)
    return brief
