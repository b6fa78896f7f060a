"""Sending the brief: the deadline, the confirmation page, the emails, and a mail server that fails."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from scoping.models import Brief
from tests.rooms.intake.answers import ABOUT, fill, stamp, start, step_url

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.SCOPING_MIN_FILL_SECONDS = 0
    settings.CONSULTANT_EMAILS = ["desk@consultancy.example", "lead@consultancy.example"]
    settings.SCOPING_SITE_URL = "https://scope.example.com"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a request and then what it left for after its commit (the tests run inside a transaction)."""

    def run(request, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return request(*args, **kwargs)

    return run


@pytest.fixture
def submit(client, committed):
    return lambda brief: committed(client.post, reverse("scoping:brief_send", args=[brief.token]))


@time_machine.travel(datetime(2026, 11, 27, 18, 0, tzinfo=LONDON), tick=False)  # a Friday evening
def test_submitting_stamps_the_brief_and_its_reply_deadline(client, submit):
    brief = fill(client, start(client))

    response = submit(brief)

    assert response["Location"] == reverse("scoping:brief", args=[brief.token])
    brief.refresh_from_db()
    assert brief.status == Brief.Status.SUBMITTED
    assert brief.submitted_at == datetime(2026, 11, 27, 18, 0, tzinfo=LONDON)
    assert brief.reply_due_at == datetime(2026, 11, 30, 18, 0, tzinfo=LONDON)
    assert brief.engine_approach == "prompting"
    assert brief.pending_answers == {}


@time_machine.travel(datetime(2026, 11, 27, 18, 0, tzinfo=LONDON), tick=False)
def test_the_confirmation_shows_the_deadline_the_first_reading_and_the_private_link(client, submit):
    brief = fill(client, start(client))
    submit(brief)

    page = client.get(reverse("scoping:brief", args=[brief.token])).content.decode()

    assert "30 November 2026, 18:00 GMT" in page
    assert "Prompting" in page
    assert f"https://scope.example.com/brief/{brief.token}/" in page
    assert reverse("scoping:report", args=[brief.token]) in page


@time_machine.travel(datetime(2026, 11, 27, 18, 0, tzinfo=LONDON), tick=False)
def test_the_client_and_the_consultants_are_emailed_once_the_brief_is_saved(client, submit):
    brief = fill(client, start(client))

    submit(brief)

    ack, note = mail.outbox
    link = f"https://scope.example.com/brief/{brief.token}/"
    assert ack.to == ["grace@example.com"]
    assert ack.subject == f"We have your brief ({brief.reference})"
    assert "Answers for our support team" in ack.body
    assert link in ack.body
    assert "30 November 2026, 18:00 GMT" in ack.body
    assert "Prompting" in ack.body
    html, mimetype = ack.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{link}"' in html
    assert "30 November 2026, 18:00 GMT" in html
    assert note.to == ["desk@consultancy.example", "lead@consultancy.example"]
    assert note.reply_to == ["grace@example.com"]
    assert f"https://scope.example.com/admin/scoping/brief/{brief.pk}/change/" in note.body
    assert "Preliminary approach: Prompting" in note.body
    assert "Navy Labs" in note.subject


def test_without_consultant_addresses_only_the_client_is_emailed(client, settings, submit):
    settings.CONSULTANT_EMAILS = []

    submit(fill(client, start(client)))

    assert [message.to for message in mail.outbox] == [["grace@example.com"]]


def test_a_double_click_submits_and_emails_once(client, submit):
    brief = fill(client, start(client))

    first, second = submit(brief), submit(brief)

    assert first.status_code == second.status_code == 302
    assert len(mail.outbox) == 2


def test_an_unfinished_brief_cannot_be_submitted(client, submit):
    brief = fill(client, start(client), up_to="behaviour")

    response = submit(brief)

    assert response["Location"] == step_url(brief, "where-you-are")
    assert Brief.objects.get(pk=brief.pk).status == Brief.Status.DRAFT


def test_save_and_continue_later_emails_the_private_link(client, committed):
    brief = fill(client, start(client), up_to="project")

    response = committed(client.post, step_url(brief, "knowledge"), {"multi_tenant": "yes", "action": "later"})

    assert response["Location"] == reverse("scoping:brief_saved", args=[brief.token])
    (message,) = mail.outbox
    assert message.to == ["grace@example.com"]
    assert f"https://scope.example.com/brief/{brief.token}/" in message.body
    page = client.get(response["Location"]).content.decode()
    assert "grace@example.com" in page
    assert step_url(brief, "knowledge") in page


def test_save_and_continue_later_works_from_the_very_first_step(client, committed):
    data = {**ABOUT, "started": stamp(client), "action": "later"}

    response = committed(client.post, reverse("scoping:brief_new"), data)

    brief = Brief.objects.get()
    assert response["Location"] == reverse("scoping:brief_saved", args=[brief.token])
    assert mail.outbox[0].to == ["grace@example.com"]
