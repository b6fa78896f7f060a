"""Background work that is not an email: the worker's heartbeat, and the periodic jobs (the daily
purge of old drafts, the hourly nudges to consultants, the outbox sweep every minute), each of
which books its own next run and calls a service for what it changes. (Each email is a task of the
outbox's own: scoping.services.mail.deliver_email.)"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.db.models import Q
from django.tasks import Task, TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from scoping.services.intake import drafts_purge
from scoping.services.mail import outbox_sweep
from scoping.services.memo import unread_memos_remind
from scoping.services.notices import notices_digest
from scoping.services.review import deadline_nudges
from scoping.services.webhooks import webhook_deliveries_purge, webhook_sweep

logger = logging.getLogger(__name__)


@task
def worker_heartbeat() -> str:
    """Does nothing but finish: `manage.py worker_check` enqueues it to prove a worker is consuming
    the queue (used by CI's production smoke test and by operators after a deploy)."""
    return timezone.now().isoformat()


def _book_next_run(job: Task, every: timedelta) -> None:
    """Where the backend can wait (the database queue in production), enqueue ``job`` again
    ``every`` from now: a periodic job with no cron. Called first, so a failing run cannot end the
    schedule."""
    if job.get_backend().supports_defer:
        job.using(run_after=timezone.now() + every).enqueue()


PURGE_EVERY = timedelta(days=1)
NUDGE_EVERY = timedelta(hours=1)


# Finished rows of the database queue kept this long (the outbox sweep alone adds 1,440 a day).
TASK_ROWS_KEPT_DAYS = 7


@task
def purge_old_drafts() -> int:
    """Every day: delete drafts older than DRAFT_RETENTION_DAYS, webhook deliveries done with for a
    month (scoping.services.webhooks), and the queue's finished rows older than TASK_ROWS_KEPT_DAYS."""
    _book_next_run(purge_old_drafts, PURGE_EVERY)
    deleted = drafts_purge(older_than_days=settings.DRAFT_RETENTION_DAYS)
    logger.info("Deleted %s draft(s) older than %s days", deleted, settings.DRAFT_RETENTION_DAYS)
    webhook_deliveries_purge()
    if purge_old_drafts.get_backend().supports_defer:  # the database queue (production)
        call_command("prune_db_task_results", queue_name="*", min_age_days=TASK_ROWS_KEPT_DAYS, verbosity=0)
    return deleted


@task
def nudge_consultants() -> int:
    """Every hour: replies due within hours or overdue, and sent memos their clients have not opened
    (scoping.services.review and .memo), each told once, then every consultant's waiting notices
    in one digest email each (scoping.services.notices)."""
    _book_next_run(nudge_consultants, NUDGE_EVERY)
    now = timezone.now()
    deadlines, unread = deadline_nudges(now=now), unread_memos_remind(now=now)
    digests = notices_digest()  # one email per consultant for all of it, and whatever else waits
    logger.info("Told consultants of %s deadline(s) and %s unread memo(s), in %s digest(s)", deadlines, unread, digests)
    return deadlines + unread


@task
def sweep_outbox() -> int:
    """Every SCOPING_MAIL_SWEEP_SECONDS: hand the mail worker every email that is due (scoping.services.mail),
    and the webhooks worker every webhook (scoping.services.webhooks)."""
    _book_next_run(sweep_outbox, timedelta(seconds=settings.SCOPING_MAIL_SWEEP_SECONDS))
    return outbox_sweep() + webhook_sweep()


# What `manage.py schedule_jobs` starts, once each.
PERIODIC_JOBS = (purge_old_drafts, nudge_consultants, sweep_outbox)
# A run still "running" after this died with its worker before it could book the next one.
STALE_RUN = timedelta(hours=1)


def is_booked(job: Task) -> bool:
    """Whether ``job``'s chain is alive: a run waiting, or one running that has not been for too long."""
    alive = Q(status=TaskResultStatus.READY) | Q(
        status=TaskResultStatus.RUNNING, started_at__gte=timezone.now() - STALE_RUN
    )
    return DBTaskResult.objects.filter(alive, task_path=job.module_path).exists()
