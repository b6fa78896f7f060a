from django.core.management.base import BaseCommand

from scoping.tasks import PERIODIC_JOBS, is_booked


class Command(BaseCommand):
    help = (
        "Start the periodic jobs (the daily purge of old drafts, the hourly nudges to consultants, the outbox "
        "sweep every minute), each of which then books its own next run. Safe to run on every deploy and at "
        "any time: a job already booked is left alone, and one whose chain died with a worker starts again."
    )

    def handle(self, *args: object, **options: object) -> None:
        for job in PERIODIC_JOBS:
            if is_booked(job):
                self.stdout.write(f"{job.name}: already scheduled.")
                continue
            result = job.enqueue()
            self.stdout.write(f"{job.name}: started (task {result.id}).")
