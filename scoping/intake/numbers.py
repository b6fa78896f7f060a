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


# Readings of an answer we will not guess at: every dot, comma or space a thousands separator, or the
# last dot or comma a decimal point.
_ANY_SEPARATOR = re.compile(r"[.,_\s\u202f\u00a0]")
_GROUPED_ANY = re.compile(r"^\d{1,3}([.,_\s\u202f\u00a0]\d{3})+$")
_LONGEST_QUOTED = 40


def likely_readings(text: str, *, rounded: bool = False) -> list[int]:
    """The whole numbers someone who typed ``text`` (refused: ambiguous or not whole) most likely
    meant, most likely first: "3.500" is 3,500 (3.5 is not whole), "20.000" 20,000 or 20, "1,5m"
    1,500,000; ``rounded``, a fraction of a thing the whole numbers either side ("2.5": 2 or 3).
    Empty when no reading is whole, or nothing is a number."""
    match = _NUMBER.match(text.strip().lower()) or re.match(
        r"^(?P<digits>\d[\d.,_\s\u202f\u00a0]*\d)\s*(?P<scale>[a-z]*)$", text.strip().lower()
    )
    if match is None or match["scale"] not in _SCALES or match["digits"].startswith("-"):
        return []
    digits, scale = match["digits"], _SCALES[match["scale"]]
    found: list[int] = []
    if _GROUPED_ANY.match(digits):  # every mark separates thousands
        found.append(int(_ANY_SEPARATOR.sub("", digits)) * scale)
    marks = [index for index, char in enumerate(digits) if char in ".,"]
    if marks and digits.count(digits[marks[-1]]) == 1:  # the last mark, once, is a decimal point
        whole, fraction = digits[: marks[-1]], digits[marks[-1] + 1 :]
        try:
            value = Decimal(f"{_ANY_SEPARATOR.sub('', whole) or 0}.{fraction}") * scale
        except InvalidOperation:
            value = Decimal("0.5")
        if value == value.to_integral_value():
            found.append(int(value))
        elif rounded and not found:
            found.extend([int(value), int(value) + 1] if value >= 1 else [1])
    return list(dict.fromkeys(found))


def _either(readings: list[int]) -> str:
    return " or ".join(f"{reading:,}" for reading in readings)


def _quoted(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= _LONGEST_QUOTED else text[: _LONGEST_QUOTED - 1] + "…"


class CountField(forms.IntegerField):
    """A whole number of things (requests, documents, pages, examples), typed as people write it,
    between ``min_value`` and ``max_value``, with messages that quote what was typed, offer what it
    most likely meant and say what to type."""

    widget = forms.TextInput

    def __init__(self, *, what: str, **kwargs: Any) -> None:
        self.what = what  # "requests a month", "documents": for the messages
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.error_messages.update(
            {
                "invalid": f"“%(typed)s” is not a number we can read: write the number of {what} in figures, "
                "for example 20,000 or 2 million.",
                "ambiguous": "“%(typed)s”: did you mean %(readings)s? A dot or comma can be a decimal point or a "
                "thousands separator, so we ask rather than guess.",
                "ambiguous, no reading": "“%(typed)s”: a dot or comma here could be a decimal point or a thousands "
                "separator: write it as 20000, 20,000 or 20 thousand.",
                "not whole": f"“%(typed)s”: the number of {what} is a whole number: did you mean %(readings)s?",
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
            raise self.refusal(str(why), str(value)) from None

    def refusal(self, why: str, typed: str) -> forms.ValidationError:
        """The error for ``typed``, refused for ``why``: what was typed, quoted, and what it most
        likely meant."""
        readings = likely_readings(typed, rounded=why == "not whole")
        code = why if why in self.error_messages else "ambiguous" if readings else "invalid"
        if code == "ambiguous" and not readings:
            code = "ambiguous, no reading"
        if code == "not whole" and not readings:
            readings = [1]
        params = {"typed": _quoted(typed), "readings": _either(readings)}
        return forms.ValidationError(self.error_messages[code], code=code, params=params)


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
                "invalid": "“%(typed)s” is not an amount we can read: write it in figures, for example 40,000, "
                "40k or £40,000.",
                "ambiguous": "“%(typed)s”: did you mean %(readings)s? A dot or comma can be a decimal point or a "
                "thousands separator, so we ask rather than guess.",
                "ambiguous, no reading": "“%(typed)s”: a dot or comma here could be a decimal point or a thousands "
                "separator: write it as 40000, 40,000 or 40k.",
                "not whole": "“%(typed)s”: round the amount to a whole number: did you mean %(readings)s?",
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
        try:
            return super().to_python(amount)
        except forms.ValidationError as refusal:  # quote what was typed, currency and all
            if refusal.params:
                refusal.params["typed"] = _quoted(str(value))
            raise
