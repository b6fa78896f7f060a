"""Nobody misses a deadline unawares: the assignee (or, with nobody assigned, every consultant) hears
once when a reply is due within four business hours and once when it is overdue, in their digest;
a consultant given a brief by a colleague hears so; new briefs go to the whole team."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from scoping.deadlines import DUE_SOON_WORDS
from scoping.services.memo import memo_send
from scoping.services.notices import notices_digest
from scoping.services.review import brief_review_save, brief_start_review, deadline_nudges
from tests.support.factories import BriefFactory, ConsultantFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
RECEIVED = datetime(2026, 11, 24, 10, 0, tzinfo=LONDON)  # a Tuesday: due Wednesday 10:00


@pytest.fixture
def team(db, settings):
    settings.CONSULTANT_EMAILS = ["desk@consultancy.example"]
    return ConsultantFactory(username="ana", email="ana@consultancy.example"), ConsultantFactory(
        username="ben", email="ben@consultancy.example"
    )


def received(**fields):
    with time_machine.travel(RECEIVED, tick=False):
        brief = BriefFactory(**fields)
    assert brief.reply_due_at == datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)
    return brief


def nudge_at(moment, capture) -> int:
    """The hourly run: the deadlines that are news, then every consultant's digest."""
    with time_machine.travel(moment, tick=False), capture(execute=True):
        told = deadline_nudges(now=moment)
        notices_digest()
    return told


def sent_to(mailoutbox, words):
    return [sorted(message.to) for message in mailoutbox if message.subject.startswith(words)]


def test_the_assignee_hears_when_the_reply_is_due_soon_then_overdue(
    team, mailoutbox, django_capture_on_commit_callbacks
):
    ana, _ = team
    brief = received()
    brief_start_review(brief=brief, actor=ana)
    mailoutbox.clear()

    assert nudge_at(datetime(2026, 11, 25, 5, 59, tzinfo=LONDON), django_capture_on_commit_callbacks) == 0
    assert nudge_at(datetime(2026, 11, 25, 6, 1, tzinfo=LONDON), django_capture_on_commit_callbacks) == 1
    assert nudge_at(datetime(2026, 11, 25, 8, 0, tzinfo=LONDON), django_capture_on_commit_callbacks) == 0, "once"
    assert nudge_at(datetime(2026, 11, 25, 10, 1, tzinfo=LONDON), django_capture_on_commit_callbacks) == 1
    assert nudge_at(datetime(2026, 11, 26, 10, 1, tzinfo=LONDON), django_capture_on_commit_callbacks) == 0, "once"

    assert sent_to(mailoutbox, "Your briefs: 1 due soon") == [["ana@consultancy.example"]]
    assert f"within {DUE_SOON_WORDS}" in mailoutbox[0].body
    (overdue,) = [m for m in mailoutbox if m.subject.startswith("Your briefs: 1 overdue")]
    assert overdue.to == ["ana@consultancy.example"]
    assert "has not gone out" in overdue.body
    assert "It is assigned to ana." in overdue.body


def test_with_nobody_assigned_every_consultant_hears(team, mailoutbox, django_capture_on_commit_callbacks):
    received()
    mailoutbox.clear()

    nudge_at(datetime(2026, 11, 25, 10, 1, tzinfo=LONDON), django_capture_on_commit_callbacks)

    # One email each, as every consultant is a person with a digest of their own.
    assert sent_to(mailoutbox, "Your briefs: 1 overdue") == [["ana@consultancy.example"], ["ben@consultancy.example"]]
    assert "Nobody has it yet" in mailoutbox[-1].body


def test_a_reply_already_sent_is_never_nudged(team, mailoutbox, django_capture_on_commit_callbacks):
    ana, _ = team
    memo_send(brief=received(), actor=ana)
    mailoutbox.clear()

    assert nudge_at(datetime(2026, 11, 26, 10, 1, tzinfo=LONDON), django_capture_on_commit_callbacks) == 0


def test_a_consultant_given_a_brief_by_a_colleague_hears_so(team, mailoutbox, django_capture_on_commit_callbacks):
    ana, ben = team
    brief = BriefFactory()
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        brief.assigned_to = ben
        brief_review_save(brief=brief, actor=ana, changed=["assigned_to"])
        notices_digest()

    (message,) = [m for m in mailoutbox if m.subject.startswith("Your briefs: 1 assigned")]
    assert message.to == ["ben@consultancy.example"]
    assert "ana gave it to you" in message.body


def test_new_briefs_go_to_every_consultant_and_the_listed_addresses(
    team, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        BriefFactory(company="Fresh Ltd")

    (notice,) = [m for m in mailoutbox if m.subject.startswith("New brief")]
    assert sorted(notice.to) == ["ana@consultancy.example", "ben@consultancy.example", "desk@consultancy.example"]


def test_taking_a_brief_yourself_sends_nothing(team, mailoutbox, django_capture_on_commit_callbacks):
    ana, _ = team
    brief = BriefFactory()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        brief.assigned_to = ana
        brief_review_save(brief=brief, actor=ana, changed=["assigned_to"])
        notices_digest()

    assert [m for m in mailoutbox if m.subject.startswith("Your briefs")] == []
