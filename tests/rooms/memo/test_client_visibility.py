"""What a client sees, and when: the engine's reading until the memo is sent, then exactly the
memo as sent. Nothing a consultant types reaches them before they press Send."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from decisions.ladder import Approach, Facts
from scoping.emails import BUILDERS
from scoping.models import Brief
from scoping.services.memo import READ_COUNTED_EVERY, memo_send
from scoping.services.review import brief_decline, brief_mark_spam, brief_review_save, brief_start_review
from tests.support.factories import BriefFactory
from tests.support.pdfs import pdf_text

pytestmark = pytest.mark.django_db

REASON = "not sure yet, client seems naive about RAG"
NOTE = "Note in progress: call them about the budget"


def review_in_progress(consultant) -> Brief:
    """A prompting brief a consultant has overridden to RAG, lowered 30% and written a note on."""
    brief = BriefFactory(facts=Facts(), monthly_queries=20_000)
    assert brief.engine_approach == Approach.PROMPTING
    brief = brief_start_review(brief=brief, actor=consultant)
    brief.approach_override = Approach.RAG
    brief.override_reason = REASON
    brief.budget_adjustment_percent = -30
    brief.consultant_note = NOTE
    changed = ["approach_override", "override_reason", "budget_adjustment_percent", "consultant_note"]
    return brief_review_save(brief=brief, actor=consultant, changed=changed)


def client_pages(client, brief: Brief) -> dict[str, str]:
    pages = {}
    for name in ("brief", "report", "memo_pdf"):
        response = client.get(reverse(f"scoping:{name}", args=[brief.token]))
        assert response.status_code == 200, name
        is_pdf = response["Content-Type"] == "application/pdf"
        pages[name] = pdf_text(response.content) if is_pdf else response.content.decode()
    return pages


def review_traces(text: str) -> list[str]:
    traces = (REASON, NOTE, "lowered", "-30%", "On your answers alone", "signed off by")
    return [trace for trace in traces if trace in text]


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_no_client_page_shows_the_review_in_progress(client, consultant, outsider, who):
    brief = review_in_progress(consultant)
    if who == "outsider":
        client.force_login(outsider)

    pages = client_pages(client, brief)

    for name, text in pages.items():
        assert review_traces(text) == [], name
    assert "We recommend <strong>Prompting" in pages["report"], "the report leads with the engine's approach"
    assert "Your scope memo is on its way" in pages["memo_pdf"], "no PDF before it is sent"


def test_emails_a_client_can_get_before_sending_hold_no_review_work(consultant):
    brief = review_in_progress(consultant)
    for kind in ("acknowledgment", "resume_link"):
        message = BUILDERS[kind](brief)
        html = message.alternatives[0].content
        assert review_traces(message.body + html) == [], kind


def test_consultants_preview_the_work_in_progress_marked_as_a_preview(client, consultant):
    brief = review_in_progress(consultant)
    client.force_login(consultant)

    pages = client_pages(client, brief)

    assert REASON in pages["report"]
    assert NOTE in pages["report"]
    assert NOTE in pages["report"]
    assert "lowered by 30%" in pages["report"]
    assert REASON in pages["memo_pdf"]
    assert "PREVIEW: NOT YET SENT TO THE CLIENT" in pages["memo_pdf"]
    send_page = client.get(reverse("admin:scoping_brief_send", args=[brief.pk])).content.decode()
    assert "We recommend Retrieval-augmented generation" in send_page, "the email about to go shows the override"


def test_once_sent_the_client_sees_exactly_the_memo_as_sent(client, consultant, django_capture_on_commit_callbacks):
    brief = review_in_progress(consultant)
    with django_capture_on_commit_callbacks(execute=True):
        memo_send(brief=brief, actor=consultant)
    brief.refresh_from_db()
    # After sending, nothing typed later can change what the client reads.
    Brief.objects.filter(pk=brief.pk).update(consultant_note="typed after sending")

    pages = client_pages(client, brief)

    assert "Your scope memo is ready" in pages["brief"]
    assert "Retrieval-augmented generation" in pages["brief"]
    for name in ("report", "memo_pdf"):
        assert REASON in pages[name], name
        assert NOTE in pages[name], name
        assert "typed after sending" not in pages[name], name
    assert "NOT YET SENT" not in pages["memo_pdf"]
    sent = mail.outbox[-1]
    assert REASON in pdf_text(sent.attachments[0].content)


def test_with_the_preliminary_report_off_the_client_still_reads_the_sent_memo(
    client, consultant, settings, django_capture_on_commit_callbacks
):
    settings.SCOPING_SHOW_PRELIMINARY = False
    brief = review_in_progress(consultant)
    assert "on its way" in client.get(reverse("scoping:report", args=[brief.token])).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        memo_send(brief=brief, actor=consultant)

    report = client.get(reverse("scoping:report", args=[brief.token])).content.decode()

    assert NOTE in report


@pytest.mark.parametrize("close", ["decline", "spam"])
def test_a_client_whose_brief_was_closed_is_told_no_memo_is_coming(client, consultant, close):
    brief = review_in_progress(consultant)
    if close == "decline":
        brief_decline(brief=brief, actor=consultant, email_client=False)
    else:
        brief_mark_spam(brief=brief, actor=consultant)

    pages = client_pages(client, brief)

    assert "We have closed your brief" in pages["brief"]
    assert "We have closed your brief" in pages["memo_pdf"]
    assert "on its way" not in pages["memo_pdf"]
    assert "sends your scope memo" not in pages["report"]
    for text in pages.values():
        assert review_traces(text) == []


def test_a_consultants_html_preview_says_it_is_not_yet_sent(client, consultant):
    brief = review_in_progress(consultant)
    client.force_login(consultant)

    report = client.get(reverse("scoping:report", args=[brief.token])).content.decode()

    assert "Preview: not yet sent to the client." in report
    assert "<title>Preview of the scope memo" in report


def test_before_sending_the_client_is_offered_no_pdf_that_is_not_there(client, consultant):
    brief = review_in_progress(consultant)
    report = client.get(reverse("scoping:report", args=[brief.token])).content.decode()
    assert reverse("scoping:memo_pdf", args=[brief.token]) not in report


def test_the_clients_openings_of_a_sent_memo_are_counted_and_the_consultants_are_not(
    client, consultant, django_capture_on_commit_callbacks
):
    brief = review_in_progress(consultant)
    client.get(reverse("scoping:report", args=[brief.token]))  # before sending: nothing to count
    with django_capture_on_commit_callbacks(execute=True):
        memo_send(brief=brief, actor=consultant)

    client.get(reverse("scoping:report", args=[brief.token]))
    client.get(reverse("scoping:memo_pdf", args=[brief.token]))
    Client(HTTP_USER_AGENT="the CFO's browser").get(reverse("scoping:memo_pdf", args=[brief.token]))
    client.force_login(consultant)
    client.get(reverse("scoping:report", args=[brief.token]))
    client.get(reverse("scoping:memo_pdf", args=[brief.token]))

    brief.refresh_from_db()
    assert brief.memo_views == 2  # the client (report, then its PDF: one reading) and a colleague they forwarded it to
    assert brief.memo_first_viewed_at <= brief.memo_last_viewed_at
    listing = client.get(reverse("admin:scoping_brief_changelist")).content.decode()
    assert "(2×)" in listing


@pytest.mark.parametrize("keeps_cookies", [True, False])
def test_a_reader_is_counted_once_every_ten_minutes_with_or_without_cookies(
    client, consultant, django_capture_on_commit_callbacks, keeps_cookies
):
    brief = review_in_progress(consultant)
    with django_capture_on_commit_callbacks(execute=True):
        memo_send(brief=brief, actor=consultant)
    report = reverse("scoping:report", args=[brief.token])

    def views_after_reading() -> int:
        if not keeps_cookies:
            client.cookies.clear()
        client.get(report)
        return Brief.objects.get(pk=brief.pk).memo_views

    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert [views_after_reading() for _ in range(3)] == [1, 1, 1]  # reloads write nothing
        clock.shift(READ_COUNTED_EVERY - timedelta(seconds=1))
        assert views_after_reading() == 1
        clock.shift(timedelta(seconds=2))
        assert views_after_reading() == 2
