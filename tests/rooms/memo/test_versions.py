"""Revised memos: each sent version kept byte for byte and listed for consultants; the client's link
shows the latest, says when it was revised and what changed, and offers the earlier ones; a version
being prepared stays invisible to the client until it is sent."""

import hashlib

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from decisions.ladder import Approach, Facts
from scoping.lifecycle import TransitionRefused
from scoping.models import Brief, SentMemo
from scoping.services.memo import memo_pdf_store, memo_revise, memo_revision_drop, memo_send
from tests.support.factories import BriefFactory
from tests.support.pdfs import pdf_text

pytestmark = pytest.mark.django_db
S = Brief.Status


def v_url(brief, number):
    return reverse("scoping:memo_version_pdf", args=[brief.token, number])


def sent_then_revised(consultant, capture, **review):
    """A memo sent, then revised with ``review`` (saved as the admin saves it) and sent as version 2."""
    with capture(execute=True):
        brief = memo_send(
            brief=BriefFactory(facts=Facts(needs_knowledge=True, corpus_documents=40000)), actor=consultant
        )
    first = SentMemo.objects.get(brief=brief)
    first_bytes = bytes(first.pdf)
    brief = memo_revise(brief=brief, actor=consultant)
    Brief.objects.filter(pk=brief.pk).update(**review)
    with capture(execute=True):
        brief = memo_send(brief=brief, actor=consultant, changes="We priced the first phase again.")
    return brief, first_bytes


def test_a_revision_becomes_version_2_and_keeps_version_1_byte_for_byte(
    client, consultant, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    brief, first_bytes = sent_then_revised(consultant, django_capture_on_commit_callbacks, budget_adjustment_percent=50)

    one, two = SentMemo.objects.filter(brief=brief)
    assert (one.number, two.number) == (1, 2)
    assert bytes(one.pdf) == first_bytes, "an earlier version is never rendered again"
    assert bytes(two.pdf) != first_bytes
    assert two.etag == hashlib.sha256(bytes(two.pdf)).hexdigest()
    assert two.sent_by == consultant
    assert two.changes == "We priced the first phase again."
    assert client.get(v_url(brief, 1)).content == first_bytes
    assert client.get(v_url(brief, 2)).content == bytes(two.pdf)
    assert client.get(reverse("scoping:memo_pdf", args=[brief.token])).content == bytes(two.pdf), "the latest"
    assert client.get(v_url(brief, 3)).status_code == 404
    # The revision's email says so and carries version 2's very bytes.
    revised = mail.outbox[-1]
    assert revised.subject.startswith("Your revised scope memo")
    assert "This is version 2 of the memo" in revised.body
    assert revised.attachments[0][1] == bytes(two.pdf)
    brief.refresh_from_db()
    assert brief.status == S.MEMO_SENT
    assert brief.replied_at < brief.memo_sent_at, "the first reply's time stays the first reply's"


def test_the_clients_link_shows_the_latest_says_what_changed_and_offers_the_earlier_ones(
    client, consultant, django_capture_on_commit_callbacks
):
    # Twice the effort: a first year in the next bracket up.
    brief, _ = sent_then_revised(consultant, django_capture_on_commit_callbacks, budget_adjustment_percent=100)
    today = timezone.localdate().strftime("%-d %B %Y").lstrip("0")

    for url in (reverse("scoping:brief", args=[brief.token]), reverse("scoping:report", args=[brief.token])):
        page = client.get(url).text
        assert "Revised on" in page
        assert "this is version 2" in page
        assert "What changed:</strong> We priced the first phase again." in page
        assert f'href="{v_url(brief, 1)}"' in page
        assert f'href="{v_url(brief, 2)}"' not in page, "the latest is the main download"
        assert "First-year budget:" in page, "the headline figures that changed, as well"
        assert today in page or "Revised on" in page


def test_a_version_being_prepared_is_invisible_to_the_client_until_sent(
    client, consultant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        brief = memo_send(brief=BriefFactory(), actor=consultant)
    sent_bytes = bytes(SentMemo.objects.get(brief=brief).pdf)
    brief = memo_revise(brief=brief, actor=consultant)
    Brief.objects.filter(pk=brief.pk).update(
        consultant_note="DRAFT NOTE NOT FOR THE CLIENT", approach_override=Approach.RAG, override_reason="You said so."
    )

    as_client = {
        "home": client.get(reverse("scoping:brief", args=[brief.token])).text,
        "report": client.get(reverse("scoping:report", args=[brief.token])).text,
    }
    pdf = client.get(reverse("scoping:memo_pdf", args=[brief.token])).content

    assert pdf == sent_bytes
    assert client.get(v_url(brief, 2)).status_code == 404
    for page in as_client.values():
        assert "DRAFT NOTE NOT FOR THE CLIENT" not in page
        assert "Revised on" not in page
    # The consultant previews the revision in the making.
    client.force_login(consultant)
    preview = client.get(reverse("scoping:report", args=[brief.token])).text
    assert "Preview: not yet sent to the client." in preview
    assert "DRAFT NOTE NOT FOR THE CLIENT" in preview
    assert "PREVIEW: NOT YET SENT" in pdf_text(client.get(reverse("scoping:memo_pdf", args=[brief.token])).content)


def test_revising_opens_the_review_and_dropping_it_restores_the_sent_memo(client, consultant):
    brief = memo_send(brief=BriefFactory(), actor=consultant)
    frozen = Brief.objects.get(pk=brief.pk).memo_snapshot
    client.force_login(consultant)

    page = client.get(reverse("admin:scoping_brief_change", args=[brief.pk])).text
    assert ">Revise</button>" in page
    client.post(reverse("admin:scoping_brief_act", args=[brief.pk, "revise"]))
    revising = Brief.objects.get(pk=brief.pk)
    page = client.get(reverse("admin:scoping_brief_change", args=[brief.pk])).text

    assert revising.status == S.REVISING
    assert revising.memo_snapshot is None
    assert 'name="consultant_note"' in page, "the review's fields open again"
    assert "Send memo…" in page
    assert "Drop the revision" in page
    with pytest.raises(TransitionRefused):
        memo_revise(brief=revising, actor=consultant)
    dropped = memo_revision_drop(brief=revising, actor=consultant)
    assert dropped.status == S.MEMO_SENT
    assert dropped.memo_snapshot == frozen
    assert SentMemo.objects.filter(brief=brief).count() == 1


def test_sending_a_revision_asks_what_changed_and_keeps_what_was_typed(client, consultant):
    brief = memo_revise(brief=memo_send(brief=BriefFactory(), actor=consultant), actor=consultant)
    client.force_login(consultant)
    url = reverse("admin:scoping_brief_send", args=[brief.pk])
    form = client.get(url).context["form"]
    typed = {"subject": "My own subject", "text": form["text"].value(), "changes": ""}

    refused = client.post(url, typed)

    assert refused.status_code == 200
    assert "Tell the client what changed in this version" in refused.text
    assert "My own subject" in refused.text
    assert Brief.objects.get(pk=brief.pk).status == S.REVISING
    done = client.post(url, {**typed, "changes": "New volumes."})
    assert done.status_code == 302
    assert SentMemo.objects.get(brief=brief, number=2).changes == "New volumes."


def test_consultants_see_every_version_listed(client, consultant, django_capture_on_commit_callbacks):
    brief, _ = sent_then_revised(consultant, django_capture_on_commit_callbacks)
    client.force_login(consultant)

    page = client.get(reverse("admin:scoping_brief_change", args=[brief.pk])).text

    assert "Version 1 (PDF)" in page
    assert "Version 2 (PDF)" in page
    assert "the client&#x27;s current one" in page or "the client's current one" in page
    assert "We priced the first phase again." in page


def test_a_memo_sent_before_pdfs_were_stored_keeps_its_first_version_when_revised(consultant):
    brief = memo_send(brief=BriefFactory(), actor=consultant)
    SentMemo.objects.filter(brief=brief).delete()  # as if sent before the PDF was stored

    memo_revise(brief=brief, actor=consultant)

    (first,) = SentMemo.objects.filter(brief=brief)
    assert first.number == 1
    assert first.snapshot is not None
    assert memo_pdf_store(brief=brief) == first


@pytest.mark.django_db(transaction=True)
def test_old_sent_memos_migrate_to_version_1_byte_for_byte(migrated_back):
    executor = MigrationExecutor(connection)
    before, after = [("scoping", "0024_budget_as_the_client_says_it")], [("scoping", "0025_client_loop")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    brief = old.get_model("scoping", "Brief").objects.create(
        status="memo_sent", contact_name="Ada", contact_email="ada@example.com", company="Acme",
        project_title="Old", project_summary="An old memo.", memo_snapshot={"kept": True},
        memo_sent_at=timezone.now(), submitted_at=timezone.now(),
    )  # fmt: skip
    pdf = b"%PDF-1.7 old bytes \x00\xff as sent"
    old.get_model("scoping", "SentMemo").objects.create(brief=brief, pdf=pdf, etag=hashlib.sha256(pdf).hexdigest())

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    (version,) = new.get_model("scoping", "SentMemo").objects.filter(brief_id=brief.pk)

    assert version.number == 1
    assert bytes(version.pdf) == pdf
    assert version.snapshot == {"kept": True}
    assert version.sent_at == brief.memo_sent_at


def test_a_revisions_email_starts_from_ours_not_the_last_emails_own_words(client, consultant):
    brief = memo_send(brief=BriefFactory(), actor=consultant, subject="Our first memo for you")
    brief = memo_revise(brief=brief, actor=consultant)
    client.force_login(consultant)

    form = client.get(reverse("admin:scoping_brief_send", args=[brief.pk])).context["form"]

    assert form["subject"].value().startswith("Your revised scope memo")
