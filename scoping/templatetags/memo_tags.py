"""Formatting for the report and the memo: money, volumes and spans of weeks."""

import math

from django import template

from decisions.budget import rate_words
from decisions.costs import Assumptions
from decisions.estimate import Estimate, Payee, Share
from decisions.ladder import TOKENS_PER_PAGE
from decisions.money import COMPACT_FROM, compact_number, format_money, said
from decisions.timeline import weeks_said

register = template.Library()


@register.filter
def money(amount: float, currency: str) -> str:
    return format_money(amount, currency)


@register.filter
def cell_money(amount: float, currency: str) -> str:
    """An amount in a table of costs: whole units at any size (€1,963,529, never €2M), so that the
    printed cells add up to the printed total."""
    return format_money(amount, currency, in_full=True)


@register.filter
def count(n: float) -> str:
    """A volume for people: 20,000, and from a million 2.5M."""
    return compact_number(n) if n >= COMPACT_FROM else f"{round(n):,}"


@register.filter
def in_pages(tokens: int) -> str:
    """Tokens as pages of business prose: 50,000 tokens is "100 pages"."""
    return f"{tokens // TOKENS_PER_PAGE:,} pages"


@register.filter
def about(n: float) -> str:
    """Two significant figures: a crossover at 362,319 queries is really "about 360,000"."""
    if n >= COMPACT_FROM:
        return compact_number(n)
    return f"{round(n, 2 - len(str(int(n)))):,.0f}" if n >= 10 else f"{n:.0f}"


@register.filter
def price(amount: float, currency: str) -> str:
    """Prices such as per million tokens: to the cent."""
    return format_money(amount, currency, decimals=2)


@register.filter
def per_query(amount: float, currency: str) -> str:
    """Per-query costs are fractions of a cent: show them to four decimals."""
    return format_money(amount, currency, decimals=4)


@register.filter
def weeks(span: tuple[float, float]) -> str:
    """A span of weeks to the half week, rounded half up: "about 2 weeks", "4.5 to 7.5 weeks" (with an
    en dash); "a few days" under half a week."""
    low, high = (math.floor(value * 2 + 0.5) / 2 for value in span)
    if high < 0.5:
        return "a few days"
    return f"about {weeks_said(low)}" if low == high else weeks_said(low, high)


@register.filter
def percent(share: float) -> str:
    """A share from 0 to 1 as a whole percentage: 0.9 as 90%."""
    return f"{round(share * 100)}%"


@register.filter
def plain(n: float) -> str:
    """A figure without trailing zeros: 0.5, 0.25, 2."""
    return f"{float(n):g}"


@register.filter
def headline(amount: float, currency: str) -> str:
    """An amount as a headline says it (decisions.money.said): "€150,000", "€152,000"."""
    return format_money(said(amount), currency)


@register.filter
def payee_lines(estimate: Estimate, payee: str) -> bool:
    """Whether ``estimate`` has a line paid to ``payee`` ("fees", "providers", "staff")."""
    return any(line.payee == payee for line in (*estimate.one_off, *estimate.monthly))


@register.filter
def rate_of(currency: str, assumptions: Assumptions) -> str:
    """ "at €1 = £0.85": the exchange rate a comparison used."""
    return rate_words(currency, assumptions)


@register.filter
def days(span: tuple[float, float]) -> str:
    """Working days: "6–9 days"."""
    low, high = (f"{value:g}" for value in span)
    return f"{low} days" if low == high else f"{low}–{high} days"


@register.filter
def rate_in(rate: float, currency: str) -> str:
    """An exchange rate in the other currency, to the cent: "£0.85"."""
    return format_money(rate, currency, decimals=2)


@register.filter
def payee_monthly(estimate: Estimate, payee: Payee) -> int:
    """One payee's share of a month's running cost, as the table prints it."""
    return estimate.yearly_of(payee) // 12


@register.filter
def share_of(shares: tuple[Share, ...], payee: Payee) -> Share:
    """One payee's share of a first year."""
    return next(share for share in shares if share.payee is payee)
