"""Loopholes closed after review: each test is a way round that no longer works."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from scoping import review
from scoping.antispam import STAMP_LIFETIME, bot_suspicion, started_stamp
from scoping.models import Brief
from scoping.ratelimit import allow
from scoping.review import brief_decline, brief_erase, memo_send
from scoping.tasks import PURGE_EVERY, purge_old_drafts
from tests.factories import BriefFactory, SuperuserFactory
from tests.intake import ABOUT, start

pytestmark = pytest.mark.django_db


def test_a_rate_window_holds_on_the_database_cache_whatever_its_expiry_does(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "rate_test"}}
    call_command("createcachetable", verbosity=0)
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")

    with time_machine.travel("2026-11-25 10:00:00", tick=False) as traveller:
        first = [allow(request, "test", (3, 3600)) for _ in range(4)]
        traveller.shift(timedelta(minutes=5, seconds=1))  # the database cache's default expiry
        still = allow(request, "test", (3, 3600))
        traveller.shift(timedelta(hours=1))
        next_window = allow(request, "test", (3, 3600))

    assert first == [True, True, True, False]
    assert still is False
    assert next_window is True


def test_a_stamp_kept_for_days_no_longer_passes():
    with time_machine.travel("2026-11-20 10:00:00", tick=False) as traveller:
        stamp = started_stamp()
        traveller.shift(timedelta(seconds=STAMP_LIFETIME + 1))
        data = {"started": stamp}
        message = bot_suspicion(data)

    assert "open for a long time" in message


def test_the_link_email_repeats_nothing_the_sender_typed(client, settings, django_capture_on_commit_callbacks):
    settings.SCOPING_MIN_FILL_SECONDS = 0
    data = {
        **ABOUT,
        "company": "URGENT verify your account at evil.example",
        "contact_name": "Win a prize at evil.example",
        "started": started_stamp(),
        "action": "later",
    }

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("scoping:brief_new"), data)

    (message,) = mail.outbox
    assert "evil.example" not in message.subject
    assert "evil.example" not in message.body
    assert "evil.example" not in message.alternatives[0][0]


def test_link_emails_to_one_address_are_limited_whatever_the_sender_address(client, settings):
    settings.SCOPING_MIN_FILL_SECONDS = 0
    settings.SCOPING_RATE_NEW_BRIEFS = (1, 3600)
    later = {**ABOUT, "contact_email": "victim@example.org", "action": "later"}

    first = client.post(reverse("scoping:brief_new"), {**later, "started": started_stamp()}, REMOTE_ADDR="10.0.0.1")
    second = client.post(reverse("scoping:brief_new"), {**later, "started": started_stamp()}, REMOTE_ADDR="10.0.0.2")

    assert first["Location"].endswith("/saved/")
    assert second["Location"].endswith("/saved/?emailed=0")


def test_a_later_brief_records_its_own_source(client, settings):
    settings.SCOPING_MIN_FILL_SECONDS = 0
    client.get("/?utm_source=newsletter")
    first = start(client)
    client.get("/?utm_source=linkedin")

    second = start(client)

    assert (first.utm_source, second.utm_source) == ("newsletter", "linkedin")


def test_a_silent_decline_is_not_a_reply(consultant):
    brief = brief_decline(brief=BriefFactory(), actor=consultant, email_client=False)

    assert brief.replied_at is None


def test_erasure_also_clears_the_admin_log(consultant):
    brief = BriefFactory(company="Acme Secret Ltd", project_title="Layoff predictor")
    LogEntry.objects.log_actions(
        user_id=consultant.pk, queryset=[brief], action_flag=CHANGE, change_message="edited"
    )  # what the admin writes on every save

    brief_erase(brief=brief, actor=SuperuserFactory(username="root"), reason="client request")

    content_type = ContentType.objects.get_for_model(Brief)
    assert not LogEntry.objects.filter(content_type=content_type).exists()


def test_edits_to_a_brief_sent_meanwhile_are_refused_with_a_message(client, consultant):
    brief = BriefFactory()
    client.force_login(consultant)
    form_page = client.get(reverse("admin:scoping_brief_change", args=[brief.pk]))
    memo_send(brief=brief, actor=consultant)  # another consultant, while the form was open

    response = client.post(
        reverse("admin:scoping_brief_change", args=[brief.pk]),
        {"consultant_note": "Call us about phase 2", "events-TOTAL_FORMS": 0, "events-INITIAL_FORMS": 2},
        follow=True,
    )

    assert 'name="consultant_note"' in form_page.text
    assert "your edits were not saved" in response.text
    assert Brief.objects.get(pk=brief.pk).consultant_note == ""


def test_the_review_save_rechecks_the_status_under_lock(consultant):
    brief = BriefFactory()
    stale = Brief.objects.get(pk=brief.pk)
    memo_send(brief=brief, actor=consultant)
    stale.consultant_note = "too late"

    with pytest.raises(review.TransitionRefused):
        review.brief_review_save(brief=stale, actor=consultant, changed=["consultant_note"])
    assert Brief.objects.get(pk=brief.pk).consultant_note == ""


def test_the_daily_purge_books_its_next_run_even_when_today_fails(settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def broken(**kwargs):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr("scoping.review.drafts_purge", broken)
    with pytest.raises(RuntimeError):
        purge_old_drafts.call()

    (booked,) = DBTaskResult.objects.filter(task_path=purge_old_drafts.module_path)
    assert booked.run_after > timezone.now() + PURGE_EVERY - timedelta(minutes=1)


def test_scheduling_twice_books_one_daily_purge(settings, capsys):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    call_command("purge_drafts", "--schedule")
    call_command("purge_drafts", "--schedule")

    assert DBTaskResult.objects.filter(task_path=purge_old_drafts.module_path).count() == 1
    assert "already scheduled" in capsys.readouterr().out
