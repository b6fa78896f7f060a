"""The consultants' own records: the Consultants group, their second factor (django-otp's devices)
and their memo signature."""

from __future__ import annotations

from collections.abc import Iterable

from axes.models import AccessAttempt
from axes.utils import reset
from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from scoping.models import ConsultantProfile
from scoping.team import CONSULTANTS

# (app label, codename): what reviewing briefs needs, and nothing else. Migrations 0005 and 0012
# gave the group these; consultants_group_ensure() is the same, for code that must not rely on it existing.
CONSULTANT_PERMISSIONS = (
    ("scoping", "view_brief"),
    ("scoping", "change_brief"),
    ("scoping", "view_briefevent"),
    ("decisions", "view_assumptionset"),
    # Their own memo signature (scoping.review.signatures keeps them to their own).
    ("scoping", "view_consultantprofile"),
    ("scoping", "add_consultantprofile"),
    ("scoping", "change_consultantprofile"),
)
RECOVERY_CODES = 10
APP_DEVICE = "Authenticator app"


@transaction.atomic
def consultants_group_ensure() -> Group:
    """The Consultants group, with exactly its permissions."""
    group, _ = Group.objects.get_or_create(name=CONSULTANTS)
    group.permissions.set(
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in CONSULTANT_PERMISSIONS
    )
    return group


@transaction.atomic
def second_factor_start(*, user: AbstractBaseUser) -> TOTPDevice:
    """The authenticator app being set up for ``user``: the one started earlier, or a new one."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
        user=user, name=APP_DEVICE, confirmed=False
    )


@transaction.atomic
def second_factor_confirm(*, device: TOTPDevice) -> list[str]:
    """The app gave a right code: its device counts from now on, and ``RECOVERY_CODES`` single-use
    codes for a lost phone replace any earlier ones (returned, to be shown once)."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=device.user).delete()
    recovery = StaticDevice.objects.create(user=device.user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    return codes


@transaction.atomic
def signature_save(*, profile: ConsultantProfile, by: AbstractBaseUser) -> ConsultantProfile:
    """Save a memo signature: a consultant signs only as themselves, a superuser as anyone."""
    if not by.is_superuser:
        profile.user = by
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def lockout_lift(*, attempts: Iterable[AccessAttempt]) -> int:
    """Lift the sign-in locks these failed attempts hold (their username from their address), at
    once rather than after AXES_COOLOFF_TIME: the one way to let a locked-out consultant back in
    early (resetting the password does not lift it). How many records went."""
    return sum(reset(ip=attempt.ip_address, username=attempt.username) for attempt in attempts)
