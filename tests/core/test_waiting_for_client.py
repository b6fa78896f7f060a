"""The clock waits for the client: while an open brief has questions of ours the client has not
answered, its reply is neither due soon nor overdue and nobody is nudged; their answers start one
business day again (the questions' email promises exactly that)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from scoping.deadlines import ReplyState
from scoping.models import Brief
from scoping.services.notices import notices_digest
from scoping.services.questions import Answer, OwnQuestion, QuestionsRefused, questions_answer, questions_ask
from scoping.services.review import brief_decline, brief_reopen, brief_start_review, deadline_nudges
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


def test_questions_asked_after_the_deadline_do_not_stop_it(db, django_capture_on_commit_callbacks):
    ana = ConsultantFactory()
    with time_machine.travel(RECEIVED, tick=False):
        brief = brief_start_review(brief=BriefFactory(), actor=ana)
    with time_machine.travel(LONG_AFTER, tick=False), django_capture_on_commit_callbacks(execute=True):
        questions_ask(brief=brief, actor=ana, engine=[], own=[OwnQuestion("Who reads the answers?")])
    brief = Brief.objects.get(pk=brief.pk)

    assert brief.waiting_for_client_since is None
    assert brief.reply_state(LONG_AFTER) is ReplyState.OVERDUE, "the reply was late before we asked"
    assert list(Brief.objects.overdue(LONG_AFTER)) == [brief]
    assert not Brief.objects.waiting_for_client().exists()
    assert answer(brief, django_capture_on_commit_callbacks).reply_due_at == brief.reply_due_at, "still late"


def test_questions_lapse_when_the_brief_moves_on_and_stay_so_if_it_comes_back(
    asked, client, django_capture_on_commit_callbacks
):
    ana = asked.assigned_to
    with time_machine.travel(LONG_AFTER, tick=False), django_capture_on_commit_callbacks(execute=True):
        brief_decline(brief=asked, actor=ana, email_client=True)
    (question,) = asked.questions.all()
    assert question.lapsed_at == LONG_AFTER
    assert question.answered_at is None

    with time_machine.travel(ANSWERED, tick=False):
        brief = brief_reopen(brief=asked, actor=ana)
        page = client.get(reverse("scoping:brief_questions", args=[brief.token])).text

    assert brief.waiting_for_client_since is None
    assert not Brief.objects.waiting_for_client().exists()
    assert list(Brief.objects.overdue(ANSWERED)) == [brief], "on the clock again, and late"
    assert "Your brief has moved on since these questions were asked" in page
    assert "Send my answers" not in page
    with pytest.raises(QuestionsRefused, match="moved on"):
        questions_answer(brief=brief, answers=[Answer(question.pk, "Too late.")])


def test_asking_a_brief_nobody_has_started_starts_its_review_by_the_asker(db):
    ana = ConsultantFactory()
    with time_machine.travel(RECEIVED, tick=False):
        brief = BriefFactory()
    with time_machine.travel(ASKED, tick=False):
        questions_ask(brief=brief, actor=ana, engine=[], own=[OwnQuestion("Who reads the answers?")])
    brief = Brief.objects.get(pk=brief.pk)

    assert (brief.status, brief.assigned_to) == (Brief.Status.IN_REVIEW, ana)
    assert brief.waiting_for_client_since == ASKED


def test_a_deadline_notice_still_to_go_is_dropped_once_the_client_has_our_questions(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    ana = ConsultantFactory(username="ana", email="ana@consultancy.example")
    with time_machine.travel(RECEIVED, tick=False):
        brief = brief_start_review(brief=BriefFactory(), actor=ana)
    due_soon = datetime(2026, 11, 25, 7, 0, tzinfo=LONDON)
    with time_machine.travel(due_soon, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert deadline_nudges(now=due_soon) == 1  # waits for the hour's digest
    with time_machine.travel(due_soon + timedelta(minutes=30), tick=False):
        questions_ask(brief=brief, actor=ana, engine=[], own=[OwnQuestion("Who reads the answers?")])
    mailoutbox.clear()

    with (
        time_machine.travel(due_soon + timedelta(hours=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert notices_digest() == 0

    assert [message.to for message in mailoutbox if "ana@consultancy.example" in message.to] == []


@pytest.mark.django_db(transaction=True)
def test_the_migration_works_out_who_waits_and_which_questions_lapsed(migrated_back):
    executor = MigrationExecutor(connection)
    before, after = [("scoping", "0031_sent_memo_approach")], [("scoping", "0032_waiting_for_the_client")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    OldBrief, OldQuestion = old.get_model("scoping", "Brief"), old.get_model("scoping", "ClientQuestion")
    OldEvent = old.get_model("scoping", "BriefEvent")
    due = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)

    def brief(name, status, asked, moves=()):
        made = OldBrief.objects.create(
            status=status, contact_name="Ada", contact_email="ada@example.com", company=name, project_title=name,
            project_summary="A brief from before.", submitted_at=RECEIVED, reply_due_at=due,
        )  # fmt: skip
        OldQuestion.objects.create(brief=made, text="Who reads it?", asked_at=asked)
        for action, before, after in moves:  # an hour after the question
            event = OldEvent.objects.create(
                brief=made, reference="SC-1", action=action, from_status=before, to_status=after
            )
            OldEvent.objects.filter(pk=event.pk).update(at=asked + timedelta(hours=1))
        return made.pk

    in_time = brief("In time", "in_review", ASKED, moves=[("start_review", "submitted", "in_review")])
    late = brief("Asked late", "in_review", LONG_AFTER)
    declined = brief("Declined", "declined", ASKED)
    reopened = brief(
        "Reopened",
        "in_review",
        ASKED,
        moves=[("decline", "in_review", "declined"), ("reopen", "declined", "in_review")],
    )  # declined without an email (no reply on record), then reopened

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    NewBrief, NewQuestion = new.get_model("scoping", "Brief"), new.get_model("scoping", "ClientQuestion")

    waiting = dict(NewBrief.objects.values_list("company", "waiting_for_client_since"))
    assert waiting == {"In time": ASKED, "Asked late": None, "Declined": None, "Reopened": None}
    lapsed = {q.brief_id for q in NewQuestion.objects.filter(lapsed_at__isnull=False)}
    assert lapsed == {declined, reopened}
    assert {in_time, late}.isdisjoint(lapsed)
