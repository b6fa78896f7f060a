"""The loop with the client: questions sent to them and their answers, each sent version of the memo,
kept byte for byte, and the client's acceptance of one of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models

from scoping.text import TYPED_TEXT

if TYPE_CHECKING:
    from scoping.models import Brief


class SentMemoQuerySet(models.QuerySet["SentMemo"]):
    def latest_for(self, brief: Brief) -> SentMemo | None:
        """The version the client reads now: the last one sent (None before any was stored)."""
        return self.filter(brief=brief).order_by("-number").first()


class SentMemo(models.Model):
    """One sent version of a brief's memo: the frozen memo it was built from and its PDF, rendered
    once and kept. The email and every download of that version serve these very bytes; a revision
    adds the next number and never touches an earlier one."""

    brief = models.ForeignKey("scoping.Brief", on_delete=models.CASCADE, related_name="memo_versions")
    number = models.PositiveSmallIntegerField("version", default=1)
    pdf = models.BinaryField()
    etag = models.CharField("SHA-256 of the PDF", max_length=64)
    # The memo as frozen for this version (what the report page shows while it is the latest), and
    # the approach it recommends: what integrations are told while a revision is being prepared.
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    approach = models.CharField(max_length=20, blank=True, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What changed since the version before, in the consultant's words, shown to the client.
    changes = models.TextField("what changed", blank=True, validators=TYPED_TEXT)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SentMemoQuerySet.as_manager()

    class Meta:
        ordering = ["brief", "number"]
        verbose_name = "sent memo version"
        constraints = [models.UniqueConstraint(fields=["brief", "number"], name="sent_memo_one_number_a_brief")]

    def __str__(self) -> str:
        return f"Memo {self.brief.reference}, version {self.number}"

    @property
    def accepted(self) -> ScopeAcceptance | None:
        """The client's acceptance of this version, if they gave it."""
        return getattr(self, "acceptance", None)  # the reverse one-to-one raises when there is none


class ScopeAcceptance(models.Model):
    """A client's acceptance of the scope in one sent version of the memo: who (as they typed it),
    when, and the SHA-256 of the exact PDF they accepted. A record of agreement, not a legal
    electronic signature."""

    brief = models.ForeignKey("scoping.Brief", on_delete=models.CASCADE, related_name="acceptances")
    version = models.OneToOneField(SentMemo, on_delete=models.CASCADE, related_name="acceptance")
    name = models.CharField(max_length=120, validators=TYPED_TEXT)
    role = models.CharField(max_length=120, validators=TYPED_TEXT)
    accepted_at = models.DateTimeField()
    pdf_sha256 = models.CharField("SHA-256 of the PDF accepted", max_length=64)

    class Meta:
        ordering = ["accepted_at", "pk"]
        verbose_name = "scope acceptance"

    def __str__(self) -> str:
        return f"{self.name} accepted version {self.version.number} of {self.brief.reference}"


class ClientQuestionQuerySet(models.QuerySet["ClientQuestion"]):
    def waiting(self) -> ClientQuestionQuerySet:
        """Questions the client may still answer: not answered, and asked while the memo they are
        about is still in the making."""
        return self.filter(answered_at__isnull=True, lapsed_at__isnull=True)

    def moved_on(self) -> bool:
        """The last question asked lapsed unanswered: the brief moved on since we asked it."""
        last = self.order_by("-asked_at", "-pk").first()
        return last is not None and last.lapsed_at is not None


class ClientQuestion(models.Model):
    """A question a consultant sent the client about their brief: one of the engine's open questions
    (``rule_id``) or the consultant's own, perhaps about one of the brief's answers (``field``). The
    client's answer is kept with the answer it changed, before and after, in words. A question left
    unanswered when the brief moves on (its memo sent, the brief declined, closed or marked as spam)
    lapses: it no longer waits for the client, nor the reply for it, even if the brief comes back."""

    brief = models.ForeignKey("scoping.Brief", on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(max_length=1000, validators=TYPED_TEXT)
    rule_id = models.CharField("engine rule", max_length=64, blank=True)  # empty: the consultant's own
    field = models.CharField("about the answer", max_length=64, blank=True)  # a Brief field, or none
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_at = models.DateTimeField()
    answer = models.TextField(blank=True, max_length=2000, validators=TYPED_TEXT)
    old_value = models.TextField("answer before", blank=True)
    new_value = models.TextField("answer after", blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    lapsed_at = models.DateTimeField("moved on unanswered", null=True, blank=True)

    objects = ClientQuestionQuerySet.as_manager()

    class Meta:
        ordering = ["asked_at", "pk"]
        verbose_name = "question to the client"

    def __str__(self) -> str:
        return f"Question to {self.brief.reference}: {self.text[:40]}"

    @property
    def changed(self) -> bool:
        """The answer changed one of the brief's answers."""
        return bool(self.field) and self.old_value != self.new_value
