"""Which words of a note become search terms, one behaviour per test: Markdown in, terms out."""

from __future__ import annotations

from textwrap import dedent

import jieba
from material.plugins.search.plugin import SearchIndex
from material_search import segmenter

from notesite.parser import parse_note
from notesite.search_terms import jieba_user_dict, search_terms


def terms(body: str) -> list[str]:
    return search_terms([parse_note("# 标题\n\n## 一、章节\n\n" + dedent(body).lstrip("\n"), "notes/t.md")])


def test_bold_text_is_a_term():
    assert terms("推理优化涉及**模型压缩**和量化。\n") == ["模型压缩", "章节"]


def test_heading_label_is_a_term_without_its_number():
    assert "知识蒸馏" in terms("### 1.1 知识蒸馏\n\n正文。\n")


def test_table_header_and_first_column_are_terms():
    found = terms("""
        | 维度 | 推理优化 | 算子开发 |
        | --- | --- | --- |
        | 抽象层次 | 系统级的考虑 | 内核级的考虑 |
        """)
    assert {"维度", "推理优化", "算子开发", "抽象层次"} <= set(found)
    assert "系统级的考虑" not in found


def test_bold_list_label_is_a_term():
    assert "计算图优化" in terms("- **计算图优化**：消除冗余计算\n")


def test_plain_list_label_is_a_term():
    assert "推理引擎" in terms("**框架**：\n- 推理引擎：TensorRT、ONNX Runtime\n")


def test_word_glossed_in_english_is_a_term():
    assert "算子融合" in terms("- 图级别：算子融合（Operator Fusion）、常量折叠(Constant Folding)\n")
    assert "常量折叠" in terms("- 图级别：算子融合（Operator Fusion）、常量折叠(Constant Folding)\n")


def test_aside_and_colon_are_not_part_of_the_term():
    assert "应届生起薪" in terms("**应届生起薪**（2025年数据参考）：\n- 推理优化工程师：20-35万/年\n")


def test_long_label_is_not_a_term():
    assert "模型推理优化所需技能" not in terms("### 2.1 模型推理优化所需技能\n\n正文。\n")


def test_label_with_punctuation_or_latin_is_not_a_term():
    found = terms("1. **技术栈更广、上手更友好**：理由\n2. **C++功底**：扎实\n")
    assert found == ["章节"]


def test_numbers_are_not_terms():
    assert terms("- **2025**：数据\n- **3-5年**：经验\n") == ["章节"]


def test_clause_with_function_words_is_not_a_term():
    assert terms("这是**很重要的**一点。\n") == ["章节"]


def test_reference_list_gives_no_terms():
    found = terms("""
        正文 [1]。

        ## 参考文献

        [1] 知识船（index.zshipu.com）. "**干货**". https://example.com/a
        """)
    assert found == ["章节"]


def test_terms_of_all_notes_are_sorted_once():
    one = parse_note("# A\n\n## 量化\n\n**剪枝**与量化。\n", "notes/a.md")
    two = parse_note("# B\n\n## 剪枝\n\n**量化**\n", "notes/b.md")
    assert search_terms([one, two]) == ["剪枝", "量化"]


def test_user_dictionary_has_one_term_a_line():
    assert jieba_user_dict(["算子融合", "量化"]) == "算子融合\n量化\n"


# --- how the build's segmenter uses them (hooks/material_search.py) ---------------------------


def words(segment, text: str) -> list[str]:
    return segment(text).split("\u200b")


def test_no_indexed_word_crosses_the_edge_of_a_term():
    assert "分析模型" in words(segmenter([]), "市场需求分析模型推理")
    assert "分析模型" not in words(segmenter(["市场需求分析"]), "市场需求分析模型推理")


def test_a_term_is_indexed_as_its_words_so_each_can_be_found():
    found = words(segmenter(["算子融合"]), "将多个算子融合为单个")
    assert found == ["将", "多个", "算子", "融合", "为", "单个"]


def test_without_terms_the_index_text_is_what_material_writes():
    text = "推理引擎：适配TensorRT、ONNX Runtime等推理框架，应届生更容易入门。"
    assert segmenter([])(text) == SearchIndex()._segment_chinese(text)


def test_terms_stay_in_their_own_build():
    segmenter(["市场需求分析"])
    # Neither jieba's global dictionary nor a later build sees the words of an earlier one.
    assert "市场需求分析" not in jieba.dt.FREQ
    assert "分析模型" in words(segmenter([]), "市场需求分析模型推理")
