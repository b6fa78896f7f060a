"""Briefs as CSV: every answer and the recommendation, one row a brief, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterable

from decisions.ladder import Facts
from scoping.models import Brief

CONTACT_AND_PROJECT = [
    "contact_name", "contact_email", "company", "contact_role", "project_title", "project_summary", "use_case",
    "monthly_queries", "deadline", "budget_range",
]  # fmt: skip
ANSWERS = [f.name for f in dataclasses.fields(Facts)]
REVIEW = ["preliminary_approach", "approach_override", "override_reason", "budget_adjustment_percent"]
HEADER = ["reference", "status", "submitted_at", "reply_due_at", "replied_at", *CONTACT_AND_PROJECT, *ANSWERS,
          *REVIEW, "final_approach", "main_reason"]  # fmt: skip


def _cell(value: object) -> str:
    """A value as text. Text a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
    apostrophe, so a client's answer can never become a formula on a consultant's machine."""
    if isinstance(value, str):
        return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
    return "" if value is None else value.isoformat() if hasattr(value, "isoformat") else str(value)


def briefs_csv(briefs: Iterable[Brief]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for brief in briefs:
        fields = [brief.reference, brief.status, brief.submitted_at, brief.reply_due_at, brief.replied_at]
        fields += [getattr(brief, name) for name in (*CONTACT_AND_PROJECT, *ANSWERS, *REVIEW)]
        fields += [brief.final_approach, brief.recommendation().main_reason.text]
        writer.writerow([_cell(value) for value in fields])
    return out.getvalue()
