"""A client's times in their own zone, named; ours, named as ours, when theirs is not known."""

from datetime import UTC, date, datetime

import pytest

from scoping.zones import client_date, client_datetime, known_zone, zone_words

MOMENT = datetime(2026, 12, 7, 18, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("reported", "kept"),
    [("Europe/Oslo", "Europe/Oslo"), ("America/New_York", "America/New_York"), ("UTC", "UTC"),
     ("Mars/Olympus_Mons", ""), ("", ""), ("Europe/Oslo" * 10, ""), ("../../etc/passwd", "")],
)  # fmt: skip
def test_only_a_zone_this_machine_knows_is_kept(reported, kept):
    assert known_zone(reported) == kept


@pytest.mark.parametrize(
    ("zone", "words"),
    [("Europe/Oslo", "Oslo time"), ("America/New_York", "New York time"), ("UTC", "UTC"),
     ("America/Argentina/Buenos_Aires", "Buenos Aires time")],
)  # fmt: skip
def test_a_zone_is_named_as_people_say_it(zone, words):
    assert zone_words(zone) == words


@pytest.mark.parametrize(
    ("zone", "written"),
    [("Europe/Oslo", "7 December 2026, 19:00 CET (Oslo time)"),
     ("America/New_York", "7 December 2026, 13:00 EST (New York time)"),
     ("Asia/Tokyo", "8 December 2026, 03:00 JST (Tokyo time)"),
     ("UTC", "7 December 2026, 18:00 UTC"),
     ("", "7 December 2026, 18:00 GMT (London time, where we are)"),
     ("Nowhere/Special", "7 December 2026, 18:00 GMT (London time, where we are)")],
)  # fmt: skip
def test_a_time_is_written_in_the_clients_zone_and_names_it(settings, zone, written):
    settings.TIME_ZONE = "Europe/London"
    assert client_datetime(MOMENT, zone) == written


def test_a_day_is_the_clients_day():
    assert client_date(MOMENT, "Asia/Tokyo") == "8 December 2026"
    assert client_date(MOMENT, "America/New_York") == "7 December 2026"
    assert client_date(date(2027, 1, 6), "Asia/Tokyo") == "6 January 2027"
