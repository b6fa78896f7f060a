"""The cost chart on the report opens on the client's own volume, on a phone as on a laptop."""

import pytest
from playwright.sync_api import expect

from decisions.ladder import Facts
from tests.support.factories import BriefFactory
from tests.support.steps import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [375, 1280])
def test_the_chart_opens_with_the_clients_volume_in_view(page, live_server, axe, width):
    brief = BriefFactory(monthly_queries=2_000_000, facts=Facts(needs_knowledge=True, corpus_documents=40))
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/brief/{brief.token}/report/")
    frame = page.locator(".chart-scroll").first
    frame.scroll_into_view_if_needed()

    expect(page.locator(".chart svg text").filter(has_text="Your volume: 2M/month").first).to_be_visible()
    box, marker = frame.bounding_box(), page.locator(".chart-marker").first.bounding_box()
    assert box["x"] <= marker["x"] <= box["x"] + box["width"] * 0.75, "the marker, and its label beside it, in view"
    if width == 375:
        assert frame.evaluate("element => element.scrollLeft") > 0, "scrolled to the volume, not the left edge"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page, axe)
