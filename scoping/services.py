"""Every write to a brief goes through a function here: views, admin and commands only coordinate."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.db import transaction
from django.utils import timezone

from decisions.ladder import Facts, recommend
from decisions.models import AssumptionSet
from scoping.memo import memo_build, memo_snapshot
from scoping.models import Brief

# The optional answers brief_submit accepts. Listed, so a caller cannot set the status, the
# token or the timestamps through **optional.
BRIEF_OPTIONAL_FIELDS = frozenset({"contact_role", "monthly_queries"})


@transaction.atomic
def brief_submit(
    *,
    contact_name: str,
    contact_email: str,
    company: str,
    project_title: str,
    project_summary: str,
    facts: Facts,
    **optional: Any,
) -> Brief:
    """Create a submitted brief from a complete set of answers.

    This is the integration entry point: keep its signature. It raises
    django.core.exceptions.ValidationError (nothing saved) when an answer is invalid, and
    TypeError for an unknown optional answer.
    """
    unknown = set(optional) - BRIEF_OPTIONAL_FIELDS
    if unknown:
        raise TypeError(
            f"brief_submit() got unknown answers {sorted(unknown)}; optional ones are {sorted(BRIEF_OPTIONAL_FIELDS)}"
        )
    brief = Brief(
        contact_name=contact_name,
        contact_email=contact_email,
        company=company,
        project_title=project_title,
        project_summary=project_summary,
        **optional,
        **dataclasses.asdict(facts),
        status=Brief.Status.SUBMITTED,
        submitted_at=timezone.now(),
        preliminary_approach=recommend(facts).approach,
    )
    brief.full_clean()
    brief.save()
    return brief


@transaction.atomic
def memo_freeze(*, brief: Brief) -> Brief:
    """Fix the memo as it reads now: answers, recommendation, prices and the consultant's note.

    A frozen memo renders the same forever, whatever later changes in the rules or assumptions.
    Freezing twice keeps the first snapshot.
    """
    brief = Brief.objects.select_for_update().get(pk=brief.pk)
    if brief.memo_snapshot is None:
        brief.memo_snapshot = memo_snapshot(memo_build(brief, AssumptionSet.current().to_assumptions()))
        brief.memo_frozen_at = timezone.now()
        brief.save(update_fields=["memo_snapshot", "memo_frozen_at", "updated_at"])
    return brief
