"""The outbox of emails: each one the app promised, written with the change that causes it."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class OutgoingEmail(models.Model):
    """One email the app promised about a brief, written in the same transaction as the change that
    causes it. The mail worker sends it from here and marks it (scoping/services/mail.py); its Message-ID
    is fixed when the row is written, so a message sent twice is one message to every mail system."""

    class Status(models.TextChoices):
        PENDING = "pending", "waiting to be sent"
        SENDING = "sending", "being sent"
        SENT = "sent", "sent"
        FAILED = "failed", "not sent: gave up"
        NOBODY = "nobody", "not sent: nobody to send it to, or no longer owed"

    class Kind(models.TextChoices):  # one per builder in scoping.emails.BUILDERS or ROW_BUILDERS
        ACKNOWLEDGMENT = "acknowledgment", "acknowledgment to the client"
        CONSULTANT_NOTIFICATION = "consultant_notification", "new-brief notice to the consultants"
        RESUME_LINK = "resume_link", "link to finish the brief"
        MEMO = "memo", "scope memo"
        DECLINED = "declined", "decline"
        QUESTIONS = "questions", "questions to the client"
        # What a consultant is told (scoping.models.team.Notice): one notice at once, or a digest.
        NOTICES = "notices", "notices to a consultant"

    # None: an email about several briefs (a consultant's digest), its briefs those of its notices.
    brief = models.ForeignKey("scoping.Brief", null=True, blank=True, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    message_id = models.CharField(max_length=255, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    due_at = models.DateTimeField(default=timezone.now)  # when the next attempt may start
    attempt_started_at = models.DateTimeField(null=True, blank=True)
    queued_at = models.DateTimeField(null=True, blank=True)  # handed to the mail worker, not yet claimed
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "due_at"], name="outgoing_email_due")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.about}: {self.get_status_display()}"

    @property
    def about(self) -> str:
        """What the email is about, for logs and worker_check: its brief, or a consultant's notices."""
        return self.brief.reference if self.brief is not None else "a consultant (a digest)"
