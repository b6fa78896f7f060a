from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from scoping.services import drafts_purge
from scoping.tasks import purge_old_drafts


class Command(BaseCommand):
    help = "Delete drafts untouched for DRAFT_RETENTION_DAYS. --schedule starts the daily task instead."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--schedule", action="store_true", help="Enqueue the purge task, which then books itself every day."
        )

    def handle(self, *args: object, schedule: bool = False, **options: object) -> None:
        if schedule:
            waiting = DBTaskResult.objects.filter(
                task_path=purge_old_drafts.module_path, status__in=(TaskResultStatus.READY, TaskResultStatus.RUNNING)
            )
            if waiting.exists():
                self.stdout.write("The daily purge of old drafts is already scheduled.")
                return
            result = purge_old_drafts.enqueue()
            self.stdout.write(f"Enqueued the daily purge of old drafts (task {result.id}).")
            return
        deleted = drafts_purge(older_than_days=settings.DRAFT_RETENTION_DAYS)
        self.stdout.write(f"Deleted {deleted} draft(s) untouched for {settings.DRAFT_RETENTION_DAYS} days or more.")
