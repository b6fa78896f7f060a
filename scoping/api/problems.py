"""Errors as RFC 9457 problem details (``application/problem+json``): a type, a title a person can
read, the status, and what went wrong with this request."""

from __future__ import annotations

import json
import logging
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from ninja.errors import AuthenticationError, HttpError, ValidationError

from config.errors import RETRY_AFTER_SECONDS  # as the pages say it in an outage of the database

PROBLEM_TYPE = "https://scope-intake.example/problems/"  # a stable name, not a page to fetch
MEDIA_TYPE = "application/problem+json"
# The errors each operation may answer with, as the schema lists them.
TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Not allowed with this key",
    404: "Not found",
    405: "Method not allowed",
    409: "Not possible in the brief's status",
    422: "Invalid request",
    429: "Too many requests",
    503: "Briefly unavailable",
}

logger = logging.getLogger(__name__)


class Problem(HttpError):
    """An error with its problem type: ``slug`` names it, ``detail`` says it for this request."""

    def __init__(self, status: int, slug: str, detail: str, **extra: Any) -> None:
        super().__init__(status, detail)
        self.slug, self.detail, self.extra = slug, detail, extra


def problem_response(request: HttpRequest, status: int, slug: str, detail: str, **extra: Any) -> HttpResponse:
    body = {
        "type": PROBLEM_TYPE + slug,
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "instance": request.path,
        **extra,
    }
    return HttpResponse(json.dumps(body), status=status, content_type=MEDIA_TYPE)


def on_problem(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Every error the API raises, as problem details."""
    if isinstance(exc, Problem):
        response = problem_response(request, exc.status_code, exc.slug, exc.detail, **exc.extra)
        if exc.status_code == 429:
            response["Retry-After"] = str(exc.extra.get("retry_after", 60))
        return response
    if isinstance(exc, AuthenticationError):
        response = problem_response(
            request, 401, "unauthenticated", "Send a valid, unrevoked API key: Authorization: Bearer si_…"
        )
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response
    if isinstance(exc, ValidationError):
        errors = [{"loc": [str(part) for part in error["loc"]], "msg": error["msg"]} for error in exc.errors]
        return problem_response(request, 422, "invalid", "The request does not match the schema.", errors=errors)
    if isinstance(exc, HttpError):
        return problem_response(request, exc.status_code, "error", str(exc))
    if isinstance(exc, RequestDataTooBig):
        return problem_response(request, 413, "too-large", "The request's body is larger than the API takes.")
    if isinstance(exc, OverflowError):  # a date at the calendar's edge, moved by its offset past it
        return problem_response(request, 400, "bad-time", "A time in the request lies outside the calendar.")
    if isinstance(exc, (InterfaceError, OperationalError)):  # the database is not answering
        logger.warning("The API could not reach the database on %s: %s", request.path, type(exc).__name__)
        response = problem_response(
            request,
            503,
            "unavailable",
            "Our database is not answering just now. Try again in a minute: an outcome "
            "sent again is recorded once; read the brief's history before sending a note again.",
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    logger.exception("The API failed on %s", request.path)
    return problem_response(request, 500, "server-error", "Something failed on our side; it has been logged.")
