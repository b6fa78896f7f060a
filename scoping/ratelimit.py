"""Per-address rate limits counted in the cache: a fixed window per (action, address)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's IP address. Behind SCOPING_TRUSTED_PROXIES proxies, the address the outermost
    trusted proxy saw (anything further left in X-Forwarded-For could be made up by the client)."""
    proxies = settings.SCOPING_TRUSTED_PROXIES
    if proxies:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def allow(request: HttpRequest, action: str, rate: tuple[int, int]) -> bool:
    """Count one ``action`` from this request's address; False once the rate is exceeded."""
    limit, window = rate
    address = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]  # no raw IPs at rest
    key = f"scoping:rate:{action}:{address}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: this is the first hit of a new window
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= limit
