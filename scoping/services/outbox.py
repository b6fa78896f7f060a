"""What the two outboxes share (emails in ``mail``, webhook deliveries in ``webhooks``): a row is due
when waiting and due, or left "sending" past the time an attempt can last with attempts to spare; a
worker claims it with one UPDATE; the sweep hands the worker what is due; "send again" makes a row
due now unless an attempt is under way. Each outbox says what its rows are and how they are sent."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone

# A row handed to the worker is handed over again only after this, should the hand-over be lost.
REQUEUE_AFTER = timedelta(minutes=5)
PENDING, SENDING, FAILED = "pending", "sending", "failed"  # the statuses both outboxes' rows have


@dataclass(frozen=True)
class Outbox:
    rows: type[models.Model]
    resend_after_setting: str  # the setting: seconds after which an unanswered attempt is abandoned
    max_attempts: int
    related: str  # what a claimed row is read with
    done: str  # the status of a row sent
    gave_up: str  # what an abandoned row with no attempts left says
    enqueue: Callable[[int], Any]  # hands a row's id to the worker

    def resend_after(self) -> timedelta:
        return timedelta(seconds=getattr(settings, self.resend_after_setting))

    def abandoned(self, now: datetime) -> Q:
        """Rows left "sending" longer than an attempt can last: a killed worker, an answer that never came."""
        return Q(status=SENDING, attempt_started_at__lte=now - self.resend_after())

    def due(self, now: datetime) -> Q:
        """Rows an attempt may start on: waiting and due, or abandoned with attempts left."""
        return Q(status=PENDING, due_at__lte=now) | (self.abandoned(now) & Q(attempts__lt=self.max_attempts))

    def claim(self, pk: int, now: datetime) -> Any:
        """Mark the row as being sent, if it is due: one UPDATE, so two workers never both send it."""
        objects = self.rows._default_manager
        claimed = objects.filter(self.due(now), pk=pk).update(
            status=SENDING, attempt_started_at=now, attempts=F("attempts") + 1, queued_at=None
        )  # the hand-over is used up: should this attempt be abandoned, the sweep hands the row over again
        return objects.select_related(self.related).get(pk=pk) if claimed else None

    def sweep(self, now: datetime) -> int:
        """Hand the worker every due row not handed over lately; a row abandoned with no attempts left
        is given up."""
        objects = self.rows._default_manager
        objects.filter(self.abandoned(now), attempts__gte=self.max_attempts).update(
            status=FAILED, last_error=self.gave_up
        )
        not_lately = Q(queued_at__isnull=True) | Q(queued_at__lte=now - REQUEUE_AFTER)
        due = list(objects.filter(self.due(now), not_lately).values_list("pk", flat=True)[:500])
        objects.filter(pk__in=due).update(queued_at=now)
        for pk in due:
            self.enqueue(pk)
        return len(due)

    def resend(self, pk: int, **also: Any) -> bool:
        """Due now, from its first attempt again; False (nothing done) while an attempt is under way,
        which may yet succeed, or once sent."""
        now = timezone.now()
        in_flight = Q(status=SENDING, attempt_started_at__gt=now - self.resend_after())
        changed = (
            self.rows._default_manager.filter(pk=pk)
            .exclude(in_flight)
            .exclude(status=self.done)
            .update(status=PENDING, due_at=now, attempts=0, queued_at=now, **also)
        )
        if changed:
            transaction.on_commit(lambda: self.enqueue(pk))
        return bool(changed)
