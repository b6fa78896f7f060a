"""Two quiet bot traps on the form's first step, instead of a third-party captcha.

A honeypot: a field people never see (hidden by CSS, skipped by the keyboard) that form-filling
bots fill. A minimum fill time: the page carries a signed timestamp of when it was shown, and a
form sent back sooner than a person could type it is refused. Both refusals keep what was typed
and say what to do, in case a person trips one.
"""

from __future__ import annotations

import time

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
    shown_at = _shown_at(data)
    if shown_at is None:
        return (
            "This page was open for a long time, or came from elsewhere. Please check your answers and press "
            "Continue again."
        )
    if time.time() - shown_at < settings.SCOPING_MIN_FILL_SECONDS:
        return "That was quicker than we expected from a person. Please check your answers and press Continue again."
    return None
