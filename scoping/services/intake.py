"""The client's writes: a draft started, its steps saved (or kept as typed), the brief sent, the link
emailed; and drafts nobody finished, purged."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from decisions.ladder import Facts, recommend
from decisions.models import AssumptionSet
from scoping.deadlines import brief_reply_due
from scoping.lifecycle import SUBMIT
from scoping.models import Brief, OutgoingEmail, WebhookEvent
from scoping.services.history import brief_move
from scoping.services.mail import email_queue
from scoping.services.webhooks import webhook_queue
from scoping.steps import QUESTION_STEPS, Step

# The optional answers brief_submit accepts. Listed, so a caller cannot set the status, the
# token or the timestamps through **optional.
BRIEF_OPTIONAL_FIELDS = frozenset(
    {"contact_role", "monthly_queries", "budget_low", "budget_high", "budget_currency", "personal_data", "human_review"}
)
# The first-year budgets the form offered as buckets, in euros, which brief_submit still accepts.
BUDGET_RANGES = {
    "under_25k": (None, 25_000),
    "25k_50k": (25_000, 50_000),
    "50k_100k": (50_000, 100_000),
    "100k_250k": (100_000, 250_000),
    "over_250k": (250_000, None),
    "unsure": (None, None),
}
# Where a client came from, as the landing page saw it.
SOURCE_FIELDS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "referrer")


class BriefNotEditable(Exception):
    """The client tried to change a brief that is no longer a draft."""


def _locked_draft(brief: Brief) -> Brief:
    brief = Brief.objects.select_for_update().get(pk=brief.pk)
    if brief.status != Brief.Status.DRAFT:
        raise BriefNotEditable(f"brief {brief.pk} is {brief.status}, not a draft")
    return brief


def _submit(brief: Brief, *, notify: bool) -> Brief:
    """Validate every answer, stamp the brief with its reply deadline and the engine's approach of
    record, move it to submitted through the lifecycle table, and owe client and team an email each
    (written with it; sent once it is committed: a failed email must not lose a brief)."""
    now = timezone.now()
    brief.submitted_at = now
    brief.reply_due_at = brief_reply_due(now)
    brief.engine_approach = recommend(brief.facts()).approach
    brief.assumptions_version = AssumptionSet.current().version
    brief.pending_answers = {}
    brief.full_clean()
    brief.save()
    brief = brief_move(brief, SUBMIT)
    webhook_queue(WebhookEvent.BRIEF_SUBMITTED, brief)
    if notify:
        email_queue(OutgoingEmail.Kind.ACKNOWLEDGMENT, brief)
        email_queue(OutgoingEmail.Kind.CONSULTANT_NOTIFICATION, brief)
    return brief


@transaction.atomic
def brief_submit(
    *,
    contact_name: str,
    contact_email: str,
    company: str,
    project_title: str,
    project_summary: str,
    facts: Facts,
    notify: bool = True,
    **optional: Any,
) -> Brief:
    """Create a submitted brief from a complete set of answers.

    This is the integration entry point: keep its signature. It raises
    django.core.exceptions.ValidationError (nothing saved) when an answer is invalid, and
    TypeError for an unknown optional answer. With ``notify`` (the default) the client and the
    consultants are emailed, as for a brief sent through the form.
    """
    if "budget_range" in optional:  # an integration written when budgets were buckets in euros
        low, high = BUDGET_RANGES[optional.pop("budget_range")]
        optional.update(budget_low=low, budget_high=high, budget_currency="EUR")
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
        steps_done=len(QUESTION_STEPS),
    )
    return _submit(brief, notify=notify)


@transaction.atomic
def brief_start(*, answers: dict[str, Any], source: dict[str, str]) -> Brief:
    """Create the draft behind the form from the first step's answers and where the client came from."""
    kept = {name: source[name][: Brief._meta.get_field(name).max_length] for name in SOURCE_FIELDS if name in source}
    return Brief.objects.create(**answers, **kept, steps_done=1)


@transaction.atomic
def brief_save_step(*, brief: Brief, step: Step, answers: dict[str, Any]) -> Brief:
    """Save a step's valid answers; the next step opens. Raises BriefNotEditable once submitted."""
    if not set(answers) <= set(step.fields):
        raise ValueError(f"step {step.slug} does not ask {sorted(set(answers) - set(step.fields))}")
    brief = _locked_draft(brief)
    for name, value in answers.items():
        setattr(brief, name, value)
    brief.steps_done = max(brief.steps_done, step.number)
    brief.pending_answers.pop(step.slug, None)
    brief.save(update_fields=[*answers, "steps_done", "pending_answers", "updated_at"])
    return brief


@transaction.atomic
def brief_keep_typed(*, brief: Brief, step: Step, typed: dict[str, str]) -> Brief:
    """Keep what was typed on a step that cannot be saved yet, to show it again as it was."""
    brief = _locked_draft(brief)
    brief.pending_answers[step.slug] = typed
    brief.save(update_fields=["pending_answers", "updated_at"])
    return brief


@transaction.atomic
def brief_finalize(*, brief: Brief) -> Brief:
    """Submit a draft whose steps are all saved. Submitting twice (a double click, two tabs)
    submits once and emails once. Raises ValidationError, nothing changed, if an answer is missing."""
    brief = Brief.objects.select_for_update().get(pk=brief.pk)
    if brief.status != Brief.Status.DRAFT:
        return brief
    if brief.steps_done < len(QUESTION_STEPS):
        raise ValidationError("Some steps are not finished yet.", code="incomplete")
    return _submit(brief, notify=True)


@transaction.atomic
def brief_email_resume_link(*, brief: Brief) -> None:
    """Email the client their private link, to finish the brief later."""
    email_queue(OutgoingEmail.Kind.RESUME_LINK, _locked_draft(brief))


def drafts_purge(*, older_than_days: int) -> int:
    """Delete drafts nobody has touched for ``older_than_days``; how many went."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    _, deleted = Brief.objects.filter(status=Brief.Status.DRAFT, updated_at__lt=cutoff).delete()
    return deleted.get(Brief._meta.label, 0)
