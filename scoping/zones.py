"""The client's time zone: the one their browser reported (kept on the brief), else the consultancy's.

Dates and times a client reads (when the reply is due, when the brief arrived, when a draft is
deleted) are written in it and name it, so nobody in Oslo reads a London hour as theirs.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format

LONGEST_ZONE_NAME = 64


@cache
def _known() -> frozenset[str]:
    return frozenset(available_timezones())


def known_zone(name: str) -> str:
    """``name`` if it is an IANA time zone this machine knows ("Europe/Oslo"), else ""."""
    name = name.strip()
    return name if len(name) <= LONGEST_ZONE_NAME and name in _known() else ""


def zone_words(key: str) -> str:
    """A zone as people say it: "Oslo time", "New York time", "UTC"."""
    place = key.rsplit("/", 1)[-1].replace("_", " ")
    return place if place.startswith(("UTC", "GMT")) else f"{place} time"


def client_zone(chosen: str) -> tuple[ZoneInfo, str]:
    """The zone to write a client's times in, and its words: theirs, else ours, saying so."""
    if known_zone(chosen):
        return ZoneInfo(chosen), zone_words(chosen)
    return ZoneInfo(settings.TIME_ZONE), f"{zone_words(settings.TIME_ZONE)}, where we are"


def client_datetime(moment: datetime, chosen: str) -> str:
    """``moment`` as a client reads it, in the site's DATETIME_FORMAT: "7 December 2026, 19:00 CET (Oslo time)"
    ("18:00 UTC" alone, where the zone's words would only say its abbreviation again)."""
    zone, words = client_zone(chosen)
    local = timezone.localtime(moment, zone)
    written = date_format(local, "DATETIME_FORMAT")
    return written if words == local.tzname() else f"{written} ({words})"


def client_date(moment: datetime | date, chosen: str) -> str:
    """The day of ``moment`` in the client's zone: "7 December 2026"."""
    if isinstance(moment, datetime):
        moment = timezone.localtime(moment, client_zone(chosen)[0]).date()
    return date_format(moment, "DATE_FORMAT")
