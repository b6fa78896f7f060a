"""The filters of the consultants' list of briefs."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from decisions.ladder import Approach
from scoping.models import Brief


class StatusFilter(admin.SimpleListFilter):
    """Briefs by status; unfiltered, the list leaves out drafts (clients still typing), which
    would otherwise bury the work. The dashboard lists abandoned ones for follow-up."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return list(Brief.Status.choices)

    def queryset(self, request: HttpRequest, queryset: QuerySet[Brief]) -> QuerySet[Brief]:
        if self.value():
            return queryset.filter(status=self.value())
        return queryset.exclude(status=Brief.Status.DRAFT)


class DueFilter(admin.SimpleListFilter):
    title = "reply due"
    parameter_name = "due"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("overdue", "Overdue"), ("today", "Due today"), ("waiting", "Waiting for the client")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Brief]) -> QuerySet[Brief]:
        if self.value() == "overdue":
            return queryset.overdue(timezone.now())
        if self.value() == "today":
            return queryset.due_today(timezone.now())
        if self.value() == "waiting":
            return queryset.waiting_for_client()
        return queryset


class AssignedFilter(admin.SimpleListFilter):
    title = "assigned"
    parameter_name = "assigned"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("me", "Assigned to me"), ("nobody", "Not assigned")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Brief]) -> QuerySet[Brief]:
        if self.value() == "me":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "nobody":
            return queryset.filter(assigned_to__isnull=True)
        return queryset


class OverriddenFilter(admin.SimpleListFilter):
    """Briefs whose consultant chose another approach than the engine's: their reasons say where
    the rules need work."""

    title = "engine overridden"
    parameter_name = "overridden"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("yes", "Overridden"), ("no", "As the engine says")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Brief]) -> QuerySet[Brief]:
        if self.value() == "yes":
            return queryset.exclude(approach_override="")
        if self.value() == "no":
            return queryset.filter(approach_override="")
        return queryset


class ApproachFilter(admin.SimpleListFilter):
    """The final approach: the consultant's override where there is one, else the engine's."""

    title = "approach"
    parameter_name = "approach"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [(approach.value, approach.label) for approach in Approach]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Brief]) -> QuerySet[Brief]:
        if self.value():
            return queryset.with_final_approach().filter(final_approach_code=self.value())
        return queryset
