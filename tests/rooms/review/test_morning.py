"""The consultant's morning: the admin's home leads with their queue and the dashboard; the
dashboard's figures lead to the briefs behind them; replies are measured in business hours."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from scoping.models import Brief
from scoping.review.dashboard import dashboard
from scoping.services.acceptance import scope_accept
from scoping.services.memo import memo_send
from scoping.services.questions import Answer, OwnQuestion, questions_answer, questions_ask
from scoping.services.review import brief_close, brief_decline, brief_mark_spam, brief_start_review
from tests.support.factories import BriefFactory, ConsultantFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def test_the_home_page_leads_with_my_queue(client, consultant):
    mine = brief_start_review(brief=BriefFactory(company="Mine Ltd"), actor=consultant)
    theirs = brief_start_review(brief=BriefFactory(company="Theirs Ltd"), actor=ConsultantFactory(username="other"))
    nobodys = BriefFactory(company="Nobody Ltd")
    client.force_login(consultant)

    home = client.get(reverse("admin:index")).text

    queue = home[home.index("My queue") : home.index("The dashboard")]
    assert mine.reference in queue
    assert theirs.reference not in queue
    assert f"{nobodys.reference}</a> (Nobody Ltd)" in queue, "the briefs nobody has yet"
    assert home.index("My queue") < home.index("Scoping"), "before the apps"
    assert reverse("admin:scoping_brief_dashboard") in home


def test_the_briefs_nobody_has_yet_say_how_many_more_there_are(client, consultant):
    for n in range(17):
        BriefFactory(company=f"Waiting {n:02d}")
    client.force_login(consultant)

    home = client.get(reverse("admin:index")).text

    queue = home[home.index("My queue") : home.index("The dashboard")]
    assert queue.count("(Waiting ") == 15
    assert f'<a href="{reverse("admin:scoping_brief_changelist")}?assigned=nobody">and 2 more</a>' in queue


def test_the_dashboards_figures_link_to_the_briefs_behind_them(client, consultant):
    overridden = BriefFactory()
    overridden.approach_override, overridden.override_reason = "rag", "You told us the manuals change weekly."
    overridden.save()
    memo_send(brief=overridden, actor=consultant)
    BriefFactory(company="Plain Ltd")
    client.force_login(consultant)
    briefs = reverse("admin:scoping_brief_changelist")

    board = client.get(reverse("admin:scoping_brief_dashboard")).text
    listed = client.get(briefs, {"overridden": "yes"}).text

    for query in ("?status=submitted", "?due=overdue", "?due=today", "?approach=rag", "?overridden=yes"):
        assert f'href="{briefs}{query}"' in board, query
    assert overridden.company in listed
    assert "Plain Ltd" not in listed


def test_the_median_reply_is_in_working_hours():
    friday_evening = datetime(2026, 11, 27, 17, 0, tzinfo=LONDON)
    with time_machine.travel(friday_evening, tick=False):
        brief = BriefFactory()
    with time_machine.travel(datetime(2026, 11, 30, 10, 0, tzinfo=LONDON), tick=False):  # Monday morning
        memo_send(brief=brief, actor=ConsultantFactory())
        board = dashboard(datetime(2026, 11, 30, 11, 0, tzinfo=LONDON))

    assert board.median_reply_hours == pytest.approx(1.5), "Friday 17:00 to 17:30 and Monday 9:00 to 10:00"
    assert Brief.objects.count() == 1


def test_the_median_reply_leaves_out_the_time_the_client_held_our_questions(django_capture_on_commit_callbacks):
    ana = ConsultantFactory()
    with time_machine.travel(datetime(2026, 11, 24, 10, 0, tzinfo=LONDON), tick=False):  # a Tuesday
        brief = brief_start_review(brief=BriefFactory(), actor=ana)
    with time_machine.travel(datetime(2026, 11, 24, 11, 0, tzinfo=LONDON), tick=False):
        (question,) = questions_ask(brief=brief, actor=ana, engine=[], own=[OwnQuestion("Who reads it?")])
    with (
        time_machine.travel(datetime(2026, 11, 25, 11, 0, tzinfo=LONDON), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        questions_answer(brief=brief, answers=[Answer(question.pk, "Support.")])
    with time_machine.travel(datetime(2026, 11, 25, 12, 0, tzinfo=LONDON), tick=False):
        brief_decline(brief=brief, actor=ana, email_client=True)

    board = dashboard(datetime(2026, 11, 26, 9, 0, tzinfo=LONDON))

    assert board.median_reply_hours == pytest.approx(2.0), "Tuesday 10:00 to 11:00 and Wednesday 11:00 to 12:00"


def test_the_dashboard_shows_the_win_rate_and_the_value_won(client, consultant):
    for value, won in ((Decimal(48000), True), (Decimal(12000), True), (None, False)):
        brief = memo_send(brief=BriefFactory(), actor=consultant)
        brief_close(brief=brief, actor=consultant, won=won, value=value)
    still_open = memo_send(brief=BriefFactory(), actor=consultant)  # not a closed deal
    scope_accept(brief=still_open, version=1, name="Ada Client", role="CTO")
    client.force_login(consultant)

    board = dashboard(datetime.now(tz=LONDON))
    page = client.get(reverse("admin:scoping_brief_dashboard")).text

    assert (board.win_rate.part, board.win_rate.whole, board.won_value) == (2, 3, Decimal(60000))
    assert "<strong>67%</strong> (2 won of 3 closed)" in page
    assert "60,000" in page
    assert (board.accepted.part, board.accepted.whole) == (1, 4)
    assert "<strong>25%</strong> (1 of 4 memos sent)" in page


def test_spam_is_nowhere_on_the_dashboard(consultant):
    brief_mark_spam(brief=BriefFactory(), actor=consultant)

    board = dashboard(datetime.now(tz=LONDON))

    assert sum(count for _, _, count in board.approach_mix) == 0, "not counted under any approach"
    assert Brief.Status.SPAM not in [status for status, _, _ in board.by_status]
