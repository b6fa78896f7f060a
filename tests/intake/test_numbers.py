"""Counts as people type them: read whole, or refused; never silently misread."""

import pytest

from scoping.intake.numbers import parse_count


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("20000", 20_000),
        ("20,000", 20_000),
        ("20 000", 20_000),
        ("2,000,000", 2_000_000),
        ("2m", 2_000_000),
        ("2 M", 2_000_000),
        ("2 million", 2_000_000),
        ("2.5 million", 2_500_000),
        ("2.5k", 2_500),
        ("3 thousand", 3_000),
        ("1bn", 1_000_000_000),
        ("  42  ", 42),
        ("-5", -5),
    ],
)
def test_it_reads_what_people_write(typed, read):
    assert parse_count(typed) == read


@pytest.mark.parametrize("typed", ["lots", "1,2", "2,00", "2.5", "1e6", "0x10", "2 millions of them", "€20,000", ""])
def test_it_refuses_what_it_cannot_read_whole(typed):
    with pytest.raises(ValueError, match=r"not a number|not whole|ambiguous"):
        parse_count(typed)
