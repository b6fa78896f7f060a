"""What consultants see of a brief whose client has questions of ours to answer: off the clock in
the list, their queue and the dashboard (listed apart, never overdue), and measured fairly by the
dashboard's promise kept."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db.models import F
from django.urls import reverse

from scoping.models import Brief
from scoping.review.dashboard import Share, dashboard
from scoping.services.questions import OwnQuestion, questions_ask
from scoping.services.review import brief_decline, brief_reopen, brief_start_review
from tests.support.factories import BriefFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
RECEIVED = datetime(2026, 11, 24, 10, 0, tzinfo=LONDON)  # a Tuesday: due Wednesday 10:00
FRIDAY = datetime(2026, 11, 27, 12, 0, tzinfo=LONDON)


def at(moment, capture, move, **arguments):
    with time_machine.travel(moment, tick=False), capture(execute=True):
        return move(**arguments)


@pytest.fixture
def week(consultant, django_capture_on_commit_callbacks):
    """Four briefs that came in on Tuesday, seen on Friday: one still waiting for the client's
    answers, one declined while its questions (asked in time) waited, one whose questions went after
    the deadline had passed, and one nobody replied to."""
    capture = django_capture_on_commit_callbacks
    with time_machine.travel(RECEIVED, tick=False), capture(execute=True):
        briefs = {
            name: brief_start_review(brief=BriefFactory(company=name), actor=consultant)
            for name in ("Waiting Ltd", "Asked In Time Ltd", "Asked Late Ltd", "Silent Ltd")
        }
    question = [OwnQuestion("Who reads the answers?")]
    for name, asked in (
        ("Waiting Ltd", datetime(2026, 11, 24, 11, 0, tzinfo=LONDON)),
        ("Asked In Time Ltd", datetime(2026, 11, 24, 15, 0, tzinfo=LONDON)),
        ("Asked Late Ltd", datetime(2026, 11, 26, 9, 0, tzinfo=LONDON)),
    ):
        at(asked, capture, questions_ask, brief=briefs[name], actor=consultant, engine=[], own=question)
    for name in ("Asked In Time Ltd", "Asked Late Ltd"):
        at(datetime(2026, 11, 27, 9, 0, tzinfo=LONDON), capture, brief_decline, brief=briefs[name],
           actor=consultant, email_client=True)  # fmt: skip
    return briefs


@time_machine.travel(FRIDAY, tick=False)
def test_the_dashboard_lists_them_apart_and_counts_the_promise_fairly(client, consultant, week):
    client.force_login(consultant)

    page = client.get(reverse("admin:scoping_brief_dashboard")).text

    overdue = page[page.index("Overdue (") : page.index("Due today (")]
    waiting = page[page.index("Waiting for the client (") :]
    assert "Overdue (1)" in overdue
    assert "Silent Ltd" in overdue
    assert "Waiting Ltd" not in overdue
    assert "Waiting for the client (1)" in waiting
    assert "Waiting Ltd" in waiting[: waiting.index("</ul>")]
    assert "asked 24 Nov 2026, 11:00" in waiting
    # Kept: the decline sent while questions asked in time waited. Late: the one asked after the
    # deadline, and the one nobody answered. The brief still waiting is not counted yet.
    assert "<strong>33%</strong> (1 of 3)" in page


@time_machine.travel(FRIDAY, tick=False)
def test_the_list_and_my_queue_say_waiting_and_since_when_after_the_briefs_on_the_clock(client, consultant, week):
    client.force_login(consultant)
    waiting, silent = week["Waiting Ltd"], week["Silent Ltd"]
    Brief.objects.filter(pk=silent.pk).update(reply_due_at=F("reply_due_at") + timedelta(hours=1))  # due after

    listed = client.get(reverse("admin:scoping_brief_changelist")).text
    at_reference = listed.index(waiting.reference)
    row = listed[listed.rindex("<tr", 0, at_reference) : listed.index("</tr>", at_reference)]
    assert "waiting for the client</span> since 24 Nov 2026, 11:00" in row
    assert "overdue" not in row
    assert listed.index(silent.reference) < at_reference, "a brief on the clock before one waiting"
    filtered = client.get(reverse("admin:scoping_brief_changelist") + "?due=waiting").text
    assert waiting.reference in filtered
    assert silent.reference not in filtered
    assert waiting.reference not in client.get(reverse("admin:scoping_brief_changelist") + "?due=overdue").text

    home = client.get(reverse("admin:index")).text
    queue = home[home.index("My queue") : home.index("The dashboard")]
    mine = queue[queue.index(waiting.reference) :]
    assert "waiting for the client</span> since 24 Nov 2026, 11:00" in mine[: mine.index("</tr>")]
    late = queue[queue.index(silent.reference) :]
    assert "overdue" in late[: late.index("</tr>")]
    assert queue.index(silent.reference) < queue.index(waiting.reference), "a brief on the clock before one waiting"
    overview = client.get(reverse("admin:scoping_brief_change", args=[waiting.pk])).text
    assert "waiting for the client</span> since 24 Nov 2026, 11:00" in overview


def test_questions_that_lapsed_before_a_late_reply_do_not_excuse_it(consultant, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    with time_machine.travel(RECEIVED, tick=False):
        brief = brief_start_review(brief=BriefFactory(), actor=consultant)
    asked = [OwnQuestion("Who reads the answers?")]
    at(datetime(2026, 11, 24, 11, 0, tzinfo=LONDON), capture, questions_ask, brief=brief, actor=consultant,
       engine=[], own=asked)  # fmt: skip
    at(datetime(2026, 11, 24, 12, 0, tzinfo=LONDON), capture, brief_decline, brief=brief, actor=consultant,
       email_client=False)  # the questions lapse; no reply yet  # fmt: skip
    at(datetime(2026, 11, 24, 13, 0, tzinfo=LONDON), capture, brief_reopen, brief=brief, actor=consultant)
    at(datetime(2026, 11, 30, 12, 0, tzinfo=LONDON), capture, brief_decline, brief=brief, actor=consultant,
       email_client=True)  # the reply, days late  # fmt: skip

    board = dashboard(datetime(2026, 12, 1, 9, 0, tzinfo=LONDON))

    assert board.on_time[30] == Share(0, 1)
    assert board.median_reply_hours == pytest.approx(35.0), "Tuesday 10:00 to Monday 12:00, less 11:00 to 12:00"
