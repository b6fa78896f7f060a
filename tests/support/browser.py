"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser). A plugin of the
suite (tests/conftest.py): the tests in each room's ``browser/`` folder are its browser tests.

Without Chromium they skip on a laptop, with the command to install it; in CI (CI=true) they fail.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import DEFAULT_OPTIONS, Axe

CHROMIUM = Path("/usr/bin/chromium")

# Playwright's sync API keeps an asyncio loop in the main thread for the whole session, and Django
# refuses ORM calls from a thread with a running loop. The tests (not the app) opt out, for every
# test of the run, since the loop outlives the browser tests that started it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.parent.name == "browser":
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium before the browser tests")
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium to run the browser tests")
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        # This machine's network is closed: keep Chromium from phoning home at every start.
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


# A refusal by the Content Security Policy, written to the console as an error even where the
# browser would only report it, so the check below sees every one.
REPORT_CSP_REFUSALS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP refused ${event.violatedDirective}: ${event.blockedURI || event.sample || "inline"}`);
});
"""


def watch(context, errors: list[str]) -> None:
    """Collect into ``errors`` what every page of ``context`` logs as an error (a CSP refusal, a
    missing file, a failed request) and every uncaught script error."""
    context.add_init_script(REPORT_CSP_REFUSALS)
    context.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    context.on("weberror", lambda error: errors.append(str(error.error)))


@pytest.fixture(autouse=True)
def console_errors(request):
    """The errors a browser test's pages logged: it fails on any, unless it is marked
    ``console_errors_expected`` and checks them itself."""
    errors: list[str] = []
    if not request.node.get_closest_marker("browser"):
        yield errors
        return
    watch(request.getfixturevalue("context"), errors)
    yield errors
    if not request.node.get_closest_marker("console_errors_expected"):
        assert errors == [], f"the browser logged errors: {errors}"


@pytest.fixture
def page_without_javascript(browser, console_errors):
    """A page in a browser with JavaScript off, watched like every other."""
    context = browser.new_context(java_script_enabled=False)
    watch(context, console_errors)
    yield context.new_page()
    context.close()


class ViolationsAxe(Axe):
    """axe-core with every rule, as the package runs it, but only the violations carried back to the
    test: the full results (every rule that passed or did not apply, with its elements) weigh about
    half of each run in Chromium, and a test reads the violations alone (violations_count, the
    report). The script is injected once per document, not at every run."""

    def run(self, page, context=None, options=DEFAULT_OPTIONS) -> AxeResults:
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(self.axe_script)
        arguments = self._format_script_args(context=context, options=options)
        return AxeResults({"violations": page.evaluate(f"axe.run({arguments}).then(results => results.violations)")})


@pytest.fixture(scope="session")
def axe():
    return ViolationsAxe()
