"""Numbers refused in the client's own terms: the message quotes what they typed and offers what it
most likely meant, and every control's red border follows aria-invalid (what a screen reader hears)."""

import re

import pytest
from playwright.sync_api import expect

from tests.support.steps import answer, assert_accessible, group, past_the_project_step, to_the_project_step

pytestmark = pytest.mark.django_db(transaction=True)
WIDTHS = [375, 1280]
RED = "rgb(180, 35, 24)"


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.SCOPING_MIN_FILL_SECONDS = 0


def border(locator) -> str:
    return locator.evaluate("element => getComputedStyle(element).borderTopColor")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_number_in_someone_elses_notation_is_quoted_and_offered_its_reading(page, live_server, axe, width):
    page.set_viewport_size({"width": width, "height": 900})
    to_the_project_step(page, live_server)
    volume = page.get_by_label("Expected requests a month")
    assert border(volume) != RED

    volume.fill("3.500")
    volume.press("Tab")

    expect(page.locator("#id_monthly_queries_error")).to_have_text(
        re.compile(r"^“3\.500”: did you mean 3,500\? A dot or comma can be a decimal point")
    )
    expect(volume).to_have_attribute("aria-invalid", "true")
    assert border(volume) == RED, "the eye sees what the screen reader hears"
    assert_accessible(page, axe)
    volume.fill("3,500")
    volume.press("Tab")
    expect(page.locator("#id_monthly_queries_error")).to_be_empty()
    expect(volume).not_to_have_attribute("aria-invalid", "true")
    assert border(volume) != RED


@pytest.mark.parametrize("width", WIDTHS)
def test_a_group_of_radios_shows_its_error_while_it_is_invalid(page, live_server, width):
    page.set_viewport_size({"width": width, "height": 900})
    past_the_project_step(page, live_server, "Borders", "Show errors to the eye too.")
    page.get_by_role("button", name="Continue", exact=True).click()  # nothing answered: errors
    choices = group(page, "What is its main job?").locator("label")
    expect(group(page, "What is its main job?").get_by_role("radio").first).to_have_attribute("aria-invalid", "true")
    assert border(choices.first) == RED

    answer(page, "What is its main job?", "Hold a conversation, such as intake or coaching")

    expect(group(page, "What is its main job?").get_by_role("radio").first).not_to_have_attribute(
        "aria-invalid", "true"
    )
    assert {border(choices.nth(i)) for i in range(choices.count())} & {RED} == set()


def test_without_javascript_the_message_and_the_border_come_with_the_page(page_without_javascript, live_server):
    page = page_without_javascript
    to_the_project_step(page, live_server)
    page.get_by_label("Project name").fill("No scripts")
    page.get_by_label("What should it do, and for whom?").fill("Plain forms.")
    page.get_by_label("Budget for the first year, up to").fill("£80.000")
    page.get_by_role("button", name="Continue", exact=True).click()

    expect(page.get_by_role("alert")).to_contain_text("“£80.000”: did you mean 80,000 or 80?")
    budget = page.get_by_label("Budget for the first year, up to")
    expect(budget).to_have_value("£80.000")  # nothing typed is lost
    expect(budget).to_have_attribute("aria-invalid", "true")
    assert border(budget) == RED
