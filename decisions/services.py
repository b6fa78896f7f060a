from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from decisions.models import AssumptionSet


@transaction.atomic
def assumptions_revise(*, proposed: AssumptionSet, by: AbstractBaseUser | None) -> AssumptionSet:
    """Save ``proposed``'s values as a new revision with the next version number.

    Revisions are never edited in place: memos name the version they used.
    """
    # Lock the newest row so two simultaneous revisions cannot take the same number.
    newest = AssumptionSet.objects.select_for_update().order_by("-version").first()
    proposed.pk = None
    proposed.version = (newest.version if newest else 0) + 1
    proposed.created_by = by
    proposed.full_clean()
    proposed.save(force_insert=True)
    return proposed
