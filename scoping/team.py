"""Who the consultants are, for assignment and for news meant for the whole team."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django_otp import user_has_device

CONSULTANTS = "Consultants"  # the group that reviews briefs (scoping.review.roles gives its permissions)


def consultants(*, including: int | None = None) -> QuerySet[AbstractBaseUser]:
    """Who reviews briefs: active staff in the Consultants group, and superusers; with
    ``including``, that user too (a brief's assignee who has left the group keeps it until changed)."""
    reviewers = Q(is_active=True, is_staff=True) & (Q(groups__name=CONSULTANTS) | Q(is_superuser=True))
    return get_user_model().objects.filter(reviewers | Q(pk=including)).distinct().order_by("username")


def person(user: AbstractBaseUser) -> str:
    """A user as people name them: their full name, else their username."""
    return user.get_full_name() or user.get_username()


def consultant_emails() -> list[str]:
    """Where news for the whole team goes: every consultant with an email, and CONSULTANT_EMAILS."""
    found = list(consultants().exclude(email="").values_list("email", flat=True))
    return list(dict.fromkeys([*found, *settings.CONSULTANT_EMAILS]))


def fully_signed_in(user: AbstractBaseUser) -> bool:
    """Signed in with every factor the site asks of this user: the password, and the second factor
    wherever it is required (production) or the user has set one up (optional in development)."""
    if not user.is_authenticated:
        return False
    if user.is_verified():  # django_otp's middleware says whether a second factor was given
        return True
    return not settings.SCOPING_STAFF_SECOND_FACTOR and not user_has_device(user)
