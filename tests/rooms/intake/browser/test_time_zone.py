"""The client's time zone comes from their browser, and their page gives the reply time in it."""

import pytest
from playwright.sync_api import expect

from scoping.models import Brief
from scoping.zones import client_datetime
from tests.support.factories import BriefFactory
from tests.support.steps import assert_accessible, to_the_project_step

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.SCOPING_MIN_FILL_SECONDS = 0


@pytest.mark.parametrize("width", [375, 1280])
def test_the_browsers_zone_is_kept_and_the_reply_time_is_given_in_it(browser, live_server, axe, console_errors, width):
    context = browser.new_context(timezone_id="Asia/Tokyo", viewport={"width": width, "height": 900})
    context.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
    page = context.new_page()
    to_the_project_step(page, live_server)
    assert Brief.objects.get().time_zone == "Asia/Tokyo"

    sent = BriefFactory()
    Brief.objects.filter(pk=sent.pk).update(time_zone="Asia/Tokyo")
    page.goto(f"{live_server.url}/brief/{sent.token}/")

    due = client_datetime(sent.reply_due_at, "Asia/Tokyo")
    expect(page.locator("time").first).to_have_text(due)
    assert due.endswith("(Tokyo time)")
    assert_accessible(page, axe)
    context.close()


def test_without_javascript_the_zone_is_ours_and_named(page_without_javascript, live_server):
    page = page_without_javascript
    to_the_project_step(page, live_server)
    assert Brief.objects.get().time_zone == ""

    sent = BriefFactory()
    page.goto(f"{live_server.url}/brief/{sent.token}/")

    expect(page.locator("time").first).to_contain_text("(London time, where we are)")
