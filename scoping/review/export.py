"""Briefs as CSV: every answer, the review and the recommendation, one row a brief, in words a
reader of the spreadsheet understands (labels, not codes), safe to open in Excel: a byte-order
mark so names keep their accents, and no client text that a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterable
from datetime import datetime

from django.utils import timezone

from decisions.ladder import Approach, Facts
from decisions.money import whole
from scoping.memos.build import memo_with_review
from scoping.memos.content import Memo
from scoping.memos.legacy import LegacyMemo
from scoping.models import Brief
from scoping.review.words import field_label, field_words

CONTACT_AND_PROJECT = [
    "contact_name", "contact_email", "company", "contact_role", "project_title", "project_summary",
    "monthly_queries", "deadline", "budget_high", "budget_low", "budget_currency", "personal_data", "human_review",
]  # fmt: skip
ANSWERS = [f.name for f in dataclasses.fields(Facts)]
CONSULTANTS_WORK = ["engine_approach", "approach_override", "override_reason", "budget_adjustment_percent",
                    "consultant_note", "internal_notes", "assigned_to", "deal_value", "closed_reason"]  # fmt: skip
FIELDS = ["status", "submitted_at", "reply_due_at", "replied_at", "memo_sent_at", *CONTACT_AND_PROJECT, *ANSWERS,
          *CONSULTANTS_WORK]  # fmt: skip
BOM = "\ufeff"


HEADER = [
    "Reference", *(field_label(name) for name in FIELDS), "Final approach", "First-year budget", "Main reason",
    "First year from", "First year up to", "Running a month",
    "Client's staff checking outputs, a month (not included above)", "Currency",
]  # fmt: skip


def _cell(value: object) -> str:
    """A value as text. Text a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
    apostrophe, so a client's answer can never become a formula on a consultant's machine."""
    if isinstance(value, str):
        return f"'{value}" if value.lstrip(" ")[:1] in ("=", "+", "-", "@", "\t", "\r") else value
    if isinstance(value, datetime):  # local time, to the minute, sortable
        return timezone.localtime(value).replace(tzinfo=None).isoformat(sep=" ", timespec="minutes")
    return "" if value is None else value.isoformat() if hasattr(value, "isoformat") else str(value)


def _money(memo: Memo | LegacyMemo) -> tuple[int, int, int, int | None, str]:
    """The first year's ends, the running cost a month, the client's own costs a month told beside
    the figures (in none of them) and the currency, as numbers a spreadsheet adds up (a memo priced by
    the earlier cost model had one first-year figure and an all-in month; one sent before the
    client's own costs were told apart has them in its running cost, as the client read it)."""
    if isinstance(memo, LegacyMemo):
        return whole(memo.first_year), whole(memo.first_year), whole(memo.cost.monthly_total), None, memo.currency
    estimate, first_year = memo.estimate, memo.estimate.first_year
    # Blank where nobody checks, or where a memo sent before it was told apart has it in the running cost.
    beside = estimate.beside_monthly or None
    return whole(first_year.low), whole(first_year.high), estimate.monthly_total, beside, memo.currency


def briefs_csv(briefs: Iterable[Brief]) -> str:
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for brief in briefs:
        memo = memo_with_review(brief)  # as sent, or as it would be sent now
        fields = [brief.reference, *(field_words(brief, name) for name in FIELDS)]
        fields += [Approach(brief.final_approach).label if brief.final_approach else "", memo.bracket.label]
        fields += [memo.recommendation.main_reason.text, *_money(memo)]
        writer.writerow([_cell(value) for value in fields])
    return out.getvalue()
