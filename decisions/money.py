"""Amounts as people read them: a currency's symbol, whole units in tables, two or three significant
figures in headlines, compact from a million, and conversion at a stated rate. Plain Python."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}
# From here an amount is written compactly (€3.7M): more digits would pretend to a precision a
# rough estimate does not have.
COMPACT_FROM = 1_000_000


def compact_number(n: float) -> str:
    """1,000 as 1k, 2,500,000 as 2.5M and 3e15 as 3,000T: short, for people, never in exponents."""
    units = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k"), (1, ""))
    for index, (size, suffix) in enumerate(units):
        if n >= size or size == 1:
            text = _short(n / size)
            if text == "1,000" and index > 0:  # 999,999,999 is 1B, not 1,000M
                return f"1{units[index - 1][1]}"
            return f"{text}{suffix}"
    return _short(n)


def _short(x: float) -> str:
    """Two significant figures below ten (2.5), whole above (25, 1,000), never an exponent."""
    text = f"{x:,.1f}" if x < 10 else f"{x:,.0f}"
    return text.removesuffix(".0")


def format_money(
    amount: float, currency: str, *, compact: bool = False, decimals: int = 0, in_full: bool = False
) -> str:
    """Whole units with thousands separators, compact (€25k, and from a million: €3.7M), or with
    ``decimals`` for small amounts such as a price per thousand requests. ``in_full``: whole units
    at any size, as a table's cells are printed, so that they add up to the total printed below."""
    symbol = SYMBOLS.get(currency)
    if 0 < amount < 1 and not decimals:
        decimals = 2  # €0.22, not €0
    shortened = compact or (amount >= COMPACT_FROM and not in_full)
    number = compact_number(amount) if shortened else f"{amount:,.{decimals}f}"
    return f"{symbol}{number}" if symbol else f"{number} {currency}"


def significant(amount: float, figures: int = 2, *, to: Callable[[float], float] = round) -> float:
    """``amount`` to ``figures`` significant figures, as an estimate is said: 152,347 as 150,000
    (``to``: round, or math.floor and math.ceil to round a range's ends outward)."""
    if amount <= 0:
        return 0.0
    scale: float = 10.0 ** (math.floor(math.log10(amount)) - figures + 1)
    return float(to(amount / scale) * scale)


def whole(amount: float) -> int:
    """An amount in whole units, rounded half up: the figures a table prints and adds."""
    return math.floor(amount + 0.5)


@dataclass(frozen=True)
class Range:
    """From ``low`` to ``high`` in one currency. An amount known exactly is a range of one point."""

    low: float
    high: float
    currency: str

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError(f"a range runs from low to high, not {self.low} to {self.high}")

    def __add__(self, other: Range) -> Range:
        if other.currency != self.currency:
            raise ValueError(f"cannot add {other.currency} to {self.currency}")
        return Range(self.low + other.low, self.high + other.high, self.currency)

    @property
    def headline(self) -> str:
        """As an estimate is said in a headline (``said``), its ends rounded outward."""
        return self.label(rounded=True)

    def label(self, *, rounded: bool = False) -> str:
        """ "€12,400 – €15,100"; ``rounded`` as a headline, its ends rounded outward so the headline holds
        the exact range ("€12,000 – €16,000", "€101,000 – €150,000"; a single amount "about €2,400")."""
        low: float
        high: float
        if not rounded:
            low, high = whole(self.low), whole(self.high)
        elif self.low == self.high:
            low = high = said(self.low)
        else:
            low, high = said(self.low, to=math.floor), said(self.high, to=math.ceil)
        ends = [format_money(end, self.currency, in_full=not rounded) for end in (low, high)]  # exact: in full
        if low == high:
            return f"about {ends[0]}" if rounded else ends[0]
        return f"{ends[0]} – {ends[1]}"


def said(amount: float, *, to: Callable[[float], float] = round) -> float:
    """``amount`` as a headline says it: two significant figures, three under a million where it
    starts with a 1 (€101,000, not €110,000: two would move it by up to 10%). From a million it is
    written compactly to one decimal (€1.9M), which two figures already are."""
    figures = 3 if 0 < amount < COMPACT_FROM and f"{amount:e}".startswith("1") else 2
    return significant(amount, figures, to=to)


def convert(amount: float, rates: dict[str, float], source: str, target: str) -> float:
    """``amount`` in ``source`` as ``target`` at ``rates`` (units of each currency for one unit of
    the base currency, whose own rate is 1)."""
    return amount / rates[source] * rates[target]
