"""The ladder picture: where the project stands on each rung, in words that agree with the reasons."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from decisions.ladder.account import Recommendation
from decisions.ladder.facts import Approach


class RungState(StrEnum):
    RECOMMENDED = "recommended"
    INCLUDED = "included"  # part of what is recommended
    SET_ASIDE = "set_aside"  # the rules' approach, which a consultant set aside
    LEFT_OUT = "left_out"  # retrieval the brief calls for, which the recommendation leaves out
    MEASURED = "measured"  # the eval set settled it: fell short, or a cheaper rung passed
    LATER = "later"  # fine-tuning, waiting for the eval set
    NOT_CALLED_FOR = "not_needed"  # nothing in the brief calls for it


@dataclass(frozen=True)
class Rung:
    """One step of the ladder as it stands for this project."""

    approach: Approach
    state: RungState
    note: str


def ladder_rungs(recommendation: Recommendation, chosen: Approach, engine_approach: Approach) -> tuple[Rung, ...]:
    """Each rung for the report and the memo: ``chosen`` is the memo's approach, ``engine_approach``
    the rules' (a consultant may have set it aside, and with it retrieval the rules called for)."""
    return tuple(_rung(approach, recommendation, chosen, engine_approach) for approach in Approach)


def _rung(approach: Approach, recommendation: Recommendation, chosen: Approach, engine: Approach) -> Rung:
    retrieval = recommendation.rag_applies
    passed = recommendation.measured_sufficient
    if approach is chosen:
        return Rung(approach, RungState.RECOMMENDED, "Recommended")
    if approach is engine:
        return Rung(approach, RungState.SET_ASIDE, "Our rules' first reading: set aside, see the summary")
    if approach is Approach.RAG and retrieval and not chosen.retrieves:
        return Rung(approach, RungState.LEFT_OUT, "Called for by the brief: left out, see the points to watch")
    if approach in recommendation.measured_short:  # alone; it may still be part of what is built
        return Rung(approach, RungState.MEASURED, "Measured alone: fell short")
    if approach is Approach.PROMPTING or (chosen is Approach.RAG_FINE_TUNING and approach is not chosen):
        return Rung(approach, RungState.INCLUDED, "Part of the recommendation")
    if passed and approach.rung > passed[0].rung:
        return Rung(approach, RungState.MEASURED, "Not needed: a cheaper rung passed the eval set")
    if approach is Approach.RAG:
        return Rung(approach, RungState.NOT_CALLED_FOR, "Not called for: nothing in the brief needs retrieving")
    if chosen.fine_tunes:  # the other fine-tuning rung: fine-tuning alone was chosen
        if retrieval:
            return Rung(approach, RungState.LEFT_OUT, "Not in this plan: it adds the retrieval the brief calls for")
        return Rung(approach, RungState.NOT_CALLED_FOR, "Not called for: nothing in the brief needs retrieving")
    if not recommendation.fine_tuning_signals:
        return Rung(approach, RungState.NOT_CALLED_FOR, "Not called for: nothing in the brief calls for fine-tuning")
    # Fine-tuning has signs in the brief and waits for the eval set: alone where nothing needs
    # retrieving, with retrieval where something does.
    if (approach is Approach.RAG_FINE_TUNING) == (retrieval or chosen.retrieves):
        return Rung(approach, RungState.LATER, "Later, only if the eval set shows the need: see “Fine-tuning, later”")
    if approach is Approach.FINE_TUNING:
        return Rung(approach, RungState.NOT_CALLED_FOR, "Not on its own: the knowledge needs retrieval beside it")
    return Rung(approach, RungState.NOT_CALLED_FOR, "Not called for: nothing in the brief needs retrieving")
