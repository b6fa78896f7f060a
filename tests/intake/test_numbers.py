"""Counts as people type them: read whole, or refused; never silently misread."""

import pytest
from django.core.exceptions import ValidationError

from scoping.intake.numbers import CountField, parse_count


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


@pytest.mark.parametrize(
    "typed", ["lots", "1,2", "2,00", "2.5", "1e6", "0x10", "2 millions of them", "€20,000", "", "20.000", "1.000"]
)
def test_it_refuses_what_it_cannot_read_whole(typed):
    with pytest.raises(ValueError, match=r"not a number|not whole|ambiguous"):  # never 20 for "20.000"
        parse_count(typed)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("20.000", "could be a decimal point or a thousands separator"),
        ("2.5", "is a whole number: round it"),
        ("lots", "in figures, for example 20,000 or 2 million"),
        ("1000000001", "over 1,000,000,000"),
    ],
)
def test_each_refusal_says_what_to_type(typed, message):
    field = CountField(what="requests a month", required=False, min_value=0, max_value=1_000_000_000)
    with pytest.raises(ValidationError) as refusal:
        field.clean(typed)
    assert message in " ".join(refusal.value.messages)
