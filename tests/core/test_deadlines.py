"""One business day, in the consultancy's time zone, skipping weekends and public holidays."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core import checks

from scoping.deadlines import brief_reply_due, check_holiday_calendar, is_business_day, reply_due

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (london(2026, 11, 24, 10, 30), london(2026, 11, 25, 10, 30)),  # Tuesday: Wednesday, same time
        (london(2026, 11, 27, 18, 0), london(2026, 11, 30, 18, 0)),  # Friday evening: Monday evening
        (london(2026, 11, 28, 11, 0), london(2026, 12, 1, 9, 0)),  # Saturday: a day from Monday's opening
        (london(2026, 11, 29, 23, 59), london(2026, 12, 1, 9, 0)),  # Sunday night: the same
        (london(2026, 8, 28, 16, 0), london(2026, 9, 1, 16, 0)),  # Friday before the August bank holiday
        (london(2026, 8, 31, 12, 0), london(2026, 9, 2, 9, 0)),  # on the bank holiday Monday itself
        (london(2026, 12, 24, 15, 0), london(2026, 12, 29, 15, 0)),  # Christmas Eve: Christmas and Boxing Day off
        (london(2026, 4, 2, 17, 0), london(2026, 4, 7, 17, 0)),  # Thursday before Easter: Good Friday, Easter Monday
        (london(2026, 3, 27, 10, 0), london(2026, 3, 30, 10, 0)),  # across the spring clock change: local hour kept
        (london(2026, 10, 23, 9, 15), london(2026, 10, 26, 9, 15)),  # across the autumn clock change
        (london(2026, 3, 28, 1, 30), london(2026, 3, 31, 9, 0)),  # the night clocks go forward (a Saturday)
    ],
)
def test_reply_due_in_london(received, due):
    assert reply_due(received, time_zone="Europe/London", country="GB", subdivision="ENG") == due


def test_the_deadline_is_counted_in_the_consultancy_time_zone_whatever_the_client_zone():
    # 17:00 Friday in New York is 22:00 Friday in London: due Monday 22:00 London time.
    received = datetime(2026, 11, 27, 17, 0, tzinfo=NEW_YORK)

    due = reply_due(received, time_zone="Europe/London", country="GB", subdivision="ENG")

    assert due == london(2026, 11, 30, 22, 0)


def test_the_country_decides_the_holidays():
    thanksgiving = datetime(2026, 11, 25, 12, 0, tzinfo=NEW_YORK)  # Wednesday before Thanksgiving

    assert reply_due(thanksgiving, time_zone="America/New_York", country="US") == datetime(
        2026, 11, 27, 12, 0, tzinfo=NEW_YORK
    )
    assert is_business_day(date(2026, 11, 26), "GB", "ENG")


def test_the_opening_time_is_configurable():
    saturday = london(2026, 11, 28, 11, 0)

    assert reply_due(saturday, time_zone="Europe/London", country="GB", opening=time(8, 30)) == london(
        2026, 12, 1, 8, 30
    )


def test_the_site_uses_its_settings(settings):
    settings.TIME_ZONE = "Europe/Berlin"
    settings.SCOPING_HOLIDAYS_COUNTRY, settings.SCOPING_HOLIDAYS_SUBDIVISION = "DE", "BY"
    settings.SCOPING_BUSINESS_DAY_START = time(8, 0)
    berlin = ZoneInfo("Europe/Berlin")

    # 6 January is a holiday in Bavaria, not in England.
    assert brief_reply_due(datetime(2026, 1, 5, 12, 0, tzinfo=berlin)) == datetime(2026, 1, 7, 12, 0, tzinfo=berlin)


def test_an_unknown_holiday_calendar_fails_the_system_check(settings):
    settings.SCOPING_HOLIDAYS_COUNTRY = "XX"

    (error,) = check_holiday_calendar()

    assert isinstance(error, checks.Error)
    assert error.id == "scoping.E001"
    assert "SCOPING_HOLIDAYS_COUNTRY" in error.msg
