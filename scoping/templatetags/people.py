"""A user as people name them, in any template: ``{{ user|person }}`` (``scoping.team.person``: the full
name as it can be read, else the username)."""

from django import template
from django.contrib.auth.models import AbstractBaseUser

from scoping.team import person as named

register = template.Library()


@register.filter
def person(user: AbstractBaseUser | None) -> str:
    return named(user) if user is not None else ""
