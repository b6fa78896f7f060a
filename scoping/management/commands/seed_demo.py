from argparse import ArgumentParser

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import override_settings

from scoping.services.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_seed

QUIET = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


class Command(BaseCommand):
    help = "Create a demo consultant login and sample briefs. Safe to run again: nothing is duplicated."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--site",
            default="",
            help="The address the server runs on, such as http://127.0.0.1:8011, for the login address it prints "
            "(`make run` passes its own). Without it: SCOPING_SITE_URL, else the path alone.",
        )

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            # A known password must never reach a production database.
            raise CommandError("seed_demo only runs with DJANGO_DEBUG=1: it creates a login with a published password.")
        # Never a port the server may not be on: the address it was given, the configured one, or none.
        site = str(options["site"] or settings.SCOPING_SITE_URL or "").rstrip("/")
        # The sample briefs' emails go nowhere (the console would bury the login under them), and
        # their links, kept in the outbox, lead to the address the server runs on.
        with override_settings(MAILERS=QUIET, SCOPING_SITE_URL=site or settings.SCOPING_SITE_URL):
            seeded = demo_seed()
        self.stdout.write(f"Sample briefs: {seeded.added} added, {seeded.already_there} already there.")
        where = f"{site}/admin/" if site else "/admin/ on the address the server runs on"
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo consultant login at {where} -- username: {DEMO_USERNAME}  password: {DEMO_PASSWORD}"
            )
        )
