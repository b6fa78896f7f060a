"""The send page in Chromium, for a client whose name is markup aimed at the consultant."""

import re

import pytest
from playwright.sync_api import expect

from scoping.models import Brief
from tests.support.factories import BriefFactory
from tests.support.steps import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_hostile_name_cannot_hijack_the_send_button(page, live_server, consultant, axe):
    other = BriefFactory(company="Innocent Ltd")
    trap = (
        f"<form action=../../{other.pk}/act/mark_spam/ method=post>"
        '<meta http-equiv=refresh content="0;url=/admin/logout">'
    )
    assert len(trap) <= 120, "a name the form accepts"
    brief = BriefFactory(company="Target GmbH", contact_name=trap)

    sign_in(page, live_server, "consultant")
    page.goto(f"{live_server.url}/admin/scoping/brief/{brief.pk}/send/")
    expect(page.locator("meta[http-equiv='refresh' i], form[action*='mark_spam']")).to_have_count(0)
    page.wait_for_timeout(500)  # and had one slipped through some other way, long enough for it to fire

    expect(page).to_have_url(re.compile(rf"/admin/scoping/brief/{brief.pk}/send/$"))
    expect(page.get_by_label("Text")).to_have_value(re.compile(rf"^Hello {re.escape(trap.split()[0])},"))
    assert_accessible(page, axe)
    page.get_by_role("button", name="Send the memo").click()

    expect(page.locator(".messagelist")).to_contain_text("The memo is on its way")
    brief.refresh_from_db()
    assert brief.memo_email_text == "", "sent as written: ours"
    other.refresh_from_db()
    assert (brief.status, other.status) == (Brief.Status.MEMO_SENT, Brief.Status.SUBMITTED)
