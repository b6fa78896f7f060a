"""What the report page and the PDF templates both need beside the memo: the ladder picture (the
engine's, decisions.ladder.rungs), the chart, and the consultancy's own details."""

from __future__ import annotations

from django.conf import settings

from decisions.ladder import ladder_rungs
from scoping.memos.chart import CostChart, cost_chart
from scoping.memos.content import Memo
from scoping.memos.legacy import LegacyMemo


def chart_of(memo: Memo | LegacyMemo) -> CostChart:
    """The memo's chart: the running cost a month by volume (memos frozen before the cost model of
    ranges drew the all-in monthly cost, set-up spread over the months)."""
    if isinstance(memo, LegacyMemo):
        return cost_chart(
            memo.estimate.series, memo.monthly_queries, memo.approach, memo.currency,
            title="Monthly cost by query volume", what="all-in cost",
        )  # fmt: skip
    return cost_chart(
        memo.pricing.series, memo.monthly_queries, memo.approach, memo.currency,
        title="Running cost a month by request volume", what="running cost",
    )  # fmt: skip


def memo_context(memo: Memo | LegacyMemo, *, preview: bool) -> dict:
    """What the report page and the PDF templates both need."""
    return {
        "memo": memo,
        "preview": preview,  # not yet sent: what the client sees before, or a consultant's preview
        "rungs": ladder_rungs(memo.recommendation, memo.approach, memo.engine_approach or memo.approach),
        "chart": chart_of(memo),
        "consultancy_name": settings.CONSULTANCY_NAME,
        "consultancy_email": settings.CONSULTANCY_EMAIL,
        "booking_url": settings.CONSULTANCY_BOOKING_URL,
    }
