"""The second factor for staff: a code from an authenticator app (TOTP), or one of ten recovery
codes, after the password (django-otp does the cryptography and throttles wrong codes).

Required of staff in production (SCOPING_STAFF_SECOND_FACTOR); in development and the demo it is
optional, but a person who has set one up is always asked for it. Until it is given, the admin and
the consultants' view of unsent memos stay closed: the middleware sends them to set it up or to
give it, and scoping.team.fully_signed_in says so to the other rooms.
"""

from __future__ import annotations

from base64 import b32encode
from collections.abc import Callable
from datetime import datetime
from math import ceil
from urllib.parse import urlencode

import segno
from django import forms
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.defaultfilters import pluralize
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from scoping.services.accounts import second_factor_confirm, second_factor_start
from scoping.team import fully_signed_in

WRONG_APP_CODE = (
    "That code did not match. Type the six digits the app shows now; after a wrong code the next try waits a "
    "second, and each further wrong code doubles the wait."
)
USED_RECOVERY_CODE = (
    "That recovery code did not work: each one works once, so it has been used already or was mistyped. Type "
    "another of your recovery codes, or the six digits your app shows."
)


def throttled(failures: int, locked_until: datetime | None, now: datetime) -> str:
    """What a consultant is told when a code comes too soon after wrong ones: what happened, and
    when and how it lifts."""
    seconds = max(1, ceil((locked_until - now).total_seconds())) if locked_until else 1
    return (
        f"{failures} wrong code{pluralize(failures)} in a row, so the next try waits {seconds} second"
        f"{pluralize(seconds)} (each wrong code doubles the wait, to slow down guessing). Wait, then type the "
        "code the app shows then: a right code starts the count again."
    )


# Where a signed-in person without their second factor may still go.
OPEN_PATHS = ("/admin/login/", "/admin/logout/", "/admin/two-factor/", "/admin/jsi18n/")


class StaffAccessMiddleware:
    """For a signed-in person in the admin: each request renews the session (so it ends after
    SESSION_COOKIE_AGE without one), and one without the second factor the site asks of them goes
    to the page that sets it up (none yet) or asks for it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not (request.path.startswith("/admin/") and user.is_authenticated):
            return self.get_response(request)
        request.session.modified = True  # saved, with a new expiry, at the end of the request
        if not request.path.startswith(OPEN_PATHS) and not fully_signed_in(user):
            page = "second_factor_verify" if user_has_device(user) else "second_factor_setup"
            return _to(page, request.get_full_path())
        return self.get_response(request)


def _to(page: str, target: str) -> HttpResponseRedirect:
    """To one of the second factor's pages, which then lead on to ``target``."""
    return HttpResponseRedirect(f"{reverse(page)}?{urlencode({'next': target})}")


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe and target.startswith("/") else reverse("admin:index")


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
        error_messages={"required": "Type the code your authenticator app shows, or one of your recovery codes."},
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split())  # "123 456", as apps show it, is 123456


def _page(request: HttpRequest, template: str, title: str, **context: object) -> HttpResponse:
    # Until the second factor is given, the admin's frame shows nothing of the workspace: no sidebar
    # of its apps (each_context lists them for a staff user signed in with the password alone).
    signed_in = fully_signed_in(request.user)
    frame = {
        **admin.site.each_context(request),
        **({} if signed_in else {"is_nav_sidebar_enabled": False, "available_apps": []}),
    }
    context = {**frame, "title": title, "next": _next(request), **context}
    return render(request, f"scoping/review/second_factor/{template}", context)


@never_cache
@login_required(login_url="admin:login")
def verify(request: HttpRequest) -> HttpResponse:
    """After the password: the code from the app, or a recovery code (each works once)."""
    if not user_has_device(request.user):
        return _to("second_factor_setup", _next(request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return HttpResponseRedirect(_next(request))
        typed = form.cleaned_data["code"]
        app_code = typed.isdigit() and len(typed) == 6  # recovery codes are letters and digits
        form.add_error(
            "code",
            "That code did not work. Codes change every 30 seconds: type the one shown now. After several wrong "
            "codes, each try must wait a little longer."
            if app_code
            else USED_RECOVERY_CODE,
        )
    return _page(request, "verify.html", "Your second factor", form=form)


@never_cache
@login_required(login_url="admin:login")
def setup(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: scan the code, type the code it then shows; the recovery codes
    are shown once, on the next page."""
    user = request.user
    if user_has_device(user):
        return _to("second_factor_verify", _next(request))
    device = second_factor_start(user=user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        allowed, why = device.verify_is_allowed()  # django-otp slows down guessing after each wrong code
        if not allowed:
            why = why or {}
            form.add_error("code", throttled(why.get("failure_count", 1), why.get("locked_until"), timezone.now()))
        elif device.verify_token(form.cleaned_data["code"]):
            codes = second_factor_confirm(device=device)
            otp_login(request, device)
            text = "\n".join(codes)
            codes_file = f"Recovery codes (each signs in once)\n{text}\n"
            return _page(
                request, "codes.html", "Your recovery codes", codes=codes, codes_text=text, codes_file=codes_file
            )
        else:
            form.add_error("code", WRONG_APP_CODE)
    qr = segno.make(device.config_url, error="m").svg_inline(scale=5, title="QR code to add this account to an app")
    return _page(request, "setup.html", "Set up your second factor", form=form, qr=qr, secret=_base32(device))


def _base32(device: TOTPDevice) -> str:
    """The key as people type it into an app by hand: base32, in groups of four."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


urlpatterns = [
    path("verify/", verify, name="second_factor_verify"),
    path("setup/", setup, name="second_factor_setup"),
]
