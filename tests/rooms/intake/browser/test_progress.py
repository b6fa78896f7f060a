"""The progress steps tell assistive technology what the colours show: done, current, to do."""

import pytest
from playwright.sync_api import expect

from tests.support.steps import assert_accessible, to_the_project_step

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.SCOPING_MIN_FILL_SECONDS = 0


def test_each_step_says_in_words_whether_it_is_done_current_or_to_do(page, live_server, axe):
    page.set_viewport_size({"width": 1280, "height": 900})
    to_the_project_step(page, live_server)
    steps = page.get_by_role("navigation", name="Your progress").get_by_role("listitem")

    expect(steps.nth(0).get_by_role("link")).to_have_accessible_name("About you (done)")
    expect(steps.nth(1)).to_have_attribute("aria-current", "step")
    expect(steps.nth(1)).to_have_text("The project (current step)")
    for later in range(2, 6):
        expect(steps.nth(later)).to_contain_text("(to do)")
        expect(steps.nth(later)).not_to_have_attribute("aria-current", "step")
    assert page.locator(".progress .visually-hidden").first.bounding_box()["width"] <= 1, "for the ear, not the eye"
    assert_accessible(page, axe)

    page.get_by_role("link", name="About you (done)").click()
    expect(steps.nth(0)).to_have_text("About you (current step)")
    expect(steps.nth(1).get_by_role("link")).to_have_accessible_name("The project (to do)")


def test_on_a_phone_the_step_count_names_the_current_step(page, live_server, axe):
    page.set_viewport_size({"width": 375, "height": 800})
    to_the_project_step(page, live_server)

    expect(page.locator(".progress-count")).to_have_text("Step 2 of 6: The project")
    assert_accessible(page, axe)
