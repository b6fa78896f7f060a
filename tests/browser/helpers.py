"""What several browser tests do the same way."""

from tests.factories import TEST_PASSWORD


def sign_in(page, live_server, username: str) -> None:
    """Sign in to the admin as a person would, through its login form."""
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Log in").click()


def assert_accessible(page, axe) -> None:
    """No axe-core violation on the page as it stands."""
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()
