"""Who the consultants are: one definition, for pages, assignment and news meant for the whole team."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django_otp import user_has_device

from scoping.text import readable

CONSULTANTS = "Consultants"  # the group that reviews briefs (scoping.services.accounts gives its permissions)
# What makes someone a consultant: active staff who may read briefs (the Consultants group's members
# and superusers have it).
REVIEW_PERMISSION = "scoping.view_brief"
# The backend that holds permissions (the other one, django-axes', only counts failed sign-ins).
PERMISSIONS_BACKEND = "django.contrib.auth.backends.ModelBackend"


def consultants(*, including: int | None = None) -> QuerySet[AbstractBaseUser]:
    """Every consultant, by username; with ``including``, that user too (a brief's assignee who has
    left the team keeps it until it is changed)."""
    reviewers = get_user_model().objects.with_perm(REVIEW_PERMISSION, backend=PERMISSIONS_BACKEND).filter(is_staff=True)
    return get_user_model().objects.filter(Q(pk__in=reviewers.values("pk")) | Q(pk=including)).order_by("username")


def is_consultant(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether ``user`` is a consultant, signed in with every factor the site asks of them: who may
    see the review in progress and other consultants' unsent work."""
    return bool(user.is_active and user.is_staff and user.has_perm(REVIEW_PERMISSION)) and fully_signed_in(user)


def person(user: AbstractBaseUser) -> str:
    """A user as people name them (on a memo they sign, in an email, in a brief's history): their full
    name, else their username. Django's user admin, where the name is set, takes any text: the name is
    read without control characters and on one line, and one with nothing to see counts as none."""
    return readable(user.get_full_name()) or user.get_username()


def consultant_emails() -> list[str]:
    """Where news for the whole team goes: every consultant with an email, and CONSULTANT_EMAILS."""
    found = list(consultants().exclude(email="").values_list("email", flat=True))
    return list(dict.fromkeys([*found, *settings.CONSULTANT_EMAILS]))


def fully_signed_in(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Signed in with every factor the site asks of this user: the password, and the second factor
    wherever it is required (production) or the user has set one up (optional in development)."""
    if not user.is_authenticated:
        return False
    if user.is_verified():  # django_otp's middleware says whether a second factor was given
        return True
    return not settings.SCOPING_STAFF_SECOND_FACTOR and not user_has_device(user)


# "@maya" in a comment, not the middle of an email address ("maya@example.com").
_MENTION = re.compile(r"(?<![\w.@])@([\w][\w.-]*[\w]|[\w])")


def mentions(text: str) -> tuple[list[AbstractBaseUser], list[str]]:
    """The consultants a comment mentions ("@maya", by username, any case) and the names it
    mentions that are nobody on the team, each once, in the order written."""
    names = list(dict.fromkeys(name.lower() for name in _MENTION.findall(text)))
    if not names:
        return [], []
    team = {user.get_username().lower(): user for user in consultants()}
    return [team[name] for name in names if name in team], [name for name in names if name not in team]
