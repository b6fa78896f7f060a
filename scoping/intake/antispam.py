"""Quiet bot traps, instead of a third-party captcha.

On the first step, a honeypot (a field people never see, hidden by CSS and skipped by the keyboard,
that form-filling bots fill) and a signed timestamp of when the page was shown, which a scripted
post lacks or forges. No minimum time on that step: browser autofill and password managers fill it
in under a second. The minimum fill time is over the whole brief instead, from its first step to
sending it, which a person cannot do in seconds and autofill does not shorten. Every refusal keeps
what was typed and says what to do, in case a person trips one.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.http import QueryDict

HONEYPOT_FIELD = "website"
STARTED_FIELD = "started"
_SALT = "scoping.intake.antispam.started"
STAMP_LIFETIME = 24 * 3600  # seconds: a stamp kept and replayed by a bot stops working after this


def started_stamp() -> str:
    """A signed 'the form was shown now', to put in the page."""
    return signing.dumps(time.time(), salt=_SALT)


def _shown_at(data: QueryDict) -> float | None:
    """When the form was shown, from a genuine stamp less than STAMP_LIFETIME old; else None."""
    try:
        return float(signing.loads(data.get(STARTED_FIELD, ""), salt=_SALT, max_age=STAMP_LIFETIME))
    except (signing.BadSignature, TypeError, ValueError):  # SignatureExpired is a BadSignature
        return None


def stamp_to_carry(data: QueryDict) -> str:
    """The stamp for the form shown again: the one it came with when genuine, so the time counts
    from the first showing (a person fixing one typo is not too quick), else a new one."""
    return data[STARTED_FIELD] if _shown_at(data) is not None else started_stamp()


def bot_suspicion(data: QueryDict) -> str | None:
    """Why this submission looks automated, as a message for the person if it was one; or None."""
    if data.get(HONEYPOT_FIELD):
        return (
            "We could not accept this form. If you filled in a field labelled 'Leave this empty', clear it "
            "and press Continue again."
        )
    if _shown_at(data) is None:
        return (
            "This page was open for a long time, or came from elsewhere. Please check your answers and press "
            "Continue again."
        )
    return None


def too_quick(started: datetime, now: datetime) -> str | None:
    """Why a brief started at ``started`` and sent ``now`` looks scripted (sent sooner than a person
    could answer every step), as a message for the person if it was one; or None."""
    if now - started < timedelta(seconds=settings.SCOPING_MIN_FILL_SECONDS):
        return "That was quicker than we expected from a person. Please check your answers and send the brief again."
    return None
