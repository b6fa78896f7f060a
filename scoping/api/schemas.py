"""The API's types: what it answers (the core's account of a brief, scoping.integration, typed) and
what it accepts. Pydantic checks both ways, and the OpenAPI schema is made from these."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema
from pydantic import field_validator

from decisions.ladder import Approach
from scoping.models import Brief
from scoping.text import has_control_characters

StatusCode = Literal[tuple(status.value for status in Brief.Status)]  # type: ignore[valid-type]
ApproachCode = Literal[tuple(approach.value for approach in Approach)]  # type: ignore[valid-type]


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[dict[str, object]] | None = None


class Assignee(Schema):
    username: str
    name: str
    email: str


class BriefSummary(Schema):
    id: int
    reference: str = Field(examples=["SC-20260301-0042"])
    status: StatusCode
    status_label: str
    company: str
    project_title: str
    approach: ApproachCode | None = Field(description="The engine's approach of record; once sent, the memo's.")
    assignee: Assignee | None
    submitted_at: datetime | None
    updated_at: datetime
    memo_sent_at: datetime | None
    deal_outcome: Literal["won", "lost"] | None


class BriefList(Schema):
    items: list[BriefSummary]
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page; null on the last.")


class Contact(Schema):
    name: str
    email: str
    company: str
    role: str


class Budget(Schema):
    low: int | None
    high: int | None
    currency: str


class Project(Schema):
    title: str
    summary: str
    budget: Budget | None


class Reading(Schema):
    basis: Literal["engine", "sent_memo"] = Field(
        description="`sent_memo`: as the memo was sent; `engine`: the engine's reading of the answers alone."
    )
    approach: ApproachCode
    approach_label: str
    engine_approach: ApproachCode
    reasons: list[str]
    points_to_watch: list[str]


class Span(Schema):
    low: float
    high: float


class Amounts(Schema):
    low: int
    high: int


class Bracket(Schema):
    low: int | None
    high: int | None
    label: str


class Estimate(Schema):
    currency: str
    first_year: Amounts = Field(description="The first year's cost, from the short end of the timeline to the long.")
    monthly_running: int | None = Field(description="The steady running cost a month, from year two.")
    bracket: Bracket
    build_weeks: Span
    volume_assumed: bool
    monthly_queries: int


class MemoState(Schema):
    state: Literal["not_sent", "sent"]
    sent_at: datetime | None
    first_viewed_at: datetime | None
    last_viewed_at: datetime | None
    views: int
    accepted_at: datetime | None


class Deal(Schema):
    outcome: Literal["won", "lost"] | None
    value: Decimal | None
    currency: str
    reason: str


class BriefDetail(BriefSummary):
    reply_due_at: datetime | None
    contact: Contact
    project: Project
    answers: dict[str, str | int | bool | None]
    reading: Reading
    estimate: Estimate
    memo: MemoState
    deal: Deal


class OutcomeIn(Schema):
    """The client's answer to the memo, as the CRM knows it."""

    outcome: Literal["won", "lost"]
    value: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2, description="The deal's value (won).")
    reason: str = Field("", max_length=2000)

    @field_validator("reason")
    @classmethod
    def _printable(cls, text: str) -> str:
        return _printable(text)


class NoteIn(Schema):
    text: str = Field(min_length=1, max_length=2000)

    @field_validator("text")
    @classmethod
    def _printable(cls, text: str) -> str:
        text = _printable(text)
        if not text.strip():
            raise ValueError("A note needs some words.")
        return text


def _printable(text: str) -> str:
    """Text as the admin's forms accept it: no invisible control characters (PostgreSQL cannot
    store NUL, and the others garble pages and PDFs)."""
    if has_control_characters(text):
        raise ValueError("Take out the invisible control characters.")
    return text


class NoteOut(Schema):
    id: int
    at: datetime
    text: str
