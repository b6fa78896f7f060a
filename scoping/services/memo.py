"""The memo's writes: frozen, sent with its PDF stored as a numbered version, revised into the next
version, its reading by the client counted, and its signer reminded when the client has not opened it."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from decisions.models import AssumptionSet
from scoping.deadlines import brief_business_days_after, in_business_hours
from scoping.lifecycle import DROP_REVISION, REMINDED, REVISE, SEND_MEMO
from scoping.memos.build import memo_build, memo_from_snapshot, signatory
from scoping.memos.pdf import render_memo_pdf
from scoping.memos.snapshots import to_json
from scoping.models import Brief, Notice, OutgoingEmail, SentMemo, WebhookEvent
from scoping.services.history import brief_move, record_event
from scoping.services.mail import email_queue
from scoping.services.notices import team_tell
from scoping.services.review import brief_owner_claim, claim_stamp
from scoping.services.webhooks import webhook_queue


@transaction.atomic
def memo_freeze(*, brief: Brief, signer: AbstractBaseUser | None = None) -> Brief:
    """Fix the memo as it reads now, signed by ``signer``: answers, recommendation, prices and the
    consultant's note.

    A frozen memo renders the same forever, whatever later changes in the rules or assumptions.
    Freezing twice keeps the first snapshot.
    """
    brief = Brief.objects.select_for_update().get(pk=brief.pk)
    if brief.memo_snapshot is None:
        signed_by = signatory(signer) if signer is not None else None
        brief.memo_snapshot = to_json(memo_build(brief, AssumptionSet.current().to_assumptions(), signed_by=signed_by))
        brief.memo_frozen_at = timezone.now()
        brief.save(update_fields=["memo_snapshot", "memo_frozen_at", "updated_at"])
    return brief


@transaction.atomic
def memo_send(
    *,
    brief: Brief,
    actor: AbstractBaseUser,
    subject: str = "",
    text: str = "",
    changes: str = "",
    take_over: bool = False,
) -> Brief:
    """Freeze the memo signed by ``actor``, store its PDF as the next version, mark it sent and
    email it to the client (the PDF attached, and the link; replies go to ``actor``). Sending twice
    sends once: the second call finds the memo sent and refuses. The sender has the brief from now:
    a colleague's brief needs ``take_over`` (brief_owner_claim).

    Sending a revision (the brief is being revised) adds version 2, 3, …, with ``changes``, what
    changed in the consultant's words, for the client; the first reply's time stays as it was."""
    SEND_MEMO.check(Brief.objects.select_for_update().get(pk=brief.pk))
    brief_owner_claim(brief=brief, actor=actor, take_over=take_over)
    now = timezone.now()
    brief = brief_move(brief, SEND_MEMO, actor=actor, at=now)
    brief = memo_freeze(brief=brief, signer=actor)
    revision = brief.memo_sent_at is not None
    brief.memo_sent_at = now
    brief.replied_at = brief.replied_at if revision else now
    brief.memo_email_subject, brief.memo_email_text = subject, text  # empty: the email as we write it
    brief.client_status = ""  # something new is sent: the client's page follows the status again
    fields = ["memo_sent_at", "replied_at", "memo_email_subject", "memo_email_text", "client_status", "updated_at"]
    brief.save(update_fields=fields)
    latest = SentMemo.objects.latest_for(brief)
    _version_store(brief, number=latest.number + 1 if latest else 1, sent_by=actor, changes=changes if latest else "")
    email_queue(OutgoingEmail.Kind.MEMO, brief)
    webhook_queue(WebhookEvent.MEMO_SENT, brief)
    return brief


def _version_store(brief: Brief, *, number: int, sent_by: AbstractBaseUser | None, changes: str) -> SentMemo:
    """Render the brief's frozen memo once and keep it as version ``number``: the attachment and every
    download of that version are these very bytes."""
    memo = memo_from_snapshot(brief.memo_snapshot)
    pdf = render_memo_pdf(memo, preview=False)
    version = SentMemo(
        brief=brief,
        number=number,
        pdf=pdf,
        etag=hashlib.sha256(pdf).hexdigest(),
        snapshot=brief.memo_snapshot,
        approach=memo.approach.value,
        sent_at=brief.memo_sent_at,
        sent_by=sent_by,
        changes=changes.strip(),
    )
    version.full_clean(exclude=["pdf"])
    version.save()
    return version


@transaction.atomic
def memo_pdf_store(*, brief: Brief) -> SentMemo:
    """The latest sent version of a memo, with its PDF: stored when it was sent, or for a memo sent
    before PDFs were stored then, rendered at the first download as version 1 (the same bytes ever after)."""
    locked = Brief.objects.select_for_update().get(pk=brief.pk)  # two first downloads render once
    stored = SentMemo.objects.latest_for(locked)
    if stored is not None:
        return stored
    if locked.memo_sent_at is None or locked.memo_snapshot is None:
        raise ValueError(f"brief {brief.pk}'s memo is not sent")
    return _version_store(locked, number=1, sent_by=None, changes="")


@transaction.atomic
def memo_revise(*, brief: Brief, actor: AbstractBaseUser) -> Brief:
    """Start the next version of a sent memo: the review opens again on the brief as it now is and
    previews show the memo as it would read if sent now. The client keeps reading the sent version
    (kept first, for a memo sent before versions were stored) until the revision is sent. Revising
    is taking the brief: a colleague who had it is told (brief_owner_claim)."""
    REVISE.check(Brief.objects.select_for_update().get(pk=brief.pk))
    brief_owner_claim(brief=brief, actor=actor, take_over=True)
    brief = brief_move(brief, REVISE, actor=actor)
    if brief.memo_sent_at is not None:
        memo_pdf_store(brief=brief)
    brief.memo_snapshot, brief.memo_frozen_at = None, None
    # The last email's own words were about the version before: the revision's email starts from ours.
    brief.memo_email_subject, brief.memo_email_text = "", ""
    brief.save(update_fields=["memo_snapshot", "memo_frozen_at", "memo_email_subject", "memo_email_text", "updated_at"])
    return brief


@transaction.atomic
def memo_revision_drop(*, brief: Brief, actor: AbstractBaseUser) -> Brief:
    """Give up a revision before sending it: the memo is again exactly the latest sent version."""
    brief = brief_move(brief, DROP_REVISION, actor=actor)
    latest = SentMemo.objects.latest_for(brief)
    if latest is not None:
        brief.memo_snapshot, brief.memo_frozen_at = latest.snapshot, latest.sent_at
        brief.save(update_fields=["memo_snapshot", "memo_frozen_at", "updated_at"])
    return brief


@transaction.atomic
def memo_viewed(*, brief: Brief) -> None:
    """Count an opening of a sent memo by its client (report or PDF): first and last time, and how
    often. One UPDATE, so two tabs opening at once both count. The memo room calls it at most once
    per reader every READ_COUNTED_EVERY. The first opening is news for the webhooks: the one UPDATE
    whose time became the first reading's is it."""
    now = timezone.now()
    Brief.objects.filter(pk=brief.pk, memo_sent_at__isnull=False).update(
        memo_views=F("memo_views") + 1,
        memo_last_viewed_at=now,
        memo_first_viewed_at=Coalesce(F("memo_first_viewed_at"), Value(now)),
        updated_at=now,  # an integration polling for changes sees the reading
    )
    if Brief.objects.filter(pk=brief.pk, memo_first_viewed_at=now).exists():
        webhook_queue(WebhookEvent.MEMO_VIEWED, brief)


# A reader who opens the memo again within this counts once: a reload, or the report then its PDF.
READ_COUNTED_EVERY = timedelta(minutes=10)
# A sent memo its client has not opened this many business days later: its consultant is told,
# in working hours; memos sent longer ago than the window are old news, not reminded.
UNREAD_REMINDER_AFTER = 3
UNREAD_REMINDER_WINDOW = timedelta(days=14)


def unread_memos_remind(*, now: datetime) -> int:
    """Tell the consultant who has each sent memo (its sender, else the team) that its client has not opened it within
    UNREAD_REMINDER_AFTER business days: once per memo, in business hours, and never once the brief
    has moved on (won, lost). How many reminders went."""
    if not in_business_hours(now):
        return 0  # the next hourly run in working hours sends them
    waiting = Brief.objects.filter(
        status=Brief.Status.MEMO_SENT,
        memo_first_viewed_at__isnull=True,
        memo_reminded_at__isnull=True,
        memo_sent_at__lte=now - timedelta(days=UNREAD_REMINDER_AFTER),  # business days are no shorter
        memo_sent_at__gte=now - UNREAD_REMINDER_WINDOW,
    )
    reminded = 0
    for brief in waiting:
        if brief_business_days_after(brief.memo_sent_at, UNREAD_REMINDER_AFTER) > now:
            continue
        with transaction.atomic():  # a memo opened meanwhile is not claimed
            if claim_stamp(brief, "memo_reminded_at", now, memo_first_viewed_at__isnull=True):
                record_event(brief, REMINDED)
                team_tell(Notice.Kind.UNREAD_MEMO, brief)
                reminded += 1
    return reminded
