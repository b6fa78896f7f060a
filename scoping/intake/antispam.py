"""Quiet bot traps, instead of a third-party captcha.

On the first step, a honeypot (a field people never see, hidden by CSS and skipped by the keyboard,
that form-filling bots fill) and a signed timestamp of when the page was shown, to this browser
(bound to its CSRF cookie), which a scripted post lacks, forges or replays from another session.
No minimum time on that step: browser autofill and password managers fill it in under a second.
The minimum fill time is over the whole brief instead, from its first step to sending it, which a
person cannot do in seconds and autofill does not shorten. Every refusal keeps what was typed and
says what to do, in case a person trips one.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils.crypto import salted_hmac

HONEYPOT_FIELD = "website"
STARTED_FIELD = "started"
_SALT = "scoping.intake.antispam.started"
STAMP_LIFETIME = 24 * 3600  # seconds: a stamp kept and replayed by a bot stops working after this


def _visitor(request: HttpRequest) -> str:
    """Who the form is shown to: a digest of this browser's CSRF secret (which the form sets)."""
    get_token(request)  # gives the browser its CSRF cookie if it has none yet
    return salted_hmac(_SALT, request.META["CSRF_COOKIE"], algorithm="sha256").hexdigest()[:16]


def started_stamp(request: HttpRequest) -> str:
    """A signed 'the form was shown now, to this browser', to put in the page."""
    return signing.dumps({"at": time.time(), "to": _visitor(request)}, salt=_SALT)


def _shown_at(request: HttpRequest) -> float | None:
    """When the form was shown to this browser, from a genuine stamp less than STAMP_LIFETIME old;
    else None (no stamp, a forged one, an old one, or one shown to another browser)."""
    try:
        stamp = signing.loads(request.POST.get(STARTED_FIELD, ""), salt=_SALT, max_age=STAMP_LIFETIME)
        return float(stamp["at"]) if stamp["to"] == _visitor(request) else None
    except (signing.BadSignature, TypeError, ValueError, KeyError):  # SignatureExpired is a BadSignature
        return None


def stamp_to_carry(request: HttpRequest) -> str:
    """The stamp for the form shown again: the one it came with when genuine, so the time counts
    from the first showing (a person fixing one typo is not too quick), else a new one."""
    return request.POST[STARTED_FIELD] if _shown_at(request) is not None else started_stamp(request)


def bot_suspicion(request: HttpRequest) -> str | None:
    """Why this submission looks automated, as a message for the person if it was one; or None."""
    data = request.POST
    if data.get(HONEYPOT_FIELD):
        return (
            "We could not accept this form. If you filled in a field labelled 'Leave this empty', clear it "
            "and press Continue again."
        )
    if _shown_at(request) is None:
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
