"""What connects the workspace to other systems: API keys, webhook endpoints and the webhook outbox.

A key acts through a user of its own (inactive: it can never sign in), so the brief's history says
which integration did what. A webhook, like an email, is a row written in the transaction of the
change that causes it; the worker sends it with a ``webhook-id`` fixed when the row is written, so a
receiver can recognise a message sent twice (Standard Webhooks 1.0).
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from scoping.text import TYPED_TEXT


class WebhookEvent(models.TextChoices):
    """What a receiver may subscribe to; the value is the payload's ``type``."""

    BRIEF_SUBMITTED = "brief.submitted", "brief submitted"
    BRIEF_ASSIGNED = "brief.assigned", "brief assigned"
    BRIEF_DECLINED = "brief.declined", "brief declined"
    QUESTIONS_ASKED = "brief.questions_asked", "questions sent to the client"
    QUESTIONS_ANSWERED = "brief.questions_answered", "the client answered our questions"
    MEMO_SENT = "memo.sent", "memo sent"
    MEMO_VIEWED = "memo.viewed", "memo first viewed"
    SCOPE_ACCEPTED = "scope.accepted", "scope accepted"
    DEAL_WON = "deal.won", "deal won"
    DEAL_LOST = "deal.lost", "deal lost"


class ApiKey(models.Model):
    """One integration's key. Only its sha256 is kept; the key itself is shown once, when made."""

    class Scope(models.TextChoices):
        READ = "read", "read only"
        WRITE = "write", "read and write"

    name = models.CharField(max_length=100, validators=TYPED_TEXT, help_text="Such as “HubSpot”.")
    scope = models.CharField(max_length=8, choices=Scope, default=Scope.READ)
    prefix = models.CharField(max_length=16, unique=True, editable=False)  # shown, to tell keys apart
    hashed = models.CharField(max_length=64, unique=True, editable=False)  # sha256 of the whole key
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_key", editable=False
    )  # who the key's writes are by, in a brief's history
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "API key"
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    @property
    def may_write(self) -> bool:
        return self.active and self.scope == self.Scope.WRITE


class WebhookEndpoint(models.Model):
    """Where a receiver wants events, which events, and the secret their signatures are made with."""

    name = models.CharField(max_length=100, validators=TYPED_TEXT)
    url = models.URLField("URL", max_length=500, help_text="HTTPS only; redirects are not followed.")
    events = models.JSONField(default=list, help_text="The WebhookEvent values it receives.")
    secret = models.CharField(max_length=80, editable=False)  # whsec_<base64>, as Standard Webhooks says
    # After a rotation the old secret signs too, for a while, so a receiver can switch without a gap.
    previous_secret = models.CharField(max_length=80, blank=True, editable=False)
    secret_rotated_at = models.DateTimeField(null=True, blank=True, editable=False)
    active = models.BooleanField(default=True)
    disabled_reason = models.CharField(max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "webhook endpoint"
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def secrets(self, now: datetime) -> list[str]:
        """The secrets a delivery is signed with now: the current one, and the previous one for
        SCOPING_WEBHOOK_OLD_SECRET_SECONDS after a rotation."""
        rotated = self.secret_rotated_at
        keep_old = rotated is not None and (now - rotated).total_seconds() < settings.SCOPING_WEBHOOK_OLD_SECRET_SECONDS
        return [self.secret, *([self.previous_secret] if keep_old and self.previous_secret else [])]


class WebhookDelivery(models.Model):
    """One event owed to one endpoint: its payload, fixed when written, and how sending it stands."""

    class Status(models.TextChoices):
        PENDING = "pending", "waiting to be sent"
        SENDING = "sending", "being sent"
        DELIVERED = "delivered", "delivered"
        FAILED = "failed", "not delivered: gave up"

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    # Erasing a brief erases what is owed about it: a payload holds the client's answers and contact.
    brief = models.ForeignKey("scoping.Brief", null=True, on_delete=models.CASCADE, related_name="+")
    event = models.CharField(max_length=32, choices=WebhookEvent)
    webhook_id = models.CharField(max_length=64, unique=True)  # the webhook-id header, every attempt
    payload = models.JSONField()
    status = models.CharField(max_length=16, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    due_at = models.DateTimeField(default=timezone.now)  # when the next attempt may start
    attempt_started_at = models.DateTimeField(null=True, blank=True)
    queued_at = models.DateTimeField(null=True, blank=True)  # handed to the worker, not yet claimed
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "webhook delivery"
        verbose_name_plural = "webhook deliveries"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "due_at"], name="webhook_delivery_due")]

    def __str__(self) -> str:
        return f"{self.event} to {self.endpoint}: {self.get_status_display()}"


class WebhookAttempt(models.Model):
    """One try at a delivery: when, the receiver's status code (or why there was none), and the
    start of its answer (never more: a receiver's body is theirs)."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    response_excerpt = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["started_at", "pk"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M:%S}: {self.status_code or self.error}"
