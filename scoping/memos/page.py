"""What the report page and the PDF templates both need beside the memo: the ladder picture (the
engine's, decisions.ladder.rungs), the chart, and the consultancy's own details."""

from __future__ import annotations

from django.conf import settings

from decisions.ladder import ladder_rungs
from scoping.memos.chart import cost_chart
from scoping.memos.content import Memo


def memo_context(memo: Memo, *, preview: bool) -> dict:
    """What the report page and the PDF templates both need."""
    return {
        "memo": memo,
        "preview": preview,  # not yet sent: what the client sees before, or a consultant's preview
        "rungs": ladder_rungs(memo.recommendation, memo.approach, memo.engine_approach or memo.approach),
        "chart": cost_chart(memo.estimate, memo.approach, memo.assumptions.currency),
        "consultancy_name": settings.CONSULTANCY_NAME,
        "consultancy_email": settings.CONSULTANCY_EMAIL,
        "booking_url": settings.CONSULTANCY_BOOKING_URL,
    }
