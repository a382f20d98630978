"""The learning path on a shared time axis: Markdown in, lanes out."""

from __future__ import annotations

import pytest

from notesite.analyse.context import note_context
from notesite.analyse.timeline import Timeline, TrackKind, build_timeline, parse_span
from notesite.read.parser import parse_note, parse_note_file

from .conftest import FIXTURES, SEED

COMPARE = FIXTURES / "compare"


@pytest.fixture(scope="module")
def seed() -> Timeline:
    timeline, diagnostics = build_timeline(note_context(parse_note_file(SEED)))
    assert diagnostics == []
    assert timeline is not None
    return timeline


@pytest.mark.parametrize(
    ("text", "start", "end", "written"),
    [
        ("前6个月", 0, 6, "前6个月"),
        ("6-12个月", 6, 12, "6-12个月"),
        ("1-2年", 12, 24, "1-2年"),
        ("2年+", 24, None, "2年+"),
        ("初级阶段（0-2年）", 0, 24, "0-2年"),
        ("2-5年", 24, 60, "2-5年"),
        ("5年+", 60, None, "5年+"),
        ("5年以上", 60, None, "5年以上"),
        ("First 3 months", 0, 3, "First 3 months"),
        ("3-12 months", 3, 12, "3-12 months"),
        ("2+ years", 24, None, "2+ years"),
        ("Year 2", 12, 24, "Year 2"),
    ],
)
def test_spans(text, start, end, written):
    span = parse_span(text)
    assert (span.start, span.end, span.text) == (start, end, written)


@pytest.mark.parametrize("text", ["入职初期", "第3章", "横向发展可能性", "Step 1"])
def test_text_without_a_span(text):
    assert parse_span(text) is None


def test_seed_has_one_lane_per_subject(seed):
    assert [lane.subject for lane in seed.lanes] == ["模型推理优化", "高性能算子开发"]
    assert seed.subjects == ["模型推理优化", "高性能算子开发"]


def test_seed_growth_plan_spans_in_order(seed):
    for lane in seed.lanes:
        plan = lane.track(TrackKind.PLAN)
        assert [item.title for item in plan.items] == ["前6个月", "6-12个月", "1-2年", "2年+"]
        assert [(i.span.start, i.span.end) for i in plan.items] == [(0, 6), (6, 12), (12, 24), (24, None)]
        assert plan.section_line == 400  # "### 7.3 入职后的成长建议"
    assert seed.lanes[0].track(TrackKind.PLAN).items[0].details == [
        "熟练掌握至少一个推理引擎（TensorRT或ONNX Runtime）"
    ]


def test_seed_career_stages_with_role_work_and_skills(seed):
    stages = [lane.track(TrackKind.STAGES) for lane in seed.lanes]
    assert [s.section_line for s in stages] == [149, 172]
    for track in stages:
        assert [item.title for item in track.items] == [
            "初级阶段（0-2年）",
            "中级阶段（2-5年）",
            "高级阶段（5年+）",
        ]
        assert [item.span.text for item in track.items] == ["0-2年", "2-5年", "5年+"]
        assert all(
            [d.split("：")[0] for d in i.details] == ["职位", "工作内容", "核心能力"] for i in track.items
        )


def test_seed_arrow_flows_are_ordered_steps(seed):
    flow = seed.lanes[1].track(TrackKind.FLOW)
    assert [item.title for item in flow.items] == ["基础阶段", "进阶阶段", "高级阶段"]
    assert flow.items[0].details == ["C++高级特性与STL", "CUDA编程基础", "GPU架构原理"]
    assert [item.line for item in flow.items] == [432, 436, 440]
    assert all(item.span is None and item.section_line == 414 for item in flow.items)


def test_english_plan_and_arrow_flow():
    timeline, diagnostics = build_timeline(note_context(parse_note_file(COMPARE / "english.md")))
    assert diagnostics == []
    data, ml = timeline.lanes
    assert [(i.title, i.span.start, i.span.end) for i in data.track(TrackKind.PLAN).items] == [
        ("First 3 months", 0, 3),
        ("3-12 months", 3, 12),
        ("2+ years", 24, None),
    ]
    assert data.track(TrackKind.FLOW) is None
    flow = ml.track(TrackKind.FLOW)
    assert [(i.title, i.details) for i in flow.items] == [
        ("Basics", ["Python and statistics", "Model training"]),
        ("Advanced", ["Serving at scale"]),
    ]


def test_unreadable_span_is_reported_with_file_and_line_and_still_shown():
    timeline, diagnostics = build_timeline(note_context(parse_note_file(COMPARE / "unparseable-span.md")))
    assert [(d.path.endswith("unparseable-span.md"), d.line) for d in diagnostics] == [(True, 9)]
    assert "入职初期之后" in diagnostics[0].message
    items = timeline.lanes[0].track(TrackKind.PLAN).items
    assert [(i.title, i.span is None) for i in items] == [
        ("前6个月", False),
        ("入职初期之后", True),
        ("1-2年", False),
    ]


def test_stage_like_label_without_a_span_is_reported():
    text = "\n".join(
        [
            "# A vs B",
            "## 1. Paths",
            "### 1.1 A path",
            "**Junior (0-2 years)**:",
            "- Role: junior A",
            "",
            "**Senior (2-5 years)**:",
            "- Role: senior A",
            "",
            "**Principal (eventually)**:",
            "- Role: principal A",
            "",
            "**Lateral moves**:",
            "- B",
            "",
            "### 1.2 B path",
            "**Junior (0-2 years)**:",
            "- Role: junior B",
        ]
    )
    timeline, diagnostics = build_timeline(note_context(parse_note(text, "notes/t.md")))
    titles = [i.title for i in timeline.lanes[0].track(TrackKind.STAGES).items]
    assert titles == ["Junior (0-2 years)", "Senior (2-5 years)", "Principal (eventually)"]
    assert [d.line for d in diagnostics] == [10]
    assert timeline.lanes[1].track(TrackKind.STAGES) is None  # one stage is not a path


@pytest.mark.parametrize("name", ["no-parallel.md", "sections-zh.md", "keyed-bullets-zh.md"])
def test_note_without_a_learning_path_has_no_timeline(name):
    assert build_timeline(note_context(parse_note_file(COMPARE / name))) == (None, [])
