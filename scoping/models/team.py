"""The team's own records: how a consultant signs memos and hears about briefs (``ConsultantProfile``),
and what a consultant has been told (``Notice``), so that a digest and an immediate email are the
same notices, carried by one email or by several."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from scoping.text import TYPED_TEXT


class ConsultantProfile(models.Model):
    """How a consultant signs the memos they send (their name and email come from their user), and how
    they hear about briefs."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultant_profile")
    role = models.CharField(
        "role, as signed on memos",
        max_length=100,
        blank=True,
        validators=TYPED_TEXT,
        help_text="For example “Principal consultant”.",
    )
    phone = models.CharField(max_length=40, blank=True, validators=TYPED_TEXT)

    class Notices(models.TextChoices):
        """How a consultant hears what needs them (scoping.services.notices)."""

        DIGEST = "digest", "In one digest email each hour"
        IMMEDIATE = "immediate", "At once, one email each"

    notices = models.CharField(
        "how I hear about briefs",
        max_length=16,
        choices=Notices,
        default=Notices.DIGEST,
        help_text="Deadlines, unread memos, mentions, briefs given to you or taken over: gathered in one email "
        "an hour, or each at once.",
    )

    class Meta:
        verbose_name = "memo signature and notices"
        verbose_name_plural = "memo signatures and notices"

    def __str__(self) -> str:
        return f"Signature of {self.user}"


class Notice(models.Model):
    """One thing a consultant should know about a brief. It waits for their next digest, or goes at
    once, as they chose (``ConsultantProfile.notices``); ``email`` is the outbox row that carried it."""

    class Kind(models.TextChoices):
        """What happened. The label reads after a company's name in an email: "Acme: reply overdue"."""

        OVERDUE = "overdue", "reply overdue"
        DUE_SOON = "due_soon", "reply due soon"
        UNREAD_MEMO = "unread_memo", "memo not yet opened"
        MENTIONED = "mentioned", "you were mentioned"
        ASSIGNED = "assigned", "assigned to you"
        TAKEN_OVER = "taken_over", "taken over from you"
        REOPENED = "reopened", "reopened"
        SCOPE_ACCEPTED = "scope_accepted", "scope accepted"
        ANSWERED = "answered", "the client answered"

        @property
        def plural(self) -> str:
            """How a digest's subject counts them: "2 overdue"."""
            return _COUNTED[self]

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=16, choices=Kind)
    brief = models.ForeignKey("scoping.Brief", on_delete=models.CASCADE, related_name="notices")
    # Who caused it (a colleague's mention or take-over; None: the app's own clock).
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    detail = models.TextField(blank=True)  # the comment that mentioned them, and the like
    created_at = models.DateTimeField(auto_now_add=True)
    email = models.ForeignKey(
        "scoping.OutgoingEmail", null=True, blank=True, on_delete=models.SET_NULL, related_name="notices"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["recipient", "email"], name="notice_waiting")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.brief_id} for {self.recipient_id}"

    @property
    def state(self) -> Notice.Kind:
        return self.Kind(self.kind)


_COUNTED = {
    Notice.Kind.OVERDUE: "overdue",
    Notice.Kind.DUE_SOON: "due soon",
    Notice.Kind.UNREAD_MEMO: "unread memo",
    Notice.Kind.MENTIONED: "mention",
    Notice.Kind.ASSIGNED: "assigned",
    Notice.Kind.TAKEN_OVER: "taken over",
    Notice.Kind.REOPENED: "reopened",
    Notice.Kind.SCOPE_ACCEPTED: "accepted",
    Notice.Kind.ANSWERED: "answered",
}
assert set(_COUNTED) == set(Notice.Kind)
