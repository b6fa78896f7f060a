"""Every demo brief's memo, as the rules write it and with each approach a consultant could choose
instead, reads the same from the summary to the assumptions: the PDF's printed parts add up to its
printed wholes (read back from the PDF), its headlines are the exact figures rounded, it argues only
for the approach it recommends, and it is laid out as a document should be (WeasyPrint's own layout,
page by page)."""

import re

import pytest
from django.utils.text import slugify

from decisions.ladder import Approach
from decisions.models import AssumptionSet
from decisions.money import said, whole
from scoping.demo_briefs import DEMO_BRIEFS
from scoping.memos.build import memo_build, signatory
from scoping.memos.content import Memo
from scoping.memos.pdf import PDF_OPTIONS, memo_html, memo_layout
from scoping.models import ConsultantProfile
from scoping.services.intake import brief_submit
from scoping.templatetags.memo_tags import weeks
from tests.support.factories import ConsultantFactory
from tests.support.pdf_layout import HEADINGS, page_layouts, split_blocks
from tests.support.pdfs import embedded_families, pdf_text

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


def amounts_after(text: str, label: str, until: str, count: int) -> list[float]:
    """The last ``count`` amounts printed in the row that starts at ``label`` (before ``until``)."""
    start = text.index(label)
    row = text[start : text.index(until, start + len(label))]
    found = re.findall(MONEY, row)
    assert len(found) >= count, f"{label}: {row}"
    return [amount(figure) for figure in found[-count:]]


def table(text: str, caption: str, total: str) -> str:
    """The text of one table, from its caption to its total row."""
    start = text.index(caption)
    return text[start : text.index(total, start)] + total + text[text.index(total, start) + len(total) :][:60]


def assert_parts_add_up(memo: Memo, text: str) -> None:
    """Every table of money, read back from the PDF: each row's printed figures add to the printed total."""
    estimate = memo.estimate
    once = table(text, "Once, to build", "In all, once")
    labels = [line.label for line in estimate.one_off]
    rows = [
        amounts_after(once, label, nxt, 2) for label, nxt in zip(labels, [*labels[1:], "In all, once"], strict=True)
    ]
    total = [amount(figure) for figure in re.findall(MONEY, once[once.index("In all, once") :])[:2]]
    assert [sum(row[end] for row in rows) for end in (0, 1)] == total, "once: the rows add up to the total"

    month = table(text, "Each month from launch", "In all, a month")
    labels = [line.label for line in estimate.monthly]
    rows = [amounts_after(month, label, nxt, 1)[0] for label, nxt in zip(labels, [*labels[1:], "In all, a month"],
                                                                          strict=True)]  # fmt: skip
    monthly = amount(re.findall(MONEY, month[month.index("In all, a month") :])[0])
    assert sum(rows) == monthly, "a month: the rows add up to the total"
    yearly = amount(one(rf"A year, from the second year twelve months ({MONEY})", text))
    assert yearly == 12 * monthly

    use = next(line for line in estimate.monthly if line.id == "model-use")
    volume, per_1000 = re.search(rf"([\d,]+) requests at ({MONEY}) per 1,000", text).groups()
    assert abs(int(volume.replace(",", "")) / 1000 * amount(per_1000) - use.printed[0]) <= 0.5

    build = amounts_after(text, "The build, once", "Running it for", 2)
    running = amounts_after(text, "Running it for the rest of the year", "The first year ", 2)
    first = [amount(figure) for figure in re.findall(rf"The first year ({MONEY}) ({MONEY})", text)[0]]
    assert build == total, "the first year's build is the build's total"
    assert [build[end] + running[end] for end in (0, 1)] == first, "build and running make the first year"
    shares = re.findall(rf"of which [a-z ,']+? ({MONEY}) ({MONEY})", text)
    assert [sum(amount(share[end]) for share in shares) for end in (0, 1)] == first, "the payees' shares add up"

    exact = estimate.first_year
    assert {min(first), max(first)} == {exact.low, exact.high}
    headline = one(r"First year (about €[\d,]+|€[\d,]+ – €[\d,]+) Then", text)
    assert headline == exact.headline, "the headline is the exact first year, rounded"
    assert one(r"Then, to run it (about €[\d,]+) a year", text) == f"about €{said(yearly):,.0f}"


def assert_figures_agree(memo: Memo, text: str) -> None:
    bracket = memo.bracket
    assert f"First-year budget: {bracket.label}" in text
    assert f"First-year budget bracket: {bracket.label}" in text
    assert (bracket.low or 0) < whole(memo.estimate.first_year.high) <= bracket.high, "the bracket holds the long end"
    # The key figures and the costs' total name the same span, discovery included ("Build time" only
    # in memos frozen before it said so).
    spans = re.findall(r"(?:Build time|From discovery to launch) (about [\d.]+ weeks?|[\d.]+–[\d.]+ weeks)", text)
    assert len(spans) >= 2, spans
    assert len(set(spans)) == 1, spans
    assert "Build time" not in text or memo.legacy
    assert f"assumptions version {memo.pricing.assumptions.version}" in text
    assert f"costs {memo.pricing.first_phase.price.label()} in our fees" in text, "the first phase is priced"
    assert_parts_add_up(memo, text)


def assert_argues_for_its_own_approach(memo: Memo, text: str) -> None:
    """An overridden memo explains, prices and plans the consultant's approach, and says once what
    the rules alone said; nothing in it still argues for the approach it replaced."""
    final, engine = memo.approach, memo.engine_approach
    assert f"We recommend {final.label} for" in text
    if final is not engine:  # said once, then set aside: the rest of the memo is about ``final``
        rules_said = f"On your answers alone, our decision rules point to {engine.label}."
        assert text.count(rules_said) == 1
        text = re.sub(rf"{re.escape(rules_said)}.*?everything below is worked out for [^.]*\.", "", text)
    assert f"we would recommend {final.short_label}." not in text  # a counterfactual it already is
    if final is not Approach.PROMPTING:
        assert "no retrieval system to build" not in text
    assert ("List the knowledge sources" in text or "retrieval that passed" in text or "Improve retrieval" in text
            or "Keep the retrieval" in text) == final.retrieves  # fmt: skip
    assert ("Curate the training data" in text) == final.fine_tunes
    assert ("Retrieval: embedding, search and reranking" in text) == final.retrieves
    assert ("The first training run" in text) == final.fine_tunes
    assert f"From discovery to launch {weeks(memo.build_span)}" in text
    assert "Reviewed and signed off by Alex Morgan, Principal consultant" in text


def assert_laid_out_well(layout, pdf: bytes) -> None:
    pages = page_layouts(layout)
    for page in pages[:-1]:
        assert page.fill >= 1 / 3, f"page {page.number} is {page.fill:.0%} full"
    assert pages[-1].fill >= 0.15, f"the last page holds a few lines ({pages[-1].fill:.0%})"
    for page in pages:
        assert page.last_line_in not in HEADINGS, f"page {page.number} ends with {page.last_line!r}"
    assert split_blocks(layout) == [], "a short list or table cut by a page break"
    assert embedded_families(pdf) == {"Noto"}, "one font family"


def test_the_demo_has_a_dozen_briefs_or_more_to_check():
    assert len(DEMO_BRIEFS) >= 12


# One case a demo brief (seeded as seed_demo adds it), so the cases spread over test workers.
@pytest.mark.parametrize("sample", DEMO_BRIEFS, ids=[slugify(sample["company"]) for sample in DEMO_BRIEFS])
def test_every_demo_memo_agrees_with_itself_with_any_override(sample):
    brief = brief_submit(**sample, notify=False)
    signer = ConsultantFactory(first_name="Alex", last_name="Morgan")
    ConsultantProfile.objects.create(user=signer, role="Principal consultant")
    assumptions = AssumptionSet.current().to_assumptions()

    for override in ["", *(a for a in Approach if a != brief.engine_approach)]:
        brief.approach_override = override
        brief.override_reason = "You told us your manuals change every week." if override else ""
        memo = memo_build(brief, assumptions, signed_by=signatory(signer))
        layout = memo_layout(memo_html(memo, preview=False))
        pdf = layout.write_pdf(**PDF_OPTIONS)
        text = pdf_text(pdf)
        context = f"{brief.company} with {override or 'no override'}"
        try:
            assert_figures_agree(memo, text)
            assert_argues_for_its_own_approach(memo, text)
            assert_laid_out_well(layout, pdf)
        except AssertionError as error:
            raise AssertionError(f"{context}: {error}") from error
