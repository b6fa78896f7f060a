"""What several browser tests do the same way."""

import re

from playwright.sync_api import Page, expect

from tests.support.factories import TEST_PASSWORD


def sign_in(page, live_server, username: str) -> None:
    """Sign in to the admin as a person would, through its login form."""
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Log in").click()


def assert_accessible(page, axe) -> None:
    """No axe-core violation on the page as it stands, once it has loaded."""
    page.wait_for_load_state()
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def group(page: Page, name: str):
    return page.get_by_role("group", name=re.compile(re.escape(name)))


def answer(page: Page, question: str, choice: str) -> None:
    group(page, question).get_by_label(choice, exact=True).check()


def heading(page: Page):
    return page.get_by_role("heading", level=1)


def to_the_project_step(page: Page, live_server) -> None:
    """A new brief's first step answered, and the second one open."""
    page.goto(f"{live_server.url}/brief/new/")
    page.get_by_label("Your name").fill("Maya Lindqvist")
    page.get_by_label("Work email").fill("maya@example.com")
    page.get_by_label("Company").fill("Nordlys")
    page.get_by_role("button", name="Continue", exact=True).click()
    expect(heading(page)).to_have_text("The project")


def past_the_project_step(page: Page, live_server, name: str, summary: str, budget: str = "") -> None:
    """A new brief's first step answered, then the project step, and the knowledge step open."""
    to_the_project_step(page, live_server)
    page.get_by_label("Project name").fill(name)
    page.get_by_label("What should it do, and for whom?").fill(summary)
    if budget:
        page.get_by_label("Budget for the first year, up to").fill(budget)
    page.get_by_role("button", name="Continue", exact=True).click()
    expect(heading(page)).to_have_text("Job and knowledge")


def to_the_knowledge_step(page: Page, live_server) -> None:
    """The first two steps answered, and the knowledge step answered so the reading speaks."""
    summary = "Answer customer questions from our manuals."
    past_the_project_step(page, live_server, "Support answers", summary, "£100k")
    answer(page, "What is its main job?", "Answer questions from a body of knowledge")
    answer(page, "must it look things up in a body of knowledge", "Yes")
    page.get_by_label("About how many documents?").fill("40")
    answer(page, "How often does that knowledge change?", "Rarely or never")
    for question in ("Must answers cite", "one model serve", "several customers", "record of every question"):
        answer(page, question, "No")
    expect(page.locator("#preliminary-body")).to_contain_text("Prompting")
    expect(page.locator(".htmx-request")).to_have_count(0)  # every check answered: the page is at rest
