from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandError

from scoping.demo_briefs import DEMO_BRIEFS
from scoping.models import Brief
from scoping.services import brief_submit

DEMO_USERNAME = "consultant"
DEMO_PASSWORD = "scope-demo-consultant"


class Command(BaseCommand):
    help = "Create a demo consultant login and sample briefs. Safe to run again: nothing is duplicated."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            # A known password must never reach a production database.
            raise CommandError("seed_demo only runs with DJANGO_DEBUG=1: it creates a login with a published password.")
        user, _ = get_user_model().objects.update_or_create(
            username=DEMO_USERNAME,
            defaults={"is_staff": True, "is_active": True, "email": "consultant@example.com"},
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.user_permissions.set(Permission.objects.filter(content_type__app_label="scoping"))

        created = 0
        for sample in DEMO_BRIEFS:
            if not Brief.objects.filter(company=sample["company"], project_title=sample["project_title"]).exists():
                brief_submit(**sample, notify=False)
                created += 1
        self.stdout.write(f"Sample briefs: {created} added, {len(DEMO_BRIEFS) - created} already there.")
        self.stdout.write(
            self.style.SUCCESS(
                "Demo consultant login at http://127.0.0.1:8000/admin/ -- "
                f"username: {DEMO_USERNAME}  password: {DEMO_PASSWORD}"
            )
        )
