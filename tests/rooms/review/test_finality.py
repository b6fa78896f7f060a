"""Closing a brief asks first and can be undone; won and lost say why (and for how much); the team's
notes and a comment log stay open after the memo is sent."""

from decimal import Decimal

import pytest
from django.urls import reverse

from scoping.models import Brief
from scoping.services.memo import memo_send
from tests.support.factories import BriefFactory

pytestmark = pytest.mark.django_db
S = Brief.Status


def change_page(brief):
    return reverse("admin:scoping_brief_change", args=[brief.pk])


def test_spam_asks_first_and_reopen_undoes_it(client, consultant):
    brief = BriefFactory()
    client.force_login(consultant)
    url = reverse("admin:scoping_brief_mark_spam", args=[brief.pk])

    confirmation = client.get(url)
    assert "closes it with no reply to the sender" in confirmation.text
    assert Brief.objects.get(pk=brief.pk).status == S.SUBMITTED, "asking changes nothing"
    client.post(url)
    assert Brief.objects.get(pk=brief.pk).status == S.SPAM

    page = client.get(change_page(brief)).text
    assert ">Reopen</button>" in page
    client.post(reverse("admin:scoping_brief_act", args=[brief.pk, "reopen_review"]))
    reopened = Brief.objects.get(pk=brief.pk)
    assert (reopened.status, reopened.assigned_to) == (S.IN_REVIEW, consultant)
    assert reopened.events.last().action == "reopen_review"


def test_won_records_why_and_the_deal_value_and_reopen_clears_them(client, consultant):
    brief = memo_send(brief=BriefFactory(), actor=consultant)
    client.force_login(consultant)

    client.post(reverse("admin:scoping_brief_won", args=[brief.pk]), {"reason": "Signed the SOW", "value": "48000"})

    won = Brief.objects.get(pk=brief.pk)
    assert (won.status, won.deal_value, won.closed_reason) == (S.WON, Decimal("48000.00"), "Signed the SOW")
    assert won.events.last().detail == "Deal value 48,000.00. Signed the SOW"
    client.post(reverse("admin:scoping_brief_act", args=[brief.pk, "reopen_deal"]))
    reopened = Brief.objects.get(pk=brief.pk)
    assert (reopened.status, reopened.deal_value, reopened.closed_reason) == (S.MEMO_SENT, None, "")
    assert reopened.memo_snapshot == won.memo_snapshot, "the memo stays as it was sent"


def test_lost_asks_why_and_a_bad_value_loses_nothing_typed(client, consultant):
    brief = memo_send(brief=BriefFactory(), actor=consultant)
    client.force_login(consultant)

    refused = client.post(reverse("admin:scoping_brief_won", args=[brief.pk]), {"reason": "Budget", "value": "-5"})
    assert refused.status_code == 200
    assert "Budget</textarea>" in refused.text
    assert "is not an amount we can read" in refused.text
    assert Brief.objects.get(pk=brief.pk).status == S.MEMO_SENT

    client.post(reverse("admin:scoping_brief_lost", args=[brief.pk]), {"reason": "Went with an in-house build"})
    lost = Brief.objects.get(pk=brief.pk)
    assert (lost.status, lost.closed_reason, lost.deal_value) == (S.LOST, "Went with an in-house build", None)


def test_after_sending_a_consultant_logs_a_call_and_keeps_notes(client, consultant):
    brief = memo_send(brief=BriefFactory(), actor=consultant)
    client.force_login(consultant)

    response = client.post(
        change_page(brief),
        {
            "assigned_to": consultant.pk,
            "internal_notes": "CFO wants the fine-tune option priced.",
            "add_note": "Call with the CTO: they read the memo, decision next week.",
            "loaded": Brief.objects.get(pk=brief.pk).updated_at.isoformat(),
        },
    )

    assert response.status_code == 302
    brief.refresh_from_db()
    assert brief.internal_notes == "CFO wants the fine-tune option priced."
    (note,) = brief.events.filter(action="commented")
    assert (note.actor, note.detail) == (consultant, "Call with the CTO: they read the memo, decision next week.")
    assert "added a note" in client.get(change_page(brief)).text


@pytest.mark.parametrize(("typed", "stored"), [("48,000", "48000"), ("€48,000.50", "48000.50"), ("48 000", "48000")])
def test_a_deal_value_is_read_as_people_type_it(client, consultant, typed, stored):
    brief = memo_send(brief=BriefFactory(), actor=consultant)
    client.force_login(consultant)

    client.post(reverse("admin:scoping_brief_won", args=[brief.pk]), {"reason": "", "value": typed})

    assert Brief.objects.get(pk=brief.pk).deal_value == Decimal(stored)
