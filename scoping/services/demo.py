"""The demo's data, for `manage.py seed_demo` in development: a consultant login, sample briefs (a few
of them arrived days ago, so some replies are overdue) and a draft its client abandoned."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from scoping.deadlines import brief_reply_due
from scoping.demo_briefs import DEMO_BRIEFS
from scoping.models import Brief, ConsultantProfile
from scoping.services.acceptance import scope_accept
from scoping.services.accounts import consultants_group_ensure
from scoping.services.intake import brief_submit
from scoping.services.memo import memo_send
from scoping.services.questions import engine_questions, questions_ask
from scoping.services.review import brief_start_review

DEMO_USERNAME = "consultant"
DEMO_PASSWORD = "scope-demo-consultant"  # published on purpose: seed_demo refuses to run in production
BACKDATED_DAYS = (4, 3, 2)  # how long ago the first demo briefs arrived
ABANDONED_DRAFT = {
    "contact_name": "Sam Halfway",
    "contact_email": "sam@halfway.example",
    "company": "Halfway Homes",
    "project_title": "Tenant questions",
    "project_summary": "Answer tenants' questions about their lease.",
}


@dataclass(frozen=True)
class DemoSeeded:
    added: int
    already_there: int


@transaction.atomic
def demo_seed() -> DemoSeeded:
    """The demo consultant (signing as a principal consultant), the sample briefs and the abandoned
    draft: each made once, so running it again adds nothing twice."""
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
    ConsultantProfile.objects.update_or_create(user=user, defaults={"role": "Principal consultant"})
    user.set_password(DEMO_PASSWORD)
    user.save()
    user.groups.add(consultants_group_ensure())

    added = 0
    for position, sample in enumerate(DEMO_BRIEFS):
        if Brief.objects.filter(company=sample["company"], project_title=sample["project_title"]).exists():
            continue
        brief = brief_submit(**sample, notify=False)
        _loop_with_the_client(brief, user)
        if position < len(BACKDATED_DAYS):
            received = timezone.now() - timedelta(days=BACKDATED_DAYS[position])
            Brief.objects.filter(pk=brief.pk).update(submitted_at=received, reply_due_at=brief_reply_due(received))
        added += 1
    if not Brief.objects.filter(status=Brief.Status.DRAFT, contact_email=ABANDONED_DRAFT["contact_email"]).exists():
        draft = Brief.objects.create(**ABANDONED_DRAFT, steps_done=2)
        Brief.objects.filter(pk=draft.pk).update(updated_at=timezone.now() - timedelta(days=3))
    return DemoSeeded(added=added, already_there=len(DEMO_BRIEFS) - added)


# Briefs the demo carries further, so the loop with the client has something to show: a memo sent
# and accepted, and questions waiting for the client's answers.
ACCEPTED = "ShopWise"
ASKED = "PayLedger"


def _loop_with_the_client(brief: Brief, consultant: AbstractBaseUser) -> None:
    if brief.company == ACCEPTED:
        sent = memo_send(brief=brief_start_review(brief=brief, actor=consultant), actor=consultant)
        scope_accept(brief=sent, version=1, name=brief.contact_name, role=brief.contact_role or "Client")
    elif brief.company == ASKED:
        asking = brief_start_review(brief=brief, actor=consultant)
        engine = [question.rule_id.value for question in engine_questions(asking)]
        questions_ask(brief=asking, actor=consultant, engine=engine, own=[])
