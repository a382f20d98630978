"""Which subjects a note compares: Markdown in, subjects out."""

from __future__ import annotations

from textwrap import dedent

from notesite.analyse.subjects import find_subjects
from notesite.read.parser import parse_note, parse_note_file

from .conftest import FIXTURES, SEED

COMPARE = FIXTURES / "compare"


def subjects_of(text: str):
    return find_subjects(parse_note(dedent(text).lstrip("\n"), "notes/t.md"))


def test_seed_subjects_come_from_the_title_with_their_short_forms():
    subjects = find_subjects(parse_note_file(SEED))
    assert subjects.origin == "title"
    assert subjects.names == ["模型推理优化", "高性能算子开发"]
    assert [s.short for s in subjects] == ["推理优化", "算子开发"]


def test_seed_short_forms_name_their_subject():
    subjects = find_subjects(parse_note_file(SEED))
    assert subjects.match("推理优化工程师").name == "模型推理优化"
    assert subjects.match("算子库架构师").name == "高性能算子开发"
    assert subjects.match("关键洞察") is None


def test_chinese_title_a_or_b_is_trimmed_to_the_headings_that_name_them():
    subjects = subjects_of("""
        # 入门选择：应该学前端开发还是后端开发？
        ## 一、定义
        ### 1.1 前端开发
        x
        ### 1.2 后端开发
        y
    """)
    assert subjects.names == ["前端开发", "后端开发"]


def test_short_forms_are_read_from_bullets_keyed_by_subject():
    subjects = find_subjects(parse_note_file(COMPARE / "keyed-bullets-zh.md"))
    assert [s.short for s in subjects] == ["前端", "后端"]


def test_english_title_a_vs_b():
    subjects = find_subjects(parse_note_file(COMPARE / "english.md"))
    assert subjects.names == ["Data engineering", "ML engineering"]


def test_three_subjects_and_a_trailing_phrase_trimmed_to_a_heading():
    subjects = find_subjects(parse_note_file(COMPARE / "three-subjects.md"))
    assert subjects.names == ["Python", "Go", "Rust"]


def test_without_a_comparing_title_sibling_headings_sharing_words_name_the_subjects():
    subjects = find_subjects(parse_note_file(COMPARE / "headings-only.md"))
    assert subjects.origin == "headings"
    assert subjects.names == ["data", "ML"]


def test_a_single_pair_of_similar_headings_is_not_enough():
    subjects = subjects_of("""
        # Notes
        ## 1. Setup
        ### 1.1 Setting up the editor
        x
        ### 1.2 Setting up the shell
        y
    """)
    assert len(subjects) == 0


def test_note_without_parallel_structure_has_no_subjects():
    assert len(find_subjects(parse_note_file(COMPARE / "no-parallel.md"))) == 0


def test_front_matter_names_subjects_and_aliases():
    subjects = find_subjects(parse_note_file(COMPARE / "front-matter.md"))
    assert subjects.origin == "front matter"
    assert [(s.name, s.aliases) for s in subjects] == [("Web", ("前端",)), ("Server", ("后端",))]
    assert subjects.match("前端：平缓").name == "Web"


def test_front_matter_with_no_subjects_turns_comparison_off():
    subjects = subjects_of("""
        ---
        compare:
          subjects: []
        ---
        # A vs B
    """)
    assert len(subjects) == 0
    assert subjects.origin == "front matter"


def test_unreadable_front_matter_is_reported_and_detection_takes_over():
    subjects = subjects_of("""
        ---
        compare: Python
        ---
        # Python vs Go
    """)
    assert subjects.names == ["Python", "Go"]
    assert [(d.line, "compare" in d.message) for d in subjects.diagnostics] == [(2, True)]
