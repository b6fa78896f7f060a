"""Webhooks, to the Standard Webhooks 1.0 specification: an outbox like the email's (scoping.services.mail).

- ``webhook_queue(event, brief)`` writes one ``WebhookDelivery`` row per active endpoint that wants
  ``event``, in the caller's transaction, with the brief's account (scoping.integration) as it is at
  that moment and a ``webhook-id`` fixed for good: a change rolled back owes nothing, and a message
  sent twice is one message to a receiver that deduplicates on the id.
- ``deliver_webhook`` (the worker's ``webhooks`` queue: a slow receiver holds up no email) claims the
  row, signs the body with the ``standardwebhooks`` library and POSTs it: HTTPS only (plain HTTP to
  this machine in development), no redirects followed, short timeouts, only the start of the answer
  kept. Each attempt is logged (``WebhookAttempt``). A 2xx is delivered; a 410 says the receiver is
  gone for good and disables the endpoint; anything else is tried again later, each time later, for
  about a day (the email's own EMAIL_RETRY_DELAYS), then given up and shown in the admin, where
  "send again" starts over with the same id.
- A worker killed mid-send leaves its row "sending": ``webhook_sweep`` (run with the outbox's sweep
  every minute) hands it over again once SCOPING_WEBHOOK_RESEND_AFTER has passed, same id.
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import secrets
import socket
import ssl
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from http.client import HTTPConnection, HTTPException, HTTPSConnection
from ipaddress import IPv4Address, IPv6Address, ip_address, ip_network
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone
from standardwebhooks import Webhook

from scoping.integration import brief_account, visible_briefs
from scoping.models import Brief, WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookEvent
from scoping.services.mail import EMAIL_RETRY_DELAYS
from scoping.services.outbox import Outbox

logger = logging.getLogger(__name__)

WEBHOOK_QUEUE = "webhooks"
RETRY_DELAYS = EMAIL_RETRY_DELAYS  # about a day in all, as for an email the server refused
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
EXCERPT_CHARS = 200  # of a receiver's answer, kept for the admin: enough to read an error, no more
USER_AGENT = "scope-intake-webhooks/1"
# Addresses of one name tried in turn, each for the full timeout: a name with many dead addresses
# cannot hold a worker for long.
TRIED_ADDRESSES = 3
Status = WebhookDelivery.Status
OUTBOX = Outbox(
    WebhookDelivery,
    resend_after_setting="SCOPING_WEBHOOK_RESEND_AFTER",
    max_attempts=MAX_ATTEMPTS,
    related="endpoint",
    done=Status.DELIVERED,
    gave_up="Every attempt ended without an answer from the receiver or the worker.",
    enqueue=lambda pk: deliver_webhook.enqueue(pk),
)


def new_secret() -> str:
    """24 random bytes, as Standard Webhooks writes a secret: ``whsec_`` and base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def url_problem(url: str) -> str | None:
    """Why deliveries may not go to ``url``, or None: HTTPS only, plain HTTP to this machine only
    where SCOPING_WEBHOOK_HTTP_LOOPBACK allows it (development); never to an address inside a private
    network, this machine's or a cloud's metadata service (the host as written; ``delivery_addresses``
    checks what a name resolves to, as it is sent); no credentials in the URL."""
    parts = urlsplit(url)
    if not parts.hostname:
        return "The URL has no host."
    if parts.username or parts.password:
        return "Leave user names and passwords out of the URL: the receiver checks the signature instead."
    try:
        parts.port  # noqa: B018 (reading it checks it)
    except ValueError:
        return "The URL's port is not a port: a number from 1 to 65535."
    loopback_allowed = settings.SCOPING_WEBHOOK_HTTP_LOOPBACK and _loopback(parts.hostname)
    if parts.scheme == "https" and (loopback_allowed or not _inside(parts.hostname)):
        return None
    if parts.scheme == "http" and loopback_allowed:
        return None
    if parts.scheme == "https":
        return INSIDE
    return "Webhooks go to HTTPS URLs only (plain HTTP only to this machine, in development)."


INSIDE = "Webhooks go to public addresses only, never to a private network or this machine."


def _inside(host: str) -> bool:
    """``host``, as written, names this machine or an address that is not public."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return not _public(host)
    except ValueError:
        return False  # a name: what it resolves to is checked as each delivery is sent


# IPv6 prefixes that carry an IPv4 address in their last 32 bits (NAT64, IPv4-compatible,
# IPv4-translated): public only if that IPv4 address is.
_CARRY_IPV4 = [ip_network(prefix) for prefix in ("64:ff9b::/96", "64:ff9b:1::/48", "::/96", "::ffff:0:0:0/96")]


def _public(address: str) -> bool:
    """An address on the public internet: not private, loopback, link-local, reserved, shared,
    multicast or site-local, nor an IPv6 address carrying one of those."""
    ip = ip_address(address.split("%")[0])
    if isinstance(ip, IPv6Address):
        if ip.ipv4_mapped is not None:
            return _public(str(ip.ipv4_mapped))
        if any(ip in prefix for prefix in _CARRY_IPV4):
            return _public(str(IPv4Address(int(ip) & 0xFFFFFFFF)))
        if ip.is_site_local:
            return False
    return ip.is_global and not ip.is_multicast


def delivery_addresses(url: str) -> list[str]:
    """The addresses a delivery to ``url`` may connect to, resolved once as it is sent; empty where
    the name resolves to any address that is not public (unless it is this machine, where development
    allows it). The connection goes to these very addresses, while TLS still checks the certificate
    against the name, so a name pointed elsewhere between this check and the connection (DNS
    rebinding) cannot lead inside. A name that does not resolve raises _NoAnswer: the attempt fails
    and is retried like an unanswered one."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        found = list(
            dict.fromkeys(str(info[4][0]) for info in socket.getaddrinfo(host, parts.port, type=socket.SOCK_STREAM))
        )
    except OSError as error:
        raise _NoAnswer(f"{type(error).__name__}: {error}"[:300]) from error
    if not (settings.SCOPING_WEBHOOK_HTTP_LOOPBACK and _loopback(host)) and not all(map(_public, found)):
        return []
    return found[:TRIED_ADDRESSES]


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


@transaction.atomic
def webhook_endpoint_save(*, endpoint: WebhookEndpoint) -> WebhookEndpoint:
    """Save an endpoint as the admin edited it: a new one gets its secret; one switched back on
    forgets why it was switched off."""
    if not endpoint.secret:
        endpoint.secret = new_secret()
    if endpoint.active:
        endpoint.disabled_reason = ""
    endpoint.events = [event for event in WebhookEvent.values if event in endpoint.events]
    endpoint.full_clean()
    endpoint.save()
    return endpoint


@transaction.atomic
def webhook_secret_rotate(*, endpoint: WebhookEndpoint) -> WebhookEndpoint:
    """A new secret; the old one still signs (a second signature in ``webhook-signature``) for
    SCOPING_WEBHOOK_OLD_SECRET_SECONDS, so the receiver can switch without losing a message."""
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    endpoint.previous_secret, endpoint.secret = endpoint.secret, new_secret()
    endpoint.secret_rotated_at = timezone.now()
    endpoint.save(update_fields=["previous_secret", "secret", "secret_rotated_at"])
    return endpoint


def webhook_queue(event: WebhookEvent, brief: Brief) -> list[WebhookDelivery]:
    """Owe every active endpoint that wants ``event`` a delivery about ``brief``: written now, in the
    caller's transaction, with the brief's account as it stands; handed to the worker on commit."""
    endpoints = [endpoint for endpoint in WebhookEndpoint.objects.filter(active=True) if event in endpoint.events]
    if not endpoints:
        return []  # nobody listens: not even the brief's account is worked out
    now = timezone.now()
    payload = {
        "type": event.value,
        "timestamp": now.isoformat(),
        "data": brief_account(visible_briefs().get(pk=brief.pk)),
    }
    deliveries = [
        WebhookDelivery.objects.create(
            endpoint=endpoint,
            brief_id=brief.pk,
            event=event,
            webhook_id=f"msg_{secrets.token_urlsafe(18)}",
            payload=payload,
            queued_at=now,
        )
        for endpoint in endpoints
    ]
    transaction.on_commit(lambda: [deliver_webhook.enqueue(delivery.pk) for delivery in deliveries])
    return deliveries


def _record(delivery: WebhookDelivery, **outcome: object) -> None:
    """Write how this attempt went, unless a later attempt or a "send again" has moved the row on."""
    WebhookDelivery.objects.filter(
        pk=delivery.pk, status=Status.SENDING, attempt_started_at=delivery.attempt_started_at
    ).update(**outcome)


class _NoAnswer(Exception):
    """The receiver could not be reached, or did not answer in time."""


def _signed_headers(delivery: WebhookDelivery, body: bytes, now: datetime) -> dict[str, str]:
    """The three Standard Webhooks headers: the row's id, this attempt's time (a receiver refuses
    stale timestamps, so a retry is signed afresh) and a signature with each live secret."""
    signatures = [
        Webhook(secret).sign(msg_id=delivery.webhook_id, timestamp=now, data=body)
        for secret in delivery.endpoint.secrets(now)
    ]
    return {
        "webhook-id": delivery.webhook_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": " ".join(signatures),
    }


def _post(url: str, body: bytes, headers: dict[str, str], addresses: list[str]) -> tuple[int, str]:
    """POST ``body`` to ``url`` once, connecting to one of ``addresses`` (delivery_addresses): the
    status and the start of the answer. http.client follows no redirect; the timeout bounds the
    connection and each read, and twice the timeout the whole attempt (a receiver trickling its
    answer a byte at a time is cut off then)."""
    parts = urlsplit(url)
    timeout = settings.SCOPING_WEBHOOK_TIMEOUT
    https = parts.scheme == "https"
    port = parts.port or (443 if https else 80)  # given, so an IPv6 host is never read as host:port
    if https:
        connection: HTTPConnection = HTTPSConnection(
            parts.hostname, port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        connection = HTTPConnection(parts.hostname, port, timeout=timeout)
    deadline = time.monotonic() + 2 * timeout
    connection._create_connection = _connect_to(addresses, deadline)  # http.client's hook for opening its socket
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    done, opened = threading.Event(), []
    threading.Thread(target=_watch, args=(opened, deadline, done), daemon=True).start()
    try:
        connection.connect()  # TCP within the deadline (_connect_to), then TLS
        # The socket the watchdog ends: http.client lets go of it when an answer says "Connection:
        # close", while the answer goes on reading from it.
        opened.append(connection.sock)
        connection.request(
            "POST",
            path,
            body=body,
            headers={**headers, "Content-Type": "application/json", "User-Agent": USER_AGENT},
        )
        response = connection.getresponse()
        excerpt = response.read(EXCERPT_CHARS * 4).decode("utf-8", "replace")[:EXCERPT_CHARS]
        return response.status, excerpt
    except (OSError, HTTPException) as error:  # refused, unreachable, TLS, timed out, cut off
        raise _NoAnswer(f"{type(error).__name__}: {error}"[:300]) from error
    finally:
        done.set()
        connection.close()


def _connect_to(addresses: list[str], deadline: float) -> Callable[..., socket.socket]:
    """What http.client opens its socket with, going to ``addresses`` in turn and never resolving
    the name again (the name still travels in the Host header and in TLS); each connection waits
    at most its timeout and never past the attempt's ``deadline`` (addresses that never answer, one
    after another, would each take the whole timeout)."""

    def create_connection(
        address: tuple[str, int], timeout: float, source_address: tuple[str, int] | None = None
    ) -> socket.socket:
        error: OSError = OSError("The name resolved to no address.")
        for host in addresses:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("The attempt's time was up before an address answered.")
            try:
                return socket.create_connection((host, address[1]), min(timeout, left), source_address)
            except OSError as refused:
                error = refused
        raise error

    return create_connection


def _watch(opened: list[socket.socket], deadline: float, done: threading.Event) -> None:
    """Once the attempt's time is up, end the connection it opened (``opened``, once it has), and go
    on until the attempt ends: no receiver holds the worker longer, however the time was spent."""
    if done.wait(max(deadline - time.monotonic(), 0)):
        return
    while not done.is_set():
        for sock in opened:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        done.wait(0.1)


@task(queue_name=WEBHOOK_QUEUE)
def deliver_webhook(delivery_id: int) -> str:
    """Send one delivery, if it is due, and record how it went."""
    started = timezone.now()
    delivery = OUTBOX.claim(delivery_id, started)
    if delivery is None:
        return "not due"
    endpoint = delivery.endpoint
    problem = url_problem(endpoint.url) or ("" if endpoint.active else "The endpoint is switched off.")
    try:
        addresses = [] if problem else delivery_addresses(endpoint.url)
    except _NoAnswer as error:
        return _unanswered(delivery, started, error)
    if not addresses:
        problem = problem or INSIDE
        _attempt_log(delivery, started, error=problem)
        _record(delivery, status=Status.FAILED, last_error=problem)
        return "refused"
    body = json.dumps(delivery.payload, separators=(",", ":")).encode()
    try:
        code, excerpt = _post(endpoint.url, body, _signed_headers(delivery, body, timezone.now()), addresses)
    except _NoAnswer as error:
        return _unanswered(delivery, started, error)
    _attempt_log(delivery, started, status_code=code, excerpt=excerpt)
    if 200 <= code < 300:
        _record(delivery, status=Status.DELIVERED, delivered_at=timezone.now(), last_error="")
        return "delivered"
    if code == 410:  # Gone: the receiver asks for no more
        reason = f"The receiver answered 410 Gone on {timezone.localdate():%Y-%m-%d}."
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(active=False, disabled_reason=reason)
        _record(delivery, status=Status.FAILED, last_error=reason)
        logger.warning("Webhook endpoint %s answered 410 and is switched off", endpoint.pk)
        return "endpoint gone"
    return _retry(delivery, f"HTTP {code}" + (" (redirects are not followed)" if 300 <= code < 400 else ""), started)


def _unanswered(delivery: WebhookDelivery, started: datetime, error: _NoAnswer) -> str:
    """No answer (the name did not resolve, the connection failed or timed out): tried again later."""
    _attempt_log(delivery, started, error=str(error))
    return _retry(delivery, str(error), started)


def _attempt_log(
    delivery: WebhookDelivery, started: datetime, *, status_code: int | None = None, excerpt: str = "", error: str = ""
) -> None:
    WebhookAttempt.objects.create(
        delivery=delivery,
        started_at=started,
        finished_at=timezone.now(),
        status_code=status_code,
        response_excerpt=excerpt,
        error=error[:300],
    )


def _retry(delivery: WebhookDelivery, error: str, now: datetime) -> str:
    """Not delivered: tried again later, each time later, until the attempts run out."""
    if delivery.attempts >= MAX_ATTEMPTS:
        _record(delivery, status=Status.FAILED, last_error=error)
        logger.error("Gave up webhook %s after %s attempts: %s", delivery.webhook_id, delivery.attempts, error)
        return "gave up"
    delay = timedelta(seconds=RETRY_DELAYS[delivery.attempts - 1])
    _record(delivery, status=Status.PENDING, due_at=now + delay, last_error=error)
    return f"retrying (attempt {delivery.attempts}: {error})"


def webhook_sweep(now: datetime | None = None) -> int:
    """Hand the worker every due delivery not handed over lately: retries whose time has come, and
    rows a killed worker left "sending" (after SCOPING_WEBHOOK_RESEND_AFTER; same webhook-id).
    A row abandoned with no attempts left is given up."""
    return OUTBOX.sweep(now or timezone.now())


# Deliveries done with (delivered or given up) are kept this long for the admin, then deleted: each
# payload holds a client's answers and contact.
DELIVERIES_KEPT = timedelta(days=30)


def webhook_deliveries_purge(now: datetime | None = None) -> int:
    """Delete deliveries done with for longer than DELIVERIES_KEPT (their attempts go with them)."""
    cutoff = (now or timezone.now()) - DELIVERIES_KEPT
    done = WebhookDelivery.objects.filter(status__in=(Status.DELIVERED, Status.FAILED), created_at__lt=cutoff)
    _, deleted = done.delete()
    return deleted.get(WebhookDelivery._meta.label, 0)


# worker_check's patience: a due delivery not picked up within this is the worker's trouble.
OVERDUE_AFTER = timedelta(minutes=10)


def webhook_trouble(now: datetime | None = None) -> list[str]:
    """What ``worker_check --queue webhooks`` fails on: deliveries due and not picked up, or left
    "sending" and not picked up again. (A receiver that refuses is its owner's trouble: the
    deliveries given up are in the admin.)"""
    now = now or timezone.now()
    late = Q(status=Status.PENDING, due_at__lt=now - OVERDUE_AFTER) | OUTBOX.abandoned(now - OVERDUE_AFTER)
    return [
        f"{delivery.event} to {delivery.endpoint}: {delivery.get_status_display()} ({delivery.due_at:%Y-%m-%d %H:%M})"
        for delivery in WebhookDelivery.objects.filter(late).select_related("endpoint")[:20]
    ]


def webhook_resend(*, delivery: WebhookDelivery) -> bool:
    """The admin's "send again": due now, with its webhook-id; False (nothing done) while an attempt
    is under way or once delivered."""
    return OUTBOX.resend(delivery.pk, last_error="")
