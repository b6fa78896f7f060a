"""What another system may know of a brief: one plain, JSON-ready account, which the API returns and
every webhook carries, so the two never disagree.

It says what the client may see and where the work stands, never the work itself: the reading and
the estimate are the memo as it was sent, and before that the engine's reading of the answers alone
(``memo_for_client``), untouched by a review in progress. The client's private token is never in it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from decisions.models import AssumptionSet
from scoping.deadlines import ReplyState
from scoping.memos.build import memo_for_client
from scoping.memos.content import Memo
from scoping.models import Brief, SentMemo
from scoping.steps import QUESTION_STEPS
from scoping.team import person

# Told apart elsewhere in the account (contact, project), so not repeated among the answers.
_NOT_ANSWERS = frozenset(
    {"contact_name", "contact_email", "company", "contact_role", "project_title", "project_summary"}
)
ANSWER_FIELDS = tuple(name for step in QUESTION_STEPS for name in step.fields if name not in _NOT_ANSWERS)


def visible_briefs() -> QuerySet[Brief]:
    """The briefs an integration sees (a draft is not a brief yet), each annotated with
    ``public_approach``: the approach of record until the memo is sent, the latest sent version's
    after (never a revision still being prepared)."""
    sent = SentMemo.objects.filter(brief=OuterRef("pk")).order_by("-number").values("approach")[:1]
    return (
        Brief.objects.exclude(status=Brief.Status.DRAFT)
        .annotate(public_approach=Coalesce(Subquery(sent), F("engine_approach")))
        .select_related("assigned_to")
    )


_JSON = DjangoJSONEncoder()


def _accepted_at(brief: Brief) -> datetime | None:
    latest = SentMemo.objects.latest_for(brief)
    acceptance = latest.accepted if latest is not None else None
    return acceptance.accepted_at if acceptance is not None else None


def _when(value: datetime | date | None) -> str | None:
    """A date or time as the API's JSON writes it (Django's encoder: to the millisecond, UTC as Z),
    so a webhook and the API say the same thing to the character."""
    return _JSON.default(value) if value is not None else None


def _answer(brief: Brief, name: str) -> str | int | bool | None:
    value = getattr(brief, name)
    return _when(value) if isinstance(value, date) else value


def brief_summary(brief: Brief) -> dict[str, Any]:
    """A brief as a list shows it: who, what, where it stands (no engine call)."""
    approach = getattr(brief, "public_approach", None) or visible_briefs().get(pk=brief.pk).public_approach
    return {
        "id": brief.pk,
        "reference": brief.reference,
        "status": brief.status,
        "status_label": brief.get_status_display(),
        "company": brief.company,
        "project_title": brief.project_title,
        "approach": approach or None,
        "assignee": _assignee(brief),
        "submitted_at": _when(brief.submitted_at),
        "updated_at": _when(brief.updated_at),
        "memo_sent_at": _when(brief.memo_sent_at),
        "deal_outcome": brief.status if brief.state.deal_closed else None,
    }


def _reply(brief: Brief) -> dict[str, str | None]:
    """When the reply is due, or, while the client has questions of ours to answer, since when the
    deadline waits for them (it starts again, one business day, from their answers)."""
    waiting = brief.reply_state() is ReplyState.WAITING_FOR_CLIENT
    return {
        "reply_due_at": None if waiting else _when(brief.reply_due_at),
        "waiting_for_client_since": _when(brief.waiting_for_client_since) if waiting else None,
    }


def _assignee(brief: Brief) -> dict[str, str] | None:
    user = brief.assigned_to
    return None if user is None else {"username": user.get_username(), "name": person(user), "email": user.email}


def brief_account(brief: Brief, current: AssumptionSet | None = None) -> dict[str, Any]:
    """Everything an integration may know of ``brief``: the summary, the client's answers, the
    reading and estimate the client may see, the memo's state and the deal's outcome."""
    memo = memo_for_client(brief, current)
    sent = brief.memo_sent_at is not None
    if isinstance(memo, Memo):
        estimate = memo.estimate
        low, high, monthly = estimate.first_year.low, estimate.first_year.high, estimate.monthly_total
        beside = [{"label": line.label, "basis": line.basis, "monthly": line.printed[0]} for line in estimate.beside]
    else:  # frozen before the cost model of ranges: one first-year figure
        low = high = memo.first_year
        monthly, beside = None, []
    weeks = memo.build_span
    return {
        **brief_summary(brief),
        **_reply(brief),
        "contact": {
            "name": brief.contact_name,
            "email": brief.contact_email,
            "company": brief.company,
            "role": brief.contact_role,
        },
        "project": {
            "title": brief.project_title,
            "summary": brief.project_summary,
            "budget": None
            if brief.client_budget is None
            else {"low": brief.budget_low, "high": brief.budget_high, "currency": brief.budget_currency},
        },
        "answers": {name: _answer(brief, name) for name in ANSWER_FIELDS},
        "reading": {
            "basis": "sent_memo" if sent else "engine",
            "approach": memo.approach.value,
            "approach_label": memo.approach.label,
            "engine_approach": (memo.engine_approach or memo.approach).value,
            "reasons": [finding.text for finding in memo.recommendation.reasons],
            "points_to_watch": [finding.text for finding in memo.points_to_watch],
        },
        "estimate": {
            "currency": memo.currency,
            "first_year": {"low": round(low), "high": round(high)},
            "monthly_running": monthly,
            "client_costs_beside": beside,
            "bracket": {"low": memo.bracket.low, "high": memo.bracket.high, "label": memo.bracket.label},
            "build_weeks": {"low": weeks[0], "high": weeks[1]},
            "volume_assumed": memo.volume_assumed,
            "monthly_queries": memo.monthly_queries,
        },
        "memo": {
            "state": "sent" if sent else "not_sent",
            "sent_at": _when(brief.memo_sent_at),
            "first_viewed_at": _when(brief.memo_first_viewed_at),
            "last_viewed_at": _when(brief.memo_last_viewed_at),
            "views": brief.memo_views,
            "accepted_at": _when(_accepted_at(brief)),  # of the version the client reads now
        },
        "deal": {
            "outcome": brief.status if brief.state.deal_closed else None,
            "value": None if brief.deal_value is None else str(brief.deal_value),
            "currency": memo.currency,
            "reason": brief.closed_reason,
        },
    }
