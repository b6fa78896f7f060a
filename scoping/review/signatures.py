"""Each consultant's memo signature (their role and phone; name and email come from their user) and
how they hear about briefs (a digest an hour, or each notice at once): consultants keep their own,
superusers everyone's."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from scoping.models import ConsultantProfile
from scoping.services.accounts import signature_save


@admin.register(ConsultantProfile)
class ConsultantProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "phone", "notices")

    def get_queryset(self, request: HttpRequest) -> QuerySet[ConsultantProfile]:
        profiles = super().get_queryset(request).select_related("user")
        return profiles if request.user.is_superuser else profiles.filter(user=request.user)

    def get_fields(self, request: HttpRequest, obj: ConsultantProfile | None = None) -> list[str]:
        return ["user", "role", "phone", "notices"] if request.user.is_superuser else ["role", "phone", "notices"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        if request.user.is_superuser:
            return super().has_add_permission(request)
        return super().has_add_permission(request) and not ConsultantProfile.objects.filter(user=request.user).exists()

    def save_model(self, request: HttpRequest, obj: ConsultantProfile, form: ModelForm, change: bool) -> None:
        signature_save(profile=obj, by=request.user)
