"""Numbers as people type them: "20000", "20,000", "2.5k", "2m", "2 million", "1.2 billion".

A count is read whole or refused with a message that says what to type, never silently misread
(a browser's number field turned "2 million" into 2).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms

_SCALES = {
    "": 1,
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
}
# Digits with optional thousands separators (comma, space, underscore, thin space) and decimals,
# then an optional scale word.
_SEPARATOR = re.compile(r"[,_\s\u202f\u00a0]")
_GROUPED = re.compile(r"^-?\d{1,3}([,_\s\u202f\u00a0]\d{3})+$")
_NUMBER = re.compile(r"^(?P<digits>-?\d(?:[\d,_\s\u202f\u00a0]*\d)?(?:\.\d+)?)\s*(?P<scale>[a-z]*)$")


def parse_count(text: str) -> int:
    """The whole number ``text`` writes, or ValueError saying why not."""
    match = _NUMBER.match(text.strip().lower())
    if match is None or match["scale"] not in _SCALES:
        raise ValueError("not a number")
    whole, _, fraction = match["digits"].partition(".")
    if _SEPARATOR.search(whole) and not _GROUPED.match(whole):
        raise ValueError("ambiguous")  # "1,2" is 1.2 in much of Europe: ask, never guess
    if len(fraction) == 3 and not match["scale"] and not _SEPARATOR.search(whole):
        raise ValueError("ambiguous")  # "20.000" is twenty thousand in much of Europe
    digits = _SEPARATOR.sub("", match["digits"])
    try:
        value = Decimal(digits) * _SCALES[match["scale"]]
    except InvalidOperation:
        raise ValueError("not a number") from None
    if value != value.to_integral_value():
        raise ValueError("not whole")  # 2.5 documents
    return int(value)


class CountField(forms.IntegerField):
    """A whole number of things (requests, documents, pages, examples), typed as people write it,
    between ``min_value`` and ``max_value``, with messages that say what to type."""

    widget = forms.TextInput

    def __init__(self, *, what: str, **kwargs: Any) -> None:
        self.what = what  # "requests a month", "documents": for the messages
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.error_messages.update(
            {
                "invalid": f"Write the number of {what} in figures, for example 20,000 or 2 million.",
                "ambiguous": (
                    "A dot or comma here could be a decimal point or a thousands separator: write it as "
                    "20000, 20,000 or 20 thousand."
                ),
                "not whole": f"The number of {what} is a whole number: round it to the nearest one.",
                "min_value": f"The number of {what} is at least %(limit_value)s.",
                "max_value": (
                    f"That is more {what} than we have seen in any project (over {self.max_value or 0:,}). "
                    "Check the number, or write to us if it is right."
                ),
            }
        )

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        try:
            return parse_count(str(value))
        except ValueError as why:
            code = str(why) if str(why) in self.error_messages else "invalid"
            raise forms.ValidationError(self.error_messages[code], code=code) from None


# A currency as people write it beside an amount: a symbol, a code or a word.
_CURRENCY_MARKS = {
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP",
    "$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
}  # fmt: skip
_MARK = re.compile(r"(€|£|\$|\b(?:eur|euros?|gbp|pounds?|usd|dollars?)\b)", re.IGNORECASE)


def currency_written(text: str) -> tuple[str, str | None]:
    """``text`` without the currency it names, and that currency (None: none named). Two different
    currencies in one answer raise ValueError: we ask rather than guess."""
    found = {_CURRENCY_MARKS[mark.lower()] for mark in _MARK.findall(text)}
    if len(found) > 1:
        raise ValueError("two currencies")
    return _MARK.sub(" ", text).strip(), next(iter(found), None)


class AmountField(CountField):
    """An amount of money, typed as people write it ("40k", "£250,000", "150,000 USD"): the number,
    whatever currency it names (the form checks that against the currency chosen)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(what="", **kwargs)
        self.error_messages.update(
            {
                "invalid": "Write the amount in figures, for example 40,000, 40k or £40,000.",
                "ambiguous": (
                    "A dot or comma here could be a decimal point or a thousands separator: write it as "
                    "40000, 40,000 or 40k."
                ),
                "not whole": "Round the amount to a whole number.",
                "two currencies": "Write one currency: choose it below, or write €, £ or $ beside the amount.",
                "min_value": "The amount is at least %(limit_value)s.",
                "max_value": "That is more than any first-year budget we have seen: check the amount.",
            }
        )

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values or isinstance(value, int):
            return super().to_python(value)
        try:
            amount, _ = currency_written(str(value))
        except ValueError:
            raise forms.ValidationError(self.error_messages["two currencies"], code="two currencies") from None
        return super().to_python(amount)
