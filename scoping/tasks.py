import logging
from datetime import timedelta

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from scoping.emails import build_email

logger = logging.getLogger(__name__)

# Seconds to wait before each new attempt at an email the mail server refused: about a day in all.
EMAIL_RETRY_DELAYS = (60, 300, 1_800, 7_200, 21_600, 43_200)


@task
def worker_heartbeat() -> str:
    """Does nothing but finish: `manage.py worker_check` enqueues it to prove a worker is consuming
    the queue (used by CI's production smoke test and by operators after a deploy)."""
    return timezone.now().isoformat()


@task
def send_brief_email(kind: str, brief_id: int, attempt: int = 1) -> str:
    """Send one of scoping.emails' messages about a brief. When the mail server fails, the task
    enqueues itself again, later where the backend can defer, until EMAIL_RETRY_DELAYS run out."""
    message = build_email(kind, brief_id)
    if message is None:
        return "nothing to send"
    try:
        message.send()
    except OSError as error:  # smtplib's errors and socket failures alike
        if attempt > len(EMAIL_RETRY_DELAYS):
            logger.error("Gave up sending the %s email for brief %s after %s attempts", kind, brief_id, attempt)
            raise
        delay = EMAIL_RETRY_DELAYS[attempt - 1]
        logger.warning("Sending the %s email for brief %s failed (%s); retrying in %ss", kind, brief_id, error, delay)
        retry = send_brief_email
        if retry.get_backend().supports_defer:
            retry = retry.using(run_after=timezone.now() + timedelta(seconds=delay))
        retry.enqueue(kind, brief_id, attempt + 1)
        return f"retrying (attempt {attempt} failed)"
    return "sent"


PURGE_EVERY = timedelta(days=1)


@task
def purge_old_drafts() -> int:
    """Delete drafts older than DRAFT_RETENTION_DAYS, then, where the backend can wait (the
    database queue in production), book the next run a day later: a daily job with no cron."""
    from scoping.review import drafts_purge  # review imports services, which import this module

    if purge_old_drafts.get_backend().supports_defer:  # first, so an error today cannot end the schedule
        purge_old_drafts.using(run_after=timezone.now() + PURGE_EVERY).enqueue()
    deleted = drafts_purge(older_than_days=settings.DRAFT_RETENTION_DAYS)
    logger.info("Deleted %s draft(s) older than %s days", deleted, settings.DRAFT_RETENTION_DAYS)
    return deleted
