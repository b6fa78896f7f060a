"""Requests no page of ours sends, turned away with the site's own 400 page before anything reads them."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl

from django.http import HttpRequest, HttpResponse

from config.errors import bad_request
from scoping.text import has_control_characters

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _decodes(raw: bytes | str) -> list[tuple[str, str]] | None:
    """The pairs of a query string or urlencoded body, or None if it is not ASCII holding UTF-8."""
    try:
        text = raw.decode("ascii") if isinstance(raw, bytes) else raw
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return None


def _is_unreadable(request: HttpRequest) -> bool:
    if has_control_characters(request.path):
        return True
    query = _decodes(request.META.get("QUERY_STRING", ""))
    if query is None or any(has_control_characters(key + value) for key, value in query):
        return True
    if request.content_type not in FORM_TYPES:
        return False
    charset = request.content_params.get("charset", "utf-8").strip().lower()
    if charset not in ("utf-8", "utf8"):
        return True
    # Control characters in a form's answers are the form's to report, field by field.
    return request.content_type == FORM_TYPES[0] and _decodes(request.body) is None


class RequestHygieneMiddleware:
    """A 400 from our own error page (with our headers, since it sits below the security and CSP
    middleware) for: control characters in the address or query (NUL would reach PostgreSQL,
    which refuses it), query strings that are not UTF-8, and forms declaring another charset or
    holding bytes that are not UTF-8."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _is_unreadable(request):
            return bad_request(request)
        return self.get_response(request)
