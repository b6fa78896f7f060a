"""The outbox: every email the app promises is an ``OutgoingEmail`` row, written in the same
transaction as the change that causes it, so a brief saved is an email owed, and an email owed is
sent exactly once in outcome:

- The ``deliver_email`` task (its own queue, ``mail``, so a slow mail server holds up no other work)
  claims the row, sends it with the row's Message-ID and marks it sent.
- A refusal (the server answered "no", or could not be reached) is retried later, each time later,
  then given up (EMAIL_RETRY_DELAYS). An attempt whose outcome is unknown (a timeout waiting for the
  server's final reply, a worker killed mid-send) may have been accepted: it is tried again only
  after ``SCOPING_MAIL_RESEND_AFTER``, with the same Message-ID.
- ``outbox_sweep`` (every minute) picks up what is due, including rows a dead worker left behind.
- ``mail_trouble`` names what is stuck or overdue, for ``worker_check``; ``email_resend`` is the
  consultant's "send the email again".

``deliver_email`` is both the service that writes an attempt's outcome and the task the mail worker
runs: the outbox hands it rows itself, so no other module stands between the two.
"""

from __future__ import annotations

import logging
import smtplib
import socket
from datetime import datetime, timedelta
from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.db.models import Q, QuerySet
from django.tasks import task
from django.utils import timezone

from scoping.emails import build_email
from scoping.models import Brief, OutgoingEmail
from scoping.services.outbox import Outbox

logger = logging.getLogger(__name__)

MAIL_QUEUE = "mail"
# Seconds to wait before each new attempt at an email the mail server refused: about a day in all.
EMAIL_RETRY_DELAYS = (60, 300, 1_800, 7_200, 21_600, 43_200)
MAX_ATTEMPTS = len(EMAIL_RETRY_DELAYS) + 1
# Errors that prove the server did not take the message: it said no, or was never reached.
REFUSED = (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused, ConnectionRefusedError, socket.gaierror)
# worker_check's patience: a due email not picked up within this is overdue.
OVERDUE_AFTER = timedelta(minutes=10)
# A row given up stays trouble for worker_check this long; on the brief's page, until sent again.
TROUBLE_FOR = timedelta(days=3)
Status = OutgoingEmail.Status
OUTBOX = Outbox(
    OutgoingEmail,
    resend_after_setting="SCOPING_MAIL_RESEND_AFTER",
    max_attempts=MAX_ATTEMPTS,
    related="brief",
    done=Status.SENT,
    gave_up="Every attempt ended without an answer from the mail server or the worker.",
    enqueue=lambda pk: deliver_email.enqueue(pk),
)


def email_queue(kind: OutgoingEmail.Kind, brief: Brief | None) -> OutgoingEmail:
    """Owe ``brief`` a ``kind`` email (built by scoping.emails.BUILDERS[kind]): written now, in the
    caller's transaction; handed to the mail worker once that commits (a rolled-back change owes nothing)."""
    email = OutgoingEmail.objects.create(
        brief=brief, kind=kind, message_id=make_msgid(domain=_message_id_domain()), queued_at=timezone.now()
    )
    transaction.on_commit(lambda: deliver_email.enqueue(email.pk))
    return email


def _message_id_domain() -> str:
    """Our sending domain (DEFAULT_FROM_EMAIL's), as mail systems expect after the @; else this host."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    domain = address.rpartition("@")[2]
    return domain if "." in domain else str(DNS_NAME)


def _record(email: OutgoingEmail, **outcome: object) -> None:
    """Write how this attempt went, unless the row has moved on meanwhile (a later attempt claimed
    it, or a consultant sent it again): a late answer never overwrites a newer one."""
    OutgoingEmail.objects.filter(
        pk=email.pk, status=Status.SENDING, attempt_started_at=email.attempt_started_at
    ).update(**outcome)


@task(queue_name=MAIL_QUEUE)
def deliver_email(email_id: int) -> str:
    """Send one outbox row, if it is due, and record how it went."""
    now = timezone.now()
    email = OUTBOX.claim(email_id, now)
    if email is None:
        return "not due"
    try:
        message = build_email(email)
        if message is None:
            _record(email, status=Status.NOBODY)
            return "nobody to send to"
        message.extra_headers["Message-ID"] = email.message_id
        message.send()
    except REFUSED as error:
        return _refused(email, error, now)
    except OSError as error:  # a timeout or a dropped line: the server may have taken it
        if email.attempts >= MAX_ATTEMPTS:
            return _give_up(email, error)
        _record(email, last_error=_describe(error))
        logger.warning(
            "The %s email for brief %s may or may not have gone (%s); it is tried again after %s unless marked sent",
            email.kind, email.brief_id, error, OUTBOX.resend_after(),
        )  # fmt: skip
        return "outcome unknown"
    except Exception as error:  # building it failed (a template, the PDF): nothing was sent
        logger.exception("Building the %s email for brief %s failed", email.kind, email.brief_id)
        return _refused(email, error, now)
    _record(email, status=Status.SENT, sent_at=timezone.now(), last_error="")
    return "sent"


def _give_up(email: OutgoingEmail, error: BaseException) -> str:
    _record(email, status=Status.FAILED, last_error=_describe(error))
    logger.error(
        "Gave up sending the %s email for brief %s after %s attempts", email.kind, email.brief_id, email.attempts
    )
    return "gave up"


def _permanent(error: BaseException) -> bool:
    """A refusal that trying again will not change: the server answered with a 5xx code (for every
    recipient, where it answered per recipient), such as a mailbox that does not exist."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def _refused(email: OutgoingEmail, error: BaseException, now: datetime) -> str:
    """Not sent, for sure: tried again later, each time later, until the attempts run out or the
    refusal is permanent."""
    attempts = email.attempts
    if attempts >= MAX_ATTEMPTS or _permanent(error):
        return _give_up(email, error)
    delay = timedelta(seconds=EMAIL_RETRY_DELAYS[attempts - 1])
    _record(email, status=Status.PENDING, due_at=now + delay, last_error=_describe(error))
    logger.warning(
        "Sending the %s email for brief %s failed (%s); retrying in %s", email.kind, email.brief_id, error, delay
    )
    return f"retrying (attempt {attempts} refused)"


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:1000]


def outbox_sweep(now: datetime | None = None) -> int:
    """Hand the mail worker every due row not handed to it lately: retries whose time has come, and
    rows an attempt left "sending" (a killed worker, a reply that never came) once
    SCOPING_MAIL_RESEND_AFTER has passed. A row abandoned with no attempts left is given up."""
    return OUTBOX.sweep(now or timezone.now())


def email_resend(email: OutgoingEmail) -> bool:
    """A consultant's "send the email again": due now, keeping its Message-ID; False (and nothing
    done) while an attempt is under way, which may yet succeed."""
    return OUTBOX.resend(email.pk)


def unsent(brief: Brief) -> QuerySet[OutgoingEmail]:
    """The brief's emails that have not gone (yet, or at all): what the admin warns about."""
    return brief.emails.exclude(status__in=(Status.SENT, Status.NOBODY))


def mail_trouble(now: datetime | None = None) -> list[str]:
    """What ``worker_check`` fails on: emails given up, stuck "sending" past their time, or due
    and not picked up."""
    now = now or timezone.now()
    late = Q(status=Status.FAILED, attempt_started_at__gte=now - TROUBLE_FOR)
    late |= Q(status=Status.PENDING, due_at__lt=now - OVERDUE_AFTER)
    late |= OUTBOX.abandoned(now - OVERDUE_AFTER)  # and not picked up again since
    return [
        f"{email.get_kind_display()} for {email.about}: {email.get_status_display()}"
        + (f" ({email.last_error})" if email.last_error else "")
        for email in OutgoingEmail.objects.filter(late).select_related("brief")[:20]
    ]
