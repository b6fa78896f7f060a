"""Requests no page of ours sends, turned away with the site's own 400 page before anything reads them."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from config.errors import bad_request, method_not_allowed
from scoping.api.problems import problem_response
from scoping.text import has_control_characters

URLENCODED = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"


def _pairs(raw: bytes | str) -> list[tuple[str, str]] | None:
    """The pairs of a query string or urlencoded body, or None if it is not ASCII holding UTF-8."""
    try:
        text = raw.decode("ascii") if isinstance(raw, bytes) else raw
        return parse_qsl(
            text,
            keep_blank_values=True,
            encoding="utf-8",
            errors="strict",
            max_num_fields=settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
        )
    except (UnicodeError, ValueError):  # ValueError: more fields than Django would take
        return None


def _body_is_unreadable(request: HttpRequest) -> bool:
    if request.content_type not in (URLENCODED, MULTIPART):
        return False
    if request.content_params.get("charset", "utf-8").strip().lower() not in ("utf-8", "utf8"):
        return True
    if request.content_type == URLENCODED:
        return _pairs(request.body) is None
    # Django decodes a multipart form's parts leniently; we take no files, so all of it must be UTF-8.
    try:
        request.body.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _is_unreadable(request: HttpRequest) -> bool:
    if has_control_characters(request.path):
        return True
    query = _pairs(request.META.get("QUERY_STRING", ""))
    if query is None or any(has_control_characters(key + value) for key, value in query):
        return True
    # Control characters in a form's answers are the form's to report, field by field.
    return _body_is_unreadable(request)


class RequestHygieneMiddleware:
    """A 400 from our own error page for control characters in the address or query (NUL would
    reach PostgreSQL, which refuses it), query strings that are not UTF-8, and forms declaring
    another charset or holding bytes that are not UTF-8. Cookies holding control characters are
    dropped, as if never sent (a session key with NUL would reach PostgreSQL too). A bare 405 gets
    the site's page. Under /api/ each of these (and a 404) is problem details instead, as the API
    answers everything (scoping/api/problems.py), and every answer there says no cache may keep it.
    It sits below the middleware that set security
    headers, so its responses carry them, and above the session's, so no cookie is read before it has looked."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        api = request.path.startswith("/api/")  # a machine's request: problem details, not a page
        response = self._answer(request, api)
        if api:  # about a client's brief, errors and redirects too: kept by no cache on the way
            add_never_cache_headers(response)
        return response

    def _answer(self, request: HttpRequest, api: bool) -> HttpResponse:
        if _is_unreadable(request):
            if api:
                return problem_response(request, 400, "unreadable", "Control characters or bytes that are not UTF-8.")
            return bad_request(request)
        for name in [name for name, value in request.COOKIES.items() if has_control_characters(name + value)]:
            del request.COOKIES[name]
        response = self.get_response(request)
        if api and response.status_code in (404, 405) and response.get("Content-Type", "").startswith("text/html"):
            return _api_problem(request, response)
        if response.status_code == 405 and not response.content:
            return method_not_allowed(response)
        return response


def _api_problem(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """An address or a method the API does not have, answered as the API answers (problem details)."""
    if response.status_code == 404:
        return problem_response(request, 404, "not-found", "There is no such address in the API.")
    answer = problem_response(request, 405, "method", f"{request.method} is not allowed here.")
    answer["Allow"] = response.get("Allow", "")
    return answer
