"""The note format, one behaviour per test: Markdown in, model out."""

from __future__ import annotations

from datetime import date
from textwrap import dedent

import pytest

from notesite.model.diagnostics import NoteError, Severity
from notesite.model.note import BlockKind
from notesite.read.parser import parse_note, parse_note_file

from .conftest import SEED
from .growth import assert_linear


def note(text: str, path: str = "notes/t.md"):
    return parse_note(dedent(text).lstrip("\n"), path)


def messages(parsed) -> list[str]:
    return [f"{d.line}: {d.message}" for d in parsed.diagnostics]


def front_matter_messages(parsed) -> list[str]:
    return [m for m in messages(parsed) if "front matter" in m]


def test_front_matter_fields_are_typed():
    parsed = note("""
        ---
        created: '2025-11-02'
        last_reviewed: 2025-11-04
        review_count: 3
        difficulty: medium
        mastery_level: 0.23
        tags: [a, b/c]
        custom: kept
        ---
        # T
    """)
    fm = parsed.front_matter
    assert fm.created == date(2025, 11, 2)
    assert fm.last_reviewed == date(2025, 11, 4)
    assert fm.review_count == 3
    assert fm.mastery_level == pytest.approx(0.23)
    assert fm.tags == ["a", "b/c"]
    assert fm.extra == {"custom": "kept"}
    assert fm.span.as_list() == [1, 9]


def test_a_bad_date_is_reported_on_its_line_and_left_empty():
    parsed = note("""
        ---
        tags: []
        next_review: someday
        ---
        # T
    """)
    assert parsed.front_matter.next_review is None
    assert front_matter_messages(parsed) == [
        "3: front matter 'next_review': 'someday' is not a date; write it as YYYY-MM-DD"
    ]


def test_malformed_yaml_is_an_error_naming_the_line():
    with pytest.raises(NoteError) as caught:
        note("""
            ---
            created: 2025-11-02
            tags: [a, b
            difficulty: hard
            ---
            # T
        """)
    diagnostic = caught.value.diagnostic
    assert diagnostic.severity is Severity.ERROR
    assert diagnostic.path == "notes/t.md"
    assert diagnostic.line in (3, 4, 5)
    assert "not valid YAML" in diagnostic.message


def test_front_matter_that_never_closes_is_an_error_at_line_1():
    with pytest.raises(NoteError) as caught:
        note("---\ncreated: 2025-11-02\n# T\n")
    assert caught.value.diagnostic.line == 1
    assert "never closed" in caught.value.diagnostic.message


def test_html_in_a_front_matter_value_is_reported():
    parsed = note("""
        ---
        difficulty: <b onclick="x()">hard</b>
        ---
        # T
    """)
    assert front_matter_messages(parsed) == [
        "2: front matter 'difficulty': contains HTML; it is shown as plain text"
    ]


def test_mastery_level_outside_0_to_1_is_clamped_and_reported():
    parsed = note("---\nmastery_level: 7\n---\n# T\n")
    assert parsed.front_matter.mastery_level == 1.0
    assert "outside 0..1" in messages(parsed)[0]


def test_title_is_the_first_h1():
    parsed = note("# Title here\n\ntext\n")
    assert (parsed.title, parsed.title_line) == ("Title here", 1)


def test_a_note_without_h1_is_titled_by_its_file_name_with_a_warning():
    parsed = note("## 1. Only section\n\ntext\n", path="notes/my-note.md")
    assert parsed.title == "my-note"
    assert any("no '# ' title" in m for m in messages(parsed))


def test_sections_span_up_to_the_next_heading_of_their_level():
    parsed = note("""
        # T
        lead
        ## 1. A
        a
        ### 1.1 A1
        a1
        ### 1.2 A2
        a2
        ## 2. B
        b
    """)
    first, second = parsed.sections
    assert (first.span.start, first.span.end) == (3, 8)
    assert [(c.heading.number, c.span.start, c.span.end) for c in first.children] == [
        ("1.1", 5, 6),
        ("1.2", 7, 8),
    ]
    assert (second.span.start, second.span.end) == (9, 10)
    assert [b.kind for b in parsed.lead] == [BlockKind.PARAGRAPH]


def test_a_heading_inside_a_fence_is_not_a_heading():
    parsed = note("""
        # T
        ## 1. A
        ```markdown
        ## not a section
        ```
        ## 2. B
        b
    """)
    assert [s.heading.number for s in parsed.sections] == ["1", "2"]
    fence = parsed.sections[0].blocks[0]
    assert fence.kind is BlockKind.FENCE
    assert fence.span.as_list() == [3, 5]


def test_an_unclosed_fence_is_text_as_python_markdown_shows_it_and_is_reported():
    parsed = note("# T\n## 1. A\n~~~\n## after\n")
    assert [s.title for s in parsed.sections] == ["1. A", "after"]
    assert any("never closed" in m for m in messages(parsed))


def test_tables_lists_and_html_blocks_are_recognised():
    parsed = note("""
        # T
        ## 1. A
        | a | b |
        | - | - |
        | 1 | 2 |

        - item
          continued
        - item 2

        <div class="x">
        ## not a heading inside html
        </div>
    """)
    kinds = [b.kind for b in parsed.sections[0].blocks]
    assert kinds == [BlockKind.TABLE, BlockKind.LIST, BlockKind.HTML]


@pytest.mark.parametrize(
    ("heading", "number", "label"),
    [
        ("一、两个方向的定义", "一", "两个方向的定义"),
        ("1.1 模型推理优化", "1.1", "模型推理优化"),
        ("2. Tools for data engineers", "2", "Tools for data engineers"),
        ("十二、附录", "十二", "附录"),
        ("精简答案（面试版）", None, "精简答案（面试版）"),
        ("2025 roadmap", "2025", "roadmap"),
    ],
)
def test_section_numbers_are_split_from_labels(heading, number, label):
    parsed = note(f"# T\n## {heading}\ntext\n")
    assert (parsed.sections[0].heading.number, parsed.sections[0].heading.label) == (number, label)


def test_an_empty_section_is_reported():
    parsed = note("# T\n## 1. A\n## 2. B\ntext\n")
    assert "2: section '1. A' is empty" in messages(parsed)


def test_duplicate_headings_are_reported_with_the_first_line():
    parsed = note("# T\n## 1. A\n### Notes\nx\n### Notes\ny\n")
    assert "5: heading 'Notes' repeats the one at line 3; both get their own page and anchor" in (
        messages(parsed)
    )


def test_html_in_a_heading_is_reported():
    parsed = note("# T\n## <img src=x onerror=alert(1)>\ntext\n")
    assert any(m.startswith("2: heading contains HTML") for m in messages(parsed))


def long_line_note(length: int) -> str:
    return f"# T\n## 1. A\n{'字' * length} [1]\n"


def test_a_very_long_line_is_parsed_whole_and_noted():
    parsed = note(long_line_note(200_000))
    assert parsed.lines[2] == "字" * 200_000 + " [1]"
    assert [(s.title, s.span.start, s.span.end) for s in parsed.sections] == [("1. A", 2, 3)]
    assert any(d.severity is Severity.INFO and d.line == 3 for d in parsed.diagnostics)


@pytest.mark.slow
def test_parsing_a_long_line_takes_time_linear_in_its_length():
    assert_linear(lambda length: note(long_line_note(length)), 50_000)


def test_the_seed_note_parses_without_warnings():
    parsed = parse_note_file(SEED)
    assert parsed.title == "应届生第一份职业：应该选择模型推理优化还是高性能算子开发？"
    assert [s.heading.number for s in parsed.sections] == [
        None,
        "一",
        "二",
        "三",
        "四",
        "五",
        "六",
        "七",
        "八",
        None,
    ]
    assert [d for d in parsed.diagnostics if d.severity is not Severity.INFO] == []
    assert len(parsed.references) == 5
    assert [c.numbers for c in parsed.citations] == [(1,), (2,), (3,)]


def test_a_note_of_front_matter_only_points_at_its_last_line():
    parsed = note("---\ntags: [a]\n---\n", path="notes/empty.md")
    assert {d.line for d in parsed.diagnostics} == {3}


def test_a_fence_inside_a_list_item_keeps_its_comment_lines_out_of_the_outline():
    parsed = note("""
        # T
        ## 1. A
        1. Install:
           ```bash
           # install deps
           ## not a section either
           ```
        2. Run

        ## 2. B
        b
    """)
    assert [s.heading.number for s in parsed.sections] == ["1", "2"]
    assert messages(parsed) == []
    assert [b.kind for b in parsed.sections[0].blocks] == [BlockKind.LIST]


def test_a_heading_right_after_a_table_is_a_table_row_as_python_markdown_reads_it():
    parsed = parse_note("# T\n## 1. A\n| a | b |\n| - | - |\n## 2. B\nb\n", "notes/t.md")
    assert [s.heading.number for s in parsed.sections] == ["1"]


@pytest.mark.parametrize("block", ["<div>x</div>"])
def test_a_heading_right_after_an_html_block_starts_a_section(block):
    parsed = parse_note(f"# T\n## 1. A\n{block}\n## 2. B\nb\n", "notes/t.md")
    assert [s.heading.number for s in parsed.sections] == ["1", "2"]


def test_layout_keys_of_the_wrong_type_are_reported_and_ignored():
    parsed = note("---\nsection_slugs: [a, b]\nslug: [x]\n---\n# T\n## 1. A\ntext\n")
    assert [m.split(":")[0] for m in front_matter_messages(parsed)] == ["2", "3"]
    assert "section_slugs" not in parsed.front_matter.extra
