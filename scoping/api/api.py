"""The API's operations, mounted at /api/v1/: briefs listed and read; a deal's outcome and a note
written back, through the same services, moves and checks as the admin's buttons."""

from __future__ import annotations

import base64
import binascii
import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, NinjaAPI, Path, Query, Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from pydantic import field_validator

from scoping.api import schemas
from scoping.api.keys import ApiKeyAuth, require_write
from scoping.api.problems import MEDIA_TYPE, Problem, on_problem
from scoping.integration import brief_account, brief_summary, visible_briefs
from scoping.lifecycle import LOST, WON, TransitionRefused
from scoping.models import Brief
from scoping.services.review import brief_close, brief_comment

DESCRIPTION = """Every brief, memo and deal of the workspace, for a CRM.

Authenticate with an API key (made by a superuser in the admin) as a bearer token. Errors are
RFC 9457 problem details. Changes are also pushed as signed webhooks (Standard Webhooks 1.0)."""


class ScopeApi(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> dict[str, Any]:
        """The schema, with errors declared as what they are: problem details, not plain JSON."""
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for code, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(code) >= 400 and "application/json" in content:
                        response["content"] = {MEDIA_TYPE: content["application/json"]}
        return schema


api = ScopeApi(
    title="Scope intake API",
    version="1.0.0",
    description=DESCRIPTION,
    auth=ApiKeyAuth(),
    urls_namespace="api-v1",
    docs_url=None,  # the schema is public at openapi.json; a docs page would need a script from a CDN
)
for error in (Problem, AuthenticationError, ValidationError, HttpError, Exception):
    api.add_exception_handler(error, on_problem)

ERRORS = {code: schemas.Problem for code in (400, 401, 422, 429, 503)}  # 503: the database not answering
READ_ERRORS = {**ERRORS, 404: schemas.Problem}
WRITE_ERRORS = {**READ_ERRORS, 403: schemas.Problem, 409: schemas.Problem}


# RFC 3339, as OpenAPI's date-time means: Pydantic alone would also take "0.5" as seconds since 1970.
RFC_3339 = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")


class BriefFilters(Schema):
    status: schemas.StatusCode | None = None
    approach: schemas.ApproachCode | None = None
    assignee: str | None = Field(
        None, max_length=150, pattern=r"^[^\u0000-\u001f\u007f-\u009f]+$", description="A consultant's username."
    )
    changed_since: datetime | None = Field(None, description="Only briefs changed since then (RFC 3339).")
    cursor: str | None = Field(None, max_length=200, pattern=r"^[A-Za-z0-9_=-]+$")
    limit: int = Field(50, ge=1, le=100)

    @field_validator("changed_since", mode="before")
    @classmethod
    def _rfc_3339(cls, value: object) -> object:
        if value is not None and not (isinstance(value, str) and RFC_3339.fullmatch(value)):
            raise ValueError("A date and time as RFC 3339 writes it, such as 2026-03-01T09:00:00Z.")
        return value

    @field_validator("changed_since")
    @classmethod
    def _in_utc(cls, value: datetime | None) -> datetime | None:
        """In UTC, as stored: an offset that carries it past the calendar's first or last day is refused."""
        try:
            return value.astimezone(UTC) if value is not None else None
        except OverflowError:
            raise ValueError("That time, at its offset, lies outside the calendar.") from None


def _cursor(brief: Brief) -> str:
    return base64.urlsafe_b64encode(f"{brief.updated_at.isoformat()}|{brief.pk}".encode()).decode()


def _after(cursor: str) -> Q:
    """Briefs after ``cursor`` in the list's order (last changed last, then by id)."""
    try:
        when, _, pk = base64.urlsafe_b64decode(cursor.encode()).decode().partition("|")
        at, number = datetime.fromisoformat(when).astimezone(UTC), int(pk)
    except (binascii.Error, UnicodeDecodeError, ValueError, OverflowError) as error:
        raise Problem(400, "bad-cursor", "The cursor is not one this API gave.") from error
    return Q(updated_at__gt=at) | Q(updated_at=at, pk__gt=number)


@api.get(
    "/briefs",
    response={200: schemas.BriefList, **ERRORS},
    summary="List briefs",
)
def list_briefs(request: HttpRequest, filters: Query[BriefFilters]) -> dict[str, Any]:
    """Briefs, least recently changed first, a page at a time: follow ``next_cursor``. With
    ``changed_since``, only those changed since then (a CRM's sync)."""
    # A misspelt filter must not quietly list every brief to a CRM's sync.
    if unknown := sorted(set(request.GET) - set(BriefFilters.model_fields)):
        raise Problem(422, "invalid", f"Unknown query parameters: {', '.join(unknown)}.")
    # Nor may one of two values given for a filter quietly win.
    if repeated := sorted(name for name, values in request.GET.lists() if len(values) > 1):
        raise Problem(422, "invalid", f"Give each query parameter once: {', '.join(repeated)}.")
    briefs = visible_briefs().order_by("updated_at", "pk")
    if filters.status:
        briefs = briefs.filter(status=filters.status)
    if filters.approach:
        briefs = briefs.filter(public_approach=filters.approach)
    if filters.assignee is not None:
        briefs = briefs.filter(assigned_to__username=filters.assignee)
    if filters.changed_since:
        briefs = briefs.filter(updated_at__gte=filters.changed_since)
    if filters.cursor:
        briefs = briefs.filter(_after(filters.cursor))
    page = list(briefs[: filters.limit + 1])
    more = len(page) > filters.limit
    page = page[: filters.limit]
    return {"items": [brief_summary(brief) for brief in page], "next_cursor": _cursor(page[-1]) if more else None}


# A brief's id, as the database can hold it (a larger number would fail in SQL, not be "not found").
BriefId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _found(pk: int) -> Brief:
    brief = visible_briefs().filter(pk=pk).first()
    if brief is None:
        raise Problem(404, "not-found", f"There is no brief {pk}.")
    return brief


@api.get("/briefs/{brief_id}", response={200: schemas.BriefDetail, **READ_ERRORS}, summary="Read a brief")
def read_brief(request: HttpRequest, brief_id: BriefId) -> dict[str, Any]:
    """One brief in full: the answers, the engine's reading, the estimate, the memo and the deal."""
    return brief_account(_found(brief_id))


@api.post(
    "/briefs/{brief_id}/outcome",
    response={200: schemas.BriefDetail, **WRITE_ERRORS},
    summary="Mark the deal won or lost",
)
def close_deal(request: HttpRequest, brief_id: BriefId, outcome: schemas.OutcomeIn) -> dict[str, Any]:
    """The client's answer to the memo: won (with its value) or lost, and why. As the admin's Won and
    Lost buttons: only a sent memo's brief, recorded in its history as done by the key; the brief
    stays with the consultant who has it. Sent again (a retry after a lost answer), the same outcome
    is answered as the first time and written once."""
    key = require_write(request)
    brief = _found(brief_id)
    won = outcome.outcome == "won"
    move = WON if won else LOST
    if not move.permitted(key.user, may_change=key.may_write):
        raise Problem(403, "not-permitted", f"This key may not {move.verb}.")
    value = Decimal(outcome.value) if outcome.value is not None else None
    if not _records(brief, outcome, value):
        try:
            brief_close(brief=brief, actor=key.user, won=won, reason=outcome.reason, value=value, claim=False)
        except TransitionRefused as refused:
            if not _records(_found(brief.pk), outcome, value):  # a retry of this very request may have won the race
                raise Problem(409, "refused", str(refused)) from refused
    return brief_account(_found(brief.pk))


def _records(brief: Brief, outcome: schemas.OutcomeIn, value: Decimal | None) -> bool:
    """Whether ``brief`` is closed with exactly this outcome, value and reason already."""
    return (brief.status, brief.deal_value, brief.closed_reason) == (outcome.outcome, value, outcome.reason)


@api.post(
    "/briefs/{brief_id}/notes",
    response={201: schemas.NoteOut, **WRITE_ERRORS},
    summary="Add a note to the history",
)
def add_note(request: HttpRequest, brief_id: BriefId, note: schemas.NoteIn) -> Status:
    """A line for the brief's history (a call, what the client said), by the key, in any status."""
    key = require_write(request)
    event = brief_comment(brief=_found(brief_id), actor=key.user, text=note.text)
    return Status(201, {"id": event.pk, "at": event.at, "text": event.detail})
