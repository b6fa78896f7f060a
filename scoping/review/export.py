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
from scoping.memos.build import memo_with_review
from scoping.models import Brief
from scoping.review.words import field_label, field_words

CONTACT_AND_PROJECT = [
    "contact_name", "contact_email", "company", "contact_role", "project_title", "project_summary",
    "monthly_queries", "deadline", "budget_range",
]  # fmt: skip
ANSWERS = [f.name for f in dataclasses.fields(Facts)]
CONSULTANTS_WORK = ["engine_approach", "approach_override", "override_reason", "budget_adjustment_percent",
                    "consultant_note", "internal_notes", "assigned_to", "deal_value", "closed_reason"]  # fmt: skip
FIELDS = ["status", "submitted_at", "reply_due_at", "replied_at", "memo_sent_at", *CONTACT_AND_PROJECT, *ANSWERS,
          *CONSULTANTS_WORK]  # fmt: skip
BOM = "\ufeff"


HEADER = ["Reference", *(field_label(name) for name in FIELDS), "Final approach", "First-year budget", "Main reason"]


def _cell(value: object) -> str:
    """A value as text. Text a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
    apostrophe, so a client's answer can never become a formula on a consultant's machine."""
    if isinstance(value, str):
        return f"'{value}" if value.lstrip(" ")[:1] in ("=", "+", "-", "@", "\t", "\r") else value
    if isinstance(value, datetime):  # local time, to the minute, sortable
        return timezone.localtime(value).replace(tzinfo=None).isoformat(sep=" ", timespec="minutes")
    return "" if value is None else value.isoformat() if hasattr(value, "isoformat") else str(value)


def briefs_csv(briefs: Iterable[Brief]) -> str:
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for brief in briefs:
        memo = memo_with_review(brief)  # as sent, or as it would be sent now
        fields = [brief.reference, *(field_words(brief, name) for name in FIELDS)]
        fields += [Approach(brief.final_approach).label if brief.final_approach else "", memo.bracket.label]
        fields += [memo.recommendation.main_reason.text]
        writer.writerow([_cell(value) for value in fields])
    return out.getvalue()
