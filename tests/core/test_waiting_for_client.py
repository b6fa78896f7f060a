"""The clock waits for the client: while an open brief has questions of ours the client has not
answered, its reply is neither due soon nor overdue and nobody is nudged; their answers start one
business day again (the questions' email promises exactly that)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from scoping.deadlines import ReplyState
from scoping.models import Brief
from scoping.services.notices import notices_digest
from scoping.services.questions import Answer, OwnQuestion, questions_answer, questions_ask
from scoping.services.review import brief_start_review, deadline_nudges
from tests.support.factories import BriefFactory, ConsultantFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
RECEIVED = datetime(2026, 11, 24, 10, 0, tzinfo=LONDON)  # a Tuesday: due Wednesday 10:00
ASKED = datetime(2026, 11, 24, 15, 0, tzinfo=LONDON)
LONG_AFTER = datetime(2026, 11, 27, 12, 0, tzinfo=LONDON)  # the Friday: two days past the first deadline
ANSWERED = datetime(2026, 11, 30, 9, 0, tzinfo=LONDON)  # the Monday after


@pytest.fixture
def asked(db, django_capture_on_commit_callbacks):
    """A brief in review whose consultant asked the client one question on the day it came in."""
    ana = ConsultantFactory(username="ana", email="ana@consultancy.example")
    with time_machine.travel(RECEIVED, tick=False), django_capture_on_commit_callbacks(execute=True):
        brief = brief_start_review(brief=BriefFactory(company="Waiting Ltd"), actor=ana)
    with time_machine.travel(ASKED, tick=False), django_capture_on_commit_callbacks(execute=True):
        questions_ask(brief=brief, actor=ana, engine=[], own=[OwnQuestion("Who reads the answers?")])
    return Brief.objects.get(pk=brief.pk)


def answer(brief: Brief, capture) -> Brief:
    (question,) = brief.questions.all()
    with time_machine.travel(ANSWERED, tick=False), capture(execute=True):
        questions_answer(brief=brief, answers=[Answer(question.pk, "Our support team.")])
    return Brief.objects.get(pk=brief.pk)


def test_while_the_client_holds_our_questions_the_reply_is_never_late(asked):
    assert asked.reply_due_at < LONG_AFTER, "the deadline as it stood has long passed"

    assert asked.reply_state(LONG_AFTER) is ReplyState.WAITING_FOR_CLIENT
    assert asked.waiting_for_client_since == ASKED
    assert list(Brief.objects.waiting_for_client()) == [asked]
    assert not Brief.objects.on_the_clock().exists()
    assert not Brief.objects.overdue(LONG_AFTER).exists()
    assert not Brief.objects.due_today(datetime(2026, 11, 25, 8, 0, tzinfo=LONDON)).exists()
    annotated = Brief.objects.with_waiting_since().get(pk=asked.pk)
    assert annotated.waiting_for_client_since == ASKED
    assert annotated.reply_state(LONG_AFTER) is ReplyState.WAITING_FOR_CLIENT


def test_their_answers_start_the_clock_again_for_one_business_day(asked, django_capture_on_commit_callbacks):
    brief = answer(asked, django_capture_on_commit_callbacks)

    assert brief.waiting_for_client_since is None
    assert brief.reply_due_at == datetime(2026, 12, 1, 9, 0, tzinfo=LONDON)
    assert brief.reply_state(ANSWERED) is ReplyState.ON_TIME
    assert brief.reply_state(datetime(2026, 12, 1, 9, 1, tzinfo=LONDON)) is ReplyState.OVERDUE
    assert list(Brief.objects.overdue(datetime(2026, 12, 1, 9, 1, tzinfo=LONDON))) == [brief]
    assert not Brief.objects.waiting_for_client().exists()


def test_nobody_is_nudged_about_a_brief_waiting_for_the_client(asked, mailoutbox, django_capture_on_commit_callbacks):
    mailoutbox.clear()
    for moment in (datetime(2026, 11, 25, 7, 0, tzinfo=LONDON), LONG_AFTER):
        with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
            assert deadline_nudges(now=moment) == 0
            notices_digest()
    assert mailoutbox == []

    brief = answer(asked, django_capture_on_commit_callbacks)
    late = datetime(2026, 12, 1, 10, 0, tzinfo=LONDON)
    with time_machine.travel(late, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert deadline_nudges(now=late) == 1, "on the clock again, the new deadline nudges once passed"
    assert Brief.objects.get(pk=brief.pk).overdue_notified_at == late
