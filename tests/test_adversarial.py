"""Every function that reads note text, fed long runs of the characters Markdown gives meaning to.

A pattern that backtracks takes seconds to hours on these; the pytest timeout on each test is what
fails, so nothing here times anything itself. The second half builds whole 1 MB notes of several
shapes through the same path as the build (read, analyse, lay out, render). Feeding megabytes takes
minutes in all, so these run in the full suite (marked slow), not the fast one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notesite.analyse import comparisons, ratings, subjects, timeline
from notesite.analyse import groups as labelled
from notesite.analyse.analysis import analyse
from notesite.analyse.sanitize import sanitize_html, unsafe_html
from notesite.build import BuildOptions, build_site
from notesite.layout import links, slugs
from notesite.model import inline, plain_text
from notesite.read import blocks, citations, headings, references
from notesite.read.front_matter import has_html_tag
from notesite.read.parser import parse_note
from notesite.render.comparison import inline_html

N = 100_000
PIECES = [
    " ", "\t", "`", "[", "]", "(", ")", "0", "9", "*", "_", "|", ":", "：", "，", "。", "（", "）", "【",
    "】", "#", "-", "<", ">", "!", "$", "\\", "~", "/", ".", "中", "★", "→",
    "[1]", "[1-2,", "**a", "** ", "__a", "![a](", "[a](", "](", "[[", "]]", "<a ", "<!--", "a vs ",
    "1-", "1.1 ", "前6个月", "中（", "(a", "http://", "*a*", "`a", "$a", "a：", "- ", "1. ", "1/",
]  # fmt: skip
# Each run alone, then after the openings the readers look for (a label, a list item, a table row).
SHAPES = ("{}", "- **a**（{}）：{}b", "| **{}** | {} |")


def runs(piece: str) -> list[str]:
    run = (piece * (N // len(piece) + 1))[:N]
    half = run[: N // 2]
    return [shape.format(*([half] * shape.count("{}"))) if shape != "{}" else run for shape in SHAPES]


OLD_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>")  # quadratic in "<a <a <a …"


@given(st.text(alphabet="<>/! \tab", max_size=40))
def test_html_tag_detection_agrees_with_the_pattern_it_replaces(text):
    assert has_html_tag(text) == bool(OLD_HTML_TAG.search(text))


@pytest.mark.timeout(30)
def test_html_tag_detection_is_linear_in_unclosed_tags():
    assert not has_html_tag("<a " * N)


def _references(line: str) -> object:
    return references.parse_references("n.md", [line, f"1. {line}", f"- [{line}]({line})"], 1, [])


KNOWN = set(range(1, 60))
READERS: dict[str, Callable[[str], object]] = {
    "inline.scan_inline": inline.scan_inline,
    "inline.strong_spans": inline.strong_spans,
    "inline.list_item": inline.list_item,
    "inline.table_cells": inline.table_cells,
    "blocks.atx_heading": blocks.atx_heading,
    "blocks.fence_opener": blocks.fence_opener,
    "blocks.split_blocks": lambda line: blocks.split_blocks([line, line, "", line], 1),
    "citations.find_citations": lambda line: citations.find_citations(line, 1, KNOWN),
    "citations.find_citations_any": lambda line: citations.find_citations(line, 1),
    "references.parse_references": _references,
    "references.find_url": references.find_url,
    "references.is_reference_heading": references.is_reference_heading,
    "headings.split_number": headings.split_number,
    "labelled.split_key": labelled.split_key,
    "labelled.label_of": lambda line: labelled.label_of(line, inline.strong_spans(line)),
    "labelled.without_asides": labelled.without_asides,
    "comparisons.row_key": comparisons.row_key,
    "comparisons.table_cells": comparisons.table_cells,
    "subjects.shared_weight": lambda line: subjects.shared_weight(line, line),
    "ratings.parse_rating": ratings.parse_rating,
    "ratings.parse_range": ratings.parse_range,
    "timeline.parse_span": timeline.parse_span,
    "plain_text.plain": plain_text.plain,
    "slugs.text_slug": slugs.text_slug,
    "slugs.path_segment": slugs.path_segment,
    "slugs.note_folder": lambda line: slugs.note_folder(f"{line}/{line}.md"),
    "links.is_external": links.is_external,
    "links.anchor_key": links.anchor_key,
    "render.inline_html": lambda line: inline_html(line, lambda n: (f"#ref-{n}", ""), KNOWN),
    "sanitize.sanitize_html": sanitize_html,
}


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.parametrize("reader", READERS)
def test_every_reader_of_note_text_is_linear_in_long_runs(reader):
    read = READERS[reader]
    for piece in PIECES:
        for text in runs(piece):
            read(text)


def _note(body: str, title: str = "T") -> str:
    return f"# {title}\n\n## A\n\n{body}\n"


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.parametrize("piece", PIECES)
def test_a_note_of_long_runs_parses_and_analyses(piece):
    run = runs(piece)[0]
    text = (
        f"---\ntitle: {run[:1000]!r}\n---\n"
        f"# {run} vs {run}\n\n## {run}\n\n### 1.1 {run}\n\n**{run}**：{run}\n- {run}：{run}\n\n"
        f"| {run} | a |\n|---|---|\n| {run} | {run} |\n\n```{run}\n{run}\n```\n\n## 参考资料\n\n1. {run}\n"
    )
    note = parse_note(text, "notes/n.md")
    analyse(note)
    unsafe_html(note)


MB = 1_000_000
REFS = "\n## 参考资料\n\n" + "".join(f"{i}. [S{i}](https://example.com/{i})\n" for i in range(1, 51))


def _fill(piece: str, size: int = MB) -> str:
    return (piece * (size // len(piece) + 1))[:size]


# Notes of 1 MB that make few pages: built whole, as the build does.
MEGABYTE_NOTES = {
    "a line of spaces": _note(_fill(" ") + "x"),
    "a heading of spaces": "# T\n\n## a" + _fill(" ") + "b\n",
    "a line of backticks": _note(_fill("`")),
    "a line of brackets": _note(_fill("[")) + REFS,
    "a line of parentheses": _note(_fill("(")),
    "a line of digits": _note(_fill("1")) + REFS,
    "a line of asterisks": _note(_fill("*")),
    "a line of pipes": _note("| a | b |\n|---|---|\n" + _fill("|")),
    "a bold label and colons": _note("**a**" + _fill("：")),
    "Chinese punctuation": _note("- " + _fill("，。：；（【")),
    "a line of citations": _note("[1] " * (MB // 4)) + REFS,
    "identical unknown citations": _note("[1,99] " * (MB // 7)) + REFS,
    "citation ranges": _note(_fill("[1-200,") + "]") + REFS,
    "a comparison of long lists": (
        "# A vs B\n\n## 1\n\n### 1.1 A\n\n**定义**：x\n\n"
        + _fill("- **k**：v [1]\n")
        + "\n### 1.2 B\n\n**定义**：y\n"
        + REFS
    ),
    "a long table": "# A vs B\n\n## 1\n\n| x | A | B |\n|---|---|---|\n"
    + _fill("| **r** | `a|b` [1] | c |\n")
    + REFS,
    "a plan of time spans": (
        "# A vs B\n\n## 1\n\n### 1.1 A\n\n**A 方向**：\n" + _fill("- 1111111-2个月：x\n") + "\n### 1.2 B\n"
    ),
    "a title naming many subjects": "# " + _fill("A vs B ") + "\n\n## x\n\n### 1.1 A\n\n### 1.2 B\n",
    "HTML with handlers": _note(_fill("<b onclick=x>")),
}


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize("shape", MEGABYTE_NOTES)
def test_a_megabyte_note_builds(tmp_path: Path, shape):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "n.md").write_text(MEGABYTE_NOTES[shape], encoding="utf-8")
    site = build_site(tmp_path, ["notes/n.md"], BuildOptions(whole_note=True))
    assert site.layouts and not site.broken


# Notes of 1 MB that make a page per heading: read and analysed (laying out a quarter of a
# million pages is the scale work's concern).
@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize(
    "text",
    [
        "# T\n\n" + _fill("##\n\n"),
        "# T\n\n" + "".join(f"## S{i}\n\ntext [1]\n\n" for i in range(MB // 20)) + REFS,
    ],
    ids=["empty headings", "many sections"],
)
def test_a_megabyte_note_of_headings_parses_and_analyses(text):
    analyse(parse_note(text, "notes/n.md"))
