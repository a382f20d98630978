"""The search index: terms, weights and the files a query fetches (hooks/notesite/publish/search_index.py)."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from notesite.publish.search_index import (
    CHUNK_DOCS,
    TEXT_KEPT,
    SearchDoc,
    build_index,
    han_shard,
    latin_file,
    normalizer,
    plain_text,
    term_count,
    terms,
)
from notesite_mkdocs.search import SearchCollector


def doc(location: str, title: str, text: str, kind: str = "section", note: str = "笔记") -> SearchDoc:
    return SearchDoc(location, title, text, title, note, kind)


def weights(files: dict[str, str], term: str) -> dict[int, int]:
    """doc number → weight of `term`, decoded from the file that holds it."""
    shards = json.loads(files["manifest"])["shards"]
    name = latin_file(term) if term.isascii() else f"h-{han_shard(term, shards)}"
    flat, found, number = json.loads(files[name]).get(term, []), {}, 0
    for gap, weight in zip(flat[::2], flat[1::2], strict=True):
        number += gap
        found[number] = weight
    return found


def test_a_chinese_run_is_indexed_as_overlapping_character_pairs():
    assert terms("线程池") == ["线程", "程池"]


def test_a_mixed_run_splits_where_the_script_changes():
    assert terms("cuda编程与g1收集器") == ["cuda", "编程", "程与", "g1", "收集", "集器"]


def test_a_single_chinese_character_is_a_term_of_its_own():
    assert terms("b+ 树") == ["b", "树"]


def test_titles_also_index_each_character():
    assert terms("堆内存", singles=True) == ["堆", "内", "存", "堆内", "内存"]


def test_traditional_characters_are_compared_as_simplified():
    assert normalizer({"線": "线", "執": "执"})("線程池 執行") == "线程池 执行"


def test_full_width_and_upper_case_letters_are_folded():
    assert normalizer({})("ＣＵＤＡ TensorRT") == "cuda tensorrt"


def test_plain_text_drops_tags_entities_and_zero_width_spaces():
    assert plain_text("<p>算子\u200b融合</p><p>A &amp; B</p>") == "算子融合 A & B"


def test_a_page_named_for_a_word_outweighs_a_longer_page_that_repeats_it():
    files = build_index(
        [
            doc("pool/", "Java 线程池", "线程池复用线程。"),
            doc("other/", "隔离", "线程池隔离。" * 6 + "其他内容。" * 20),
        ],
        {},
    )
    found = weights(files, "程池")
    assert found[0] > found[1]


def test_a_derived_page_weighs_less_than_the_section_it_repeats():
    files = build_index(
        [
            doc("n/section-1/", "对比", "量化与剪枝"),
            doc("n/comparisons/", "对比", "量化与剪枝", kind="comparison"),
        ],
        {},
    )
    found = weights(files, "量化")
    assert found[0] > found[1]


def test_every_term_is_in_the_file_the_worker_looks_in():
    files = build_index([doc("a/", "CUDA编程", "TensorRT 推理引擎"), doc("b/", "Go", "薪资")], {})
    shards = json.loads(files["manifest"])["shards"]
    for name, content in files.items():
        if name.startswith(("h-", "l-")):
            for term in json.loads(content):
                assert name == (latin_file(term) if term.isascii() else f"h-{han_shard(term, shards)}")


def test_a_latin_word_is_filed_by_its_first_two_letters_so_a_prefix_finds_it():
    assert latin_file("tensorrt") == latin_file("te") == "l-74_65"


def test_the_text_kept_for_excerpts_ends_on_a_sentence():
    text = "第一句话。" * 400
    files = build_index([doc("a/", "长", text)], {})
    kept = json.loads(files["d-0"])[0][2]
    assert kept.endswith("。") and len(kept) <= TEXT_KEPT


def test_an_overview_without_text_of_its_own_shows_its_pages_titles_but_is_not_found_by_them():
    note = [
        SearchDoc("n/", "线程池", "", "线程池", "线程池", "overview"),
        SearchDoc("n/a/", "核心参数", "构造参数。", "核心参数", "线程池", "section"),
        SearchDoc("n/b/", "拒绝策略", "四种策略。", "拒绝策略", "线程池", "section"),
        SearchDoc("m/", "索引", "", "索引", "索引", "overview"),
    ]
    files = build_index(note, {})
    records = json.loads(files["d-0"])
    assert records[0][2] == "核心参数 · 拒绝策略"
    assert records[3][2] == ""  # nothing follows it: no excerpt to make
    postings = {t: p for n, text in files.items() if n.startswith("h-") for t, p in json.loads(text).items()}
    assert postings["策略"][0::2] == [2]  # only the section holds 策略, not the overview


def test_the_manifest_groups_a_notes_pages_and_marks_site_pages():
    docs = [
        SearchDoc("", "首页", "笔记", "首页", "", "site"),
        SearchDoc("n/", "线程池", "复用", "线程池", "线程池", "overview"),
        SearchDoc("n/a/", "核心参数", "参数", "核心参数", "线程池", "section"),
        SearchDoc("m/", "索引", "B+ 树", "索引", "索引", "overview"),
        SearchDoc("tags/", "标签", "线程池", "标签", "", "site"),
    ]
    manifest = json.loads(build_index(docs, {})["manifest"])
    expand = lambda deltas: [sum(deltas[: i + 1]) for i in range(len(deltas))]  # noqa: E731
    assert expand(manifest["runs"]) == [0, 1, 3, 4]  # pages starting a run
    assert expand(manifest["site"]) == [0, 3]  # runs that are site pages


def test_docs_of_a_page_share_its_titles_and_note():
    collector = SearchCollector({}, Path("site"))
    collector.pages = {"n/": ("笔记", "overview"), "n/s/": ("笔记", "section")}
    pages = [
        ("n/", '<h1 id="t">总览</h1><p>导言</p>'),
        ("n/s/", '<h1 id="d">一、定义</h1><p>正文</p><h2 id="11-小节">1.1 小节</h2><p>更多</p>'),
        ("contributing/", "<p>没有标题</p>"),
    ]
    for url, content in pages:
        collector.add_entry_from_context(SimpleNamespace(url=url, content=content, meta={}, title="贡献指南"))
    docs = [doc for page in collector.by_page.values() for doc in page]
    assert [(d.location, d.title, d.page_title, d.note_title, d.kind) for d in docs] == [
        ("n/", "总览", "总览", "笔记", "overview"),
        ("n/s/", "一、定义", "一、定义", "笔记", "section"),
        ("n/s/#11-小节", "1.1 小节", "一、定义", "笔记", "section"),
        ("contributing/", "贡献指南", "贡献指南", "", "site"),
    ]


def test_a_page_marked_search_exclude_is_not_collected():
    collector = SearchCollector({}, Path("site"))
    page = SimpleNamespace(url="x/", content="<p>x</p>", meta={"search": {"exclude": True}}, title="X")
    collector.add_entry_from_context(page)
    assert collector.by_page == {"x/": []}


def test_the_manifest_says_where_pages_and_preview_files_start():
    docs = [doc(f"p{n}/", f"页{n}", "正文") for n in range(CHUNK_DOCS + 1)]
    docs.insert(1, doc("p0/#a", "小节", "正文"))
    manifest = json.loads(build_index(docs, {})["manifest"])
    pages = [sum(manifest["pages"][: i + 1]) for i in range(len(manifest["pages"]))]
    assert pages[:3] == [0, 2, 3] and len(pages) == CHUNK_DOCS + 1
    assert len(manifest["chunks"]) == 2


def test_the_manifest_maps_only_traditional_characters_whose_simplified_form_is_indexed():
    manifest = json.loads(build_index([doc("a/", "线程", "线程池")], {"線": "线", "龍": "龙"})["manifest"])
    assert manifest["t2s"] == "線线"


@pytest.mark.parametrize(
    "text", ["", "线程池", "a", "堆", "cuda编程与g1收集器", "b+ 树 · 一 二三 x_y", "線程池 and 𠀀𠀁 ！"]
)
def test_term_count_counts_the_terms_without_making_them(text: str):
    assert term_count(text) == len(terms(text))
