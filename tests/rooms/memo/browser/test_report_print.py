"""Printing the report in Chromium: the content alone, in numbered pages."""

import pytest
from playwright.sync_api import expect

from decisions.ladder import Facts
from tests.support.factories import BriefFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_printed_report_has_no_site_chrome(page, live_server):
    brief = BriefFactory(facts=Facts(needs_knowledge=True, corpus_documents=40, multi_tenant=True))
    page.goto(f"{live_server.url}/brief/{brief.token}/report/")
    expect(page.locator(".site-header")).to_be_visible()

    page.emulate_media(media="print")

    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.get_by_role("heading", name="What it costs")).to_be_visible()
    assert page.pdf(format="A4")[:5] == b"%PDF-", "Chromium prints it"
