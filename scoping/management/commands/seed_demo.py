from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from scoping.services.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_seed


class Command(BaseCommand):
    help = "Create a demo consultant login and sample briefs. Safe to run again: nothing is duplicated."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            # A known password must never reach a production database.
            raise CommandError("seed_demo only runs with DJANGO_DEBUG=1: it creates a login with a published password.")
        seeded = demo_seed()
        self.stdout.write(f"Sample briefs: {seeded.added} added, {seeded.already_there} already there.")
        self.stdout.write(
            self.style.SUCCESS(
                "Demo consultant login at http://127.0.0.1:8000/admin/ -- "
                f"username: {DEMO_USERNAME}  password: {DEMO_PASSWORD}"
            )
        )
