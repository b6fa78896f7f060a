"""The outbox: every email the app promises is a row written with the change that causes it, sent
once in outcome, retried while the server refuses, re-sent with the same Message-ID only after
SCOPING_MAIL_RESEND_AFTER when an attempt's outcome is unknown, shown in the admin when it has not
gone, and named by worker_check when stuck. (A worker killed mid-send, in real processes:
tests/core/test_mail_worker.py.)"""

import logging
import smtplib
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from scoping.emails import BUILDERS
from scoping.models import OutgoingEmail
from scoping.services.mail import (
    EMAIL_RETRY_DELAYS,
    MAX_ATTEMPTS,
    OUTBOX,
    _refused,
    deliver_email,
    email_queue,
    email_resend,
    mail_trouble,
    outbox_sweep,
)
from scoping.services.memo import memo_send
from tests.support.factories import BriefFactory
from tests.support.mailers import FlakyBackend, SilentBackend

pytestmark = pytest.mark.django_db
Status = OutgoingEmail.Status


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.CONSULTANT_EMAILS = ["desk@consultancy.example"]
    settings.SCOPING_MAIL_RESEND_AFTER = 1800


@pytest.fixture
def flaky(settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.support.mailers.FlakyBackend"}}
    FlakyBackend.failures, FlakyBackend.attempts = 0, 0
    return FlakyBackend


@pytest.fixture
def silent(settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.support.mailers.SilentBackend"}}
    SilentBackend.failures, SilentBackend.attempts = 0, 0
    return SilentBackend


def submitted(capture) -> OutgoingEmail:
    """A brief submitted, its emails owed and handed to the (immediate) mail worker; the acknowledgment."""
    with capture(execute=True):
        brief = BriefFactory()
    return brief.emails.get(kind="acknowledgment")


def sweep_at(moment) -> int:
    with time_machine.travel(moment, tick=False):
        return outbox_sweep()


def test_each_promised_email_is_a_row_sent_with_its_own_message_id(django_capture_on_commit_callbacks):
    acknowledgment = submitted(django_capture_on_commit_callbacks)

    rows = {email.kind: email for email in OutgoingEmail.objects.all()}
    sent = {message.to[0]: message for message in mail.outbox}
    assert set(rows) == {"acknowledgment", "consultant_notification"}
    assert {row.status for row in rows.values()} == {Status.SENT}
    assert acknowledgment.attempts == 1
    assert acknowledgment.sent_at is not None
    client_copy = sent[acknowledgment.brief.contact_email].message()
    assert client_copy["Message-ID"] == acknowledgment.message_id
    assert rows["consultant_notification"].message_id != acknowledgment.message_id


def test_a_change_rolled_back_owes_no_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():  # noqa: PT012
        BriefFactory()
        raise RuntimeError("the change fails after the email was queued")

    assert OutgoingEmail.objects.count() == 0
    assert mail.outbox == []


def test_a_refused_email_waits_and_is_sent_by_a_later_sweep(flaky, django_capture_on_commit_callbacks):
    flaky.failures = 2  # the acknowledgment and the consultants' notice are both refused once
    acknowledgment = submitted(django_capture_on_commit_callbacks)
    acknowledgment.refresh_from_db()

    assert (acknowledgment.status, acknowledgment.attempts) == (Status.PENDING, 1)
    assert "ConnectionRefusedError: mail server down" in acknowledgment.last_error
    assert outbox_sweep() == 0, "not before its time"
    assert sweep_at(timezone.now() + timedelta(seconds=EMAIL_RETRY_DELAYS[0] + 1)) == 2

    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {Status.SENT}
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        ["desk@consultancy.example", acknowledgment.brief.contact_email]
    )


def test_a_server_that_stays_down_is_given_up_loudly_and_worker_check_says_so(
    flaky, settings, caplog, django_capture_on_commit_callbacks
):
    settings.CONSULTANT_EMAILS = []
    flaky.failures = 1_000
    acknowledgment = submitted(django_capture_on_commit_callbacks)
    moment = timezone.now()

    with caplog.at_level(logging.WARNING, logger="scoping.services.mail"):
        for delay in EMAIL_RETRY_DELAYS:
            moment += timedelta(seconds=delay + 1)
            sweep_at(moment)
    acknowledgment.refresh_from_db()

    assert (acknowledgment.status, acknowledgment.attempts) == (Status.FAILED, len(EMAIL_RETRY_DELAYS) + 1)
    assert "Gave up sending the acknowledgment email" in caplog.text
    assert sweep_at(moment + timedelta(days=1)) == 0, "given up: only a person sends it again"
    assert mail.outbox == []
    assert mail_trouble() == [
        f"acknowledgment to the client for {acknowledgment.brief.reference}: not sent: gave up "
        "(ConnectionRefusedError: mail server down)"
    ]
    with pytest.raises(CommandError, match=r"acknowledgment to the client .* gave up"):
        call_command("worker_check", timeout=5)


def test_an_attempt_with_no_final_reply_is_sent_again_only_after_the_wait_with_the_same_message_id(
    silent, django_capture_on_commit_callbacks
):
    silent.failures = 1  # the acknowledgment: the server may or may not have taken it
    acknowledgment = submitted(django_capture_on_commit_callbacks)
    acknowledgment.refresh_from_db()
    first_try = acknowledgment.attempt_started_at

    assert acknowledgment.status == Status.SENDING
    assert "TimeoutError" in acknowledgment.last_error
    assert sweep_at(first_try + timedelta(seconds=1799)) == 0, "no second copy while the first may have gone"
    assert mail_trouble(first_try + timedelta(seconds=1799)) == []
    assert sweep_at(first_try + timedelta(seconds=1801)) == 1

    acknowledgment.refresh_from_db()
    (copy,) = [message for message in mail.outbox if message.to == [acknowledgment.brief.contact_email]]
    assert (acknowledgment.status, acknowledgment.attempts) == (Status.SENT, 2)
    assert copy.message()["Message-ID"] == acknowledgment.message_id, "the same message, for dedup"


def test_an_email_is_never_sent_twice_by_two_deliveries(django_capture_on_commit_callbacks):
    acknowledgment = submitted(django_capture_on_commit_callbacks)

    assert deliver_email.call(acknowledgment.pk) == "not due"
    assert len(mail.outbox) == 2


def test_an_email_with_nobody_to_send_to_is_marked_so(settings, django_capture_on_commit_callbacks):
    settings.CONSULTANT_EMAILS = []

    submitted(django_capture_on_commit_callbacks)

    assert OutgoingEmail.objects.get(kind="consultant_notification").status == Status.NOBODY
    assert mail_trouble() == []


def test_a_row_stuck_sending_past_its_time_is_trouble():
    email = email_queue("acknowledgment", BriefFactory(notify=False))
    started = timezone.now() - timedelta(seconds=1800) - timedelta(minutes=11)
    OutgoingEmail.objects.filter(pk=email.pk).update(status=Status.SENDING, attempt_started_at=started)

    assert mail_trouble() == [f"acknowledgment to the client for {email.brief.reference}: being sent"]


def test_a_memo_whose_email_did_not_go_shows_in_the_admin_and_can_be_sent_again(
    client, consultant, flaky, django_capture_on_commit_callbacks
):
    brief = BriefFactory(notify=False)
    flaky.failures = 1_000
    with django_capture_on_commit_callbacks(execute=True):
        memo_send(brief=brief, actor=consultant)
    memo = brief.emails.get(kind="memo")
    OutgoingEmail.objects.filter(pk=memo.pk).update(status=Status.FAILED)
    client.force_login(consultant)
    page = client.get(reverse("admin:scoping_brief_change", args=[brief.pk])).text

    assert "Emails that have not gone out" in page
    assert "<strong>Scope memo</strong>: not sent: gave up, after 1 attempt" in page
    resend = reverse("admin:scoping_brief_resend", args=[brief.pk, memo.pk])
    assert f'action="{resend}"' in page

    flaky.failures = 0
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(resend)

    assert response.status_code == 302
    memo.refresh_from_db()
    assert memo.status == Status.SENT
    (message,) = mail.outbox
    assert message.message()["Message-ID"] == memo.message_id
    assert (
        "Emails that have not gone out" not in client.get(reverse("admin:scoping_brief_change", args=[brief.pk])).text
    )


def test_only_a_consultant_who_may_change_the_brief_can_resend_its_email(client, outsider):
    brief = BriefFactory(notify=False)
    email = email_queue("acknowledgment", brief)
    outsider.is_staff = True
    outsider.save()
    client.force_login(outsider)

    response = client.post(reverse("admin:scoping_brief_resend", args=[brief.pk, email.pk]))

    assert response.status_code in (403, 404)
    assert mail.outbox == []


def test_a_late_answer_never_overwrites_a_newer_outcome(django_capture_on_commit_callbacks, flaky):
    acknowledgment = submitted(django_capture_on_commit_callbacks)
    OutgoingEmail.objects.filter(pk=acknowledgment.pk).update(status=Status.PENDING)
    first_attempt = OUTBOX.claim(acknowledgment.pk, timezone.now())  # a mailer starts, and is slow
    with django_capture_on_commit_callbacks(execute=True):
        OutgoingEmail.objects.filter(pk=acknowledgment.pk).update(status=Status.FAILED)
        assert email_resend(acknowledgment)  # a consultant sends it again: it goes

    _refused(first_attempt, smtplib.SMTPResponseException(451, b"try later"), timezone.now())  # then the slow one

    assert OutgoingEmail.objects.get(pk=acknowledgment.pk).status == Status.SENT


def test_sending_again_waits_while_an_attempt_is_under_way(django_capture_on_commit_callbacks):
    email = email_queue("acknowledgment", BriefFactory(notify=False))
    OUTBOX.claim(email.pk, timezone.now())

    assert email_resend(email) is False
    assert OutgoingEmail.objects.get(pk=email.pk).status == Status.SENDING


def test_a_refusal_for_good_is_given_up_at_once(settings, django_capture_on_commit_callbacks, monkeypatch):
    def no_such_mailbox(self, messages):
        raise smtplib.SMTPRecipientsRefused({"nobody@example.com": (550, b"5.1.1 no such mailbox")})

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", no_such_mailbox)
    acknowledgment = submitted(django_capture_on_commit_callbacks)
    acknowledgment.refresh_from_db()

    assert (acknowledgment.status, acknowledgment.attempts) == (Status.FAILED, 1)
    assert "no such mailbox" in acknowledgment.last_error


def test_an_email_that_cannot_be_built_is_retried_then_given_up_and_reported(
    django_capture_on_commit_callbacks, monkeypatch
):
    def broken(brief):
        raise ValueError("the template broke")

    monkeypatch.setitem(BUILDERS, "acknowledgment", broken)
    acknowledgment = submitted(django_capture_on_commit_callbacks)
    moment = timezone.now()
    for delay in EMAIL_RETRY_DELAYS:
        moment += timedelta(seconds=delay + 1)
        sweep_at(moment)
    acknowledgment.refresh_from_db()

    assert (acknowledgment.status, acknowledgment.attempts) == (Status.FAILED, MAX_ATTEMPTS)
    assert "ValueError: the template broke" in acknowledgment.last_error
    assert len(mail_trouble(moment)) == 1


def test_a_row_abandoned_on_its_last_attempt_is_given_up_by_the_sweep():
    email = email_queue("acknowledgment", BriefFactory(notify=False))
    started = timezone.now() - timedelta(seconds=1801)
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=Status.SENDING, attempt_started_at=started, attempts=MAX_ATTEMPTS
    )

    assert outbox_sweep() == 0
    assert OutgoingEmail.objects.get(pk=email.pk).status == Status.FAILED


def test_the_sweep_hands_a_row_over_once_while_the_mailer_is_away(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}}
    email_queue("acknowledgment", BriefFactory(notify=False))

    handed = [sweep_at(timezone.now() + timedelta(minutes=minute)) for minute in range(7)]

    assert handed == [0, 0, 0, 0, 0, 1, 0], "queued when written; again only once REQUEUE_AFTER has passed"


def test_message_ids_carry_our_sending_domain(settings):
    settings.DEFAULT_FROM_EMAIL = "Resser Solutions <scoping@resser.example>"

    email = email_queue("acknowledgment", BriefFactory(notify=False))

    assert email.message_id.endswith("@resser.example>")
