"""What the report page and the PDF templates both need beside the memo: the ladder picture and the
chart, and the consultancy's own details."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from decisions.ladder import Approach, Recommendation
from scoping.memos.chart import cost_chart
from scoping.memos.content import Memo


@dataclass(frozen=True)
class Rung:
    """One step of the ladder as it stands for this project."""

    approach: Approach
    state: str  # recommended | included | deferred | measured | not_needed
    note: str


def ladder_rungs(recommendation: Recommendation, chosen: Approach, engine_approach: Approach) -> tuple[Rung, ...]:
    """Where the project stands on each rung, for the ladder picture in the report and memo;
    ``chosen`` is the memo's approach, and ``engine_approach`` the rules' (a consultant may have set it
    aside, and with it retrieval the rules called for)."""
    both = chosen is Approach.RAG_FINE_TUNING
    waiting = recommendation.fine_tuning_deferred
    settled = recommendation.measured_sufficient  # a cheaper rung already does the job on the eval set
    retrieving = chosen in (Approach.RAG, Approach.RAG_FINE_TUNING)

    def rung(approach: Approach, *, included: bool = False, deferred: bool = False) -> Rung:
        if approach is chosen:
            return Rung(approach, "recommended", "Recommended")
        if approach is engine_approach:
            return Rung(approach, "set_aside", "Our rules' first reading: set aside, see the summary")
        if approach is Approach.RAG and recommendation.rag_applies and not retrieving:
            return Rung(approach, "set_aside", "Called for by our rules: left out, see the points to watch")
        if approach in recommendation.measured_short:  # alone; it may still be part of what is built
            return Rung(approach, "measured", "Measured alone: fell short")
        if included:
            return Rung(approach, "included", "Part of the recommendation")
        if settled and list(Approach).index(approach) > list(Approach).index(settled[0]):
            return Rung(approach, "measured", "Not needed: a cheaper rung passed")
        if deferred:
            return Rung(approach, "deferred", "Deferred: see why above")
        return Rung(approach, "not_needed", "Not needed on current answers")

    return (
        rung(Approach.PROMPTING, included=True),  # every approach starts from a good prompt
        rung(Approach.RAG, included=both),
        rung(Approach.FINE_TUNING, included=both, deferred=waiting and not recommendation.rag_applies),
        rung(Approach.RAG_FINE_TUNING, deferred=waiting and recommendation.rag_applies),
    )


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
