"""How the review's tests act as staff without a browser: sign in through the login form, read the
code an authenticator app would show, and post a brief's change form."""

from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.support.factories import TEST_PASSWORD

LOGIN = "/admin/login/"


def sign_in(client: Client, username: str, password: str = TEST_PASSWORD, **headers):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, **headers)


def app_code(user) -> str:
    """The code the authenticator app being set up (its device not yet confirmed) shows now."""
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    return f"{totp(device.bin_key):06d}"


def admin_change(client, brief, **changes):
    """POST the admin change form with the brief's review fields, changed as given."""
    data = {
        "assigned_to": brief.assigned_to_id or "",
        "approach_override": brief.approach_override,
        "override_reason": brief.override_reason,
        "budget_adjustment_percent": brief.budget_adjustment_percent,
        "consultant_note": brief.consultant_note,
        "internal_notes": brief.internal_notes,
        **changes,
    }
    return client.post(reverse("admin:scoping_brief_change", args=[brief.pk]), data)
