"""The brief's page loses nothing typed: moves refuse while edits are unsaved, leaving asks first,
and the save buttons stay in view."""

import pytest
from playwright.sync_api import expect

from scoping.models import Brief
from tests.support.factories import BriefFactory, ConsultantFactory
from tests.support.steps import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_move_refuses_while_the_note_is_unsaved(page, live_server):
    brief = BriefFactory(company="Careful Ltd")
    consultant = ConsultantFactory(username="careful")
    sign_in(page, live_server, consultant.username)
    page.goto(f"{live_server.url}/admin/scoping/brief/{brief.pk}/change/")

    expect(page.locator(".unsaved-notice")).to_be_hidden()
    page.get_by_label("Note to the client (in the memo)").fill("Thank you for the call.")
    page.get_by_role("button", name="Start review").click()

    expect(page.get_by_role("alert")).to_contain_text("You have unsaved changes on this page")
    brief.refresh_from_db()
    assert brief.status == Brief.Status.SUBMITTED, "the move was not made"
    expect(page.get_by_label("Note to the client (in the memo)")).to_have_value("Thank you for the call.")

    page.get_by_role("link", name="Send memo…").click()
    assert "/send/" not in page.url

    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.get_by_role("button", name="Start review").click()  # saved: the move goes ahead
    expect(page.locator(".messagelist")).to_contain_text("You are reviewing this brief")
    assert Brief.objects.get(pk=brief.pk).consultant_note == "Thank you for the call."


def test_leaving_a_changed_page_asks_first(page, live_server):
    brief = BriefFactory()
    sign_in(page, live_server, ConsultantFactory(username="leaver").username)
    page.goto(f"{live_server.url}/admin/scoping/brief/{brief.pk}/change/")
    page.get_by_label("Internal notes (never in the memo)").fill("Call back on Monday")

    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Briefs", exact=True).first.click()

    assert dialogs == ["beforeunload"]
    assert page.url.endswith(f"/admin/scoping/brief/{brief.pk}/change/")


def test_the_save_buttons_stay_in_view(page, live_server):
    brief = BriefFactory()
    sign_in(page, live_server, ConsultantFactory(username="scroller").username)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/admin/scoping/brief/{brief.pk}/change/")

    save = page.get_by_role("button", name="Save and continue editing")
    box = save.bounding_box()
    assert box["y"] + box["height"] <= 800, "in view at the top of a long page, without scrolling"


def test_the_estimate_follows_the_adjustment_as_it_is_typed(page, live_server, axe):
    brief = BriefFactory(monthly_queries=20_000)
    sign_in(page, live_server, ConsultantFactory(username="estimator").username)
    for width in (1280, 768):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/admin/scoping/brief/{brief.pk}/change/")
        assert_accessible(page, axe)
        assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.get_by_label("Budget adjustment (%)").fill("60")

    expect(page.locator("#estimate")).to_contain_text("team effort raised by 60%, from")
    assert Brief.objects.get(pk=brief.pk).budget_adjustment_percent == 0, "nothing saved until Save"


def test_a_page_drawn_again_with_errors_still_counts_as_unsaved(page, live_server):
    brief = BriefFactory()
    sign_in(page, live_server, ConsultantFactory(username="hasty").username)
    page.goto(f"{live_server.url}/admin/scoping/brief/{brief.pk}/change/")
    page.get_by_label("Approach (override)").select_option("rag")  # without its reason: refused
    page.get_by_label("Note to the client (in the memo)").fill("Speak soon.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".errorlist")).to_contain_text("Tell the client why")
    expect(page.locator(".unsaved-notice")).to_be_attached()  # review.js has set up its guard

    page.get_by_role("link", name="Send memo…").click()

    expect(page.locator(".unsaved-notice")).to_be_visible()
    assert "/send/" not in page.url
    expect(page.get_by_label("Note to the client (in the memo)")).to_have_value("Speak soon.")
