"""Django's admin finds a app's ModelAdmins in its ``admin`` module; the consultants' workspace
lives in its own room, scoping.review."""

from scoping.review import admin, erasures, integrations, lockouts, signatures  # noqa: F401 (registers the review's ModelAdmins)
