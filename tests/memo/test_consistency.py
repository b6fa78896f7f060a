"""Each demo brief's memo reads the same from the summary to the assumptions: the numbers the PDF
prints, compared with one another."""

import re

import pytest
from django.core.management import call_command
from django.test import override_settings

from scoping.memo.content import memo_with_review
from scoping.memo.pdf import render_memo_pdf
from scoping.models import Brief
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


@override_settings(DEBUG=True)
def test_every_demo_memo_agrees_with_itself():
    call_command("seed_demo")
    briefs = Brief.objects.exclude(status=Brief.Status.DRAFT)
    assert briefs.count() >= 12

    for brief in briefs:
        memo = memo_with_review(brief)
        text = pdf_text(render_memo_pdf(memo, preview=True))
        label = memo.approach.label

        summary_month = one(rf"Monthly cost ({MONEY}) a month", text)
        parts = re.search(rf"Monthly cost, all in: usage ({MONEY}), upkeep ({MONEY}) and the set-up spread over "
                          rf"\d+ months ({MONEY})", text)  # fmt: skip
        assert parts, brief.company
        assert sum(amount(part) for part in parts.groups()) == pytest.approx(amount(summary_month), abs=3)
        row = re.search(
            rf"{re.escape(label)} RECOMMENDED {MONEY} €[\d.]+ ({MONEY}) .*?set-\s?up {MONEY} ({MONEY})", text
        )
        assert row, brief.company
        assert row.group(1) == summary_month, brief.company
        assert f"a first year of about {row.group(2)}" in text, brief.company

        build = one(r"Build time (about [\d.]+ weeks?|[\d.]+–[\d.]+ weeks)", text)
        assert f"Build, in all {build}" in text, brief.company
        bracket = memo.bracket.label
        assert f"First-year budget {bracket}" in text
        assert f"First-year budget: {bracket}" in text
        assert f"assumptions version {memo.assumptions.version}" in text
