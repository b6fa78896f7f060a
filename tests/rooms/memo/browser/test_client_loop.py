"""The client's side of the loop (answering questions, a revised memo, accepting its scope) in
Chromium: on a phone and a laptop, axe clean, nothing scrolling sideways, and without JavaScript."""

import pytest
from playwright.sync_api import Page, expect

from decisions.ladder import Facts, RuleId, Task
from scoping.models import Brief, ScopeAcceptance
from scoping.services.memo import memo_revise, memo_send
from scoping.services.questions import OwnQuestion, questions_ask
from scoping.services.review import brief_start_review
from tests.support.factories import BriefFactory, ConsultantFactory
from tests.support.steps import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)
WIDTHS = [390, 1280]


def audit(page: Page, axe) -> None:
    assert_accessible(page, axe)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


@pytest.fixture
def revised():
    """A memo sent, revised with a higher adjustment and sent again as version 2."""
    consultant = ConsultantFactory(username="priya", first_name="Priya", last_name="Shah")
    brief = memo_send(
        brief=BriefFactory(company="Northwind Traders", facts=Facts(needs_knowledge=True, corpus_documents=40000)),
        actor=consultant,
    )
    brief = memo_revise(brief=brief, actor=consultant)
    Brief.objects.filter(pk=brief.pk).update(budget_adjustment_percent=40)
    return memo_send(
        brief=brief, actor=consultant, changes="We added a second pilot team, so the first year costs more."
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_the_client_reads_the_revision_and_accepts_its_scope(page, live_server, axe, revised, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/brief/{revised.token}/")

    versions = page.get_by_role("region", name="Revised on")
    expect(versions).to_contain_text("this is version 2")
    expect(versions).to_contain_text("We added a second pilot team")
    earlier = versions.get_by_role("link", name="Version 1")
    assert page.request.get(live_server.url + earlier.get_attribute("href")).body()[:5] == b"%PDF-"
    expect(page.get_by_text("It is not a legal electronic signature")).to_be_visible()
    audit(page, axe)

    page.get_by_role("button", name="Accept version 2").click()  # nothing filled in
    expect(page.get_by_text("Please fill in “Your full name”")).to_be_visible()
    expect(page.get_by_text("Tick the box to confirm")).to_be_visible()
    expect(page.get_by_label("Your full name")).to_have_attribute("aria-invalid", "true")
    audit(page, axe)
    page.get_by_label("Your full name").fill("Maya Lindqvist")
    page.get_by_label("Your role").fill("Head of support")
    page.get_by_role("button", name="Accept version 2").click()
    expect(page.get_by_label("Your role")).to_have_value("Head of support")  # kept, the box still to tick
    page.get_by_label("on behalf of Northwind Traders").check()
    page.get_by_role("button", name="Accept version 2").click()

    expect(page.get_by_role("heading", name="You accepted this scope")).to_be_visible()
    acceptance = ScopeAcceptance.objects.get(brief=revised)
    expect(page.locator(".digest")).to_have_text(acceptance.pdf_sha256)
    audit(page, axe)

    page.goto(f"{live_server.url}/brief/{revised.token}/report/")
    expect(page.get_by_role("region", name="Revised on")).to_contain_text("What changed")
    audit(page, axe)


def test_accepting_works_without_javascript(page_without_javascript, live_server, revised):
    page = page_without_javascript
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/brief/{revised.token}/")

    page.get_by_label("Your full name").fill("Maya Lindqvist")
    page.get_by_label("Your role").fill("")
    page.get_by_label("on behalf of Northwind Traders").check()
    page.get_by_role("button", name="Accept version 2").click()
    expect(page.get_by_text("Please fill in “Your role”")).to_be_visible()
    expect(page.get_by_label("Your full name")).to_have_value("Maya Lindqvist")
    page.get_by_label("Your role").fill("Head of support")
    page.get_by_label("on behalf of Northwind Traders").check()
    page.get_by_role("button", name="Accept version 2").click()

    expect(page.get_by_role("heading", name="You accepted this scope")).to_be_visible()
    assert ScopeAcceptance.objects.filter(brief=revised, version__number=2).exists()


@pytest.fixture
def asked():
    """A brief in review whose consultant asked the engine's question about inputs and one of their own."""
    consultant = ConsultantFactory(username="priya")
    brief = BriefFactory(company="Northwind Traders", facts=Facts(task=Task.EXTRACT, needs_knowledge=True))
    brief = brief_start_review(brief=brief, actor=consultant)
    questions_ask(
        brief=brief,
        actor=consultant,
        engine=[RuleId.ASK_INPUTS_OR_KNOWLEDGE.value],
        own=[OwnQuestion("Who checks the extracted fields before they are used?")],
    )
    return brief


@pytest.mark.parametrize("width", WIDTHS)
def test_the_client_answers_the_consultants_questions(page, live_server, axe, asked, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/brief/{asked.token}/")
    page.get_by_role("link", name="Answer them").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Questions about your brief")
    audit(page, axe)
    page.get_by_role("button", name="Send my answers").click()  # the question of their own left empty
    expect(page.get_by_role("alert")).to_contain_text("Please check these answers")
    expect(page.get_by_text("Please answer this question: a few words are enough.").first).to_be_visible()
    audit(page, axe)
    first = page.get_by_role("region", name="Question 1")
    first.get_by_label("No", exact=True).check()
    first.get_by_label("Anything to add? (optional)").fill("They are the invoices themselves.")
    page.get_by_role("region", name="Question 2").get_by_label("Your answer").fill("Our finance team.")
    page.get_by_role("button", name="Send my answers").click()

    expect(page.get_by_role("status").first).to_contain_text("We have your answers")
    audit(page, axe)
    assert Brief.objects.get(pk=asked.pk).needs_knowledge is False


def test_answering_works_without_javascript(page_without_javascript, live_server, asked):
    page = page_without_javascript
    page.goto(f"{live_server.url}/brief/{asked.token}/questions/")

    page.get_by_role("region", name="Question 2").get_by_label("Your answer").fill("Our finance team.")
    page.get_by_role("region", name="Question 1").get_by_label("Anything to add? (optional)").fill("x" * 2001)
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("over the limit of 2000").first).to_be_visible()
    expect(page.get_by_role("region", name="Question 2").get_by_label("Your answer")).to_have_value("Our finance team.")
    page.get_by_role("region", name="Question 1").get_by_label("Anything to add? (optional)").fill(
        "Yes, a separate library."
    )
    page.get_by_role("button", name="Send my answers").click()

    expect(page.get_by_text("We have your answers")).to_be_visible()
