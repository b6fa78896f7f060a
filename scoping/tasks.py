from django.tasks import task
from django.utils import timezone


@task
def worker_heartbeat() -> str:
    """Does nothing but finish: `manage.py worker_check` enqueues it to prove a worker is consuming
    the queue (used by CI's production smoke test and by operators after a deploy)."""
    return timezone.now().isoformat()
