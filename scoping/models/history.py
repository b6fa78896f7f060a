"""A brief's history: who did what to it and when, and what is kept of a brief once it is erased."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class BriefEvent(models.Model):
    """Who did what to a brief, and when: the review's record, read-only in the admin."""

    brief = models.ForeignKey("scoping.Brief", null=True, on_delete=models.CASCADE, related_name="events")
    reference = models.CharField(max_length=32)  # kept on the record of an erasure, once the brief is gone
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=32)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.reference} {self.action} by {self.actor or 'the client'}"


class ErasureManager(models.Manager["ErasureRecord"]):
    def get_queryset(self) -> models.QuerySet[ErasureRecord]:
        return super().get_queryset().filter(action="erased")


class ErasureRecord(BriefEvent):
    """What is kept of an erased brief: its reference, who erased it, when and how the request came."""

    objects = ErasureManager()

    class Meta:
        proxy = True
        verbose_name = "erasure record"
        ordering = ["-at"]
