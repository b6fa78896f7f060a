"""Geometry of the cost chart: monthly cost against monthly queries, both on log scales.

Python places every point; the SVG template (templates/scoping/memo/includes/cost_chart.svg) only
draws. The same markup goes into the report page and the PDF, so both show the same chart.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from decisions.ladder import Approach
from decisions.money import compact_number, format_money

WIDTH, HEIGHT = 640, 380
MIN_COST = 0.01
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 290  # the plot area inside the picture
LEGEND_Y = 362

# Okabe-Ito colours (distinct for colour-blind readers) and a dash pattern each, so the lines
# still tell apart in greyscale print.
_STYLE = {
    Approach.PROMPTING: ("#0072B2", "none"),
    Approach.RAG: ("#D55E00", "9 4"),
    Approach.FINE_TUNING: ("#009E73", "2 4"),
    Approach.RAG_FINE_TUNING: ("#CC79A7", "10 4 2 4"),
}
LEGEND_GAP = 56  # a legend entry's swatch with its gap (34 px), and the space before the next entry
CHARACTER_WIDTH = 6.2  # of the legend's 11 px text, roughly, to space the entries


def legend_label(approach: Approach) -> str:
    """The approach's short label, as a legend entry starts it: with a capital."""
    return approach.short_label[:1].upper() + approach.short_label[1:]


@dataclass(frozen=True)
class Line:
    approach: Approach
    label: str
    points: str
    recommended: bool
    colour: str
    dash: str
    legend_x: int


@dataclass(frozen=True)
class Row:
    """One line of the table under the chart: the same numbers the chart draws."""

    volume: int
    costs: tuple[float, ...]
    is_client: bool


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class CostChart:
    title: str
    description: str
    lines: tuple[Line, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    marker_x: float
    marker_label: str
    rows: tuple[Row, ...]
    legend_y: int = LEGEND_Y
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = BOTTOM


class Drawn(Protocol):
    """One line of the chart: an approach's cost at each sampled volume."""

    @property
    def approach(self) -> Approach: ...

    @property
    def points(self) -> tuple[tuple[int, float], ...]: ...


def cost_chart(
    lines_of: Sequence[Drawn], volume: int, recommended: Approach, currency: str, *, title: str, what: str
) -> CostChart:
    """The chart of ``lines_of`` (each approach's ``what``, a month, by volume) with the client's
    ``volume`` marked: ``title`` names it."""
    volumes = [v for v, _ in lines_of[0].points]
    # A log scale has no zero: a free line (all prices set to 0) sits on the floor of one cent.
    costs = [max(cost, MIN_COST) for series in lines_of for _, cost in series.points]
    x_low, x_high = math.log10(volumes[0]), math.log10(volumes[-1])
    y_low, y_high = math.floor(math.log10(min(costs))), math.ceil(math.log10(max(costs)))

    def x(volume: float) -> float:
        return round(LEFT + (math.log10(volume) - x_low) / (x_high - x_low) * (WIDTH - RIGHT - LEFT), 1)

    def y(cost: float) -> float:
        return round(BOTTOM - (math.log10(max(cost, MIN_COST)) - y_low) / max(y_high - y_low, 1) * (BOTTOM - TOP), 1)

    labels = [legend_label(series.approach) for series in lines_of]
    starts = itertools.accumulate((len(label) * CHARACTER_WIDTH + LEGEND_GAP for label in labels[:-1]), initial=LEFT)
    lines = tuple(
        Line(
            approach=series.approach,
            label=label,
            points=" ".join(f"{x(v)},{y(cost)}" for v, cost in series.points),
            recommended=series.approach is recommended,
            colour=_STYLE[series.approach][0],
            dash=_STYLE[series.approach][1],
            legend_x=round(start),
        )
        for series, label, start in zip(lines_of, labels, starts, strict=True)
    )
    x_ticks = tuple(
        Tick(x(10**power), compact_number(10**power)) for power in range(math.ceil(x_low), math.floor(x_high) + 1)
    )
    y_ticks = tuple(
        Tick(y(10**power), format_money(10**power, currency, compact=True)) for power in range(y_low, y_high + 1)
    )
    volume = volume or volumes[0]
    at_volume = {series.approach: dict(series.points)[volume] for series in lines_of}
    cheapest = min(at_volume, key=lambda approach: at_volume[approach])
    return CostChart(
        title=title,
        description=(
            f"The {what} of each approach, a month, from {volumes[0]:,} to {volumes[-1]:,} requests a month, both "
            f"axes logarithmic. At your {volume:,} requests a month the cheapest to run is "
            f"{cheapest.short_label} at {format_money(at_volume[cheapest], currency)} a month."
        ),
        lines=lines,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        marker_x=x(volume),
        marker_label=f"Your volume: {compact_number(volume)}/month",
        rows=tuple(
            Row(volume=v, costs=tuple(series.points[i][1] for series in lines_of), is_client=v == volume)
            for i, v in enumerate(volumes)
        ),
    )
