"""Comparisons, charts and the timeline as HTML, read back with an HTML parser."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from notesite.analyse.comparisons import find_comparisons
from notesite.analyse.context import note_context
from notesite.analyse.timeline import build_timeline
from notesite.model.words import LABELS
from notesite.read.parser import parse_note, parse_note_file
from notesite.render.charts import nice_ceiling
from notesite.render.comparison import render_beside_prose, render_comparison
from notesite.render.timeline import render_timeline

from .conftest import FIXTURES, SEED

COMPARE = FIXTURES / "compare"


def soup(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "html.parser")


def comparison(path, title):
    return next(c for c in find_comparisons(note_context(parse_note_file(path))) if c.title == title)


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


def test_beside_prose_a_chart_comes_first_and_its_table_waits_behind_a_summary():
    page = soup(render_beside_prose(comparison(SEED, "薪资水平对比"), "以表格显示"))
    assert [child.name for child in page.children] == ["figure", "details"]
    assert len(page.select("figure.ns-range-chart")) == 1
    details = page.select_one("details.ns-table-on-demand")
    assert details.summary.get_text() == "以表格显示"
    assert "open" not in details.attrs
    labels = [th.get_text() for th in details.select("table.ns-compare tbody th[scope=row]")]
    assert labels == ["应届生起薪", "3-5年经验", "5年以上资深"]


def test_beside_prose_a_comparison_without_a_chart_is_its_table():
    page = soup(render_beside_prose(comparison(SEED, "市场需求分析"), "Show as table"))
    assert [child.name for child in page.children] == ["div"]
    assert page.select_one("div.ns-compare-wrap table.ns-compare") is not None
    assert page.find("details") is None and page.find("figure") is None


def test_no_chart_without_ranges():
    assert "ns-range-chart" not in render_comparison(comparison(SEED, "市场需求分析"))


@pytest.mark.parametrize(("value", "top"), [(150, 150), (140, 150), (81, 100), (7, 8), (0.3, 0.3)])
def test_chart_scale_ends_on_a_round_number(value, top):
    assert nice_ceiling(value) == pytest.approx(top)


def test_no_script_and_no_external_resource():
    markup = "".join(render_comparison(c) for c in find_comparisons(note_context(parse_note_file(SEED))))
    timeline, _ = build_timeline(note_context(parse_note_file(SEED)))
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
    timeline, _ = build_timeline(note_context(parse_note_file(SEED)))
    return soup(render_timeline(timeline, lambda line: f"page-of-{line}/#line-{line}"))


def test_timed_tracks_share_one_axis_and_flows_follow(seed_timeline):
    kinds = [k.get_text() for k in seed_timeline.select(".ns-tl-track--time .ns-tl-kind")]
    assert kinds == ["职业发展路径分析", "入职后的成长建议"] * 2
    titles = [h.get_text() for h in seed_timeline.select(".ns-tl-track__title")]
    assert titles == ["两个方向的学习路径"]


def cell_rows(grid, column: int) -> list[tuple[str, str]]:
    return [
        (c["style"].split(";")[0], c.find("a").get_text())
        for c in grid.select(".ns-tl-cell")
        if c["style"].endswith(f"grid-column: {column}")
    ]


def test_lanes_side_by_side_on_one_time_axis(seed_timeline):
    time = seed_timeline.select_one(".ns-tl-track--time")
    assert [h.get_text() for h in time.select(".ns-tl-lane")] == ["模型推理优化", "高性能算子开发"]
    axis = [w.get_text() for w in time.select(".ns-tl-when")][1:]
    assert axis == ["0", "6个月", "1年", "2年", "5年+"]
    # Stages span the rows of the plan items beside them; "2年+" runs to the end.
    assert cell_rows(time, 2) == [
        ("grid-row: 3 / 6", "初级阶段（0-2年）"),
        ("grid-row: 6 / 7", "中级阶段（2-5年）"),
        ("grid-row: 7 / 8", "高级阶段（5年+）"),
    ]
    assert cell_rows(time, 3) == [
        ("grid-row: 3 / 4", "前6个月"),
        ("grid-row: 4 / 5", "6-12个月"),
        ("grid-row: 5 / 6", "1-2年"),
        ("grid-row: 6 / 8", "2年+"),
    ]
    assert cell_rows(time, 5)[0] == ("grid-row: 3 / 4", "前6个月")


def test_timeline_items_link_back_to_their_section(seed_timeline):
    time = seed_timeline.select_one(".ns-tl-track--time")
    stages = [
        a["href"]
        for c in time.select(".ns-tl-cell")
        for a in c.select(".ns-tl-item__title a")
        if "阶段" in a.get_text()
    ]
    assert stages == ["page-of-149/#line-149"] * 3 + ["page-of-172/#line-172"] * 3
    flow = seed_timeline.select_one(".ns-tl-track--flow")
    steps = flow.select(".ns-tl-item")[0].find("ol").find_all("li")
    assert [li.get_text() for li in steps] == ["深度学习框架使用（PyTorch/TensorFlow）", "模型训练与部署基础"]


def test_unplaced_item_is_shown_and_marked():
    timeline, _ = build_timeline(note_context(parse_note_file(COMPARE / "unparseable-span.md")))
    page = soup(render_timeline(timeline, lambda line: "#", LABELS["zh"]))
    item = page.select_one(".ns-tl-item--unplaced")
    assert item.find("a").get_text() == "入职初期之后"
    assert "时间未注明" in item.get_text()
    assert item.parent["style"].startswith("grid-row: 4 / 5;")  # right after 前6个月


def test_an_unplaced_item_after_an_open_end_gets_a_row_of_its_own():
    note = parse_note(
        "# 入门选择：前端开发还是后端开发？\n\n## 一、成长建议\n\n### 1.1 入职后的计划\n\n"
        "**前端方向**：\n- 前6个月：掌握一个框架\n- 2年+：带团队\n- 以后再说：转管理\n\n"
        "**后端方向**：\n- 前6个月：熟悉服务架构\n- 6-12个月：独立负责接口\n",
        "notes/t.md",
    )
    timeline, _ = build_timeline(note_context(note))
    page = soup(render_timeline(timeline, lambda line: "#", LABELS["zh"]))
    axis = [w.get_text() for w in page.select(".ns-tl-when")][1:]
    assert axis == ["0", "6个月", "1年", "2年+", "时间未注明"]
    item = page.select_one(".ns-tl-item--unplaced")
    assert item.parent["style"].startswith("grid-row: 7 / 8;")


CELLS = """\
# 前端开发还是后端开发？

## 一、对比

### 1.1 门槛

**学习曲线**：
- 前端：平缓 [1]，见 [0,127]
- 后端：`a**b**c` 与 **易学**，[链接 **粗**](https://example.com/x)

## 参考资料

1. [A source](https://example.com/a)
"""


def _cells_page(target=None):
    note = parse_note(CELLS, "notes/t.md")
    return soup(render_comparison(find_comparisons(note_context(note))[0], target))


def test_a_bracketed_number_naming_no_reference_in_a_cell_stays_text():
    page = _cells_page(lambda number: (f"#ref-{number}", ""))
    assert [a.get_text() for a in page.find_all("a", class_="ns-cite")] == ["1"]
    assert "[0,127]" in page.get_text()


def test_bold_inside_code_in_a_cell_stays_code():
    page = _cells_page()
    assert page.find("code").get_text() == "a**b**c"
    assert [s.get_text() for s in page.find_all("strong")] == ["易学", "粗"]


def test_a_link_in_a_cell_keeps_only_its_text():
    page = _cells_page()
    assert "链接 粗" in page.get_text() and "example.com" not in str(page)
