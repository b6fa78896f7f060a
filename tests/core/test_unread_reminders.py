"""A sent memo its client has not opened three business days later: the consultant who signed it
hears so, once; a memo read (by the client, not by a consultant) or a brief gone further never."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from scoping.lifecycle import REMINDED, event_actor
from scoping.models import Brief
from scoping.services.memo import memo_send, unread_memos_remind
from scoping.services.notices import notices_digest
from scoping.services.review import brief_close
from scoping.tasks import nudge_consultants
from tests.support.factories import BriefFactory, ConsultantFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
SENT = datetime(2026, 11, 27, 11, 0, tzinfo=LONDON)  # a Friday
BEFORE = datetime(2026, 12, 2, 10, 59, tzinfo=LONDON)  # Wednesday, a minute short of 3 business days
AFTER = datetime(2026, 12, 2, 11, 1, tzinfo=LONDON)


@pytest.fixture
def signer(db):
    return ConsultantFactory(first_name="Priya", last_name="Shah", email="priya@consultancy.example")


@pytest.fixture
def sent(signer):
    with time_machine.travel(SENT, tick=False):
        return memo_send(brief=BriefFactory(company="Northwind"), actor=signer)


def reminders(mailoutbox):
    return [message for message in mailoutbox if message.subject.startswith("Your briefs: 1 unread memo")]


def remind_at(moment, django_capture_on_commit_callbacks) -> int:
    """The hourly run's reminders, then every consultant's digest."""
    with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
        reminded = unread_memos_remind(now=moment)
        notices_digest()
    return reminded


def test_an_unread_memo_is_reported_to_its_consultant_after_three_business_days(
    sent, mailoutbox, django_capture_on_commit_callbacks
):
    assert remind_at(BEFORE, django_capture_on_commit_callbacks) == 0
    assert remind_at(AFTER, django_capture_on_commit_callbacks) == 1

    (message,) = reminders(mailoutbox)
    assert message.to == ["priya@consultancy.example"]
    assert "Northwind" in message.subject
    assert "nobody has opened it from their private link" in message.body
    sent.refresh_from_db()
    assert sent.memo_reminded_at == AFTER
    assert sent.events.last().action == REMINDED
    assert event_actor(sent.events.last()) == "the system"


def test_it_is_reported_once(sent, mailoutbox, django_capture_on_commit_callbacks):
    remind_at(AFTER, django_capture_on_commit_callbacks)
    assert remind_at(datetime(2026, 12, 9, 12, 0, tzinfo=LONDON), django_capture_on_commit_callbacks) == 0

    assert len(reminders(mailoutbox)) == 1


def test_a_memo_the_client_opened_is_not_reported(client, sent, mailoutbox, django_capture_on_commit_callbacks):
    client.get(reverse("scoping:memo_pdf", args=[sent.token]))

    assert remind_at(AFTER, django_capture_on_commit_callbacks) == 0
    assert reminders(mailoutbox) == []


def test_a_consultant_opening_it_does_not_count_as_read(
    client, sent, signer, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(signer)
    client.get(reverse("scoping:report", args=[sent.token]))

    assert remind_at(AFTER, django_capture_on_commit_callbacks) == 1


def test_a_brief_won_or_lost_meanwhile_is_not_reported(sent, signer, mailoutbox, django_capture_on_commit_callbacks):
    brief_close(brief=sent, actor=signer, won=True)

    assert remind_at(AFTER, django_capture_on_commit_callbacks) == 0


def test_the_hourly_task_reminds_and_books_its_next_run(sent, settings, mailoutbox):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    with time_machine.travel(AFTER, tick=False):
        assert nudge_consultants.call() == 1

    (booked,) = DBTaskResult.objects.filter(task_path=nudge_consultants.module_path)
    assert booked.run_after == datetime(2026, 12, 2, 12, 1, tzinfo=LONDON)
    assert Brief.objects.get(pk=sent.pk).memo_reminded_at is not None


def test_reminders_wait_for_working_hours(sent, mailoutbox, django_capture_on_commit_callbacks):
    late_evening = datetime(2026, 12, 2, 22, 30, tzinfo=LONDON)
    next_morning = datetime(2026, 12, 3, 9, 30, tzinfo=LONDON)

    assert remind_at(late_evening, django_capture_on_commit_callbacks) == 0
    assert remind_at(next_morning, django_capture_on_commit_callbacks) == 1


def test_memos_sent_long_ago_are_not_reminded(sent, mailoutbox, django_capture_on_commit_callbacks):
    a_month_on = datetime(2026, 12, 29, 11, 0, tzinfo=LONDON)  # a Tuesday, after the Christmas holidays

    assert remind_at(a_month_on, django_capture_on_commit_callbacks) == 0
