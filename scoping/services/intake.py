"""The client's writes: a draft started, its steps saved (or kept as typed), the brief sent, the link
emailed; and drafts nobody finished, purged."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from decisions.ladder import Approach, Facts, recommend
from decisions.models import AssumptionSet
from scoping.deadlines import brief_reply_due
from scoping.lifecycle import SUBMIT
from scoping.models import Brief, OutgoingEmail, WebhookEvent
from scoping.services.history import brief_move, record_event
from scoping.services.mail import email_queue
from scoping.services.webhooks import webhook_queue
from scoping.steps import QUESTION_STEPS, Step
from scoping.zones import known_zone

# The optional answers brief_submit accepts. Listed, so a caller cannot set the status, the
# token or the timestamps through **optional.
BRIEF_OPTIONAL_FIELDS = frozenset(
    {"contact_role", "monthly_queries", "deadline", "budget_low", "budget_high", "budget_currency", "personal_data",
     "human_review"}
)  # fmt: skip
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
    brief.set_aside_answers = {}
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
def brief_start(*, answers: dict[str, Any], source: dict[str, str], time_zone: str = "") -> Brief:
    """Create the draft behind the form from the first step's answers, where the client came from and
    the time zone their browser reported (one this machine does not know is left out)."""
    kept = {name: source[name][: Brief._meta.get_field(name).max_length] for name in SOURCE_FIELDS if name in source}
    return Brief.objects.create(**answers, **kept, steps_done=1, time_zone=known_zone(time_zone))


def _keep_aside(brief: Brief, step: Step, set_aside: dict[str, str]) -> None:
    if not set(set_aside) <= set(step.fields):
        raise ValueError(f"step {step.slug} does not ask {sorted(set(set_aside) - set(step.fields))}")
    if set_aside:
        brief.set_aside_answers[step.slug] = set_aside
    else:
        brief.set_aside_answers.pop(step.slug, None)


@transaction.atomic
def brief_save_step(
    *,
    brief: Brief,
    step: Step,
    answers: dict[str, Any],
    set_aside: dict[str, str] | None = None,
    time_zone: str = "",
) -> Brief:
    """Save a step's valid answers; the next step opens. ``set_aside``: the answers to questions the
    step's answers hide, kept (never as answers) to come back if those answers change back.
    ``time_zone``: the one the browser reports now, kept if known (a client may travel). Raises
    BriefNotEditable once submitted."""
    if not set(answers) <= set(step.fields):
        raise ValueError(f"step {step.slug} does not ask {sorted(set(answers) - set(step.fields))}")
    brief = _locked_draft(brief)
    for name, value in answers.items():
        setattr(brief, name, value)
    brief.steps_done = max(brief.steps_done, step.number)
    brief.pending_answers.pop(step.slug, None)
    _keep_aside(brief, step, set_aside or {})
    brief.time_zone = known_zone(time_zone) or brief.time_zone
    fields = [*answers, "steps_done", "pending_answers", "set_aside_answers", "time_zone", "updated_at"]
    brief.save(update_fields=fields)
    return brief


@transaction.atomic
def brief_keep_typed(
    *, brief: Brief, step: Step, typed: dict[str, str], set_aside: dict[str, str] | None = None
) -> Brief:
    """Keep what was typed on a step that cannot be saved yet, to show it again as it was, and the
    answers it sets aside."""
    brief = _locked_draft(brief)
    brief.pending_answers[step.slug] = typed
    _keep_aside(brief, step, set_aside or {})
    brief.save(update_fields=["pending_answers", "set_aside_answers", "updated_at"])
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


def engine_restamp() -> int:
    """After the decision rules change: each open brief whose memo is not yet frozen takes the rules'
    approach now as its approach of record, the change written in its history (a sent memo keeps the
    reading it was sent with). Returns how many changed; run by `manage.py restamp_engine` on deploy."""
    changed = 0
    for pk in Brief.objects.open().filter(memo_snapshot__isnull=True).values_list("pk", flat=True):
        with transaction.atomic():
            brief = Brief.objects.select_for_update().get(pk=pk)
            now = recommend(brief.facts()).approach
            if brief.engine_approach == now.value or brief.memo_snapshot is not None:
                continue
            before = Approach(brief.engine_approach).short_label if brief.engine_approach else "none"
            brief.engine_approach = now.value
            brief.save(update_fields=["engine_approach", "updated_at"])
            record_event(
                brief,
                "Decision rules updated",
                from_status=brief.status,
                detail=f"The engine now reads {now.short_label} (was {before}).",
            )
            changed += 1
    return changed
