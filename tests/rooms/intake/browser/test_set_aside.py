"""A mis-tap loses nothing: answers hidden by a changed answer are set aside, listed, and back when it
is changed back, with htmx at a phone's width and a laptop's, and without JavaScript."""

import pytest
from playwright.sync_api import expect

from scoping.models import Brief
from tests.support.steps import answer, assert_accessible, group, heading, past_the_project_step

pytestmark = pytest.mark.django_db(transaction=True)
KNOWLEDGE_QUESTION = "must it look things up in a body of knowledge"


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.SCOPING_MIN_FILL_SECONDS = 0


@pytest.mark.parametrize("width", [375, 1280])
def test_yes_no_yes_brings_every_answer_back(page, live_server, axe, width):
    page.set_viewport_size({"width": width, "height": 900})
    past_the_project_step(page, live_server, "Mis-taps", "Nothing lost.", "")
    answer(page, "What is its main job?", "Answer questions from a body of knowledge")
    answer(page, KNOWLEDGE_QUESTION, "Yes")
    page.get_by_label("About how many documents?").fill("40")
    answer(page, "How often does that knowledge change?", "Weekly")
    answer(page, "Must answers cite", "Yes")

    answer(page, KNOWLEDGE_QUESTION, "No")

    kept = page.locator("#reveal-needs_knowledge .set-aside")
    expect(kept).to_contain_text("Set aside while you answer “No”, and not sent")
    expect(kept).to_contain_text("About how many documents? 40")
    expect(kept).to_contain_text("How often does that knowledge change? Weekly")
    expect(kept).to_contain_text("Must answers cite the sources they draw on? Yes")
    expect(page.get_by_label("About how many documents?")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page, axe)

    answer(page, KNOWLEDGE_QUESTION, "Yes")

    expect(page.get_by_label("About how many documents?")).to_have_value("40")
    expect(group(page, "How often does that knowledge change?").get_by_label("Weekly")).to_be_checked()
    expect(group(page, "Must answers cite").get_by_label("Yes", exact=True)).to_be_checked()
    expect(kept).to_have_count(0)


def test_without_javascript_the_answers_set_aside_are_listed_and_come_back(page_without_javascript, live_server):
    page = page_without_javascript
    past_the_project_step(page, live_server, "No scripts", "Nothing lost.", "")
    answer(page, "What is its main job?", "Answer questions from a body of knowledge")
    answer(page, KNOWLEDGE_QUESTION, "Yes")
    for question in ("several customers", "record of every question"):
        answer(page, question, "No")
    page.get_by_role("button", name="Continue", exact=True).click()
    page.get_by_label("About how many documents?").fill("12")
    answer(page, "How often does that knowledge change?", "Daily")

    answer(page, KNOWLEDGE_QUESTION, "No")
    page.get_by_role("button", name="Continue", exact=True).click()

    expect(page.get_by_role("status").first).to_contain_text("Your answer set aside the answers")
    expect(page.locator(".set-aside")).to_contain_text("About how many documents? 12")
    answer(page, KNOWLEDGE_QUESTION, "Yes")
    page.get_by_role("button", name="Continue", exact=True).click()
    expect(page.get_by_label("About how many documents?")).to_have_value("12")
    expect(group(page, "How often does that knowledge change?").get_by_label("Daily")).to_be_checked()
    for question in ("Must answers cite", "one model serve"):
        answer(page, question, "No")
    page.get_by_role("button", name="Continue", exact=True).click()

    expect(heading(page)).to_have_text("Behaviour and limits")
    brief = Brief.objects.get()
    assert (brief.needs_knowledge, brief.corpus_documents, brief.update_frequency) == (True, 12, "daily")
    assert brief.set_aside_answers == {}
