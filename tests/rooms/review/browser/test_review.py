"""A consultant, from "what is overdue?" to a sent memo, in Chromium."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from scoping.models import Brief
from tests.support.factories import BriefFactory
from tests.support.steps import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_consultant_goes_from_overdue_to_a_sent_memo(page, live_server, consultant, axe):
    late = BriefFactory(company="Overdue Analytics", project_title="Churn answers", contact_email="cto@overdue.example")
    Brief.objects.filter(pk=late.pk).update(reply_due_at=timezone.now() - timedelta(hours=3))
    BriefFactory(company="Relaxed Ltd")

    sign_in(page, live_server, "consultant")
    page.get_by_role("link", name="Briefs", exact=True).click()
    page.get_by_role("link", name="Overdue", exact=True).click()

    expect(page.locator("#result_list")).to_contain_text("Overdue Analytics")
    expect(page.locator("#result_list")).not_to_contain_text("Relaxed Ltd")
    expect(page.locator(".due-overdue")).to_contain_text("overdue 3 h")
    assert_accessible(page, axe)
    page.get_by_role("link", name="Overdue Analytics").click()
    expect(page.get_by_role("button", name="Start review")).to_be_visible()  # the brief's page has loaded
    assert_accessible(page, axe)

    page.get_by_role("button", name="Start review").click()
    expect(page.locator(".messagelist")).to_contain_text("You are reviewing this brief")
    page.get_by_label("Approach (override)").select_option("rag")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".errorlist")).to_contain_text("Tell the client why you recommend this approach")
    page.get_by_label("Reason shown to the client").fill("Your product data changes every week, you told us.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.get_by_text("Your product data changes every week, you told us.").first).to_be_visible()

    with page.expect_popup() as popup:
        page.get_by_role("link", name="Preview report").click()
    preview = popup.value
    expect(preview.get_by_text("We recommend Retrieval-augmented generation (RAG)")).to_be_visible()
    expect(preview.get_by_text("Your product data changes every week, you told us.").first).to_be_visible()
    expect(preview.get_by_text("On your answers alone, our decision rules point to Prompting.")).to_be_visible()
    preview.close()

    page.get_by_role("link", name="Send memo…").click()
    expect(page.get_by_text("cto@overdue.example")).to_be_visible()
    assert_accessible(page, axe)
    page.get_by_role("button", name="Send the memo").click()

    expect(page.locator(".messagelist")).to_contain_text("The memo is on its way to cto@overdue.example")
    late.refresh_from_db()
    assert late.status == Brief.Status.MEMO_SENT
    assert late.events.filter(action="send_memo", actor__username="consultant").exists()
    (message,) = [m for m in mail.outbox if m.to == ["cto@overdue.example"] and "scope memo" in m.subject]
    assert message.attachments[0][2] == "application/pdf"
    expect(page.get_by_role("link", name="Won…")).to_be_visible()
    page.get_by_role("link", name="Briefs", exact=True).first.click()
    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name="Is the promise kept?")).to_be_visible()
    assert_accessible(page, axe)
