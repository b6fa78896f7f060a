"""Every admin page a consultant uses, at 375 and 768 px as well as 1280: nothing cut off or out of
reach of the keyboard, and axe finds nothing."""

import pytest
from playwright.sync_api import expect

from scoping.services.memo import memo_send
from scoping.services.questions import OwnQuestion, questions_ask
from scoping.services.review import brief_start_review
from tests.support.factories import BriefFactory, ConsultantFactory
from tests.support.steps import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_admin_pages_fit_every_width_and_pass_axe(page, live_server, axe):
    consultant = ConsultantFactory(username="morning")
    brief = brief_start_review(brief=BriefFactory(company="Wide Answers Ltd"), actor=consultant)
    waiting = BriefFactory(company="Waiting Answers Ltd")  # in My queue as "waiting for the client since …"
    questions_ask(brief=waiting, actor=consultant, engine=[], own=[OwnQuestion("Who reads the answers?")])
    page.goto(f"{live_server.url}/admin/login/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sign in")
    assert_accessible(page, axe)
    sign_in(page, live_server, consultant.username)
    sent = memo_send(brief=BriefFactory(company="Sent Ltd"), actor=consultant)
    pages = [
        "/admin/",
        "/admin/scoping/brief/",
        f"/admin/scoping/brief/{brief.pk}/change/",
        f"/admin/scoping/brief/{brief.pk}/history/",
        f"/admin/scoping/brief/{brief.pk}/send/",
        f"/admin/scoping/brief/{brief.pk}/decline/",
        f"/admin/scoping/brief/{brief.pk}/spam/",
        f"/admin/scoping/brief/{sent.pk}/change/",
        f"/admin/scoping/brief/{sent.pk}/won/",
        f"/admin/scoping/brief/{sent.pk}/lost/",
        "/admin/scoping/brief/dashboard/",
        "/admin/scoping/consultantprofile/",
        "/admin/decisions/assumptionset/",
    ]
    for width in (1280, 768, 375):
        page.set_viewport_size({"width": width, "height": 900})
        for path in pages:
            page.goto(live_server.url + path)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{path} at {width} px scrolls sideways by {overflow} px"
            assert_accessible(page, axe)
    # At a tablet's width the list has the page: the deadline column is in view, filters below.
    page.set_viewport_size({"width": 768, "height": 900})
    page.goto(f"{live_server.url}/admin/scoping/brief/")
    due = page.locator("#result_list thead th", has_text="Reply due").bounding_box()
    assert due["x"] + due["width"] <= 768
    assert page.locator("#changelist-filter").bounding_box()["y"] > page.locator("#result_list").bounding_box()["y"]
    # The history's last column can be reached on a phone.
    page.goto(f"{live_server.url}/admin/scoping/brief/{brief.pk}/change/")
    detail = page.locator("table.history th", has_text="Detail")
    detail.scroll_into_view_if_needed()
    box = detail.bounding_box()
    assert box is not None and box["width"] > 0  # noqa: PT018
