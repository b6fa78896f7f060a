from django.core.management.base import BaseCommand
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from scoping.tasks import PERIODIC_JOBS


class Command(BaseCommand):
    help = (
        "Start the periodic jobs (the daily purge of old drafts, the hourly nudges to consultants, the "
        "outbox sweep every minute), "
        "each of which then books its own next run. Safe to run on every deploy: a job already booked is left alone."
    )

    def handle(self, *args: object, **options: object) -> None:
        for job in PERIODIC_JOBS:
            booked = DBTaskResult.objects.filter(
                task_path=job.module_path, status__in=(TaskResultStatus.READY, TaskResultStatus.RUNNING)
            )
            if booked.exists():
                self.stdout.write(f"{job.name}: already scheduled.")
                continue
            result = job.enqueue()
            self.stdout.write(f"{job.name}: started (task {result.id}).")
