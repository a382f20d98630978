"""Bold labels, list items and table cells, read from the parser's inline layer."""

from __future__ import annotations

from notesite.analyse.comparisons import table_cells
from notesite.analyse.groups import label_of, labelled_groups, split_key
from notesite.model.inline import list_item, strong_spans
from notesite.read.parser import parse_note


def label(line: str) -> tuple[str, str] | None:
    return label_of(line, strong_spans(line))


def groups(body: str):
    note = parse_note(f"# T\n\n## S\n\n{body}", "notes/t.md")
    return labelled_groups(note.sections[0], note.inlines)


def test_a_bold_label_with_text_after_its_colon():
    assert label("**定义**：模型推理优化") == ("定义", "模型推理优化")


def test_a_bold_label_with_an_aside_before_its_colon():
    assert label("**初级阶段**（0-2年）：") == ("初级阶段", "（0-2年）")


def test_a_bold_label_with_the_colon_inside_the_bold():
    assert label("**核心工作内容：**") == ("核心工作内容", "")


def test_bold_text_followed_by_prose_is_no_label():
    assert label("**建议优先选择模型推理优化方向**。理由如下：") is None


def test_bold_inside_code_is_no_label():
    assert label("`**定义**`：x") is None


def test_an_item_key_in_bold_or_plain():
    assert split_key("**需求量级**：极高") == ("需求量级", "极高")
    assert split_key("推理优化：平缓") == ("推理优化", "平缓")


def test_a_url_is_no_item_key():
    assert split_key("https://example.com") == (None, "https://example.com")


def test_a_sentence_is_no_item_key():
    assert split_key("注意，这里：x") == (None, "注意，这里：x")


def test_list_items_of_each_marker():
    assert [list_item(line).marker for line in ("- a", "* a", "+ a", "1. a", "12) a")] == [
        "-",
        "*",
        "+",
        "1.",
        "12)",
    ]


def test_a_marker_without_a_space_is_no_list_item():
    assert list_item("-a") is None and list_item("1.5 x") is None and list_item("1234567890. x") is None


def test_a_pipe_in_code_or_escaped_does_not_split_a_cell():
    assert table_cells("| **抽象层次** | `a|b` | c\\|d |") == ["抽象层次", "`a|b`", "c|d"]


def test_a_cell_bold_in_two_places_keeps_its_asterisks():
    assert table_cells("| **a** and **b** |") == ["**a** and **b**"]


def test_a_label_groups_the_items_below_it():
    (group,) = groups("**技能**：\n- **语言**：C++\n- 工具：Nsight\n")
    assert (group.label, [(item.key, item.value) for item in group.items]) == (
        "技能",
        [("语言", "C++"), ("工具", "Nsight")],
    )


def test_a_continuation_line_joins_its_item():
    (group,) = groups("**技能**：\n- **语言**：C++\n  和 CUDA\n")
    assert group.items[0].value == "C++ 和 CUDA"
