"""Figures as pictures, built as plain HTML and CSS: range charts and rating meters.

No script and no external resource: bars are positioned with inline percentages, coloured by CSS
variables (see compare.css) so they follow light and dark schemes and print. The figures stay
as text beside every bar, so the chart reads without the picture.
"""

from __future__ import annotations

import html
import math

from notesite.analyse.ratings import NumberRange, RangeChart, Rating


def render_rating(rating: Rating) -> str:
    """A small meter for a rating; hidden from screen readers, which read the rating's text."""
    percent = _percent(rating.fraction)
    return (
        f'<span class="ns-meter" aria-hidden="true" title="{html.escape(rating.text)}">'
        f'<span class="ns-meter__fill" style="width: {percent}"></span></span>'
    )


def render_range_chart(chart: RangeChart) -> str:
    """One group per row (a career stage), one bar per subject, on a shared scale from zero."""
    top = nice_ceiling(chart.maximum)
    unit = html.escape(chart.unit)
    groups = []
    for label, cells in chart.rows:
        bars = "".join(
            _bar(index, subject, cells.get(subject), top)
            for index, subject in enumerate(chart.subjects, start=1)
        )
        groups.append(
            f'<div class="ns-range-chart__group"><div class="ns-range-chart__label">'
            f"{html.escape(label)}</div>{bars}</div>"
        )
    # Bare numbers, so the last one lines up with the end of the bars; the caption has the unit.
    axis = (
        f'<div class="ns-range-chart__axis" aria-hidden="true"><span>0</span>'
        f"<span>{_number(top / 2)}</span><span>{_number(top)}</span></div>"
    )
    return (
        f'<figure class="ns-chart ns-range-chart"><figcaption>{html.escape(chart.title)}'
        f"{f'（{unit}）' if unit else ''}</figcaption>{''.join(groups)}{axis}</figure>"
    )


def _bar(index: int, subject: str, value: NumberRange | None, top: float) -> str:
    if value is None:
        figure, track = "—", ""
    else:
        figure = html.escape(value.text)
        left, width = value.low / top, (value.high - value.low) / top
        style = f"left: {_percent(left)}; width: {_percent(width)}"
        track = f'<span class="ns-range-chart__range" style="{style}"></span>'
    return (
        f'<div class="ns-range-chart__bar ns-series-{index}">'
        f'<span class="ns-range-chart__subject">{html.escape(subject)}</span>'
        f'<span class="ns-range-chart__track" aria-hidden="true">{track}</span>'
        f'<span class="ns-range-chart__value">{figure}</span></div>'
    )


def nice_ceiling(value: float) -> float:
    """The scale's end: the next round number at or above `value` (150 → 150, 140 → 150, 81 → 100)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    return next(step * magnitude for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if step * magnitude >= value)


def _percent(fraction: float) -> str:
    return f"{min(max(fraction, 0.0), 1.0) * 100:.1f}%"


def _number(value: float) -> str:
    return f"{value:g}"
