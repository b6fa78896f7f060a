"""The brief this browser started and has not sent yet, so the browser's Back button to the first
page (or a new visit to it soon after) finds the answers instead of a blank form.

Remembered in a signed cookie of its own, not the two-week session: it goes when the browser closes,
after DRAFT_MEMORY of inactivity, when the person saves for later (they leave with the emailed link),
and once the brief is sent. Only a draft this browser started is remembered: opening someone's
private link does not make it this browser's draft (nobody can plant a brief in another browser).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from scoping.models import Brief

COOKIE = "scoping_draft"
_SALT = "scoping.intake.drafts"
DRAFT_MEMORY = timedelta(hours=2)


def remember_draft(response: HttpResponse, brief: Brief) -> HttpResponse:
    """Remember ``brief`` as this browser's draft, for DRAFT_MEMORY from now."""
    response.set_signed_cookie(
        COOKIE,
        brief.token,
        salt=_SALT,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def forget_draft(response: HttpResponse) -> HttpResponse:
    response.delete_cookie(COOKIE, samesite="Lax")
    return response


def remembered_token(request: HttpRequest) -> str | None:
    return request.get_signed_cookie(COOKIE, default=None, salt=_SALT, max_age=DRAFT_MEMORY)


def unfinished_draft(request: HttpRequest) -> Brief | None:
    """The draft this browser started, while it is still a draft and remembered; else None."""
    token = remembered_token(request)
    return Brief.objects.filter(token=token, status=Brief.Status.DRAFT).first() if token else None
