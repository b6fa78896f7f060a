"""Every demo brief's memo, as the rules write it and with each approach a consultant could choose
instead, reads the same from the summary to the assumptions (the numbers the PDF prints, compared
with one another), argues only for the approach it recommends, and is laid out as a document should
be (WeasyPrint's own layout, page by page)."""

import re

import pytest
from django.core.management import call_command
from django.test import override_settings

from decisions.budget import budget_bracket
from decisions.costs import FINE_TUNED, RETRIEVING
from decisions.ladder import Approach
from decisions.models import AssumptionSet
from scoping.memos.build import memo_build, signatory
from scoping.memos.content import Memo
from scoping.memos.pdf import PDF_OPTIONS, memo_html, memo_layout
from scoping.models import Brief, ConsultantProfile
from scoping.templatetags.memo_tags import weeks
from tests.factories import ConsultantFactory
from tests.pdf_layout import HEADINGS, page_layouts
from tests.pdfs import pdf_text

pytestmark = pytest.mark.django_db
MONEY = r"€[\d,.]+[kMBT]?"


def amount(text: str) -> float:
    number = text.lstrip("€")
    scale = {"k": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}.get(number[-1], 1)
    return float(number.rstrip("kMBT").replace(",", "")) * scale


def one(pattern: str, text: str) -> str:
    found = re.search(pattern, text)
    assert found, pattern
    return found.group(1)


def assert_figures_agree(memo: Memo, text: str) -> None:
    label = memo.approach.label
    summary_month = one(rf"Monthly cost ({MONEY}) a month", text)
    parts = re.search(rf"Monthly cost, all in: usage ({MONEY}), upkeep ({MONEY}) and the set-up spread over "
                      rf"\d+ months ({MONEY})", text)  # fmt: skip
    assert parts
    assert sum(amount(part) for part in parts.groups()) == pytest.approx(amount(summary_month), abs=3)
    row = re.search(rf"{re.escape(label)} RECOMMENDED {MONEY} €[\d.]+ ({MONEY}) .*?set-\s?up {MONEY} ({MONEY})", text)
    assert row
    assert row.group(1) == summary_month
    assert f"a first year of about {row.group(2)}" in text
    build = one(r"Build time (about [\d.]+ weeks?|[\d.]+–[\d.]+ weeks)", text)
    assert f"Build, in all {build}" in text
    assert f"First-year budget {memo.bracket.label}" in text
    assert f"First-year budget: {memo.bracket.label}" in text
    assert f"assumptions version {memo.assumptions.version}" in text


def assert_argues_for_its_own_approach(memo: Memo, text: str) -> None:
    """An overridden memo explains, prices and plans the consultant's approach, and says once what
    the rules alone said; nothing in it still argues for the approach it replaced."""
    final, engine = memo.approach, memo.engine_approach
    assert f"We recommend {final.label} for" in text
    if final is not engine:  # said once, then set aside: the rest of the memo is about ``final``
        said = f"On your answers alone, our decision rules point to {engine.label}."
        assert text.count(said) == 1
        text = re.sub(rf"{re.escape(said)}.*?everything below is worked out for [^.]*\.", "", text)
    assert f"we would recommend {final.short_label}." not in text  # a counterfactual it already is
    if final is not Approach.PROMPTING:
        assert "no retrieval system to build" not in text
    assert ("build retrieval and measure it" in text or "retrieval that passed" in text or "Improve retrieval" in text
            or "Keep the retrieval" in text) == (final in RETRIEVING)  # fmt: skip
    assert ("Curate the training data" in text) == (final in FINE_TUNED)
    assert ("the retrieval pipeline" in text) == (final in RETRIEVING)
    assert f"Build, in all {weeks(memo.build_span)}" in text
    cost = memo.estimate.of(final)
    assert memo.bracket == budget_bracket(cost.first_year, memo.assumptions)
    assert "Reviewed and signed off by Alex Morgan, Principal consultant" in text


def assert_laid_out_well(pages) -> None:
    for page in pages[:-1]:
        assert page.fill >= 1 / 3, f"page {page.number} is {page.fill:.0%} full"
    for page in pages:
        assert page.last_line_in not in HEADINGS, f"page {page.number} ends with {page.last_line!r}"


@override_settings(DEBUG=True)
def test_every_demo_memo_agrees_with_itself_with_any_override():
    call_command("seed_demo", verbosity=0)
    signer = ConsultantFactory(first_name="Alex", last_name="Morgan")
    ConsultantProfile.objects.create(user=signer, role="Principal consultant")
    assumptions = AssumptionSet.current().to_assumptions()
    briefs = Brief.objects.exclude(status=Brief.Status.DRAFT)
    assert briefs.count() >= 12

    for brief in briefs:
        for override in ["", *(a for a in Approach if a != brief.engine_approach)]:
            brief.approach_override = override
            brief.override_reason = "You told us your manuals change every week." if override else ""
            memo = memo_build(brief, assumptions, signed_by=signatory(signer))
            layout = memo_layout(memo_html(memo, preview=False))
            text = pdf_text(layout.write_pdf(**PDF_OPTIONS))
            context = f"{brief.company} with {override or 'no override'}"
            try:
                assert_figures_agree(memo, text)
                assert_argues_for_its_own_approach(memo, text)
                assert_laid_out_well(page_layouts(layout))
            except AssertionError as error:
                raise AssertionError(f"{context}: {error}") from error
