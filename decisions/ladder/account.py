"""The ladder's account of a brief: ``recommend(facts)`` for the rules' approach, ``explain(facts,
chosen)`` for one a consultant chose instead. Both read the same rows (``reasons``, ``watch``,
``steps``) for the approach they account for."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from decisions.ladder.facts import Approach, Facts
from decisions.ladder.reading import Reading, SizeBasis
from decisions.ladder.reasons import AFTER_RETRIEVAL, CHOSEN, DEFERRED, LEADING, RETRIEVAL, SIGNALS
from decisions.ladder.rules import Case, Finding, RuleId, Standing, findings
from decisions.ladder.steps import STEPS
from decisions.ladder.watch import WATCH


@dataclass(frozen=True)
class Recommendation:
    """The ladder's answer for one set of facts and one approach."""

    approach: Approach
    fine_tuning_deferred: bool
    reasons: tuple[Finding, ...]  # why this approach; the first decided it
    warnings: tuple[Finding, ...] = ()  # points to watch, questions among them
    next_steps: tuple[str, ...] = ()
    rag_applies: bool = False  # the brief calls for retrieval
    fine_tuning_signals: tuple[RuleId, ...] = ()
    # What the eval set already settled: rungs measured sufficient, and rungs measured short.
    measured_sufficient: tuple[Approach, ...] = ()
    measured_short: tuple[Approach, ...] = ()
    # The knowledge is too large or changes too often for a prompt to carry it.
    prompt_cannot_hold: bool = False
    # Beside an approach without a fine-tune: why fine-tuning waits, and the signs for it.
    later: tuple[Finding, ...] = ()

    @property
    def main_reason(self) -> Finding:
        return self.reasons[0]

    @property
    def questions(self) -> tuple[str, ...]:
        """What a consultant would ask because two answers do not fit together, or one is missing."""
        return tuple(warning.text for warning in self.warnings if warning.rule_id.asks)

    @property
    def deferred_note(self) -> str:
        """Why fine-tuning waits, in the engine's words; empty when it does not."""
        return next((found.text for found in self.later if found.rule_id is RuleId.FT_DEFERRED), "")

    @property
    def ruled_out(self) -> tuple[Approach, ...]:
        """Approaches that cannot stand in for this one: rungs measured short, and prompting where
        the knowledge is more than a prompt can carry."""
        return (*self.measured_short, *((Approach.PROMPTING,) if self.prompt_cannot_hold else ()))


def standing(facts: Facts) -> Standing:
    """The ladder as ``facts`` leave it, before an approach is chosen."""
    reading = Reading.of(facts)
    retrieval = [found for trigger in RETRIEVAL if (found := trigger.finding(reading)) is not None]
    # A size estimated at a typical length, which the pages could overturn, goes after what the client told us.
    retrieval.sort(
        key=lambda found: found.rule_id is RuleId.RAG_LARGE and reading.size.basis is SizeBasis.TYPICAL_DECIDES
    )
    return Standing(
        reading,
        tuple(retrieval),
        tuple(found for trigger in SIGNALS if (found := trigger.finding(reading)) is not None),
    )


@lru_cache(maxsize=4096)
def recommend(facts: Facts) -> Recommendation:
    """Apply the framework to ``facts`` and explain the result.

    Premises before triggers (retrieval needs knowledge to look things up in, the client's or
    published; documents a system processes one at a time are its inputs, not that knowledge), size
    as the framework means it (estimated honestly where only a count is given), measurements decide
    (the cheapest rung measured sufficient is the answer; a rung measured short is never proposed
    again alone; retrieval measured over real knowledge is kept), and a shortfall is routed by its
    cause: facts to retrieval, behaviour to fine-tuning through the framework's gate. The first
    reason is always the one that decided the approach; the rest support it.
    """
    found = standing(facts)
    return _account(Case(found, found.approach))


@lru_cache(maxsize=4096)
def explain(facts: Facts, chosen: Approach) -> Recommendation:
    """The ladder's account of ``chosen`` for ``facts``, when a consultant recommends it instead of
    the rules' approach: what in the brief supports it (or, where nothing does, what it is for), its
    own points to watch and next steps, and where it departs from the rules. For the rules' own
    approach this is ``recommend(facts)``."""
    found = standing(facts)
    return recommend(facts) if chosen is found.approach else _account(Case(found, chosen))


def _account(case: Case) -> Recommendation:
    found, approach = case.standing, case.approach
    reasons = [
        *findings(LEADING, case),
        *(found.retrieval if approach.retrieves else ()),
        *findings(AFTER_RETRIEVAL, case),
        *(found.signals if approach.fine_tunes else ()),
    ]
    if not reasons:  # a consultant's choice nothing in the brief argues for: say what it is for
        reasons = [*findings((CHOSEN[approach],), case)]
    deferred = DEFERRED.finding(case)
    return Recommendation(
        approach=approach,
        fine_tuning_deferred=deferred is not None,
        reasons=tuple(reasons),
        warnings=findings(WATCH, case),
        next_steps=tuple(step.says(case) for step in STEPS if step.when(case)),
        rag_applies=found.retrieval_called_for,
        fine_tuning_signals=tuple(signal.rule_id for signal in found.signals),
        measured_sufficient=found.sufficient,
        measured_short=case.reading.short,
        prompt_cannot_hold=case.reading.prompt_cannot_hold,
        later=(deferred, *found.signals) if deferred is not None else (),
    )
