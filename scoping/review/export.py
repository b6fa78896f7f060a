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
from scoping.memo.content import memo_with_review
from scoping.models import Brief

CONTACT_AND_PROJECT = [
    "contact_name", "contact_email", "company", "contact_role", "project_title", "project_summary", "use_case",
    "monthly_queries", "deadline", "budget_range",
]  # fmt: skip
ANSWERS = [f.name for f in dataclasses.fields(Facts)]
REVIEW = ["preliminary_approach", "approach_override", "override_reason", "budget_adjustment_percent",
          "consultant_note", "internal_notes", "assigned_to", "deal_value", "closed_reason"]  # fmt: skip
FIELDS = ["status", "submitted_at", "reply_due_at", "replied_at", "memo_sent_at", *CONTACT_AND_PROJECT, *ANSWERS,
          *REVIEW]  # fmt: skip
BOM = "\ufeff"


def _label(name: str) -> str:
    words = str(Brief._meta.get_field(name).verbose_name)
    return words[:1].upper() + words[1:]


HEADER = ["Reference", *(_label(name) for name in FIELDS), "Final approach", "First-year budget", "Main reason"]


def _value(brief: Brief, name: str) -> object:
    """A field as a reader would say it: a choice's label, yes or no, a person's name."""
    field = Brief._meta.get_field(name)
    value = getattr(brief, name)
    if field.choices and value not in (None, ""):
        return getattr(brief, f"get_{name}_display")()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if name == "assigned_to":
        return value.get_full_name() or value.get_username() if value is not None else ""
    return value


def _cell(value: object) -> str:
    """A value as text. Text a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
    apostrophe, so a client's answer can never become a formula on a consultant's machine."""
    if isinstance(value, str):
        return f"'{value}" if value.lstrip(" ")[:1] in ("=", "+", "-", "@", "\t", "\r") else value
    if isinstance(value, datetime):  # local time, to the minute, sortable
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return "" if value is None else value.isoformat() if hasattr(value, "isoformat") else str(value)


def briefs_csv(briefs: Iterable[Brief]) -> str:
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for brief in briefs:
        memo = memo_with_review(brief)  # as sent, or as it would be sent now
        fields = [brief.reference, *(_value(brief, name) for name in FIELDS)]
        fields += [Approach(brief.final_approach).label if brief.final_approach else "", memo.bracket.label]
        fields += [memo.recommendation.main_reason.text]
        writer.writerow([_cell(value) for value in fields])
    return out.getvalue()
