from playwright.sync_api import expect

from tests.support.factories import BriefFactory
from tests.support.steps import sign_in


def test_the_home_page_is_accessible_and_logs_no_error(page, live_server, axe):
    page.goto(live_server.url)

    expect(page.get_by_role("heading", level=1)).to_contain_text("one business day")
    expect(page.get_by_role("table")).to_contain_text("a small tuned model reading only the passages retrieval finds")
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def test_the_home_page_fits_a_phone(page, live_server, axe):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url)

    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.locator("table.matrix").bounding_box()["width"] <= 375
    expect(page.get_by_role("link", name="Send the brief")).to_be_visible()
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def test_a_consultant_signs_in_and_opens_a_brief(page, live_server, consultant):
    BriefFactory(company="Helpdeskly", project_title="Support assistant")
    BriefFactory(company="Quiet Prompt Ltd")

    sign_in(page, live_server, "consultant")
    page.get_by_role("link", name="Briefs", exact=True).click()
    search = page.get_by_role("search", name="Search briefs")
    search.get_by_role("textbox", name="Search").fill("helpdeskly")
    search.get_by_role("button", name="Search").click()

    expect(page.get_by_text("1 result")).to_be_visible()
    expect(page.get_by_text("Quiet Prompt Ltd")).to_have_count(0)
    page.get_by_role("link", name="Helpdeskly").click()
    expect(page.get_by_role("heading", name="Helpdeskly: Support assistant")).to_be_visible()


def test_the_report_is_accessible_on_a_desktop_and_a_phone(page, live_server, axe, client_brief):
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/brief/{client_brief.token}/report/")

        expect(page.get_by_role("heading", name="Why we recommend it")).to_be_visible()
        expect(page.get_by_role("img", name="Running cost a month by request volume")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        results = axe.run(page)
        assert results.violations_count == 0, results.generate_report()


def test_on_a_phone_the_report_cuts_nothing_and_its_chart_stays_legible(page, live_server, client_brief):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/brief/{client_brief.token}/report/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # The costs are one card per approach, each figure labelled, all inside the screen.
    for cell in page.locator("table.costs td").all():
        box = cell.bounding_box()
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 375
    first_year = page.locator("table.costs td[data-label='First year']").first
    assert page.evaluate("(cell) => getComputedStyle(cell, '::before').content", first_year.element_handle()) == (
        '"First year"'
    )
    # The chart keeps its text at 11 px or more and scrolls sideways, saying so.
    chart = page.locator(".cost-chart")
    scale = page.evaluate(
        "(svg) => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width", chart.element_handle()
    )
    assert 11 * scale >= 11
    expect(page.get_by_text("Scroll sideways to see the whole chart")).to_be_visible()
    scroller = page.locator(".chart-scroll")
    assert page.evaluate("(el) => el.scrollWidth > el.clientWidth", scroller.element_handle())
    expect(page.get_by_text("Scroll sideways to see every approach")).to_be_visible()


def test_on_a_phone_each_line_of_the_costs_is_a_card_inside_the_screen(page, live_server, db):
    """A retrieval build with every extra (long bases, six-figure ends): the build's and the month's
    lines are cards, each figure labelled, none cut at the screen's edge."""
    from decisions.ladder import Facts

    brief = BriefFactory(
        facts=Facts(needs_knowledge=True, corpus_documents=40_000, update_frequency="weekly", needs_citations=True,
                    multi_tenant=True),
        monthly_queries=250_000,
    )  # fmt: skip
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/brief/{brief.token}/report/")

    cells = page.locator("table.money:not(.first-year) td").all()
    assert len(cells) > 20
    for cell in cells:
        box = cell.bounding_box()
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 375, cell.inner_text()
    long_end = page.locator("table.money td[data-label='Long end']").first
    assert page.evaluate("(cell) => getComputedStyle(cell, '::before').content", long_end.element_handle()) == (
        '"Long end"'
    )


def test_on_a_desktop_the_report_needs_no_scroll_cue(page, live_server, client_brief):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/brief/{client_brief.token}/report/")

    expect(page.get_by_text("Scroll sideways to see the whole chart")).to_be_hidden()
    assert page.evaluate("(el) => el.scrollWidth <= el.clientWidth", page.locator(".chart-scroll").element_handle())
