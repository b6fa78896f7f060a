"""The API's types: what it answers (the core's account of a brief, scoping.integration, typed) and
what it accepts. Pydantic checks both ways, and the OpenAPI schema is made from these."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict, model_validator

from decisions.ladder import Approach
from scoping.models import Brief
from scoping.text import CONTROL_CLASS, VISIBLE

# Text as the admin's forms take it: no invisible control characters (scoping.text; PostgreSQL cannot
# store NUL, the others garble pages and PDFs, and bidirectional controls turn a sentence around).
# Tab, line feed and carriage return are typing.
PRINTABLE = f"[^{CONTROL_CLASS}]"
TO_READ = f"{PRINTABLE}*{VISIBLE}{PRINTABLE}*"  # printable text with something to see (scoping.text.TYPED_TEXT)

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


class ClientCost(Schema):
    label: str
    basis: str = Field(description="How it is worked out, with its figures.")
    monthly: int


class Estimate(Schema):
    currency: str
    first_year: Amounts = Field(
        description="The first year's cost at the two ends of the build's timeline, lower and higher (where running "
        "weighs most, the shorter build is the higher: more months of running)."
    )
    monthly_running: int | None = Field(description="The steady running cost a month, from year two.")
    client_costs_beside: list[ClientCost] = Field(
        description="The client's own monthly costs the memo tells beside its figures (their staff checking "
        "each output): in neither the running cost, the first year nor the bracket. Memos sent before it was "
        "told apart carry it in their running cost, as the client read it, and list nothing here."
    )
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
    value: str | None = Field(description='A decimal string, such as "48000.50".')
    currency: str
    reason: str


class BriefDetail(BriefSummary):
    reply_due_at: datetime | None = Field(
        description="When the reply is (or was) due; None while the brief waits for the client's answers."
    )
    waiting_for_client_since: datetime | None = Field(
        description="While set, the client has questions of ours to answer and the reply deadline waits: it "
        "starts again, one business day, from their answers."
    )
    contact: Contact
    project: Project
    answers: dict[str, str | int | bool | None]
    reading: Reading
    estimate: Estimate
    memo: MemoState
    deal: Deal


class OutcomeIn(Schema):
    """The client's answer to the memo, as the CRM knows it."""

    model_config = ConfigDict(
        extra="forbid",  # a field we do not know is refused, never dropped
        # A lost deal has no value (checked below, and said so to the schema's readers).
        json_schema_extra={"if": {"properties": {"outcome": {"const": "lost"}}},
                           "then": {"properties": {"value": {"type": "null"}}}},
    )  # fmt: skip

    outcome: Literal["won", "lost"]
    # Money as a decimal string, as it is written: a JSON number would pass through binary floating point.
    value: str | None = Field(
        None,
        pattern=r"^[0-9]{1,10}(\.[0-9]{1,2})?$",
        description="The deal's value (won), in the estimate's currency, as a decimal string: \"48000.50\".",
    )
    reason: str = Field("", max_length=2000, pattern=f"^(?:{TO_READ})?$")

    @model_validator(mode="after")
    def _value_only_when_won(self) -> OutcomeIn:
        if self.outcome == "lost" and self.value is not None:
            raise ValueError("A lost deal has no value: send value only with won.")
        return self


class NoteIn(Schema):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=2000, pattern=f"^{TO_READ}$")


class NoteOut(Schema):
    id: int
    at: datetime
    text: str
