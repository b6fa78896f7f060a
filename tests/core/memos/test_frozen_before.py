"""A memo frozen before the cost model of ranges (its snapshot kept here as it was stored, by the code
of that day) still loads, and every page, PDF, email and export that reads it shows it as it was sent."""

import json
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from scoping.emails import memo as memo_email
from scoping.memos.build import memo_for_client, memo_from_snapshot
from scoping.memos.legacy import LegacyMemo
from scoping.models import Brief, SentMemo
from scoping.review.export import briefs_csv
from scoping.services.memo import memo_pdf_store
from tests.support.factories import BriefFactory
from tests.support.pdfs import pdf_text

pytestmark = pytest.mark.django_db
SNAPSHOT = json.loads((Path(__file__).parent / "snapshots" / "before_ranges.json").read_text())


@pytest.fixture
def sent_before(consultant):
    brief = BriefFactory(company="Oldco", project_title="Answers from our manuals")
    Brief.objects.filter(pk=brief.pk).update(
        status=Brief.Status.MEMO_SENT, memo_snapshot=SNAPSHOT, memo_frozen_at=timezone.now(),
        memo_sent_at=timezone.now(), assigned_to=consultant,
    )  # fmt: skip
    brief.refresh_from_db()
    return brief


def test_it_loads_as_it_was_priced():
    memo = memo_from_snapshot(SNAPSHOT)

    assert isinstance(memo, LegacyMemo)
    assert memo.bracket.label == "€100,000 – €250,000"
    assert round(memo.first_year) == 165_740
    assert memo.facts.needs_knowledge, "an answer read by its old name"
    assert memo.engine_approach is memo.approach


def test_the_client_reads_it_online_and_as_a_pdf_as_it_was_sent(client, sent_before):
    page = client.get(reverse("scoping:report", args=[sent_before.token])).text
    home = client.get(reverse("scoping:brief", args=[sent_before.token])).text
    stored = memo_pdf_store(brief=sent_before)
    text = pdf_text(client.get(reverse("scoping:memo_pdf", args=[sent_before.token])).content)

    assert isinstance(memo_for_client(sent_before), LegacyMemo)
    assert "€100,000 – €250,000" in page
    assert "€13,812" in page, "the all-in month it was sent with"
    assert "Monthly cost by query volume" in page
    assert "€100,000 – €250,000" in home
    assert SentMemo.objects.get(brief=sent_before).etag == stored.etag
    assert "Costs at your volume" in text


def test_consultants_and_exports_read_it_too(client, consultant, sent_before):
    client.force_login(consultant)
    page = client.get(reverse("admin:scoping_brief_change", args=[sent_before.pk])).text
    exported = briefs_csv([sent_before])
    message = memo_email(sent_before, attach_pdf=False)

    assert "priced by the earlier cost model" in page
    assert "165740" in exported
    assert "€100,000 – €250,000" in message.body
    assert not mail.outbox
