"""The ladder's small words: how often, why short, which rung, lists in a sentence."""

from __future__ import annotations

import math

from decisions.ladder.facts import Approach, Frequency, Shortfall

FREQUENCY_WORDS = {
    Frequency.STATIC: "rarely",
    Frequency.YEARLY: "about once a year",
    Frequency.QUARTERLY: "every few months",
    Frequency.MONTHLY: "every month",
    Frequency.WEEKLY: "every week",
    Frequency.DAILY: "every day",
    Frequency.REALTIME: "continuously",
}
SHORTFALL_WORDS = {
    Shortfall.KNOWLEDGE: "missing or wrong facts",
    Shortfall.FORMAT: "format, style or tone",
    Shortfall.LATENCY_COST: "latency or cost",
    Shortfall.VOCABULARY: "your domain's language",
}
# The rungs below fine-tuning, as a sentence names them.
RUNG_WORDS = {Approach.PROMPTING: "prompting", Approach.RAG: "retrieval"}


def listed(words: list[str]) -> str:
    """ "prompting", "prompting and retrieval", "recent, rare and per-customer"."""
    return " and ".join([", ".join(words[:-1]), words[-1]]) if len(words) > 2 else " and ".join(words)


def rungs(approaches: list[Approach] | tuple[Approach, ...]) -> str:
    return listed([RUNG_WORDS[approach] for approach in approaches])


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# From this length on, pages are said whole: "41 pages", never "40.5 pages".
WHOLE_PAGES_FROM = 10


def pages_at_most(line: float) -> str:
    """The longest length within ``line`` pages, as people say it: "1.5 pages", "2 pages", "40 pages"
    (to the half page below WHOLE_PAGES_FROM, whole pages from it)."""
    return _pages(math.floor(line) if line >= WHOLE_PAGES_FROM else max(math.floor(line * 2) / 2, 0.5))


def pages_beyond(line: float) -> str:
    """The shortest length past ``line`` pages, said the same way."""
    return _pages(math.floor(line) + 1 if line >= WHOLE_PAGES_FROM else math.floor(line * 2) / 2 + 0.5)


def _pages(count: float) -> str:
    return f"{count:g} {'page' if count == 1 else 'pages'}"
