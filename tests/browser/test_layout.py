"""Comparison tables, the salary range chart and the timeline: visible and laid out, wide and narrow."""

from __future__ import annotations

import pytest

from tests.browser.conftest import NARROW, WIDE
from tests.conftest import seed_path

pytestmark = pytest.mark.browser

COMPARISONS = seed_path("comparisons")
TIMELINE = seed_path("timeline")
WIDTHS = pytest.mark.parametrize("width", [WIDE, NARROW])


def _box(locator) -> dict[str, float]:
    box = locator.bounding_box()
    assert box is not None, f"{locator} is not rendered"
    return box


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


@WIDTHS
def test_comparison_tables_are_visible_and_scroll_inside_their_frame(tabs, width: int) -> None:
    page = tabs(width).open(COMPARISONS)
    tables = page.locator("table.ns-compare")
    assert tables.count() >= 5
    content = _box(page.locator("article.md-content__inner"))
    for index in range(tables.count()):
        table, frame = tables.nth(index), page.locator(".ns-compare-wrap").nth(index)
        table.scroll_into_view_if_needed()
        assert table.is_visible()
        assert table.locator("tbody tr").count() >= 1
        # The frame fits the text column; a wider table scrolls inside it, not the page.
        frame_box = _box(frame)
        assert frame_box["x"] >= content["x"] - 1
        assert frame_box["x"] + frame_box["width"] <= content["x"] + content["width"] + 1


@WIDTHS
def test_range_chart_uses_the_content_width_and_its_axis_reads(tabs, width: int) -> None:
    page = tabs(width).open(COMPARISONS)
    charts = page.locator("figure.ns-range-chart")
    assert charts.count() >= 1
    content = _box(page.locator("article.md-content__inner"))
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        box = _box(chart)
        assert box["width"] >= 0.95 * content["width"], f"chart {box['width']}px of {content['width']}px"

        tracks = chart.locator(".ns-range-chart__track")
        for track in tracks.all():
            # Bars get most of the width: beside subject and figures on a desktop, all of it on a phone.
            assert _box(track)["width"] >= (0.95 if width == NARROW else 0.6) * box["width"]
        for bar in chart.locator(".ns-range-chart__range").all():
            assert bar.is_visible() and _box(bar)["width"] >= 2
        for row in chart.locator(".ns-range-chart__bar").all():
            parts = [_box(row.locator(f".ns-range-chart__{part}")) for part in ("subject", "track", "value")]
            assert not any(_overlap(a, b) for i, a in enumerate(parts) for b in parts[i + 1 :]), (
                row.inner_text()
            )

        # Axis marks: apart from each other, under the bars, 0 at the bars' start, the top at their end.
        marks = chart.locator(".ns-range-chart__axis span")
        assert marks.count() == 3
        boxes = [_box(marks.nth(i)) for i in range(3)]
        for left, right in zip(boxes, boxes[1:], strict=False):
            assert left["x"] + left["width"] + 4 <= right["x"], (
                f"axis labels collide: {marks.all_inner_texts()}"
            )
        track = _box(tracks.first)
        assert abs(boxes[0]["x"] - track["x"]) <= 2
        assert abs(boxes[2]["x"] + boxes[2]["width"] - (track["x"] + track["width"])) <= 2
        middle = boxes[1]["x"] + boxes[1]["width"] / 2
        assert abs(middle - (track["x"] + track["width"] / 2)) <= 2


@WIDTHS
def test_timeline_lanes_side_by_side_when_wide_and_stacked_when_narrow(tabs, width: int) -> None:
    page = tabs(width).open(TIMELINE)
    grids = page.locator(".ns-tl-grid")
    assert grids.count() >= 1
    for grid in grids.all():
        lanes = [_box(lane) for lane in grid.locator(".ns-tl-lane").all()]
        assert len(lanes) == 2
        first, second = lanes
        assert grid.locator(".ns-tl-cell").first.is_visible()
        if width == WIDE:
            assert abs(first["y"] - second["y"]) <= 2, "lane headings not on one line"
            assert first["x"] + first["width"] <= second["x"], "lanes overlap"
        else:
            assert second["y"] >= first["y"] + first["height"], "lanes not stacked"
            assert abs(first["x"] - second["x"]) <= 2
            assert grid.locator(".ns-tl-when").first.is_hidden()
