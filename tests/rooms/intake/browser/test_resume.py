"""A brief saved for later and opened from the emailed link in another browser: it picks up where it
was left, the first reading included, at a phone's width and a laptop's."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.support.steps import answer, assert_accessible, heading, to_the_knowledge_step

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.SCOPING_MIN_FILL_SECONDS = 0


def emailed_link() -> str:
    (message,) = [m for m in mail.outbox if "link to finish it" in m.subject]
    return re.search(r"https?://\S+/brief/[\w-]+/", message.body).group(0)


@pytest.mark.parametrize(("width", "javascript"), [(375, True), (1280, True), (1280, False)])
def test_a_resumed_brief_shows_its_first_reading_at_once_in_another_browser(
    page, browser, live_server, axe, console_errors, width, javascript
):
    page.set_viewport_size({"width": width, "height": 900})
    to_the_knowledge_step(page, live_server)
    page.get_by_role("button", name="Continue", exact=True).click()
    expect(heading(page)).to_have_text("Behaviour and limits")
    answer(page, "strict format", "No")  # one answer of the step: it cannot be saved yet
    page.get_by_role("button", name="Save and continue later").click()
    expect(heading(page)).to_have_text("Your answers are saved")

    other = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript)
    other.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
    resumed = other.new_page()
    resumed.goto(emailed_link())

    expect(resumed.get_by_role("heading", level=1)).to_have_text("Behaviour and limits")
    strict = resumed.get_by_role("group", name=re.compile("strict format"))
    expect(strict.get_by_label("No", exact=True)).to_be_checked()
    reading = resumed.locator("#preliminary-body")
    expect(reading).to_contain_text("Prompting")
    expect(reading).not_to_contain_text("as soon as you have told us")
    if javascript:  # axe runs as a script in the page
        assert_accessible(resumed, axe)
    other.close()
