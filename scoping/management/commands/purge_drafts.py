from django.conf import settings
from django.core.management.base import BaseCommand

from scoping.services.intake import drafts_purge


class Command(BaseCommand):
    help = "Delete drafts untouched for DRAFT_RETENTION_DAYS now (`schedule_jobs` starts the daily task that does it)."

    def handle(self, *args: object, **options: object) -> None:
        deleted = drafts_purge(older_than_days=settings.DRAFT_RETENTION_DAYS)
        self.stdout.write(f"Deleted {deleted} draft(s) untouched for {settings.DRAFT_RETENTION_DAYS} days or more.")
