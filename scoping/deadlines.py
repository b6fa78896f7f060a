"""When a reply is due: one business day after a brief arrives, in the consultancy's time zone.

Business days are Monday to Friday, less the public holidays of the configured country. A brief
that arrives on a business day is due at the same local time on the next business day (Friday
18:00 is due Monday 18:00). One that arrives on a weekend or holiday is counted from the opening
time of the next business day, so Saturday morning is due at opening time the day after Monday.
Times are local wall-clock times, so a deadline across a clock change keeps its hour.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.core import checks


@cache
def _holidays(country: str, subdivision: str | None) -> holidays.HolidayBase:
    return holidays.country_holidays(country, subdiv=subdivision)


def is_business_day(day: date, country: str, subdivision: str | None = None) -> bool:
    return day.weekday() < 5 and day not in _holidays(country, subdivision)


def next_business_day(day: date, country: str, subdivision: str | None = None) -> date:
    """The first business day strictly after ``day``."""
    day += timedelta(days=1)
    while not is_business_day(day, country, subdivision):
        day += timedelta(days=1)
    return day


def reply_due(
    received: datetime,
    *,
    time_zone: str,
    country: str,
    subdivision: str | None = None,
    opening: time = time(9, 0),
) -> datetime:
    """The moment a reply to a brief ``received`` (aware) is due, as an aware datetime."""
    zone = ZoneInfo(time_zone)
    local = received.astimezone(zone)
    if is_business_day(local.date(), country, subdivision):
        start_day, start_time = local.date(), local.time().replace(tzinfo=None)
    else:
        start_day, start_time = next_business_day(local.date(), country, subdivision), opening
    due_day = next_business_day(start_day, country, subdivision)
    # fold=0 and zoneinfo's handling put a time that a spring clock change skips just after it.
    return datetime.combine(due_day, start_time, tzinfo=zone)


def check_holiday_calendar(**kwargs: object) -> list[checks.CheckMessage]:
    """A system check: the configured country and subdivision must be ones `holidays` knows."""
    try:
        _holidays(settings.SCOPING_HOLIDAYS_COUNTRY, settings.SCOPING_HOLIDAYS_SUBDIVISION)
    except NotImplementedError as error:
        return [
            checks.Error(
                f"No public holiday calendar for SCOPING_HOLIDAYS_COUNTRY / SCOPING_HOLIDAYS_SUBDIVISION: {error}",
                hint="Use an ISO country code and subdivision the holidays package lists, e.g. GB and ENG.",
                id="scoping.E001",
            )
        ]
    return []


def business_time_left(
    now: datetime,
    due: datetime,
    *,
    time_zone: str,
    country: str,
    subdivision: str | None = None,
    opening: time = time(0),
    closing: time | None = None,
) -> timedelta:
    """How much business time (hours of business days) remains until ``due``; once it has passed,
    how long ago (negative), in plain time. With ``opening`` and ``closing``, only the hours between
    them on business days count (working hours); by default the whole of each business day."""
    if due <= now:
        return due - now
    zone = ZoneInfo(time_zone)
    start, end = now.astimezone(zone), due.astimezone(zone)
    left = timedelta()
    day = start.date()
    while day <= end.date():
        if is_business_day(day, country, subdivision):
            opens = datetime.combine(day, opening, tzinfo=zone)
            closes = (
                datetime.combine(day, closing, tzinfo=zone)
                if closing is not None
                else datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
            )
            lo, hi = max(start, opens).astimezone(UTC), min(end, closes).astimezone(UTC)
            left += max(hi - lo, timedelta())
        day += timedelta(days=1)
    return left


def end_of_local_day(now: datetime) -> datetime:
    """Midnight at the end of ``now``'s day in the consultancy's time zone (TIME_ZONE)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    return datetime.combine(now.astimezone(zone).date() + timedelta(days=1), time(0), tzinfo=zone)


def _site_calendar() -> dict[str, str | None]:
    return {
        "time_zone": settings.TIME_ZONE,
        "country": settings.SCOPING_HOLIDAYS_COUNTRY,
        "subdivision": settings.SCOPING_HOLIDAYS_SUBDIVISION,
    }


def brief_reply_due(received: datetime) -> datetime:
    """When the reply to a brief received at ``received`` is due, under this site's settings."""
    return reply_due(received, opening=settings.SCOPING_BUSINESS_DAY_START, **_site_calendar())


def brief_business_days_after(moment: datetime, days: int) -> datetime:
    """``days`` business days after ``moment``, counted as reply deadlines are (each one business
    day after the last), under this site's settings."""
    for _ in range(days):
        moment = brief_reply_due(moment)
    return moment


# A working day ends here for the app's own nudges to consultants (it starts at SCOPING_BUSINESS_DAY_START).
BUSINESS_DAY_END = time(17, 30)


def brief_working_time(start: datetime, end: datetime) -> timedelta:
    """Working hours from ``start`` to ``end``: only opening hours (SCOPING_BUSINESS_DAY_START to
    BUSINESS_DAY_END) of business days count, as people read "hours to reply"."""
    return business_time_left(
        start, end, opening=settings.SCOPING_BUSINESS_DAY_START, closing=BUSINESS_DAY_END, **_site_calendar()
    )


def in_business_hours(now: datetime) -> bool:
    """Whether ``now`` is within a business day's working hours, under this site's settings: when
    the app may nudge a consultant."""
    calendar = _site_calendar()
    local = now.astimezone(ZoneInfo(calendar["time_zone"]))
    working_day = is_business_day(local.date(), calendar["country"], calendar["subdivision"])
    return working_day and settings.SCOPING_BUSINESS_DAY_START <= local.time().replace(tzinfo=None) < BUSINESS_DAY_END


def brief_time_left(now: datetime, due: datetime) -> timedelta:
    """Business time until a reply is due, under this site's settings (negative: overdue)."""
    return business_time_left(now, due, **_site_calendar())


class ReplyState(StrEnum):
    """How an open brief's reply stands against its deadline, or that the deadline waits: while the
    client has questions of ours to answer, the promise is theirs to start again (the reply is due
    one business day after their answers, as the questions' email tells them)."""

    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    WAITING_FOR_CLIENT = "waiting_for_client"

    @property
    def label(self) -> str:
        return _REPLY_STATE_LABELS[self]

    @property
    def overdue(self) -> bool:
        return self is ReplyState.OVERDUE

    @property
    def due_soon(self) -> bool:
        return self is ReplyState.DUE_SOON

    @property
    def waiting_for_client(self) -> bool:
        return self is ReplyState.WAITING_FOR_CLIENT


_REPLY_STATE_LABELS = {
    ReplyState.ON_TIME: "on time",
    ReplyState.DUE_SOON: "due soon",
    ReplyState.OVERDUE: "overdue",
    ReplyState.WAITING_FOR_CLIENT: "waiting for the client",
}
# Business time before the deadline from which a reply is "due soon": the list shows it amber and
# the assignee is told.
DUE_SOON_WITHIN = timedelta(hours=4)
DUE_SOON_WORDS = f"{DUE_SOON_WITHIN // timedelta(hours=1)} business hours"


def reply_state(now: datetime, due: datetime) -> ReplyState:
    """Where a reply due at ``due`` stands at ``now``, counted in business time."""
    left = brief_time_left(now, due)
    if left <= timedelta():
        return ReplyState.OVERDUE
    return ReplyState.DUE_SOON if left < DUE_SOON_WITHIN else ReplyState.ON_TIME
