"""The team's workspace in Chromium, at a phone's and a desk's width, axe clean, without JavaScript
where a form is sent: taking over a colleague's brief, a comment that mentions someone who is not
on the team, a reopened brief showing what the client sees, the choice of digest or at once, and
recovery codes to download."""

from pathlib import Path

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from scoping.models import Brief, ConsultantProfile
from scoping.services.review import brief_decline, brief_reopen, brief_review_save
from tests.support.factories import BriefFactory, ConsultantFactory
from tests.support.steps import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
WIDTHS = (390, 1280)


@pytest.fixture
def theirs(db):
    maya = ConsultantFactory(username="maya", first_name="Maya", last_name="Lindqvist")
    brief = BriefFactory(company="Acme Analytics")
    brief.consultant_note = "Half-written: we could start in"
    brief_review_save(brief=brief, actor=maya, changed=["consultant_note"])
    return brief


def look(page, live_server, path, axe) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} at {width} px scrolls sideways by {overflow} px"
        assert_accessible(page, axe)


def test_sending_a_colleagues_memo_asks_to_take_it_over(
    page, page_without_javascript, live_server, consultant, theirs, axe
):
    sign_in(page, live_server, "consultant")
    look(page, live_server, f"/admin/scoping/brief/{theirs.pk}/send/", axe)
    expect(page.get_by_text("Maya Lindqvist has this brief.")).to_be_visible()
    crumbs = page.locator("ol.breadcrumbs")
    expect(crumbs.locator("li")).to_have_count(4)
    assert crumbs.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)", "the admin's style"
    page.get_by_label("Subject").fill("Our scope for Acme")
    page.get_by_role("button", name="Send the memo").click()
    expect(page.locator(".errorlist")).to_contain_text("Tick “Take it over” to go on as yourself")
    assert_accessible(page, axe)  # the page with its error, as the browser with JavaScript shows it

    page = page_without_javascript  # Playwright cannot run axe or measure in a page with JavaScript off
    sign_in(page, live_server, "consultant")
    page.goto(f"{live_server.url}/admin/scoping/brief/{theirs.pk}/send/")

    page.get_by_label("Subject").fill("Our scope for Acme")
    page.get_by_role("button", name="Send the memo").click()
    expect(page.locator(".errorlist")).to_contain_text("Tick “Take it over” to go on as yourself")
    expect(page.get_by_label("Subject")).to_have_value("Our scope for Acme")

    page.get_by_label("Take it over from Maya Lindqvist").check()
    page.get_by_role("button", name="Send the memo").click()
    expect(page.locator(".messagelist")).to_contain_text("The memo is on its way")
    brief = Brief.objects.get(pk=theirs.pk)
    assert (brief.status, brief.assigned_to, brief.memo_email_subject) == (
        Brief.Status.MEMO_SENT, consultant, "Our scope for Acme",
    )  # fmt: skip


def test_the_brief_page_asks_before_editing_a_colleagues_memo_and_refuses_an_unknown_mention(
    page, page_without_javascript, live_server, consultant, theirs, axe
):
    sign_in(page, live_server, "consultant")
    look(page, live_server, f"/admin/scoping/brief/{theirs.pk}/change/", axe)
    expect(page.get_by_text("Written by Maya Lindqvist.")).to_be_visible()

    page = page_without_javascript  # the save goes as a plain form (axe needs JavaScript: checked above)
    sign_in(page, live_server, "consultant")
    page.goto(f"{live_server.url}/admin/scoping/brief/{theirs.pk}/change/")

    page.get_by_label("note to the client (in the memo)").fill("My words")
    page.get_by_label("Add a note to the history").fill("@mya please check")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_text("Nobody on the team is called @mya")).to_be_visible()
    expect(page.get_by_label("note to the client (in the memo)")).to_have_value("My words")
    expect(page.get_by_label("Add a note to the history")).to_have_value("@mya please check")

    page.get_by_label("Add a note to the history").fill("@maya taking this one, sorry")
    page.get_by_label("Take it over from Maya Lindqvist").check()
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator("table.history")).to_contain_text("@maya taking this one, sorry")
    brief = Brief.objects.get(pk=theirs.pk)
    assert (brief.consultant_note, brief.assigned_to) == ("My words", consultant)


def test_a_reopened_brief_shows_what_the_client_sees(page, live_server, consultant, axe):
    brief = brief_decline(brief=BriefFactory(), actor=consultant, email_client=True)
    brief_reopen(brief=brief, actor=consultant)
    sign_in(page, live_server, "consultant")

    look(page, live_server, f"/admin/scoping/brief/{brief.pk}/change/", axe)

    expect(page.get_by_role("status")).to_contain_text("The client's page still says their brief is closed")


def test_a_consultant_chooses_how_they_hear(page, page_without_javascript, live_server, consultant, axe):
    sign_in(page, live_server, "consultant")
    look(page, live_server, "/admin/scoping/consultantprofile/add/", axe)

    page = page_without_javascript
    sign_in(page, live_server, "consultant")
    page.goto(f"{live_server.url}/admin/scoping/consultantprofile/add/")

    page.get_by_label("How I hear about briefs").select_option("immediate")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist")).to_be_visible()
    assert ConsultantProfile.objects.get(user=consultant).notices == ConsultantProfile.Notices.IMMEDIATE


def test_recovery_codes_can_be_downloaded_and_copied(page, live_server, consultant, settings, axe):
    settings.SCOPING_STAFF_SECOND_FACTOR = True
    sign_in(page, live_server, "consultant")
    device = TOTPDevice.objects.get(user=consultant, confirmed=False)
    page.locator("input[name=code]").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Turn it on").click()

    download = page.get_by_role("link", name="Download the codes (a text file)")
    expect(download).to_be_visible()
    with page.expect_download() as downloaded:
        download.click()
    saved = Path(downloaded.value.path()).read_text()
    codes = page.locator(".recovery-codes code").all_text_contents()
    assert saved.splitlines()[1:] == codes
    expect(page.get_by_label("To copy them:")).to_have_value("\n".join(codes))
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        assert_accessible(page, axe)


def test_the_brief_list_fits_a_desk_screen(page, live_server, consultant, axe):
    for n in range(3):
        brief = BriefFactory(
            company=f"Northwind Logistics and Freight Forwarding Holdings {n}",
            project_title="An assistant that answers questions about customs rules for every shipment we handle",
        )
        brief_review_save(brief=brief, actor=consultant, changed=["internal_notes"])
    sign_in(page, live_server, "consultant")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/admin/scoping/brief/")

    for column in ("Approach", "Assigned", "Submitted"):
        header = page.locator("#result_list thead th", has_text=column).first.bounding_box()
        assert header["x"] + header["width"] <= 1280, f"{column} is off the screen"
    table = page.locator("#result_list")
    assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth"), "the list scrolls sideways"
    assert_accessible(page, axe)


def test_the_summary_preview_follows_unsaved_choices(page, live_server, consultant, axe):
    brief = BriefFactory(company="Northwind")
    sign_in(page, live_server, "consultant")
    page.goto(f"{live_server.url}/admin/scoping/brief/{brief.pk}/change/")

    page.get_by_label("approach (override)").select_option("rag")
    page.get_by_label("reason shown to the client").fill("your manuals change weekly")

    summary = page.locator("#memo-summary")
    expect(summary).to_contain_text("Unsaved: as it will read once you save.")
    expect(summary).to_contain_text("Your manuals change weekly.")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page, axe)
