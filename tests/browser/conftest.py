"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser).

Without Chromium they skip on a laptop, with the command to install it; in CI (CI=true) they fail.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

CHROMIUM = Path("/usr/bin/chromium")

# Playwright's sync API keeps an asyncio loop in the main thread for the whole session, and Django
# refuses ORM calls from a thread with a running loop. The tests (not the app) opt out, for every
# test of the run, since the loop outlives the browser tests that started it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(item.fspath).parent == Path(__file__).parent:
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


@pytest.fixture
def console_errors(page):
    """Every error the page logs (a CSP refusal, a missing file, a script error); tests expect none."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return errors


@pytest.fixture(scope="session")
def axe():
    return Axe()
