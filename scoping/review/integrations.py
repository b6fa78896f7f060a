"""Integrations in the admin, for superusers: API keys (made, shown once, revoked), webhook endpoints
(their events, their secret rotated) and the deliveries, with each attempt and "send again"."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from scoping.models import ApiKey, WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookEvent
from scoping.services.keys import api_key_create, api_key_revoke
from scoping.services.webhooks import url_problem, webhook_endpoint_save, webhook_resend, webhook_secret_rotate


class SuperusersOnly:
    """Keys and secrets open the workspace to another system: only superusers see or change them."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # revoked or switched off, so the record stays


@admin.register(ApiKey)
class ApiKeyAdmin(SuperusersOnly, admin.ModelAdmin):
    list_display = ["name", "prefix", "scope", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["scope"]
    actions = ["revoke"]

    def get_fields(self, request: HttpRequest, obj: ApiKey | None = None) -> list[str]:
        if obj is None:
            return ["name", "scope"]
        return ["name", "scope", "prefix", "user", "created_by", "created_at", "last_used_at", "revoked_at"]

    def get_readonly_fields(self, request: HttpRequest, obj: ApiKey | None = None) -> list[str]:
        return [] if obj is None else self.get_fields(request, obj)

    def save_model(self, request: HttpRequest, obj: ApiKey, form: forms.ModelForm, change: bool) -> None:
        if change:
            return  # nothing on a key changes but its revocation (the action)
        key, raw = api_key_create(name=obj.name, scope=ApiKey.Scope(obj.scope), created_by=request.user)
        obj.pk, obj.prefix, obj.user, obj._raw = key.pk, key.prefix, key.user, raw

    def response_add(self, request: HttpRequest, obj: ApiKey, post_url_continue: str | None = None) -> HttpResponse:
        """The key, shown on this page once: not in a message, which would keep it in a cookie."""
        context = {**self.admin_site.each_context(request), "title": "Your new API key", "key": obj, "raw": obj._raw}
        response = TemplateResponse(request, "scoping/review/api_key_created.html", context)
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description="Revoke the selected keys")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        revoked = sum(api_key_revoke(key=key) for key in queryset)
        self.message_user(request, f"Revoked {revoked} key(s): requests with them now get 401.", messages.SUCCESS)


class EndpointForm(forms.ModelForm):
    events = forms.MultipleChoiceField(choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "events", "active"]

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if problem := url_problem(url):
            raise forms.ValidationError(problem)
        return url


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(SuperusersOnly, admin.ModelAdmin):
    form = EndpointForm
    list_display = ["name", "url", "active", "disabled_reason", "secret_rotated_at"]
    readonly_fields = ["secret", "secret_rotated_at", "disabled_reason", "created_at"]
    actions = ["rotate_secret"]

    def get_fields(self, request: HttpRequest, obj: WebhookEndpoint | None = None) -> list[str]:
        return ["name", "url", "events", "active"] + ([] if obj is None else self.readonly_fields)

    def save_model(self, request: HttpRequest, obj: WebhookEndpoint, form: forms.ModelForm, change: bool) -> None:
        webhook_endpoint_save(endpoint=obj)

    @admin.action(description="Rotate the secret (the old one signs too for a day)")
    def rotate_secret(self, request: HttpRequest, queryset: QuerySet[WebhookEndpoint]) -> None:
        for endpoint in queryset:
            webhook_secret_rotate(endpoint=endpoint)
        self.message_user(request, "New secrets made: give each receiver its new one within a day.", messages.SUCCESS)


class AttemptInline(admin.TabularInline):
    model = WebhookAttempt
    fields = ["started_at", "finished_at", "status_code", "error", "response_excerpt"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(SuperusersOnly, admin.ModelAdmin):
    list_display = ["event", "endpoint", "brief", "status", "attempts", "created_at", "delivered_at", "last_error"]
    list_filter = ["status", "event", "endpoint"]
    list_select_related = ["endpoint", "brief"]
    fields = ["event", "endpoint", "brief", "webhook_id", "status", "attempts", "due_at", "delivered_at",
              "last_error", "payload"]  # fmt: skip
    readonly_fields = fields
    inlines = [AttemptInline]
    actions = ["send_again"]

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.action(description="Send again (same webhook-id)")
    def send_again(self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]) -> None:
        again = sum(webhook_resend(delivery=delivery) for delivery in queryset)
        skipped = queryset.count() - again
        self.message_user(
            request,
            f"{again} delivery(ies) on their way again"
            + (f"; {skipped} skipped (delivered, or an attempt is under way)." if skipped else "."),
            messages.SUCCESS,
        )
