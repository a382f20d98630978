"""What a reader sees around the notes: a bibliography without the checker's details, a
timeline that uses the page, and an overview that fits a phone."""

from __future__ import annotations

import itertools

import pytest

from tests.browser.conftest import NARROW, PAGE_KINDS, WIDE
from tests.browser.test_accessibility import _blocking, _summary, axe_violations

pytestmark = pytest.mark.browser

# The words of the link checker that used to reach readers.
CHECKER_WORDS = ("尚未检查", "检查于", "无法连接", "可访问", "一致", "正文未引用", "unchecked", "checked")


def test_the_bibliography_of_an_offline_build_shows_no_status(tabs) -> None:
    for width in (WIDE, NARROW):
        page = tabs(width).open(PAGE_KINDS["bibliography"])
        entries = page.locator(".ns-ref[id^=ref-]")
        assert entries.count() == 5
        text = page.locator("article").inner_text()
        assert not [word for word in CHECKER_WORDS if word in text]
        assert page.locator(".ns-status, .ns-ref__broken, .ns-ref__domain-ok").count() == 0
        # Each entry still reads as a citation with its link.
        assert entries.locator("a.ns-ref__url").count() == 5


def _box(locator) -> dict:
    return locator.evaluate(
        "e => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; }"
    )


def test_the_timeline_fills_the_content_width_on_a_wide_screen(tabs) -> None:
    page = tabs(WIDE).open(PAGE_KINDS["timeline"])
    assert not page.locator(".md-sidebar--secondary").is_visible()  # no empty column beside it
    content = _box(page.locator(".md-content"))
    grid = _box(page.locator(".ns-tl-track--time .ns-tl-grid"))
    assert grid["w"] >= 0.9 * content["w"]
    lanes = page.locator(".ns-tl-track--time .ns-tl-lane")
    right = max(_box(lanes.nth(i))["x"] + _box(lanes.nth(i))["w"] for i in range(lanes.count()))
    assert right >= grid["x"] + 0.95 * grid["w"]


def test_the_timeline_rows_are_as_tall_as_the_time_they_stand_for(tabs) -> None:
    page = tabs(WIDE).open(PAGE_KINDS["timeline"])
    labels = page.locator(".ns-tl-track--time .ns-tl-when:not(.ns-tl-when--head)")
    tops = [_box(labels.nth(i))["y"] for i in range(labels.count())]
    # The seed's axis: 0, 6 months, 1 year, 2 years, then the open "5 years+" under a break.
    assert labels.nth(labels.count() - 1).evaluate("e => e.classList.contains('ns-tl-when--open')")
    six_months, half_year, one_year, three_years = (b - a for a, b in itertools.pairwise(tops))
    assert six_months == pytest.approx(half_year, rel=0.05)
    assert one_year == pytest.approx(2 * six_months, rel=0.1)
    assert three_years == pytest.approx(6 * six_months, rel=0.1)


def _overlaps(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["w"] - 1
        and b["x"] < a["x"] + a["w"] - 1
        and a["y"] < b["y"] + b["h"] - 1
        and b["y"] < a["y"] + a["h"] - 1
    )


def test_nothing_on_the_timeline_overlaps_on_a_phone(tabs) -> None:
    page = tabs(NARROW).open(PAGE_KINDS["timeline"])
    shown = page.locator(".ns-tl-lane:visible, .ns-tl-kind:visible, .ns-tl-item:visible")
    boxes = [_box(shown.nth(i)) for i in range(shown.count())]
    assert len(boxes) > 10
    assert [pair for pair in itertools.combinations(boxes, 2) if _overlaps(*pair)] == []
    width = page.evaluate("document.documentElement.clientWidth")
    assert all(box["x"] >= 0 and box["x"] + box["w"] <= width + 1 for box in boxes)


def test_the_review_card_is_one_line_on_a_phone_and_opens_on_tap(tabs, axe_script) -> None:
    page = tabs(NARROW).open(PAGE_KINDS["overview"])
    card = page.locator("details.ns-meta-card")
    summary = card.locator("summary")
    assert card.get_attribute("open") is None and not card.locator("dl").is_visible()
    text = summary.inner_text()
    assert "23%" in text and "2025-11-06" in text
    line = summary.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
    assert _box(summary)["h"] < 2 * line + 16  # one line, with its padding
    summary.click()  # a tap on a phone
    assert card.locator("dl").is_visible()
    assert "2025-11-02" in card.locator("dl").inner_text()
    blocking = _blocking(axe_violations(page, axe_script))
    assert not blocking, _summary(blocking)


def test_the_heatmap_names_months_and_weekdays_and_says_what_a_cell_is(tabs, axe_script) -> None:
    page = tabs(NARROW).open("review/")
    heatmap = page.locator(".ns-heatmap")
    labels = heatmap.locator(".ns-heatmap__label").all_inner_texts()
    assert {"一", "三", "五"} <= set(labels) and any(label.endswith("月") for label in labels)
    assert "每格为一天" in heatmap.locator(".ns-heatmap__summary").inner_text()
    grid = _box(heatmap.locator(".ns-heatmap__grid"))
    assert grid["x"] + grid["w"] <= page.evaluate("document.documentElement.clientWidth")
    blocking = _blocking(axe_violations(page, axe_script))
    assert not blocking, _summary(blocking)


def test_a_charts_table_opens_on_demand_and_prints_open(tabs) -> None:
    page = tabs(WIDE).open(PAGE_KINDS["section"])
    table = page.locator("details.ns-table-on-demand table")
    assert table.count() == 1 and not table.is_visible()
    page.locator("details.ns-table-on-demand > summary").focus()
    page.keyboard.press("Enter")
    assert table.is_visible()
    # On paper there is nothing to press: printed, the table shows without a summary.
    page.reload()
    page.emulate_media(media="print")
    try:
        assert table.is_visible()
        assert not page.locator("details.ns-table-on-demand > summary").is_visible()
    finally:
        page.emulate_media(media="screen")
