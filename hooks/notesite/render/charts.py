"""Figures as pictures, built as plain HTML and CSS: range charts and rating meters.

No script and no external resource: bars are positioned with inline percentages, coloured by CSS
variables (see compare.css) so they follow light and dark schemes and print. The figures stay
as text beside every bar, so the chart reads without the picture.
"""

from __future__ import annotations

import math

from notesite.analyse.ratings import NumberRange, RangeChart, Rating
from notesite.render.html import EMPTY, Html


def render_rating(rating: Rating) -> Html:
    """A small meter for a rating; hidden from screen readers, which read the rating's text."""
    return Html(
        '<span class="ns-meter" aria-hidden="true" title="{}">'
        '<span class="ns-meter__fill" style="width: {}"></span></span>'
    ).format(rating.text, _percent(rating.fraction))


def render_range_chart(chart: RangeChart) -> Html:
    """One group per row (a career stage), one bar per subject, on a shared scale from zero."""
    top = nice_ceiling(chart.maximum)
    groups = EMPTY.join(
        Html('<div class="ns-range-chart__group"><div class="ns-range-chart__label">{}</div>{}</div>').format(
            label,
            EMPTY.join(
                _bar(index, subject, cells.get(subject), top)
                for index, subject in enumerate(chart.subjects, start=1)
            ),
        )
        for label, cells in chart.rows
    )
    # Bare numbers, so the last one lines up with the end of the bars; the caption has the unit.
    axis = Html(
        '<div class="ns-range-chart__axis" aria-hidden="true">'
        "<span>0</span><span>{}</span><span>{}</span></div>"
    ).format(_number(top / 2), _number(top))
    unit = Html("（{}）").format(chart.unit) if chart.unit else EMPTY
    return Html('<figure class="ns-chart ns-range-chart"><figcaption>{}{}</figcaption>{}{}</figure>').format(
        chart.title, unit, groups, axis
    )


def _bar(index: int, subject: str, value: NumberRange | None, top: float) -> Html:
    if value is None:
        figure, track = "—", EMPTY
    else:
        figure = value.text
        style = f"left: {_percent(value.low / top)}; width: {_percent((value.high - value.low) / top)}"
        track = Html('<span class="ns-range-chart__range" style="{}"></span>').format(style)
    return Html(
        '<div class="ns-range-chart__bar ns-series-{}"><span class="ns-range-chart__subject">{}</span>'
        '<span class="ns-range-chart__track" aria-hidden="true">{}</span>'
        '<span class="ns-range-chart__value">{}</span></div>'
    ).format(index, subject, track, figure)


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
