"""The client's time zone: reported by their browser with each step, kept on the brief, and used for the
times they read on their pages and in their emails; ours, named, when it is not known."""

import pytest
from django.core import mail
from django.urls import reverse

from scoping.models import Brief
from scoping.zones import client_date, client_datetime
from tests.rooms.intake.answers import ABOUT, PROJECT, fill, stamp, step_url

pytestmark = pytest.mark.django_db


def start_in(client, zone: str) -> Brief:
    client.post(reverse("scoping:brief_new"), {**ABOUT, "started": stamp(client), "time_zone": zone})
    return Brief.objects.latest("created_at")


def send(client, brief, django_capture_on_commit_callbacks) -> Brief:
    fill(client, brief)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("scoping:brief_send", args=[brief.token]))
    brief.refresh_from_db()
    return brief


def test_the_zone_a_browser_reports_is_kept_and_a_made_up_one_is_not(client, no_fill_time):
    assert start_in(client, "America/New_York").time_zone == "America/New_York"
    assert start_in(client, "Atlantis/Capital").time_zone == ""


def test_a_later_step_keeps_the_zone_the_browser_reports_now(client, no_fill_time):
    brief = start_in(client, "")
    fill(client, brief, up_to="project", project={**PROJECT, "time_zone": "Asia/Tokyo"})
    brief.refresh_from_db()
    assert brief.time_zone == "Asia/Tokyo"


def test_the_clients_page_and_email_give_the_reply_time_in_their_zone(
    client, no_fill_time, settings, django_capture_on_commit_callbacks
):
    settings.CONSULTANT_EMAILS = []
    brief = send(client, start_in(client, "America/New_York"), django_capture_on_commit_callbacks)
    due = client_datetime(brief.reply_due_at, "America/New_York")
    assert due.endswith("(New York time)")

    page = client.get(reverse("scoping:brief", args=[brief.token])).content.decode()
    (acknowledgment,) = [m for m in mail.outbox if m.to == [brief.contact_email]]

    assert due in page
    assert due in acknowledgment.body
    assert due in acknowledgment.alternatives[0].content
    assert client_datetime(brief.submitted_at, "America/New_York") in acknowledgment.body


def test_without_the_clients_zone_ours_is_used_and_named(
    client, no_fill_time, settings, django_capture_on_commit_callbacks
):
    settings.CONSULTANT_EMAILS = []
    brief = send(client, start_in(client, ""), django_capture_on_commit_callbacks)

    page = client.get(reverse("scoping:brief", args=[brief.token])).content.decode()
    (acknowledgment,) = mail.outbox

    assert "(London time, where we are)" in page
    assert "(London time, where we are)" in acknowledgment.body


def test_the_draft_deletion_date_is_the_clients_day(client, no_fill_time, settings, django_capture_on_commit_callbacks):
    brief = start_in(client, "Pacific/Kiritimati")  # UTC+14: often tomorrow already
    with django_capture_on_commit_callbacks(execute=True):
        client.post(step_url(brief, "project"), {"action": "later"})
    brief.refresh_from_db()

    (message,) = mail.outbox
    assert f"deleted on {client_date(brief.draft_deleted_from, 'Pacific/Kiritimati')}" in message.body
