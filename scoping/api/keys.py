"""Who is calling: an API key as a bearer token, counted against its rate limit."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.security import HttpBearer

from scoping.api.problems import Problem
from scoping.models import ApiKey
from scoping.ratelimit import within_rate
from scoping.services.keys import api_key_find


class ApiKeyAuth(HttpBearer):
    """``Authorization: Bearer si_…``: the key, if valid and not revoked, else 401 problem details;
    429 once the key has made SCOPING_RATE_API requests in the current window."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiKey | None:
        key = api_key_find(token.strip())
        if key is None:
            return None
        limit, window = settings.SCOPING_RATE_API
        if not within_rate("api", f"key:{key.prefix}", settings.SCOPING_RATE_API):
            raise Problem(
                429, "rate-limited", f"This key may make {limit} requests every {window} seconds.", retry_after=window
            )
        return key


def require_write(request: HttpRequest) -> ApiKey:
    """The calling key, if it may write; else 403 problem details."""
    key: ApiKey = request.auth  # type: ignore[attr-defined]
    if not key.may_write:
        raise Problem(403, "read-only-key", "This key is read-only; a read-write key may do this.")
    return key
