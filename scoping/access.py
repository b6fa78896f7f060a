"""The one way a view finds a client's brief: by its private token. No view may look one up
any other way, so none can forget the check."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from scoping.models import Brief
from scoping.tokens import PRIVATE_LINK_PATTERN, TOKEN_PATTERN

_TOKEN = re.compile(TOKEN_PATTERN)
_PRIVATE_PATH = re.compile(rf"{PRIVATE_LINK_PATTERN}(/|$)")


class TokenConverter:
    """``<token:token>`` in a URL: only what a private token can look like, else a 404."""

    regex = TOKEN_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def brief_for_token(token: str) -> Brief:
    """The brief behind a private link, whatever its status, or a 404 that says nothing about why."""
    return _find(Brief.objects.all(), token)


def submitted_brief_for_token(token: str) -> Brief:
    """The submitted brief behind a private link. A draft gets the same 404 as an unknown token,
    so the response never confirms that a token exists."""
    return _find(Brief.objects.exclude(status=Brief.Status.DRAFT), token)


def _find(briefs: QuerySet[Brief], token: str) -> Brief:
    if not _TOKEN.fullmatch(token):
        raise Http404("No such brief")
    try:
        return briefs.get(token=token)
    except Brief.DoesNotExist:
        raise Http404("No such brief") from None


class PrivateLinkMiddleware:
    """Every answer behind a private link (/brief/<token>…), page, PDF, redirect or error alike, asks
    search engines to keep it out of their index and follow none of its links: a link pasted where
    a crawler reads must not make a client's brief findable. And none is kept by a cache on the way
    or in the browser unless its view said how (a stored PDF, revalidated by its ETag): a page drawn
    again with an error, or a refusal, is the client's as much as the page itself."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if _PRIVATE_PATH.match(request.path):  # by its path: a redirect or a 400 resolved no view
            response.headers.setdefault("X-Robots-Tag", "noindex, nofollow")
            if not response.has_header("Cache-Control"):
                add_never_cache_headers(response)
        return response
