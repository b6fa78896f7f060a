from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from scoping.deadlines import brief_reply_due
from scoping.demo_briefs import DEMO_BRIEFS
from scoping.models import Brief, ConsultantProfile
from scoping.review.roles import consultants_group
from scoping.services import brief_submit

DEMO_USERNAME = "consultant"
DEMO_PASSWORD = "scope-demo-consultant"
BACKDATED_DAYS = (4, 3, 2)  # how long ago the first demo briefs arrived
ABANDONED_DRAFT = {
    "contact_name": "Sam Halfway",
    "contact_email": "sam@halfway.example",
    "company": "Halfway Homes",
    "project_title": "Tenant questions",
    "project_summary": "Answer tenants' questions about their lease.",
}


class Command(BaseCommand):
    help = "Create a demo consultant login and sample briefs. Safe to run again: nothing is duplicated."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            # A known password must never reach a production database.
            raise CommandError("seed_demo only runs with DJANGO_DEBUG=1: it creates a login with a published password.")
        user, _ = get_user_model().objects.update_or_create(
            username=DEMO_USERNAME,
            defaults={
                "is_staff": True,
                "is_active": True,
                "email": "consultant@example.com",
                "first_name": "Alex",
                "last_name": "Morgan",
            },
        )
        # How the demo consultant signs the memos they send.
        ConsultantProfile.objects.update_or_create(user=user, defaults={"role": "Principal consultant"})
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.add(consultants_group())

        created = 0
        for position, sample in enumerate(DEMO_BRIEFS):
            if not Brief.objects.filter(company=sample["company"], project_title=sample["project_title"]).exists():
                brief = brief_submit(**sample, notify=False)
                if position < len(BACKDATED_DAYS):  # a few arrived earlier, so some replies are overdue
                    received = timezone.now() - timedelta(days=BACKDATED_DAYS[position])
                    Brief.objects.filter(pk=brief.pk).update(
                        submitted_at=received, reply_due_at=brief_reply_due(received)
                    )
                created += 1
        self.stdout.write(f"Sample briefs: {created} added, {len(DEMO_BRIEFS) - created} already there.")
        if not Brief.objects.filter(status=Brief.Status.DRAFT, contact_email=ABANDONED_DRAFT["contact_email"]).exists():
            draft = Brief.objects.create(**ABANDONED_DRAFT, steps_done=2)
            Brief.objects.filter(pk=draft.pk).update(updated_at=timezone.now() - timedelta(days=3))
        self.stdout.write(
            self.style.SUCCESS(
                "Demo consultant login at http://127.0.0.1:8000/admin/ -- "
                f"username: {DEMO_USERNAME}  password: {DEMO_PASSWORD}"
            )
        )
