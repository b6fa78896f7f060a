"""The client's acceptance of the scope: of the latest sent version only, recorded with who accepted
it (as they typed it), when, and the SHA-256 of the exact PDF; the consultant is told. A record of
agreement, not a legal electronic signature."""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.utils import timezone

from scoping.lifecycle import ACCEPTED
from scoping.models import Brief, Notice, ScopeAcceptance, SentMemo, WebhookEvent
from scoping.services.history import record_event
from scoping.services.notices import team_tell
from scoping.services.webhooks import webhook_queue

# Where a client may accept: the memo sent (a revision may be in the making: they accept what they have).
ACCEPTING = (Brief.Status.MEMO_SENT, Brief.Status.REVISING)


class AcceptanceRefused(Exception):
    """The scope cannot be accepted as asked; the message says why, for the client."""


@transaction.atomic
def scope_accept(*, brief: Brief, version: int, name: str, role: str) -> ScopeAcceptance:
    """Record that ``name`` (``role``) accepted the scope in sent version ``version``, the one they
    read. Only the latest sent version may be accepted; accepting it again returns the first
    acceptance unchanged. Raises AcceptanceRefused, saying why, otherwise."""
    brief = Brief.objects.select_for_update().get(pk=brief.pk)
    latest = SentMemo.objects.latest_for(brief)
    if latest is None:
        raise AcceptanceRefused("There is no memo to accept yet.")
    if brief.status not in ACCEPTING:
        raise AcceptanceRefused(
            "This memo can no longer be accepted here: the brief is closed. "
            "Write to your consultant if you want to go ahead."
        )
    if latest.number != version:
        raise AcceptanceRefused(
            f"We have sent a newer version of the memo (version {latest.number}) since you opened this page. "
            "Read it, then accept it if it suits you: what you typed is kept below."
        )
    if (already := latest.accepted) is not None:
        return already
    acceptance = ScopeAcceptance(
        brief=brief,
        version=latest,
        name=" ".join(name.split()),
        role=" ".join(role.split()),
        accepted_at=timezone.now(),
        pdf_sha256=hashlib.sha256(bytes(latest.pdf)).hexdigest(),
    )
    acceptance.full_clean()
    acceptance.save()
    brief.save(update_fields=["updated_at"])  # pages built from the brief as it was are built again
    record_event(
        brief,
        ACCEPTED,
        from_status=brief.status,
        detail=f"{acceptance.name}, {acceptance.role}, accepted version {latest.number}. "
        f"SHA-256 of the PDF: {acceptance.pdf_sha256}.",
    )
    consultant_tell_scope_accepted(brief=brief, acceptance=acceptance)
    webhook_queue(WebhookEvent.SCOPE_ACCEPTED, brief)
    return acceptance


def consultant_tell_scope_accepted(*, brief: Brief, acceptance: ScopeAcceptance) -> None:
    """Tell the brief's consultant (or, with nobody assigned, the team) that the client accepted the
    scope: in their digest or at once, as each chose; the brief's page offers "Mark won"."""
    team_tell(
        Notice.Kind.SCOPE_ACCEPTED,
        brief,
        detail=f"{acceptance.name} ({acceptance.role}) accepted version {acceptance.version.number}; SHA-256 of "
        f"the PDF they accepted: {acceptance.pdf_sha256}.",
    )
