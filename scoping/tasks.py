"""Background work that is not an email: the worker's heartbeat and the daily purge of old drafts."""

import logging
from datetime import timedelta

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from scoping.services import drafts_purge

logger = logging.getLogger(__name__)


@task
def worker_heartbeat() -> str:
    """Does nothing but finish: `manage.py worker_check` enqueues it to prove a worker is consuming
    the queue (used by CI's production smoke test and by operators after a deploy)."""
    return timezone.now().isoformat()


PURGE_EVERY = timedelta(days=1)


@task
def purge_old_drafts() -> int:
    """Delete drafts older than DRAFT_RETENTION_DAYS, then, where the backend can wait (the
    database queue in production), book the next run a day later: a daily job with no cron."""
    if purge_old_drafts.get_backend().supports_defer:  # first, so an error today cannot end the schedule
        purge_old_drafts.using(run_after=timezone.now() + PURGE_EVERY).enqueue()
    deleted = drafts_purge(older_than_days=settings.DRAFT_RETENTION_DAYS)
    logger.info("Deleted %s draft(s) older than %s days", deleted, settings.DRAFT_RETENTION_DAYS)
    return deleted
