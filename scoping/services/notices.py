"""Telling consultants what needs them: every notice (a deadline, an unread memo, a mention, a brief
given to them or taken over from them) is a ``Notice`` row, sent at once or gathered into one digest
email per consultant per run, as each consultant chose in their profile. Both ways are the same
rows and the same email (scoping.emails.notices), so a digest and an immediate notice never differ
in what they say or how their subject reads.

``consultant_tell`` is the entry point for any module that has news for one consultant;
``team_tell`` for news about a brief that its assignee (or, with nobody assigned, every consultant)
should hear.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from scoping.models import Brief, ConsultantProfile, Notice, OutgoingEmail
from scoping.services.mail import email_queue
from scoping.team import consultants

DEADLINE_KINDS = (Notice.Kind.DUE_SOON, Notice.Kind.OVERDUE)


def wants_at_once(user: AbstractBaseUser) -> bool:
    """Whether ``user`` chose to hear each notice at once (the default is the digest)."""
    chosen = ConsultantProfile.objects.filter(user=user).values_list("notices", flat=True).first()
    return chosen == ConsultantProfile.Notices.IMMEDIATE


@transaction.atomic
def consultant_tell(
    user: AbstractBaseUser, kind: Notice.Kind, brief: Brief, *, by: AbstractBaseUser | None = None, detail: str = ""
) -> Notice:
    """Tell consultant ``user`` that ``kind`` happened to ``brief`` (caused by ``by``; ``detail``,
    such as a comment, quoted): in their next digest, or in an email now if they chose that. The
    email is owed in the caller's transaction, so a rolled-back change tells nobody."""
    notice = Notice.objects.create(recipient=user, kind=kind, brief=brief, by=by, detail=detail)
    if wants_at_once(user):
        _carry([notice])
    return notice


def team_tell(kind: Notice.Kind, brief: Brief, *, detail: str = "") -> list[Notice]:
    """Tell the brief's assignee, or with nobody assigned every consultant, that ``kind`` happened."""
    people = [brief.assigned_to] if brief.assigned_to is not None else list(consultants())
    return [consultant_tell(person, kind, brief, detail=detail) for person in people]


def _carry(notices: list[Notice]) -> OutgoingEmail:
    """One email owed for ``notices`` (all for one consultant): about their brief when there is one."""
    briefs = {notice.brief_id for notice in notices}
    email = email_queue(OutgoingEmail.Kind.NOTICES, notices[0].brief if len(briefs) == 1 else None)
    Notice.objects.filter(pk__in=[notice.pk for notice in notices]).update(email=email)
    return email


def notices_digest() -> int:
    """Every consultant's waiting notices, in one email each: how many emails went. A notice joins
    the digest of the run that finds it; two runs at once never both carry it (rows are locked).
    A deadline's notice about a brief no longer on the clock (replied, closed, or waiting for the
    client's answers since it was written) is dropped: it would no longer be true."""
    sent = 0
    Notice.objects.filter(email__isnull=True, kind__in=DEADLINE_KINDS).exclude(
        brief__in=Brief.objects.on_the_clock()
    ).delete()
    waiting = Notice.objects.filter(email__isnull=True)
    for recipient in sorted(set(waiting.values_list("recipient", flat=True))):
        with transaction.atomic():
            mine = list(waiting.filter(recipient=recipient).select_for_update(skip_locked=True).select_related("brief"))
            if mine:
                _carry(mine)
                sent += 1
    return sent
