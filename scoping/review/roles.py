"""Who may do what. Consultants review briefs; superusers also manage assumptions, users and erasure."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

from scoping.team import CONSULTANTS

# (app label, codename): what reviewing briefs needs, and nothing else. Migrations 0005 and 0012
# gave the group these; consultants_group() is the same, for code that must not rely on it existing.
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


def consultants_group() -> Group:
    """The Consultants group with exactly its permissions."""
    group, _ = Group.objects.get_or_create(name=CONSULTANTS)
    group.permissions.set(
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in CONSULTANT_PERMISSIONS
    )
    return group
