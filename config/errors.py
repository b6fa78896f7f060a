"""The site's own error pages: in its design, saying what to do next, and nothing internal.

They render without a request context (so no context processor, session or database is touched)
and never read the request's body, which may be what was wrong: Django's default error views read
it again for their CSRF token and fail a second time.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from scoping.context_processors import consultancy


@dataclass(frozen=True)
class ErrorPage:
    title: str
    explanation: str
    next_steps: tuple[str, ...]


BAD_REQUEST = ErrorPage(
    "We could not read that request",
    "Your browser sent something this site does not accept, such as an unusual character set or invisible "
    "control characters in the address.",
    (
        "Go back, check the page and send it again.",
        "If you were filling in a brief, every step you saved is kept: open your private link to carry on.",
    ),
)
FORBIDDEN = ErrorPage(
    "This page is not open to you",
    "It belongs to our consultants' workspace, and your account may not open it.",
    (
        "Clients: open your brief from the private link in our email.",
        "Consultants: sign in with an account that reviews briefs.",
    ),
)
FORM_EXPIRED = ErrorPage(
    "This form had expired",
    "For your security, a form here works only with cookies on and only for a while after it is shown.",
    (
        "Go back, reload the page and send it again. Steps you saved before are kept.",
        "If your browser blocks cookies for this site, allow them, then try again.",
    ),
)
NOT_FOUND = ErrorPage(
    "We cannot find that page",
    "The address may be mistyped, or a link may have been cut short: private links are long, and some mail "
    "programs break them across lines.",
    (
        "Copy the whole link from our email into your browser's address bar.",
        "Or start again from the home page.",
    ),
)
METHOD_NOT_ALLOWED = ErrorPage(
    "That page does not take this kind of request",
    "Your browser asked the page for something it does not do, such as sending a form to a page that only shows one.",
    ("Go back and use the page's own buttons and links.",),
)
SERVER_ERROR = ErrorPage(
    "Something went wrong on our side",
    "It is in our logs for us to fix. What you had saved before this page is safe.",
    ("Try again in a few minutes.", "If it keeps happening, write to us and we will sort it out."),
)


def error_response(page: ErrorPage, status: int) -> HttpResponse:
    context = {**consultancy(None), "page": page, "status": status}
    return HttpResponse(render_to_string("error.html", context), status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(BAD_REQUEST, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(FORBIDDEN, 403)


def locked_out(request: HttpRequest, response: HttpResponse | None, credentials: dict | None) -> HttpResponse:
    """django-axes' answer to a locked-out sign-in: our page, 429, and when to try again."""
    locked = error_response(LOCKED_OUT, 429)
    locked["Retry-After"] = "3600"
    return locked


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return error_response(FORM_EXPIRED, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(NOT_FOUND, 404)


def method_not_allowed(bare: HttpResponse) -> HttpResponse:
    """Django's bare 405, with our page and its ``Allow`` header."""
    response = error_response(METHOD_NOT_ALLOWED, 405)
    response["Allow"] = bare["Allow"]
    return response


LOCKED_OUT = ErrorPage(
    "Too many attempts to sign in",
    "For the safety of our clients' briefs, this account cannot be signed in to from here for an hour after "
    "several wrong passwords.",
    (
        "The lock lifts by itself an hour after the last wrong password; try again then.",
        "To get in sooner, ask the person who runs the workspace to lift the lock (Admin › Access attempts › "
        "“Lift the lock”). A new password alone does not lift it.",
    ),
)
DATABASE_DOWN = ErrorPage(
    "We are briefly unavailable",
    "Our database is not answering just now. Everything you saved before this page is safe.",
    ("Try again in a minute or two: the page will work again by itself.",),
)
# On a form sent while the database was down: the one thing a person must know.
NOT_SAVED = "What you just sent was not saved: go back, and send it again in a minute or two."
RETRY_AFTER_SECONDS = 60


def server_error(request: HttpRequest) -> HttpResponse:
    """Django calls this while handling the exception: an outage of the database is a 503 that says
    so (with Retry-After, for browsers and proxies), and never the details; anything else, a 500."""
    if not isinstance(sys.exception(), (InterfaceError, OperationalError)):
        return error_response(SERVER_ERROR, 500)
    page = replace(DATABASE_DOWN, next_steps=(NOT_SAVED,)) if request.method == "POST" else DATABASE_DOWN
    response = error_response(page, 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
