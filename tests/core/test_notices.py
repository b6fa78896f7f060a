"""What needs a consultant reaches them as they chose: one digest email per consultant per run
listing every brief due soon, overdue, unread or mentioning them, by company, under one subject
pattern; or each notice at once. Both are the same notices through the same outbox."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from scoping.emails import notice_subject
from scoping.models import ConsultantProfile, Notice, OutgoingEmail
from scoping.services.notices import consultant_tell, notices_digest, wants_at_once
from scoping.tasks import nudge_consultants
from tests.support.factories import BriefFactory, ConsultantFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
RECEIVED = datetime(2026, 11, 24, 10, 0, tzinfo=LONDON)  # a Tuesday: due Wednesday 10:00
OVERDUE = datetime(2026, 11, 25, 10, 1, tzinfo=LONDON)


@pytest.fixture
def team(db):
    return (
        ConsultantFactory(username="ana", email="ana@consultancy.example"),
        ConsultantFactory(username="ben", email="ben@consultancy.example"),
    )


def briefs_received(count: int) -> list:
    with time_machine.travel(RECEIVED, tick=False):
        return [BriefFactory(company=f"Company {n:02d}") for n in range(1, count + 1)]


def hourly_run(moment, capture) -> None:
    with time_machine.travel(moment, tick=False), capture(execute=True):
        nudge_consultants.call()


def notices_emails(mailoutbox):
    return [message for message in mailoutbox if message.subject.startswith("Your briefs:")]


def test_eleven_overdue_briefs_make_one_email_per_consultant(team, mailoutbox, django_capture_on_commit_callbacks):
    briefs_received(11)
    mailoutbox.clear()

    hourly_run(OVERDUE, django_capture_on_commit_callbacks)

    ana_mail, ben_mail = sorted(notices_emails(mailoutbox), key=lambda message: message.to)
    assert (ana_mail.to, ben_mail.to) == (["ana@consultancy.example"], ["ben@consultancy.example"])
    assert ana_mail.subject == "Your briefs: 11 overdue: Company 01, Company 02, Company 03 and 8 more"
    for n in range(1, 12):
        assert f"Company {n:02d}, " in ana_mail.body
    assert ana_mail.body.count("has not gone out") == 11
    assert ana_mail.body.count("/admin/scoping/brief/") == 11, "each with its link"


def test_a_run_carries_each_notice_once(team, mailoutbox, django_capture_on_commit_callbacks):
    briefs_received(2)
    mailoutbox.clear()

    hourly_run(OVERDUE, django_capture_on_commit_callbacks)
    hourly_run(datetime(2026, 11, 25, 11, 1, tzinfo=LONDON), django_capture_on_commit_callbacks)

    assert len(notices_emails(mailoutbox)) == 2, "one each, the first hour only"
    assert not Notice.objects.filter(email__isnull=True).exists()


def test_everything_for_one_consultant_shares_one_digest_most_urgent_first(
    team, mailoutbox, django_capture_on_commit_callbacks
):
    ana, ben = team
    overdue, unread, mentioned = (
        BriefFactory(company="Overdue Ltd"),
        BriefFactory(company="Quiet plc"),
        BriefFactory(company="Chatty GmbH"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        consultant_tell(ana, Notice.Kind.MENTIONED, mentioned, by=ben, detail="@ana can you price the GPUs?")
        consultant_tell(ana, Notice.Kind.UNREAD_MEMO, unread)
        consultant_tell(ana, Notice.Kind.OVERDUE, overdue)
        assert notices_digest() == 1

    (digest,) = notices_emails(mailoutbox)
    assert digest.subject == "Your briefs: 1 overdue, 1 unread memo, 1 mention: Overdue Ltd, Quiet plc, Chatty GmbH"
    assert digest.body.index("Overdue Ltd") < digest.body.index("Quiet plc") < digest.body.index("Chatty GmbH")
    assert "ben wrote: “@ana can you price the GPUs?”" in digest.body
    assert "<strong>Chatty GmbH</strong>" in digest.alternatives[0].content


def test_one_notice_at_once_reads_as_a_digest_of_one(team, mailoutbox, django_capture_on_commit_callbacks):
    ana, ben = team
    ConsultantProfile.objects.create(user=ana, notices=ConsultantProfile.Notices.IMMEDIATE)
    brief = BriefFactory(company="Acme Analytics")
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        consultant_tell(ana, Notice.Kind.TAKEN_OVER, brief, by=ben)
    (message,) = notices_emails(mailoutbox)
    assert message.subject == notice_subject(list(ana.notices.all())) == "Your briefs: 1 taken over: Acme Analytics"
    assert "ben took it over from you." in message.body
    assert OutgoingEmail.objects.get(kind=OutgoingEmail.Kind.NOTICES).brief == brief

    with django_capture_on_commit_callbacks(execute=True):
        assert notices_digest() == 0, "already told"


def test_a_consultant_who_chose_the_digest_hears_nothing_until_the_run(
    team, mailoutbox, django_capture_on_commit_callbacks
):
    ana, ben = team
    with django_capture_on_commit_callbacks(execute=True):
        consultant_tell(ana, Notice.Kind.TAKEN_OVER, BriefFactory(), by=ben)
    assert notices_emails(mailoutbox) == []


def test_each_consultant_chooses_in_their_profile(client, team):
    ana, _ = team
    client.force_login(ana)
    assert not wants_at_once(ana), "the digest unless they choose"

    page = client.get(reverse("admin:scoping_consultantprofile_add")).text
    assert "How I hear about briefs" in page
    client.post(
        reverse("admin:scoping_consultantprofile_add"), {"role": "Consultant", "phone": "", "notices": "immediate"}
    )

    assert wants_at_once(ana)
