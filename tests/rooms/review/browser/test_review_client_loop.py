"""A consultant's side of the client loop in Chromium: asking the client, revising a sent memo and
seeing its versions and acceptance, axe clean at 1280 and 390 px."""

import pytest
from playwright.sync_api import expect

from decisions.ladder import Facts, Task
from scoping.models import Brief, ClientQuestion, SentMemo
from scoping.services.acceptance import scope_accept
from scoping.services.memo import memo_send
from tests.support.factories import BriefFactory
from tests.support.steps import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_consultant_asks_revises_and_sees_the_acceptance(page, live_server, consultant, axe, width):
    brief = BriefFactory(company="Loop Analytics", facts=Facts(task=Task.EXTRACT, needs_knowledge=True))
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, "consultant")
    page.goto(f"{live_server.url}/admin/scoping/brief/{brief.pk}/change/")

    page.get_by_role("link", name="Ask the client…").click()
    send = page.get_by_role("button", name="Send the questions")
    expect(send).to_be_visible()  # the ask page is drawn before axe reads it
    assert_accessible(page, axe)
    send.click()  # nothing chosen
    expect(page.get_by_text("Choose one of the engine's questions or write one of your own.")).to_be_visible()
    page.get_by_label("Your question 1").fill("Who checks the extracted fields?")
    page.get_by_role("button", name="Send the questions").click()
    expect(page.locator(".messagelist")).to_contain_text("Sent a question to")
    assert ClientQuestion.objects.filter(brief=brief).count() == 1

    memo_send(brief=brief, actor=consultant)
    page.reload()
    page.get_by_role("button", name="Revise").click()
    expect(page.locator(".messagelist")).to_contain_text("Revising")
    assert_accessible(page, axe)
    page.get_by_role("link", name="Send memo…").click()
    page.get_by_role("button", name="Send the memo").click()
    expect(page.locator(".errorlist")).to_contain_text("Tell the client what changed")
    page.get_by_label("What changed since the version the client has").fill("A smaller first phase.")
    page.get_by_role("button", name="Send the memo").click()
    expect(page.locator(".messagelist")).to_contain_text("The memo is on its way")
    assert SentMemo.objects.filter(brief=brief).count() == 2

    scope_accept(brief=brief, version=2, name="Ada Client", role="CTO")
    page.reload()
    expect(page.get_by_text("Ada Client, CTO, on")).to_be_visible()
    expect(page.get_by_role("link", name="Mark won…")).to_be_visible()
    assert_accessible(page, axe)
    assert Brief.objects.get(pk=brief.pk).status == Brief.Status.MEMO_SENT
