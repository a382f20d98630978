"""Figures written in prose, as typed values: star ratings ("★★★★☆", "4/5") and ranges ("20-35万/年").

`range_chart` picks out the comparisons whose every cell is such a range (salaries per career
stage), which read better as a chart than as a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # comparisons.py reads its figures with this module
    from notesite.analyse.comparisons import Comparison

_STARS = re.compile(r"[★☆]{2,}")
_FRACTION = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*/\s*(\d{1,2})(?![\d.])")
# Starts where a run of digits starts, at most nine digits: linear in a run of digits.
_NUMBER = r"(?<!\d)(\d{1,9}(?:\.\d{1,6})?)(?!\d)"
_RANGE = re.compile(
    rf"(?P<prefix>[$€£¥￥])?{_NUMBER}[kK万千]?\s*(?:[-–—~～至到]|to)\s*(?P=prefix)?{_NUMBER}"
    r"\s*(?P<unit>[^\s\d（()，,。；;:：、]*)",
)
# A range in these units is a span of time ("3-5年经验"), which belongs on the timeline.
_DURATION = re.compile(r"^(?:个?月|年|周|天|months?|years?|weeks?|days?)(?![/每])", re.IGNORECASE)


@dataclass(frozen=True)
class Rating:
    value: float
    scale: int
    text: str  # as written, e.g. "★★★★☆" or "4/5"

    @property
    def fraction(self) -> float:
        return self.value / self.scale


@dataclass(frozen=True)
class NumberRange:
    low: float
    high: float
    unit: str  # e.g. "万/年", "k"; "" when the note gives none
    text: str  # as written, e.g. "20-35万/年"


@dataclass(frozen=True)
class RangeChart:
    title: str
    unit: str
    subjects: list[str]
    rows: list[tuple[str, dict[str, NumberRange | None]]]  # (row label, range per subject)

    @property
    def maximum(self) -> float:
        return max(r.high for _, cells in self.rows for r in cells.values() if r)


def parse_rating(text: str) -> Rating | None:
    """★★★★☆ → 4 of 5; "4/5" → 4 of 5; None when the text holds no rating."""
    stars = _STARS.search(text)
    if stars:
        return Rating(float(stars.group(0).count("★")), len(stars.group(0)), stars.group(0))
    fraction = _FRACTION.search(text)
    if fraction:
        value, scale = float(fraction.group(1)), int(fraction.group(2))
        if 0 < scale <= 10 and value <= scale:
            return Rating(value, scale, fraction.group(0))
    return None


def parse_range(text: str) -> NumberRange | None:
    """The first quantity range in `text`, e.g. "20-35万/年"; spans of time are not quantities."""
    for match in _RANGE.finditer(text):
        unit = match.group("unit")
        if _DURATION.match(unit):
            continue
        low, high = float(match.group(2)), float(match.group(3))
        if low <= high:
            return NumberRange(low, high, (match.group("prefix") or "") + unit, match.group(0).strip())
    return None


def cell_ratings(comparison: Comparison) -> dict[str, Rating]:
    """Each line of the comparison's cells that holds a rating → that rating."""
    lines = {
        line for row in comparison.rows for text in row.cells.values() if text for line in text.split("\n")
    }
    return {line: rating for line in lines if (rating := parse_rating(line))}


def range_chart(comparison: Comparison) -> RangeChart | None:
    """The comparison as ranges on one scale, when every cell it has is a range in one unit."""
    rows = []
    units: set[str] = set()
    for row in comparison.rows:
        cells = {name: parse_range(text) if text else None for name, text in row.cells.items()}
        filled = [text for text in row.cells.values() if text]
        if len(filled) < 2 or sum(r is not None for r in cells.values()) != len(filled):
            return None
        units.update(r.unit for r in cells.values() if r)
        rows.append((row.label, cells))
    if not rows or len(units) != 1:
        return None
    return RangeChart(comparison.title, units.pop(), list(comparison.subjects), rows)
