"""The brief's record of who did what: one function writes it, every transition calls it."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from scoping.models import Brief, BriefEvent


def record_event(
    brief: Brief,
    action: str,
    *,
    actor: AbstractBaseUser | AnonymousUser | None = None,
    from_status: str = "",
    detail: str = "",
) -> BriefEvent:
    """Log ``action`` on ``brief`` (by ``actor``; None is the client or the system)."""
    return BriefEvent.objects.create(
        brief=brief,
        reference=brief.reference,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        from_status=from_status,
        to_status=brief.status,
        detail=detail,
    )
