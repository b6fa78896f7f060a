"""The consultants' review: transitions, the event log, overrides, sending the memo, declining."""

import io
import re

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from decisions.ladder import Facts
from scoping.lifecycle import MOVES as LIFECYCLE
from scoping.lifecycle import TransitionRefused
from scoping.models import Brief, BriefEvent
from scoping.services.memo import memo_revise, memo_revision_drop, memo_send
from scoping.services.review import (
    brief_close,
    brief_decline,
    brief_erase,
    brief_mark_spam,
    brief_reopen,
    brief_review_save,
    brief_start_review,
)
from tests.rooms.review.staff import admin_change
from tests.support.factories import BriefFactory, ConsultantFactory, SuperuserFactory, UserFactory

pytestmark = pytest.mark.django_db
S = Brief.Status


def in_status(status: str) -> Brief:
    brief = BriefFactory()
    Brief.objects.filter(pk=brief.pk).update(status=status)
    brief.refresh_from_db()
    return brief


MOVES = {
    "start_review": lambda brief, actor: brief_start_review(brief=brief, actor=actor),
    "send_memo": lambda brief, actor: memo_send(brief=brief, actor=actor),
    "decline": lambda brief, actor: brief_decline(brief=brief, actor=actor, email_client=False),
    "won": lambda brief, actor: brief_close(brief=brief, actor=actor, won=True),
    "lost": lambda brief, actor: brief_close(brief=brief, actor=actor, won=False),
    "mark_spam": lambda brief, actor: brief_mark_spam(brief=brief, actor=actor),
    "reopen": lambda brief, actor: brief_reopen(brief=brief, actor=actor),
    "revise": lambda brief, actor: memo_revise(brief=brief, actor=actor),
    "drop_revision": lambda brief, actor: memo_revision_drop(brief=brief, actor=actor),
}
# Where each move may start, and where it leads.
ALLOWED = {
    "start_review": ({S.SUBMITTED}, S.IN_REVIEW),
    "send_memo": ({S.SUBMITTED, S.IN_REVIEW, S.REVISING}, S.MEMO_SENT),
    "decline": ({S.SUBMITTED, S.IN_REVIEW}, S.DECLINED),
    "won": ({S.MEMO_SENT}, S.WON),
    "lost": ({S.MEMO_SENT}, S.LOST),
    "mark_spam": ({S.SUBMITTED, S.IN_REVIEW}, S.SPAM),
    "reopen": ({S.WON, S.LOST, S.DECLINED, S.SPAM}, None),  # back to where it was before closing
    "revise": ({S.MEMO_SENT}, S.REVISING),
    "drop_revision": ({S.REVISING}, S.MEMO_SENT),
}
REOPENED = {S.WON: S.MEMO_SENT, S.LOST: S.MEMO_SENT, S.DECLINED: S.IN_REVIEW, S.SPAM: S.IN_REVIEW}


@pytest.mark.parametrize("status", [s.value for s in S])
@pytest.mark.parametrize("move", list(MOVES))
def test_every_move_from_every_status_is_allowed_or_refused(move, status, consultant):
    brief = in_status(status)
    starts, ends = ALLOWED[move]

    if status in starts:
        moved = MOVES[move](brief, consultant)
        ends = ends or REOPENED[status]
        assert moved.status == ends
        event = BriefEvent.objects.filter(brief=brief).last()
        assert (event.actor, event.from_status, event.to_status) == (consultant, status, ends)
        assert event.action.startswith(move)
    else:
        with pytest.raises(TransitionRefused, match="Could not"):
            MOVES[move](brief, consultant)
        brief.refresh_from_db()
        assert brief.status == status
        assert not BriefEvent.objects.filter(brief=brief, action__startswith=move).exists()


def test_submitting_is_the_first_event_of_a_brief():
    brief = BriefFactory()

    (event,) = brief.events.all()
    assert (event.action, event.actor, event.to_status) == ("submitted", None, S.SUBMITTED)


def test_starting_a_review_assigns_the_brief_to_who_starts_it_and_records_a_take_over(consultant):
    other = ConsultantFactory(username="other")
    mine, theirs = BriefFactory(), BriefFactory()
    Brief.objects.filter(pk=theirs.pk).update(assigned_to=other)

    assert brief_start_review(brief=mine, actor=consultant).assigned_to == consultant
    assert mine.events.last().detail == ""
    taken = brief_start_review(brief=theirs, actor=consultant)
    assert taken.assigned_to == consultant
    took_over, started = taken.events.all()[1:]
    assert (took_over.action, took_over.detail) == ("took_over", "Took it over from other.")
    assert started.action == "start_review"
    assert other.notices.get().brief == theirs, "the colleague who had it is told"


def test_sending_a_memo_nobody_reviewed_assigns_it_to_the_sender(consultant):
    assert memo_send(brief=BriefFactory(), actor=consultant).assigned_to == consultant


def test_only_consultants_can_be_assigned(client, consultant):
    ConsultantFactory(username="colleague")
    UserFactory(username="intern", is_staff=True)  # staff, but cannot open briefs
    client.force_login(consultant)

    page = client.get(reverse("admin:scoping_brief_change", args=[BriefFactory().pk])).text
    options = re.findall(r"<option value=\"\d+\">([^<]+)</option>", page)

    assert "colleague" in options
    assert "intern" not in options


def test_an_override_needs_a_reason(client, consultant):
    brief = BriefFactory()
    client.force_login(consultant)

    response = admin_change(client, brief, approach_override="rag")

    assert response.status_code == 200
    assert "Tell the client why you recommend this approach" in response.text
    brief.refresh_from_db()
    assert brief.approach_override == ""


def test_an_override_with_its_reason_changes_the_memo_and_is_logged(client, consultant):
    brief = BriefFactory(project_title="Support bot")
    client.force_login(consultant)

    response = admin_change(
        client, brief, approach_override="rag", override_reason="Your manuals change weekly, as you told us."
    )

    assert response.status_code == 302
    brief.refresh_from_db()
    assert brief.final_approach == "rag"
    report = client.get(reverse("scoping:report", args=[brief.token])).text
    assert "We recommend <strong>Retrieval-augmented generation (RAG)</strong>" in report
    assert "Your manuals change weekly, as you told us." in report
    assert "On your answers alone, our decision rules point to Prompting." in report
    page = client.get(reverse("admin:scoping_brief_change", args=[brief.pk])).text
    assert "summary, as the client will read it" in page
    assert "for “Support bot”. Your manuals change weekly, as you told us.</p>" in page
    event = brief.events.last()
    assert (event.action, event.actor) == ("edited", consultant)
    assert "approach (override)" in event.detail
    assert "Approach: Retrieval-augmented generation (RAG)" in event.detail


def test_a_budget_adjustment_moves_the_bracket():
    brief = BriefFactory(monthly_queries=1_000)
    from scoping.memos.build import memo_with_review

    before = memo_with_review(brief).bracket
    brief.budget_adjustment_percent = 200
    brief_review_save(brief=brief, actor=ConsultantFactory(), changed=["budget_adjustment_percent"])
    after = memo_with_review(Brief.objects.get(pk=brief.pk))

    assert (after.bracket.low or 0) > (before.low or 0)
    assert after.budget_adjustment_percent == 200


def test_internal_notes_never_reach_the_memo(client, consultant):
    brief = BriefFactory()
    client.force_login(consultant)
    admin_change(client, brief, internal_notes="Client seems price-sensitive", consultant_note="Happy to talk.")

    report = client.get(reverse("scoping:report", args=[brief.token])).text
    memo = client.get(reverse("scoping:memo_pdf", args=[brief.token])).content

    assert "Happy to talk." in report
    assert "price-sensitive" not in report
    assert b"price-sensitive" not in memo


def test_after_sending_the_review_fields_are_read_only(client, consultant):
    brief = memo_send(brief=BriefFactory(), actor=consultant)
    client.force_login(consultant)

    page = client.get(reverse("admin:scoping_brief_change", args=[brief.pk])).text

    assert 'name="approach_override"' not in page
    assert 'name="consultant_note"' not in page
    assert 'name="internal_notes"' in page, "the team's own notes stay open after sending"
    assert 'name="add_note"' in page
    with pytest.raises(TransitionRefused):
        brief_review_save(brief=brief, actor=consultant, changed=["consultant_note"])
    brief.internal_notes = "Follow-up call booked for Monday."
    assert brief_review_save(brief=brief, actor=consultant, changed=["internal_notes"]).internal_notes == (
        "Follow-up call booked for Monday."
    )


def test_sending_shows_the_email_first_then_sends_once_with_the_pdf(
    client, consultant, settings, django_capture_on_commit_callbacks
):
    settings.SCOPING_SITE_URL = "https://scope.example.com"
    brief = BriefFactory(
        project_title="Claims triage",
        facts=Facts(needs_knowledge=True, multi_tenant=True),
        contact_email="cfo@client.example",
    )
    mail.outbox.clear()
    client.force_login(consultant)
    url = reverse("admin:scoping_brief_send", args=[brief.pk])

    confirmation = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        as_shown = {"subject": confirmation.context["form"]["subject"].value(),
                    "text": confirmation.context["form"]["text"].value()}  # fmt: skip
        first = client.post(url, as_shown)
        second = client.post(url, as_shown)  # a double click

    assert "cfo@client.example" in confirmation.text
    assert "Your scope memo: Claims triage" in confirmation.text
    assert ".pdf" in confirmation.text
    assert f"<dt>Reply-To</dt><dd>{consultant.email}</dd>" in confirmation.text, "replies go to who signs"
    assert f"you, as {consultant.username}, Consultant" in confirmation.text
    assert first.status_code == second.status_code == 302
    brief.refresh_from_db()
    assert brief.status == S.MEMO_SENT
    assert brief.memo_snapshot is not None
    assert brief.memo_sent_at is not None
    assert brief.replied_at == brief.memo_sent_at
    (message,) = mail.outbox
    assert message.to == ["cfo@client.example"]
    assert message.reply_to == [consultant.email]
    assert f"https://scope.example.com/brief/{brief.token}/" in message.body
    (name, content, mimetype) = message.attachments[0]
    assert mimetype == "application/pdf"
    assert name.endswith(".pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Claims triage" in text
    assert "Retrieval-augmented generation" in text
    assert "NOT YET SENT" not in text.upper(), "the client's copy is not marked a preview"
    messages_shown = [str(m) for m in second.wsgi_request._messages]
    assert "Could not send the memo: the brief is already sent." in messages_shown


def test_declining_can_email_the_client_politely(client, consultant, django_capture_on_commit_callbacks):
    brief = BriefFactory(contact_email="ceo@client.example")
    mail.outbox.clear()
    client.force_login(consultant)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:scoping_brief_decline", args=[brief.pk]),
            {"email_client": "on", "message": "A search engine would serve you better."},
        )

    brief.refresh_from_db()
    assert brief.status == S.DECLINED
    assert brief.replied_at is not None
    (message,) = mail.outbox
    assert message.to == ["ceo@client.example"]
    assert "not the right team" in message.body
    assert "A search engine would serve you better." in message.body


def test_declining_without_an_email_sends_nothing(client, consultant, django_capture_on_commit_callbacks):
    brief = BriefFactory()
    mail.outbox.clear()
    client.force_login(consultant)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:scoping_brief_decline", args=[brief.pk]), {"message": "internal"})

    assert Brief.objects.get(pk=brief.pk).status == S.DECLINED
    assert mail.outbox == []


@pytest.mark.parametrize(("action", "before", "status"), [("start_review", S.SUBMITTED, S.IN_REVIEW),
                                                          ("reopen_review", S.SPAM, S.IN_REVIEW),
                                                          ("reopen_deal", S.WON, S.MEMO_SENT)])  # fmt: skip
def test_the_one_click_moves_post_and_come_back(client, consultant, action, before, status):
    brief = in_status(before)
    client.force_login(consultant)
    url = reverse("admin:scoping_brief_act", args=[brief.pk, action])

    assert client.get(url).status_code == 405
    response = client.post(url)

    assert response["Location"] == reverse("admin:scoping_brief_change", args=[brief.pk])
    assert Brief.objects.get(pk=brief.pk).status == status


def test_the_history_is_shown_read_only(client, consultant):
    brief = brief_start_review(brief=BriefFactory(), actor=consultant)
    client.force_login(consultant)

    page = client.get(reverse("admin:scoping_brief_change", args=[brief.pk])).text

    assert "History" in page
    assert "started the review" in page
    assert "Submitted → In review" in page
    assert 'name="events-0-action"' not in page, "read-only: no inline form"


def test_a_stale_won_click_says_why_in_plain_words(client, consultant):
    brief = BriefFactory()
    client.force_login(consultant)

    response = client.post(reverse("admin:scoping_brief_won", args=[brief.pk]), follow=True)

    shown = [str(message) for message in response.context["messages"]]
    assert shown == ["Could not mark the brief won: the brief is waiting for its review."]
    assert Brief.objects.get(pk=brief.pk).status == S.SUBMITTED


@pytest.mark.parametrize("status", [s.value for s in S if s != S.DRAFT])
def test_the_brief_page_offers_exactly_the_moves_its_status_allows(client, consultant, status):
    brief = in_status(status)
    client.force_login(consultant)

    page = client.get(reverse("admin:scoping_brief_change", args=[brief.pk])).text

    moves = [move for move in LIFECYCLE.values() if not move.clients_only]
    for button in {move.button for move in moves}:  # two moves may share a button (Reopen)
        offered = f">{button}</button>" in page or f">{button}</a>" in page
        allowed = any(m.button == button and status in m.sources and not m.superusers_only for m in moves)
        assert offered == allowed, button


def test_a_silent_decline_is_not_a_reply(consultant):
    brief = brief_decline(brief=BriefFactory(), actor=consultant, email_client=False)

    assert brief.replied_at is None


def test_erasure_also_clears_the_admin_log(consultant):
    brief = BriefFactory(company="Acme Secret Ltd", project_title="Layoff predictor")
    LogEntry.objects.log_actions(
        user_id=consultant.pk, queryset=[brief], action_flag=CHANGE, change_message="edited"
    )  # what the admin writes on every save

    brief_erase(brief=brief, actor=SuperuserFactory(username="root"), reason="client request")

    content_type = ContentType.objects.get_for_model(Brief)
    assert not LogEntry.objects.filter(content_type=content_type).exists()


def test_edits_to_a_brief_sent_meanwhile_are_a_form_error_and_no_success(client, consultant):
    brief = BriefFactory()
    client.force_login(consultant)
    form_page = client.get(reverse("admin:scoping_brief_change", args=[brief.pk]))
    memo_send(brief=brief, actor=consultant)  # another consultant, while the form was open

    response = client.post(
        reverse("admin:scoping_brief_change", args=[brief.pk]), {"consultant_note": "Call us about phase 2"}
    )

    assert 'name="consultant_note"' in form_page.text
    assert response.status_code == 200, "the page again, with the error on the form"
    assert "your edits were not saved" in response.text
    assert "changed successfully" not in response.text
    assert Brief.objects.get(pk=brief.pk).consultant_note == ""


def test_the_review_save_rechecks_the_status_under_lock(consultant):
    brief = BriefFactory()
    stale = Brief.objects.get(pk=brief.pk)
    memo_send(brief=brief, actor=consultant)
    stale.consultant_note = "too late"

    with pytest.raises(TransitionRefused):
        brief_review_save(brief=stale, actor=consultant, changed=["consultant_note"])
    assert Brief.objects.get(pk=brief.pk).consultant_note == ""


def test_saving_over_someone_elses_change_is_refused_and_keeps_what_was_typed(client, consultant):
    brief = BriefFactory()
    client.force_login(consultant)
    page = client.get(reverse("admin:scoping_brief_change", args=[brief.pk])).text
    loaded = re.search(r'name="loaded" value="([^"]+)"', page).group(1)
    bob = ConsultantFactory(username="bob")
    brief_start_review(brief=brief, actor=bob)  # Bob takes it while the page is open

    response = admin_change(client, brief, consultant_note="Call them on Monday", loaded=loaded)

    assert response.status_code == 200
    assert "Someone else changed this brief" in response.text
    assert "Call them on Monday" in response.text, "what was typed is still on the page"
    brief.refresh_from_db()
    assert (brief.assigned_to, brief.consultant_note) == (bob, "")
    assert not LogEntry.objects.filter(object_id=str(brief.pk)).exists()


def test_an_assignee_who_left_the_group_keeps_the_brief_until_someone_changes_it(client, consultant):
    leaver = ConsultantFactory(username="leaver", first_name="Lee", last_name="Vere")
    brief = BriefFactory()
    Brief.objects.filter(pk=brief.pk).update(assigned_to=leaver)
    leaver.groups.clear()
    client.force_login(consultant)

    page = client.get(reverse("admin:scoping_brief_change", args=[brief.pk])).text
    response = admin_change(client, Brief.objects.get(pk=brief.pk), internal_notes="Called them.")

    assert f'<option value="{leaver.pk}" selected>Lee Vere</option>' in page
    assert response.status_code == 302
    assert Brief.objects.get(pk=brief.pk).assigned_to == leaver


def test_a_reassignment_says_from_whom_to_whom(client, consultant):
    brief = BriefFactory()
    colleague = ConsultantFactory(username="col", first_name="Ana", last_name="Lopez")
    client.force_login(consultant)

    admin_change(client, brief, assigned_to=colleague.pk)

    assert Brief.objects.get(pk=brief.pk).events.last().detail.endswith("Assigned to Ana Lopez (was nobody)")
