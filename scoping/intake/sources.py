"""Where a client came from: the campaign parameters (utm_*) and outside referrer they first arrived
with, kept in the session until their brief is created."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.http import HttpRequest

from scoping.text import without_control_characters

UTM_PARAMETERS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
_SESSION_KEY = "scoping_source"
_MAX_LENGTH = 500


def remember_source(request: HttpRequest) -> None:
    """Note the visit's source, unless one is already noted (the first touch counts)."""
    if _SESSION_KEY in request.session:
        return
    found = {name: request.GET[name] for name in UTM_PARAMETERS if request.GET.get(name)}
    referrer = request.META.get("HTTP_REFERER", "")
    if referrer and _host(referrer) != request.get_host():
        found["referrer"] = referrer
    if found:
        kept = {name: without_control_characters(value)[:_MAX_LENGTH] for name, value in found.items()}
        request.session[_SESSION_KEY] = kept


def _host(url: str) -> str | None:
    """The host part of a URL, or None for one too malformed to split (``http://[x/``): a header
    anyone can send is no reason for an error page."""
    try:
        return urlsplit(url).netloc
    except ValueError:
        return None


def remembered_source(request: HttpRequest) -> dict[str, str]:
    return request.session.get(_SESSION_KEY, {})


def forget_source(request: HttpRequest) -> None:
    request.session.pop(_SESSION_KEY, None)
