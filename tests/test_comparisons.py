"""Parallel structures read as comparisons: Markdown in, rows out."""

from __future__ import annotations

import pytest

from notesite.analyse.comparisons import Comparison, ComparisonKind, find_comparisons
from notesite.analyse.context import note_context
from notesite.analyse.ratings import parse_range, parse_rating, range_chart
from notesite.read.parser import parse_note_file

from .conftest import FIXTURES, SEED

COMPARE = FIXTURES / "compare"
A, B = "模型推理优化", "高性能算子开发"


@pytest.fixture(scope="module")
def seed() -> list[Comparison]:
    return find_comparisons(note_context(parse_note_file(SEED)))


def comparisons_of(name: str) -> list[Comparison]:
    return find_comparisons(note_context(parse_note_file(COMPARE / name)))


def from_section(comparisons: list[Comparison], number: str) -> Comparison:
    """The one comparison read from the section numbered `number` ("1.1" finds 1.1/1.2 too)."""
    found = [c for c in comparisons if c.sections[0].heading.number == number]
    assert len(found) == 1, [(c.kind, c.title) for c in comparisons]
    return found[0]


def labels(comparison: Comparison) -> list[str]:
    return [row.label for row in comparison.rows]


@pytest.mark.parametrize(
    ("number", "rows"),
    [
        ("1.1", ["定义", "核心工作内容", "技术实例"]),
        ("2.1", ["编程语言", "框架与工具", "理论知识", "实践能力", "应届生准备建议"]),
        ("3.1", ["初级阶段（0-2年）", "中级阶段（2-5年）", "高级阶段（5年+）", "横向发展可能性"]),
        ("5.1", ["技术特质", "性格特点", "职业诉求"]),
        ("6.1", ["机遇", "风险", "风险对冲策略"]),
    ],
)
def test_seed_sibling_sections_compare_by_their_bold_labels(seed, number, rows):
    comparison = from_section(seed, number)
    assert comparison.kind is ComparisonKind.SECTIONS
    assert comparison.subjects == [A, B]
    assert labels(comparison) == rows
    assert all(all(row.cells.values()) for row in comparison.rows)


def test_seed_sibling_sections_keep_both_sections_and_go_after_the_second(seed):
    comparison = from_section(seed, "1.1")
    assert [s.heading.number for s in comparison.sections] == ["1.1", "1.2"]
    assert comparison.title == "两个方向的定义与工作内容对比"
    assert comparison.insert_after_line == 61  # the last line of 1.2, before 1.3
    assert comparison.rows[0].cells[A].startswith("模型推理优化（Inference Optimization）")


@pytest.mark.parametrize(
    ("number", "kind", "rows"),
    [
        ("4.1", ComparisonKind.BLOCKS, ["需求量级", "需求来源", "典型企业", "岗位密度"]),
        ("7.3", ComparisonKind.BLOCKS, ["前6个月", "6-12个月", "1-2年", "2年+"]),
        ("2.3", ComparisonKind.KEYED_BULLETS, ["学习曲线", "应届生友好度"]),
        ("4.2", ComparisonKind.KEYED_BULLETS, ["应届生起薪", "3-5年经验", "5年以上资深"]),
        ("1.3", ComparisonKind.TABLE, ["抽象层次", "优化视角", "技术广度", "业务距离", "工作成果"]),
        ("3.3", ComparisonKind.TABLE, ["职业广度", "技术深度", "晋升速度", "职业天花板", "转行难度"]),
    ],
)
def test_seed_comparisons_within_one_section(seed, number, kind, rows):
    comparison = from_section(seed, number)
    assert comparison.kind is kind
    assert comparison.subjects == [A, B]
    assert labels(comparison) == rows


def test_seed_keyed_bullets_keep_the_role_and_figures(seed):
    salaries = from_section(seed, "4.2")
    assert salaries.rows[0].cells == {
        A: "推理优化工程师：20-35万/年（一线城市）",
        B: "算子开发工程师：25-40万/年（一线城市）",
    }
    assert from_section(seed, "2.3").rows[0].cells[A] == "**相对平缓**，可以从应用层逐步深入到底层"


def test_seed_checklists_are_rows_of_items(seed):
    checklist = from_section(seed, "5.3")
    assert checklist.kind is ComparisonKind.CHECKLISTS
    assert len(checklist.rows) == 5
    assert checklist.rows[0].cells == {
        A: "✅ 本科非计算机体系结构/并行计算方向",
        B: "✅ 有扎实的C++和并行计算基础",
    }


def test_seed_salary_chart_has_three_stages_for_both_subjects(seed):
    chart = range_chart(from_section(seed, "4.2"))
    assert chart is not None and chart.unit == "万/年"
    figures = [(label, [(r.low, r.high) for r in cells.values()]) for label, cells in chart.rows]
    assert figures == [
        ("应届生起薪", [(20, 35), (25, 40)]),
        ("3-5年经验", [(40, 70), (50, 80)]),
        ("5年以上资深", [(70, 150), (80, 120)]),
    ]
    assert [c.title for c in seed if range_chart(c)] == ["薪资水平对比"]


def test_a_label_only_one_side_has_gets_an_empty_cell():
    sections = comparisons_of("sections-zh.md")[0]
    assert labels(sections) == ["定义", "核心技能", "常用工具", "入门阶段（0-1年）"]
    assert sections.rows[2].cells == {"前端开发": None, "后端开发": "Docker"}
    assert sections.rows[1].cells["前端开发"] == "HTML 与 CSS\n浏览器原理"  # one line per item


def test_siblings_that_differ_by_subject_inside_a_longer_heading():
    skills = comparisons_of("sections-zh.md")[1]
    assert skills.title == "所需技能"
    assert skills.rows[0].cells == {"前端开发": "JavaScript", "后端开发": "Java"}


def test_bold_labelled_blocks_and_checklists_in_one_section():
    market, checklist = comparisons_of("blocks-zh.md")
    assert (market.kind, labels(market)) == (ComparisonKind.BLOCKS, ["需求量级", "典型企业", "岗位密度"])
    assert market.rows[2].cells == {"前端开发": None, "后端开发": "每个团队都有"}
    assert checklist.kind is ComparisonKind.CHECKLISTS
    assert [row.cells["后端开发"] for row in checklist.rows] == ["✅ 喜欢系统设计", None]


def test_bullets_keyed_by_short_form_and_role():
    threshold, salary = comparisons_of("keyed-bullets-zh.md")
    assert labels(threshold) == ["学习曲线", "应届生友好度"]
    assert threshold.rows[0].cells["后端开发"] == "**陡峭**，需要理解系统"
    assert labels(salary) == ["应届生起薪", "5年以上资深"]  # "薪资差异原因" names no subject
    assert salary.rows[1].cells["后端开发"] == "后端服务架构师：60-100万/年"


def test_english_pairs_by_shared_prefix_and_keyed_bullets():
    found = comparisons_of("english.md")
    assert [(c.kind, c.title) for c in found] == [
        (ComparisonKind.SECTIONS, "What the work is"),
        (ComparisonKind.SECTIONS, "Tools"),
        (ComparisonKind.KEYED_BULLETS, "Entry barrier"),
        (ComparisonKind.BLOCKS, "A first-year plan"),
    ]
    assert labels(found[1]) == ["Languages", "Orchestration", "Serving"]
    assert labels(found[3]) == ["First 3 months", "3-12 months", "2+ years"]


def test_three_subjects():
    languages, hiring, table = comparisons_of("three-subjects.md")
    assert languages.subjects == hiring.subjects == table.subjects == ["Python", "Go", "Rust"]
    assert languages.rows[2].cells == {"Python": None, "Go": None, "Rust": "checked at compile time"}
    assert hiring.rows[0].cells == {"Python": "many", "Go": "some", "Rust": "few"}
    assert table.kind is ComparisonKind.TABLE and labels(table) == ["Typing", "GC"]


def test_note_without_parallel_structure_has_no_comparisons():
    assert comparisons_of("no-parallel.md") == []


@pytest.mark.parametrize(
    ("text", "value", "scale"),
    [("★★★★☆（4/5）", 4, 5), ("★★★☆☆（中等）", 3, 5), ("4/5", 4, 5), ("3.5 / 5", 3.5, 5)],
)
def test_ratings(text, value, scale):
    rating = parse_rating(text)
    assert (rating.value, rating.scale) == (value, scale)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("推理优化工程师：20-35万/年（一线城市）", (20, 35, "万/年", "20-35万/年")),
        ("$120k-$160k", (120, 160, "$k", "$120k-$160k")),
        ("3-5年经验", None),  # a span of time is for the timeline
        ("HTTP/2", None),
    ],
)
def test_ranges(text, expected):
    found = parse_range(text)
    assert (found and (found.low, found.high, found.unit, found.text)) == expected
