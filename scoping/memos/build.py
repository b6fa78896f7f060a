"""The memo for a brief: built from the engine's assessment, or rebuilt from its frozen snapshot.

Two readers, two rules. ``memo_for_client(brief)`` is what the client may see: the frozen memo once
it is sent, and until then the engine's reading of their answers alone, with nothing a consultant
has typed. ``memo_with_review(brief)`` is what the memo says or will say when sent: the frozen memo,
else the consultant's work in progress (for their previews and the email they are about to send).
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from decisions.assessment import Assessment, BriefInputs, assess
from decisions.costs import Assumptions
from decisions.estimate import Profile
from decisions.ladder import Approach, RuleFigures
from decisions.matrix import COST_MATRIX
from decisions.models import AssumptionSet
from scoping.memos.content import Memo, Signatory
from scoping.memos.legacy import LegacyMemo
from scoping.memos.snapshots import from_json
from scoping.models import Brief, ConsultantProfile, SentMemo
from scoping.team import person


def signatory(user: AbstractBaseUser) -> Signatory:
    """How ``user`` signs a memo: their name and email, and the role and phone of their signature."""
    profile = ConsultantProfile.objects.filter(user=user).first()
    return Signatory(
        name=person(user),
        role=(profile.role if profile else "") or "Consultant",
        email=user.email or settings.CONSULTANCY_EMAIL,
        phone=profile.phone if profile else "",
    )


def brief_inputs(brief: Brief, *, with_review: bool = True) -> BriefInputs:
    """What the engine reads of ``brief``; without ``with_review``, the answers alone (no override
    or adjustment: what a client may see before the memo is sent)."""
    return BriefInputs(
        facts=brief.facts(),
        monthly_queries=brief.monthly_queries,
        budget=brief.client_budget,
        profile=Profile(personal_data=brief.personal_data, human_review=brief.human_review),
        engine_approach=Approach(brief.engine_approach) if brief.engine_approach else None,
        override=Approach(brief.approach_override) if with_review and brief.approach_override else None,
        adjustment_percent=brief.budget_adjustment_percent if with_review else 0,
        deadline=brief.deadline,
        today=timezone.localdate(),
    )


def brief_assessment(brief: Brief, assumptions: Assumptions, *, with_review: bool = True) -> Assessment:
    """The engine's one call for ``brief``."""
    return assess(brief_inputs(brief, with_review=with_review), assumptions)


def memo_build(
    brief: Brief, assumptions: Assumptions, *, with_review: bool = True, signed_by: Signatory | None = None
) -> Memo:
    """The memo for ``brief`` as of now, signed by ``signed_by`` (the consultant sending it, or
    previewing it as if they were); without ``with_review``, the engine's reading alone (no
    override, adjustment, note or signature: what a client may see before the memo is sent)."""
    inputs = brief_inputs(brief, with_review=with_review)
    found = assess(inputs, assumptions)
    today = timezone.localdate()
    return Memo(
        reference=brief.reference,
        company=brief.company,
        contact_name=brief.contact_name,
        contact_role=brief.contact_role,
        project_title=brief.project_title,
        project_summary=brief.project_summary,
        submitted_on=timezone.localdate(brief.submitted_at or brief.created_at),
        prepared_on=today,
        monthly_queries=found.monthly_queries,
        volume_assumed=found.volume_assumed,
        facts=inputs.facts,
        recommendation=found.recommendation,
        changes=found.changes,
        pricing=found.pricing,
        bracket=found.bracket,
        timeline=found.timeline,
        retraining=found.retraining,
        matrix=COST_MATRIX,
        consultant_note=brief.consultant_note if with_review else "",
        approach_override=inputs.override,
        override_reason=brief.override_reason if inputs.override else "",
        budget_adjustment_percent=inputs.adjustment_percent,
        engine_approach=found.engine_approach,
        engine_reason=found.engine_reason,
        rules=RuleFigures(),
        budget_watch=found.budget_watch,
        cost_watch=found.cost_watch,
        staff_watch=found.staff_watch,
        deadline_watch=found.deadline_watch,
        signed_by=signed_by if with_review else None,
        valid_until=today + timedelta(days=settings.SCOPING_MEMO_VALID_DAYS),
        scope=found.scope,
    )


def memo_with_review(
    brief: Brief, current: AssumptionSet | None = None, *, signed_by: Signatory | None = None
) -> Memo | LegacyMemo:
    """The frozen memo if there is one, else the memo as it would read if sent now, signed by ``signed_by``
    (with ``current``, the assumptions in force, if the caller has them): for consultants' previews
    and the email they send. Never for a client's page."""
    if brief.memo_snapshot is not None:
        return memo_from_snapshot(brief.memo_snapshot)
    return memo_build(brief, (current or AssumptionSet.current()).to_assumptions(), signed_by=signed_by)


def memo_for_client(brief: Brief, current: AssumptionSet | None = None) -> Memo | LegacyMemo:
    """What the client may read: exactly the memo they were sent, or before it is sent the
    engine's reading of their answers, untouched by the review in progress."""
    if brief.memo_sent_at is not None and (sent := memo_sent(brief)) is not None:
        return sent
    return memo_build(brief, (current or AssumptionSet.current()).to_assumptions(), with_review=False)


def memo_sent(brief: Brief) -> Memo | LegacyMemo | None:
    """The latest version sent to the client, exactly as frozen (a revision being prepared is not it);
    None before anything was sent."""
    latest = SentMemo.objects.latest_for(brief)
    if latest is not None and latest.snapshot is not None:
        return memo_from_snapshot(latest.snapshot)
    if brief.memo_sent_at is not None and brief.memo_snapshot is not None:  # sent before versions were kept
        return memo_from_snapshot(brief.memo_snapshot)
    return None


def memo_from_snapshot(snapshot: dict) -> Memo | LegacyMemo:
    """A frozen memo, as it was built: priced by the cost model of ranges, or (frozen before it) by the
    one before. Memos frozen before the engine's approach of record was kept name the recommendation's."""
    memo = from_json(Memo if "pricing" in snapshot else LegacyMemo, snapshot)
    if memo.engine_approach is None:
        memo = dataclasses.replace(memo, engine_approach=memo.recommendation.approach)
    return memo


def revision_differences(brief: Brief) -> list[str]:
    """What the latest sent version changed in the memo's headline against the version before it
    (the approach, the first-year budget), in the client's words; empty for a first memo."""
    last_two = list(SentMemo.objects.filter(brief=brief, snapshot__isnull=False).order_by("-number")[:2])
    if len(last_two) < 2:
        return []
    after, before = (memo_from_snapshot(version.snapshot) for version in last_two)
    lines = []
    if after.approach != before.approach:
        lines.append(f"We now recommend {after.approach.label} (before: {before.approach.label}).")
    if after.bracket.label != before.bracket.label:
        lines.append(f"First-year budget: {after.bracket.label} (before: {before.bracket.label}).")
    return lines
