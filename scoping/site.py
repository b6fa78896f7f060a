"""Absolute links to this site, for pages and emails: the configured ``SCOPING_SITE_URL`` (required in
production). In development, left unset, links use the scheme, host and port the current request
came to, so they work on whatever port the app runs; outside a request (a management command),
``DEVELOPMENT_SITE``."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

DEVELOPMENT_SITE = "http://127.0.0.1:8000"
_request_site: ContextVar[str] = ContextVar("request_site", default=DEVELOPMENT_SITE)


def site_url(path: str) -> str:
    return (settings.SCOPING_SITE_URL or _request_site.get()).rstrip("/") + path


class RequestSiteMiddleware:
    """Notes where the request came to, for the links built while answering it (the emails sent
    straight away by development's immediate task backend included)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.SCOPING_SITE_URL:
            return self.get_response(request)
        noted = _request_site.set(request.build_absolute_uri("/"))
        try:
            return self.get_response(request)
        finally:
            _request_site.reset(noted)
