"""Counts as people type them: read whole, or refused; never silently misread."""

import pytest
from django.core.exceptions import ValidationError

from scoping.intake.numbers import AmountField, CountField, likely_readings, parse_count


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
        ("3.500", "“3.500”: did you mean 3,500? A dot or comma can be a decimal point or a thousands separator"),
        ("20.000", "“20.000”: did you mean 20,000 or 20?"),
        ("1.000.000", "“1.000.000”: did you mean 1,000,000? A dot"),  # a mark used twice is no decimal point
        ("1,5 million", "“1,5 million”: did you mean 1,500,000?"),
        ("1,2", "“1,2”: a dot or comma here could be a decimal point or a thousands separator: write it as"),
        ("2.5", "“2.5”: the number of requests a month is a whole number: did you mean 2 or 3?"),
        ("lots", "“lots” is not a number we can read: write the number of requests a month in figures"),
        ("1000000001", "over 1,000,000,000"),
    ],
)
def test_each_refusal_says_what_to_type(typed, message):
    field = CountField(what="requests a month", required=False, min_value=0, max_value=1_000_000_000)
    with pytest.raises(ValidationError) as refusal:
        field.clean(typed)
    assert message in " ".join(refusal.value.messages)


@pytest.mark.parametrize(
    ("typed", "readings"),
    [
        ("3.500", [3_500]),  # 3.5 requests is no reading
        ("20.000", [20_000, 20]),
        ("1.234.567", [1_234_567]),
        ("1,5m", [1_500_000]),
        ("2,00", [2]),
        ("1,2", []),
        ("lots", []),
        ("-3.500", []),
    ],
)
def test_an_ambiguous_number_is_offered_its_likely_whole_readings(typed, readings):
    assert likely_readings(typed) == readings


def test_a_fraction_is_offered_the_whole_numbers_either_side():
    assert likely_readings("2.5", rounded=True) == [2, 3]
    assert likely_readings("0.5", rounded=True) == [1]


def test_an_amount_quotes_what_was_typed_with_its_currency():
    with pytest.raises(ValidationError) as refusal:
        AmountField(min_value=1).clean("£3.500")
    assert refusal.value.messages == [
        "“£3.500”: did you mean 3,500? A dot or comma can be a decimal point or a thousands separator, "
        "so we ask rather than guess."
    ]


def test_a_long_answer_is_quoted_short():
    with pytest.raises(ValidationError) as refusal:
        CountField(what="documents").clean("about " + "very " * 30 + "many")
    assert "“about very very" in refusal.value.messages[0]
    assert "…”" in refusal.value.messages[0]
