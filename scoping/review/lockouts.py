"""Sign-in locks (django-axes' failed attempts) in the admin, with the action that lifts one: a
consultant locked out after wrong passwords is let back in by whoever runs the workspace, since a
new password does not lift the lock."""

from __future__ import annotations

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from scoping.services.accounts import lockout_lift


class LockoutAdmin(AccessAttemptAdmin):
    actions = [*AccessAttemptAdmin.actions, "lift_lock"]

    @admin.action(description="Lift the lock: let them sign in again now", permissions=["delete"])
    def lift_lock(self, request: HttpRequest, attempts: QuerySet[AccessAttempt]) -> None:
        names = sorted({attempt.username for attempt in attempts})
        lockout_lift(attempts=list(attempts))
        self.message_user(
            request, f"Lifted: {', '.join(names)} may sign in again now, with their password.", messages.SUCCESS
        )


if admin.site.is_registered(AccessAttempt):  # axes registers it unless AXES_ENABLE_ADMIN is off
    admin.site.unregister(AccessAttempt)
    admin.site.register(AccessAttempt, LockoutAdmin)
