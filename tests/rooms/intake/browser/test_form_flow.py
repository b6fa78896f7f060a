"""The brief form as a person moves through it in Chromium, at a phone's width and a laptop's: the
browser's Back and Forward buttons, where the live reading and the buttons sit, what a screen reader
is told, and a console with nothing to report."""

import re
import time

import pytest
from playwright.sync_api import expect

from scoping.models import Brief
from tests.support.steps import (
    answer,
    assert_accessible,
    heading,
    past_the_project_step,
    to_the_knowledge_step,
    to_the_project_step,
)

pytestmark = pytest.mark.django_db(transaction=True)
WIDTHS = [375, 1280]


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.SCOPING_MIN_FILL_SECONDS = 0


@pytest.mark.parametrize("width", WIDTHS)
def test_the_browsers_back_button_finds_the_draft_not_a_blank_form(page, live_server, width):
    page.set_viewport_size({"width": width, "height": 800})
    to_the_project_step(page, live_server)

    page.go_back()
    expect(heading(page)).to_have_text("About you")
    expect(page.get_by_label("Your name")).to_have_value("Maya Lindqvist")
    expect(page.get_by_label("Work email")).to_have_value("maya@example.com")
    expect(page.get_by_text("You have a brief under way in this browser for Nordlys")).to_be_visible()
    page.go_forward()
    expect(heading(page)).to_have_text("The project")
    page.go_back()
    expect(page.get_by_label("Company")).to_have_value("Nordlys")
    page.get_by_label("Company").fill("Nordlys AS")
    page.get_by_role("button", name="Continue", exact=True).click()

    expect(heading(page)).to_have_text("The project")
    assert list(Brief.objects.values_list("company", flat=True)) == ["Nordlys AS"], "the same draft, not a second"
    page.go_back()
    page.get_by_role("link", name="start a new brief").click()
    expect(page.get_by_label("Your name")).to_have_value("")
    expect(page.get_by_text("under way")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/brief/new/$"))
    page.get_by_label("Your name").fill("Ola Nordmann")
    page.get_by_label("Work email").fill("ola@example.com")
    page.get_by_label("Company").fill("Second Co")
    page.get_by_role("button", name="Continue", exact=True).click()
    expect(heading(page)).to_have_text("The project")
    page.go_back()
    expect(page.get_by_label("Your name")).to_have_value("Ola Nordmann")  # the new draft, not a blank form
    assert Brief.objects.count() == 2


def test_without_javascript_back_and_forward_show_what_was_saved(page_without_javascript, live_server):
    page = page_without_javascript
    past_the_project_step(page, live_server, "Plain forms", "Works without scripts.")

    page.go_back()
    expect(page.get_by_label("Project name")).to_have_value("Plain forms")
    page.go_back()
    expect(heading(page)).to_have_text("About you")
    expect(page.get_by_label("Your name")).to_have_value("Maya Lindqvist")
    page.go_forward()
    expect(page.get_by_label("Project name")).to_have_value("Plain forms")
    page.go_forward()
    expect(heading(page)).to_have_text("Job and knowledge")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_reading_and_the_buttons_sit_where_each_screen_expects_them(page, live_server, axe, width):
    page.set_viewport_size({"width": width, "height": 900})
    to_the_knowledge_step(page, live_server)
    reading = page.locator(".preliminary").bounding_box()
    questions = page.locator(".questions").bounding_box()
    buttons = page.locator(".actions button")
    proceed = page.get_by_role("button", name="Continue", exact=True).bounding_box()
    back = page.get_by_role("button", name="Back", exact=True).bounding_box()

    expect(buttons.first).to_have_text("Continue")  # first for the keyboard and screen readers
    steps = page.locator(".progress li")
    if width == 375:
        assert reading["y"] + reading["height"] <= proceed["y"], "the reading comes before the buttons"
        assert proceed["width"] >= questions["width"] - 1, "the main button spans the screen"
        assert proceed["y"] < back["y"]
        expect(page.locator(".progress-count")).to_have_text("Step 3 of 6: Job and knowledge")
        expect(steps.first).to_be_hidden()
    else:
        assert reading["x"] >= questions["x"] + questions["width"], "beside the form"
        assert proceed["x"] > back["x"], "the main button on the right"
        assert len({round(steps.nth(i).bounding_box()["y"]) for i in range(steps.count())}) == 1, "one line"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page, axe)


def test_a_screen_reader_hears_the_reading_once_and_each_error_politely(page, live_server, axe):
    page.set_viewport_size({"width": 375, "height": 800})
    to_the_knowledge_step(page, live_server)
    page.evaluate("""() => {
      window.rewrites = 0;
      window.checks = 0;
      document.addEventListener("htmx:afterRequest", () => { document.body.dataset.checks = ++window.checks; });
      new MutationObserver(() => window.rewrites++).observe(
        document.getElementById("preliminary-body"), {childList: true, subtree: true, characterData: true});
      window.errorBox = document.getElementById("id_corpus_documents_error");
    }""")
    documents = page.get_by_label("About how many documents?")

    answer(page, "record of every question", "Yes")  # the same reading: logging is no reason to retrieve
    expect(page.locator("body")).to_have_attribute("data-checks", "1")  # (no wait_for_function: CSP forbids eval)
    assert page.evaluate("window.rewrites") == 0, "an unchanged reading is not read out again"

    answer(page, "Must answers cite", "Yes")  # a new reading
    expect(page.locator("#preliminary-body")).to_contain_text("Retrieval-augmented generation (RAG)")
    assert page.evaluate("window.rewrites") > 0

    documents.fill("-3")
    documents.press("Tab")
    error = page.locator("#id_corpus_documents_error")
    expect(error).to_contain_text("The number of documents is at least 1")
    expect(error).to_have_attribute("aria-live", "polite")
    assert page.evaluate("window.errorBox === document.getElementById('id_corpus_documents_error')"), (
        "the error is written into the live region already there, so it is announced"
    )
    expect(documents).to_have_attribute("aria-invalid", "true")
    documents.fill("40")
    documents.press("Tab")
    expect(error).to_be_empty()
    expect(documents).not_to_have_attribute("aria-invalid", "true")
    assert_accessible(page, axe)


@pytest.mark.console_errors_expected
def test_a_style_the_policy_refuses_is_caught_as_a_console_error(page, live_server, console_errors):
    page.goto(f"{live_server.url}/")

    with page.expect_console_message(lambda message: "CSP refused" in message.text):
        page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">Injected</p>')")

    assert any(re.match(r"CSP refused style-src", error) for error in console_errors), console_errors


@pytest.mark.parametrize("width", WIDTHS)
def test_a_first_step_filled_at_autofill_speed_is_never_taken_for_a_bot(page, live_server, settings, width):
    settings.SCOPING_MIN_FILL_SECONDS = 20  # the whole brief may not take less; its first step may
    page.set_viewport_size({"width": width, "height": 800})

    to_the_project_step(page, live_server)  # filled and sent within a second, as a password manager does

    expect(page.get_by_text("quicker than we expected")).to_have_count(0)
    assert Brief.objects.count() == 1


# A double tap's second tap follows its first within this, in the test: intake.js's window is 500 ms.
SECOND_TAP_WITHIN_MS = 400


def _tap_continue_and_wait_for_the_next_step(browser, live_server, pointer):
    """A project step sent by one tap on Continue, and the next step drawn: the page, where the tap
    came down, how to tap there, and how long after the tap the step was drawn (ms)."""
    context = browser.new_context(viewport={"width": 375, "height": 800}, has_touch=pointer == "touch")
    page = context.new_page()
    to_the_project_step(page, live_server)
    page.get_by_label("Project name").fill("Support answers")
    page.get_by_label("What should it do, and for whom?").fill("Answer customer questions from our manuals.")
    button = page.get_by_role("button", name="Continue", exact=True)
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    tap = page.touchscreen.tap if pointer == "touch" else page.mouse.click
    page.evaluate("addEventListener('pointerdown', e => { window.tappedAt ??= e.timeStamp }, {capture: true})")

    tap(x, y)
    given_up = time.monotonic() + 10
    while page.evaluate("document.querySelector('h1').textContent + scrollY") != "Job and knowledge0":
        assert time.monotonic() < given_up, "the next step never came"  # polled at once: expect() is too slow
    return context, page, (x, y), tap, page.evaluate("performance.now() - window.tappedAt")


@pytest.mark.parametrize("pointer", ["touch", "mouse"])
def test_a_double_tap_on_continue_sends_one_step(browser, live_server, pointer):
    """A double tap's second tap (or a double click's second click) comes down where the first did,
    on the next step once it is drawn at the top of the page: it must not pick the answer now under
    the finger, nor send the step unseen. A deliberate tap there a moment later picks it. (A busy
    machine can take longer to draw the step than a double tap lasts: then the scenario is not a
    double tap, and it is tried again.)"""
    for _ in range(3):
        context, page, (x, y), tap, drawn_after = _tap_continue_and_wait_for_the_next_step(
            browser, live_server, pointer
        )
        if drawn_after < SECOND_TAP_WITHIN_MS:
            break
        context.close()
    else:
        pytest.fail(f"three times, the next step took over {SECOND_TAP_WITHIN_MS} ms: too busy to test a double tap")
    under = page.evaluate(f"document.elementFromPoint({x}, {y}).closest('label').textContent").strip()
    if pointer == "touch":
        tap(x, y)
    else:  # the second press of a double click, as the browser counts it
        page.mouse.down(click_count=2)
        page.mouse.up(click_count=2)

    answer = page.get_by_label(under, exact=True)
    page.wait_for_timeout(300)  # time for anything the tap would have sent
    expect(heading(page)).to_have_text("Job and knowledge")
    expect(page.locator("input:checked")).to_have_count(0)
    expect(page.locator(".field-error:not(:empty)")).to_have_count(0)
    page.wait_for_timeout(500)
    tap(x, y)
    expect(answer).to_be_checked()
    context.close()


def test_a_double_click_on_continue_sends_the_step_once(page, live_server):
    """The second click of a double click lands on the same button while the step is on its way: one
    step is sent (htmx keeps one request to a form, and intake.js drops that click too)."""
    to_the_project_step(page, live_server)
    page.get_by_label("Project name").fill("Support answers")
    page.get_by_label("What should it do, and for whom?").fill("Answer customer questions from our manuals.")
    sent = []
    page.on("request", lambda request: sent.append(request.url) if request.method == "POST" else None)
    button = page.get_by_role("button", name="Continue", exact=True)
    button.scroll_into_view_if_needed()
    box = button.bounding_box()

    page.mouse.dblclick(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

    expect(heading(page)).to_have_text("Job and knowledge")
    page.wait_for_timeout(500)
    assert [url for url in sent if "/check/" not in url] == [
        f"{live_server.url}/brief/{Brief.objects.get().token}/project/"
    ]
