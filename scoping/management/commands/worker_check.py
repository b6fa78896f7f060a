import time

from django.core.management.base import BaseCommand, CommandError
from django.tasks import TaskResultStatus

from scoping.services.mail import mail_trouble
from scoping.services.webhooks import WEBHOOK_QUEUE, webhook_trouble
from scoping.tasks import PERIODIC_JOBS, is_booked, worker_heartbeat


class Command(BaseCommand):
    help = (
        "Enqueue a heartbeat task on a queue and wait until a worker has run it; then check that every periodic "
        "job is booked and that no email is stuck, overdue or given up (exit 1 on any)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=60, help="seconds to wait (default 60)")
        parser.add_argument(
            "--queue", default="default", help="the queue whose worker to check (default, mail, webhooks)"
        )

    def handle(self, *args: object, timeout: float, queue: str, **options: object) -> None:
        result = worker_heartbeat.using(queue_name=queue).enqueue()
        deadline = time.monotonic() + timeout
        while result.status not in (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED):
            if time.monotonic() > deadline:
                raise CommandError(
                    f"No worker ran task {result.id} within {timeout:g}s: is `manage.py run_worker` running?"
                )
            time.sleep(0.25)
            result.refresh()
        if result.status == TaskResultStatus.FAILED:
            raise CommandError(f"The heartbeat task {result.id} failed: {result.errors}")
        self.stdout.write(self.style.SUCCESS(f"A worker ran task {result.id} at {result.return_value}."))
        if worker_heartbeat.get_backend().supports_defer and (
            stopped := [job.name for job in PERIODIC_JOBS if not is_booked(job)]
        ):
            raise CommandError(f"Periodic jobs not booked: {', '.join(stopped)}. Run `manage.py schedule_jobs`.")
        if queue == WEBHOOK_QUEUE and (late := webhook_trouble()):
            raise CommandError("Webhooks not going out:\n" + "\n".join(f"- {line}" for line in late))
        if trouble := mail_trouble():
            raise CommandError("Email not going out:\n" + "\n".join(f"- {line}" for line in trouble))
        self.stdout.write(self.style.SUCCESS("No email is stuck, overdue or given up."))
