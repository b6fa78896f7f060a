"""Retention: drafts nobody finishes are deleted on schedule, and the schedule survives a bad day."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from scoping.models import Brief
from scoping.services.intake import brief_start
from scoping.services.mail import deliver_email
from scoping.tasks import PURGE_EVERY, is_booked, nudge_consultants, purge_old_drafts, sweep_outbox, worker_heartbeat
from tests.support.factories import BriefFactory

pytestmark = pytest.mark.django_db


def test_the_daily_purge_books_its_next_run_even_when_today_fails(settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def broken(**kwargs):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr("scoping.tasks.drafts_purge", broken)
    with pytest.raises(RuntimeError):
        purge_old_drafts.call()

    (booked,) = DBTaskResult.objects.filter(task_path=purge_old_drafts.module_path)
    assert booked.run_after > timezone.now() + PURGE_EVERY - timedelta(minutes=1)


def test_scheduling_twice_books_each_periodic_job_once(settings, capsys):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    call_command("schedule_jobs")
    call_command("schedule_jobs")

    for job in (purge_old_drafts, nudge_consultants):
        assert DBTaskResult.objects.filter(task_path=job.module_path).count() == 1
    assert "nudge_consultants: already scheduled." in capsys.readouterr().out


def test_purging_deletes_only_drafts_older_than_the_retention(settings, capsys):
    settings.DRAFT_RETENTION_DAYS = 30
    stale, fresh, submitted = old_draft(31), old_draft(29), BriefFactory()
    Brief.objects.filter(pk=submitted.pk).update(updated_at=timezone.now() - timedelta(days=400))

    call_command("purge_drafts")

    assert set(Brief.objects.values_list("pk", flat=True)) == {fresh.pk, submitted.pk}
    assert "Deleted 1 draft(s)" in capsys.readouterr().out
    assert not Brief.objects.filter(pk=stale.pk).exists()


def test_the_purge_task_does_the_same(settings):
    settings.DRAFT_RETENTION_DAYS = 7
    old_draft(8)

    result = purge_old_drafts.enqueue()

    assert result.return_value == 1
    assert not Brief.objects.filter(status=Brief.Status.DRAFT).exists()


def old_draft(days: int) -> Brief:
    """A draft, started through the form's service, that nobody has touched for ``days``."""
    draft = brief_start(
        answers={"contact_name": "D", "contact_email": "d@example.com", "company": "Draft Co"}, source={}
    )
    Brief.objects.filter(pk=draft.pk).update(updated_at=timezone.now() - timedelta(days=days))
    return draft


def test_the_daily_purge_also_clears_the_queues_finished_rows_older_than_a_week(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}}
    old, recent = worker_heartbeat.enqueue(), worker_heartbeat.enqueue()
    mail_row = deliver_email.enqueue(0)
    DBTaskResult.objects.filter(pk__in=[old.id, mail_row.id]).update(
        status="SUCCESSFUL", finished_at=timezone.now() - timedelta(days=8)
    )
    DBTaskResult.objects.filter(pk=recent.id).update(
        status="SUCCESSFUL", finished_at=timezone.now() - timedelta(days=6)
    )

    purge_old_drafts.call()

    left = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert str(recent.id) in {str(pk) for pk in left}
    assert not {str(old.id), str(mail_row.id)} & {str(pk) for pk in left}, "every queue, email's included"


def test_a_chain_that_died_with_its_worker_is_started_again(settings, capsys):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}}
    call_command("schedule_jobs")
    DBTaskResult.objects.filter(task_path=sweep_outbox.module_path).update(
        status="RUNNING", started_at=timezone.now() - timedelta(hours=2)
    )  # its worker was killed before it booked the next run

    assert not is_booked(sweep_outbox)
    call_command("schedule_jobs")

    assert "sweep_outbox: started" in capsys.readouterr().out
    assert is_booked(sweep_outbox)
