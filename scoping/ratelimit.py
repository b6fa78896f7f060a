"""Rate limits counted in the cache: a fixed window per (action, who). The brief form counts per
network (``allow``: an address, or an IPv6 /64); the API per key (``within_rate``). django-axes counts
failed sign-ins per username and network too (AXES_CLIENT_IP_CALLABLE)."""

from __future__ import annotations

import hashlib
import ipaddress
import time

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


def client_network(request: HttpRequest) -> str:
    """The client's address as limits and the sign-in lockout count it: an IPv6 address by its /64,
    the network one subscriber is given whole (counted one by one, each of its addresses would start
    afresh); an IPv4 address as itself, also where IPv6 carries it (mapped, NAT64, Teredo)."""
    address = client_address(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv4Address) or ip.is_loopback:
        return address
    if embedded := ip.ipv4_mapped or (ip.teredo[1] if ip.teredo else None) or _nat64(ip):
        return str(embedded)  # an IPv4 client seen through IPv6: counted as that address
    return str(ipaddress.IPv6Network((ip, 64), strict=False).network_address)


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # the well-known prefix (RFC 6052)


def _nat64(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in _NAT64 else None


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]  # no raw addresses at rest


def allow(request: HttpRequest, action: str, rate: tuple[int, int], *, recipient: str = "") -> bool:
    """Count one ``action`` from this request's address (and, given ``recipient``, to that email
    address too); False once either has exceeded the rate in the current window.

    Each window has its own key, so a count cannot outlive its window; touching it after each
    increment keeps it for the window (the database cache's incr resets expiry to its default).
    Increments on the database cache are not atomic: two requests at the same instant may count
    once, which a limit meant to stop floods can live with.
    """
    whos = [f"ip:{_hash(client_network(request))}"] + ([f"to:{_hash(recipient.lower())}"] if recipient else [])
    allowed = True
    for who in whos:
        allowed &= within_rate(action, who, rate)
    return allowed


def within_rate(action: str, who: str, rate: tuple[int, int]) -> bool:
    """Count one ``action`` by ``who`` (stored in the cache's key as given: never a secret or a raw
    address); False once it has exceeded ``rate`` (count, seconds) in the current window."""
    limit, window = rate
    key = f"scoping:rate:{action}:{who}:{int(time.time() // window)}"
    if cache.add(key, 1, timeout=window):
        count = 1
    else:
        try:
            count = cache.incr(key)
            cache.touch(key, window)  # the database cache's incr resets expiry to its default
        except ValueError:  # expired between add and incr: the first hit of a fresh key
            cache.add(key, 1, timeout=window)
            count = 1
    return count <= limit
