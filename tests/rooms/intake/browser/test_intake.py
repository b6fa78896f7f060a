"""The brief form in Chromium: with htmx on a phone, by keyboard alone, and without JavaScript."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from scoping.models import Brief
from tests.support.steps import answer, assert_accessible, group, past_the_project_step, to_the_project_step

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.SCOPING_MIN_FILL_SECONDS = 0
    settings.CONSULTANT_EMAILS = ["desk@consultancy.example"]


# The behaviour step's yes/no questions, by a phrase of each.
BEHAVIOUR_QUESTIONS = (
    "strict format",
    "speed or the cost",
    "specialised vocabulary",
    "personal data",
    "check each output",
)


def audit(page: Page, axe) -> None:
    """The page as it stands once any answer check on its way has been drawn: axe, and no sideways scroll."""
    expect(page.locator(".htmx-request")).to_have_count(0)
    assert_accessible(page, axe)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_a_client_completes_a_brief_on_a_phone_with_htmx(page, live_server, axe):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/?utm_source=browser-test")
    page.get_by_role("link", name="Send the brief").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("About you")
    audit(page, axe)
    page.get_by_label("Your name").fill("Grace Hopper")
    page.get_by_label("Work email").fill("grace@navy")
    page.get_by_label("Work email").press("Tab")  # inline, before sending: the same form's message
    expect(page.locator("#id_contact_email_error")).to_contain_text("Write a full email address")
    expect(page.get_by_label("Work email")).to_have_attribute("aria-invalid", "true")
    page.get_by_role("button", name="Continue", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Please check these answers")
    expect(page.get_by_label("Work email")).to_be_focused()  # the first error takes the focus
    expect(page.get_by_label("Your name")).to_have_value("Grace Hopper")
    audit(page, axe)
    page.get_by_label("Work email").fill("grace@example.com")
    page.get_by_label("Company").fill("Navy Labs")
    page.get_by_role("button", name="Continue", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("The project")
    page.evaluate("window.stillTheSamePage = true")  # htmx swaps the step; a full load would clear this
    audit(page, axe)
    page.get_by_label("Project name").fill("Answers for our support team")
    page.get_by_label("What should it do, and for whom?").fill("Answer customer questions from our manuals.")
    page.get_by_label("Expected requests a month").fill("20000")
    page.get_by_label("Budget for the first year, up to").fill("80k")
    page.get_by_label("From (optional, if your budget is a range)").fill("£90k")
    page.get_by_label("From (optional, if your budget is a range)").press("Tab")
    expect(page.locator("#id_budget_low_error")).to_contain_text("The start of the range is above its end")
    page.get_by_label("From (optional, if your budget is a range)").fill("50,000")
    answer(page, "Currency of that budget", "£ Pounds sterling")
    page.get_by_role("button", name="Continue", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Job and knowledge")
    assert page.evaluate("window.stillTheSamePage") is True
    expect(page).to_have_url(re.compile(r"/brief/[\w-]+/knowledge/$"))
    panel = page.locator("#preliminary-body")
    expect(panel).to_contain_text(
        "as soon as you have told us what the system does and whether it looks things up"
    )  # no defaults
    answer(page, "What is its main job?", "Pull structured fields out of each document or record it is given")
    pages = page.get_by_label("How long is one document it works on, typically?")
    expect(pages).to_be_visible()  # appeared through htmx: documents it is given are its inputs
    answer(page, "What is its main job?", "Answer questions from a body of knowledge")
    expect(pages).to_be_hidden()
    answer(page, "must it look things up in a body of knowledge", "Yes")
    documents = page.get_by_label("About how many documents?")
    expect(documents).to_be_visible()  # appeared through htmx, without leaving the page
    documents.fill("-3")
    documents.press("Tab")
    expect(page.locator("#id_corpus_documents_error")).to_contain_text("The number of documents is at least 1")
    expect(documents).to_have_attribute("aria-invalid", "true")
    documents.fill("40")
    documents.press("Tab")
    expect(page.locator("#id_corpus_documents_error")).to_be_empty()
    expect(documents).not_to_have_attribute("aria-invalid", "true")
    page.get_by_label("About how many pages in all?").fill("100")
    answer(page, "How often does that knowledge change?", "Rarely or never")
    answer(page, "Must answers cite the sources", "No")
    answer(page, "Should one model serve many different use cases?", "No")
    answer(page, "several customers whose data must never mix", "No")
    answer(page, "record of every question and answer", "No")
    expect(panel).to_contain_text("Prompting")
    answer(page, "several customers whose data must never mix", "Yes")
    expect(panel).to_contain_text("Retrieval-augmented generation (RAG)")
    audit(page, axe)
    page.get_by_role("button", name="Continue", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Behaviour and limits")
    page.reload()  # halfway: nothing saved is lost
    expect(page.get_by_role("heading", level=1)).to_have_text("Behaviour and limits")
    page.go_back()  # the browser's Back button: the previous step, as saved
    expect(page.get_by_role("heading", level=1)).to_have_text("Job and knowledge")
    expect(page.get_by_label("About how many documents?")).to_have_value("40")
    expect(group(page, "several customers").get_by_label("Yes", exact=True)).to_be_checked()
    page.go_forward()
    expect(page.get_by_role("heading", level=1)).to_have_text("Behaviour and limits")
    for question in BEHAVIOUR_QUESTIONS:
        answer(page, question, "No")
    answer(page, "what do you hope it would do?", "Nothing in particular")
    audit(page, axe)
    page.get_by_role("button", name="Continue", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Where you are")
    answer(page, "Do you have an eval set?", "No")
    answer(page, "Have you tried prompting", "Tried informally")
    answer(page, "Have you tried retrieval", "Not tried yet")
    page.get_by_role("button", name="Continue", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check and send")
    expect(page.get_by_text("Answers for our support team")).to_be_visible()
    expect(page.locator(".preliminary")).to_contain_text("Retrieval-augmented generation (RAG)")
    audit(page, axe)
    page.get_by_role("button", name="Send the brief").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("your brief is with us")
    expect(page.get_by_text("and we will reply by")).to_be_visible()
    expect(page.locator(".preliminary")).to_contain_text("Retrieval-augmented generation (RAG)")
    audit(page, axe)
    brief = Brief.objects.get()
    expect(page.get_by_role("link", name=re.compile(re.escape(brief.token)))).to_be_visible()
    assert (brief.status, brief.utm_source, brief.multi_tenant) == ("submitted", "browser-test", True)
    assert sorted(message.to[0] for message in mail.outbox) == ["desk@consultancy.example", "grace@example.com"]


def tab_to(page: Page, target) -> None:
    """Press Tab until ``target`` has the focus, as a keyboard user would."""
    for _ in range(60):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {target}")


def key_choose(page: Page, question: str, downs: int = 0) -> None:
    """Tab into a group of radio buttons, then pick the option ``downs`` arrows below the first."""
    tab_to(page, group(page, question).get_by_role("radio").first)
    page.keyboard.press("Space")
    for _ in range(downs):
        page.keyboard.press("ArrowDown")


def key_type(page: Page, label: str, text: str) -> None:
    tab_to(page, page.get_by_label(label, exact=True))
    page.keyboard.type(text)


def key_continue(page: Page, heading: str) -> None:
    tab_to(page, page.get_by_role("button", name=re.compile("^(Continue|Send the brief)$")))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)


def test_a_brief_can_be_completed_with_the_keyboard_alone(page, live_server):
    page.goto(f"{live_server.url}/brief/new/")
    key_type(page, "Your name", "Kim Keys")
    key_type(page, "Work email", "kim@example.com")
    key_type(page, "Company", "Keyboard Co")
    key_continue(page, "The project")
    key_type(page, "Project name", "Keyboard only")
    key_type(page, "What should it do, and for whom?", "Everything by keyboard.")
    key_type(page, "Budget for the first year, up to", "$150,000")
    key_continue(page, "Job and knowledge")
    key_choose(page, "What is its main job?")
    key_choose(page, "must it look things up in a body of knowledge")
    key_type(page, "About how many documents?", "20000")
    key_choose(page, "How often does that knowledge change?", downs=5)
    for question in ("Must answers cite", "one model serve", "several customers", "record of every question"):
        key_choose(page, question, downs=1)
    key_continue(page, "Behaviour and limits")
    for question in BEHAVIOUR_QUESTIONS:
        key_choose(page, question, downs=1)
    key_choose(page, "what do you hope it would do?")
    key_continue(page, "Where you are")
    key_choose(page, "Do you have an eval set?", downs=1)
    key_choose(page, "Have you tried prompting")
    key_choose(page, "Have you tried retrieval")
    key_continue(page, "Check and send")
    key_continue(page, "your brief is with us")

    brief = Brief.objects.get()
    assert (brief.task, brief.budget_high, brief.budget_currency, brief.corpus_documents, brief.update_frequency) == (
        "answer",
        150_000,
        "USD",  # the currency written beside the amount
        20000,
        "daily",
    )
    assert brief.engine_approach == "rag"


def test_a_brief_can_be_completed_without_javascript(page_without_javascript, live_server):
    page = page_without_javascript
    page.goto(f"{live_server.url}/brief/new/")
    page.get_by_label("Your name").fill("Nora Script")
    page.get_by_label("Work email").fill("nora@example.com")
    page.get_by_label("Company").fill("Plain HTML Ltd")
    page.get_by_role("button", name="Continue", exact=True).click()
    page.get_by_label("Project name").fill("No scripts")
    page.get_by_label("What should it do, and for whom?").fill("Works with plain forms.")
    page.get_by_role("button", name="Continue", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Job and knowledge")
    answer(page, "What is its main job?", "Answer questions from a body of knowledge")
    answer(page, "must it look things up in a body of knowledge", "Yes")
    expect(page.get_by_label("About how many documents?")).to_have_count(0)
    for question in ("several customers", "record of every question"):
        answer(page, question, "No")
    page.get_by_role("button", name="Continue", exact=True).click()
    opened = page.get_by_role("status").filter(has_text="opened a few more questions")
    expect(opened).to_be_visible()
    expect(opened).not_to_have_class(re.compile("notice-problem"))  # news, not an error
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.get_by_label("About how many documents?")).to_be_focused()  # the first question it opened
    page.get_by_label("About how many documents?").fill("12")
    answer(page, "How often does that knowledge change?", "Daily")
    for question in ("Must answers cite", "one model serve"):
        answer(page, question, "No")
    page.get_by_role("button", name="Continue", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Behaviour and limits")
    for question in BEHAVIOUR_QUESTIONS:
        answer(page, question, "No")
    answer(page, "what do you hope it would do?", "Nothing in particular")
    page.get_by_role("button", name="Continue", exact=True).click()
    answer(page, "Do you have an eval set?", "No")
    answer(page, "Have you tried prompting", "Not tried yet")
    answer(page, "Have you tried retrieval", "Not tried yet")
    page.get_by_role("button", name="Continue", exact=True).click()
    page.get_by_role("button", name="Send the brief").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("your brief is with us")
    brief = Brief.objects.get()
    assert (brief.status, brief.corpus_documents, brief.update_frequency) == ("submitted", 12, "daily")
    assert brief.engine_approach == "rag"


def test_a_long_answer_shows_its_room_left_and_is_never_cut(page, live_server):
    page.set_viewport_size({"width": 375, "height": 800})
    to_the_project_step(page, live_server)
    summary = page.get_by_label("What should it do, and for whom?")

    summary.fill("a" * 3000)
    expect(page.locator("#id_project_summary_count")).to_be_hidden()
    summary.fill("a" * 4900)
    expect(page.locator("#id_project_summary_count")).to_have_text("100 characters left.")
    summary.fill("a" * 5100)  # a paste past the limit stays whole

    expect(page.locator("#id_project_summary_count")).to_contain_text("100 characters over the limit of 5,000")
    assert len(summary.input_value()) == 5100


def test_answering_a_radio_question_clears_its_invalid_state_for_screen_readers(page, live_server):
    past_the_project_step(page, live_server, "Radios", "Check the invalid state.")
    page.get_by_role("button", name="Continue", exact=True).click()  # nothing answered: errors
    radios = group(page, "What is its main job?").get_by_role("radio")
    expect(radios.first).to_have_attribute("aria-invalid", "true")

    answer(page, "What is its main job?", "Hold a conversation, such as intake or coaching")

    for index in range(radios.count()):
        expect(radios.nth(index)).not_to_have_attribute("aria-invalid", "true")


@pytest.mark.parametrize("pressed_on", ["a currency", "the heading"])
def test_a_click_is_not_lost_when_a_reply_moves_the_questions_under_the_pointer(page, live_server, pressed_on):
    # Leaving "From" checks it; the reply clears its error and would move the currencies up. It
    # arrives while the pointer is pressed: it waits, so a click on a currency still chooses it, and
    # a click on nothing in particular checks the answers again on release.
    to_the_project_step(page, live_server)
    page.get_by_label("Budget for the first year, up to").fill("80k")
    start = page.get_by_label("From (optional, if your budget is a range)")
    start.fill("90k")
    start.press("Tab")
    error = page.locator("#id_budget_low_error")
    expect(error).to_contain_text("The start of the range is above its end")
    start.fill("50k")
    pounds = group(page, "Currency of that budget").get_by_label("£ Pounds sterling", exact=True)
    target = pounds if pressed_on == "a currency" else page.get_by_role("heading", level=1)
    box = target.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    with page.expect_response(re.compile(r"/check/")):
        page.mouse.down()  # the focus leaves "From": its check goes out
    expect(page.locator(".htmx-request")).to_have_count(0)  # and its reply is in
    expect(error).to_contain_text("above its end")  # held while the pointer is down
    before = pounds.bounding_box()["y"]
    page.mouse.up()

    expect(error).to_be_empty()
    expect(start).not_to_have_attribute("aria-invalid", "true")
    assert pounds.bounding_box()["y"] < before, "the reply moved the currencies up"
    if pressed_on == "a currency":
        expect(pounds).to_be_checked()
    else:
        expect(pounds).not_to_be_checked()
