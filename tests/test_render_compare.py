"""Comparisons, charts and the timeline as HTML, read back with an HTML parser."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from notesite.comparisons import find_comparisons
from notesite.parser import parse_note_file
from notesite.render.charts import nice_ceiling
from notesite.render.comparison import render_comparison
from notesite.render.timeline import render_timeline
from notesite.timeline import build_timeline

from .conftest import FIXTURES, SEED

COMPARE = FIXTURES / "compare"


def soup(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "html.parser")


def comparison(path, title):
    return next(c for c in find_comparisons(parse_note_file(path)) if c.title == title)


def test_table_has_caption_subject_columns_and_row_headers():
    table = soup(render_comparison(comparison(SEED, "职业发展路径分析"))).select_one("table.ns-compare")
    assert table.caption.get_text() == "职业发展路径分析"
    assert [th.get_text() for th in table.thead.find_all("th")] == ["模型推理优化", "高性能算子开发"]
    rows = table.tbody.find_all("tr")
    assert [row.th.get_text() for row in rows][0] == "初级阶段（0-2年）"
    assert all(th["scope"] == "row" for row in rows for th in row.find_all("th"))
    first = rows[0].find_all("td")[0]
    assert [li.get_text() for li in first.find_all("li")][0] == "职位：推理优化工程师、模型部署工程师"


def test_table_sits_in_a_scrolling_wrapper():
    wrapper = soup(render_comparison(comparison(SEED, "核心差异对比"))).div
    assert wrapper["class"] == ["ns-compare-wrap"]


def test_missing_cell_is_a_dash():
    table = soup(render_comparison(comparison(COMPARE / "sections-zh.md", "两个方向的定义")))
    gap = table.find("th", string="常用工具").find_next("td")
    assert gap.get_text() == "—" and "ns-compare__gap" in gap["class"]


def test_checklists_have_no_row_header_column():
    table = soup(render_comparison(comparison(SEED, "决策矩阵"))).table
    assert table.tbody.find("th") is None
    assert len(table.thead.find_all(["th", "td"])) == 2


def test_text_from_the_note_is_escaped_and_only_bold_survives():
    markup = render_comparison(comparison(COMPARE / "escaping.md", "门槛"))
    page = soup(markup)
    assert page.find("script") is None and page.find("b") is None
    assert page.tbody.th.get_text() == "学习<script>alert(1)</script>曲线"
    assert "&lt;script&gt;" in markup
    assert page.find("strong").get_text() == "易学"


def test_citations_in_cells_link_to_the_bibliography_when_asked():
    target = lambda number: (f"../references/#ref-{number}", 'A "title" <b>')  # noqa: E731
    page = soup(render_comparison(comparison(COMPARE / "escaping.md", "门槛"), target))
    link = page.find("a", class_="ns-cite")
    assert (link["href"], link.get_text(), link["title"]) == ("../references/#ref-1", "1", 'A "title" <b>')


def test_star_ratings_get_a_meter_and_keep_their_text():
    page = soup(render_comparison(comparison(SEED, "技能门槛对比")))
    cell = page.find("th", string="应届生友好度").find_next("td")
    assert cell.find(class_="ns-meter__fill")["style"] == "width: 80.0%"
    assert cell.find(class_="ns-meter")["aria-hidden"] == "true"
    assert cell.get_text().startswith("★★★★☆（4/5）")


def test_salary_range_chart_per_career_stage_with_figures_as_text():
    page = soup(render_comparison(comparison(SEED, "薪资水平对比")))
    chart = page.find("figure", class_="ns-range-chart")
    groups = chart.find_all(class_="ns-range-chart__group")
    assert [g.find(class_="ns-range-chart__label").get_text() for g in groups] == [
        "应届生起薪",
        "3-5年经验",
        "5年以上资深",
    ]
    figures = [[v.get_text() for v in g.find_all(class_="ns-range-chart__value")] for g in groups]
    assert figures == [
        ["20-35万/年", "25-40万/年"],
        ["40-70万/年", "50-80万/年"],
        ["70-150万/年", "80-120万/年"],
    ]
    assert [s.get_text() for s in groups[0].find_all(class_="ns-range-chart__subject")] == [
        "模型推理优化",
        "高性能算子开发",
    ]
    bar = groups[2].find(class_="ns-range-chart__range")
    assert bar["style"] == "left: 46.7%; width: 53.3%"  # 70-150 on a 0-150 scale
    assert page.find("table") is not None  # the table stays as the accessible text


def test_no_chart_without_ranges():
    assert "ns-range-chart" not in render_comparison(comparison(SEED, "市场需求分析"))


@pytest.mark.parametrize(("value", "top"), [(150, 150), (140, 150), (81, 100), (7, 8), (0.3, 0.3)])
def test_chart_scale_ends_on_a_round_number(value, top):
    assert nice_ceiling(value) == pytest.approx(top)


def test_no_script_and_no_external_resource():
    markup = "".join(render_comparison(c) for c in find_comparisons(parse_note_file(SEED)))
    timeline, _ = build_timeline(parse_note_file(SEED))
    markup += render_timeline(timeline, lambda line: f"#L{line}")
    page = soup(markup)
    assert page.find("script") is None
    assert all(
        not tag.get(attr, "").startswith(("http", "//"))
        for tag in page.find_all(True)
        for attr in ("href", "src")
    )


@pytest.fixture(scope="module")
def seed_timeline() -> BeautifulSoup:
    timeline, _ = build_timeline(parse_note_file(SEED))
    return soup(render_timeline(timeline, lambda line: f"page-of-{line}/#line-{line}"))


def test_timeline_tracks_in_note_order(seed_timeline):
    titles = [h.get_text() for h in seed_timeline.select(".ns-tl-track__title")]
    assert titles == ["职业发展路径分析", "入职后的成长建议", "两个方向的学习路径"]


def test_timeline_lanes_side_by_side_on_a_shared_axis(seed_timeline):
    plan = seed_timeline.select_one(".ns-tl-track--plan")
    assert [h.get_text() for h in plan.select(".ns-tl-lane")] == ["模型推理优化", "高性能算子开发"]
    axis = [w.get_text() for w in plan.select(".ns-tl-when")][1:]
    assert axis == ["前6个月", "6-12个月", "1-2年", "2年+"]
    cells = plan.select(".ns-tl-cell")
    rows = [(c["style"], c.find("a").get_text()) for c in cells]
    assert rows[0] == ("grid-row: 2; grid-column: 2", "前6个月")
    assert rows[4] == ("grid-row: 2; grid-column: 3", "前6个月")


def test_timeline_items_link_back_to_their_section(seed_timeline):
    stages = seed_timeline.select_one(".ns-tl-track--stages")
    links = [a["href"] for a in stages.select(".ns-tl-item__title a")]
    assert links == ["page-of-149/#line-149"] * 3 + ["page-of-172/#line-172"] * 3
    flow = seed_timeline.select_one(".ns-tl-track--flow")
    steps = flow.select(".ns-tl-item")[0].find("ol").find_all("li")
    assert [li.get_text() for li in steps] == ["深度学习框架使用（PyTorch/TensorFlow）", "模型训练与部署基础"]


def test_unplaced_item_is_shown_and_marked():
    timeline, _ = build_timeline(parse_note_file(COMPARE / "unparseable-span.md"))
    page = soup(render_timeline(timeline, lambda line: "#", lang="zh"))
    item = page.select_one(".ns-tl-item--unplaced")
    assert item.find("a").get_text() == "入职初期之后"
    assert "时间未注明" in item.get_text()
    assert item.parent["style"] == "grid-row: 3; grid-column: 2"  # right after 前6个月
