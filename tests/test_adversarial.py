"""Every function that reads note text, fed long runs of the characters Markdown gives meaning to.

Each reader must make sense of them (what it returns is checked) in time that grows linearly with
the run (tests/growth.py compares how the time grows; a pattern that backtracks would take seconds
to hours, and the pytest timeout stops it). The second half builds whole 1 MB notes of several
shapes through the same path as the build (read, analyse, lay out, render). Feeding megabytes takes
minutes in all, so these run in the full suite (marked slow), not the fast one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
from notesite.render.inline_html import inline_html

from .growth import assert_linear

N = 100_000
PIECES = [
    " ", "\t", "`", "[", "]", "(", ")", "0", "9", "*", "_", "|", ":", "：", "，", "。", "（", "）", "【",
    "】", "#", "-", "<", ">", "!", "$", "\\", "~", "/", ".", "中", "★", "→",
    "[1]", "[1-2,", "**a", "** ", "__a", "![a](", "[a](", "](", "[[", "]]", "<a ", "<!--", "a vs ",
    "1-", "1.1 ", "前6个月", "中（", "(a", "http://", "*a*", "`a", "$a", "a：", "- ", "1. ", "1/",
]  # fmt: skip
# Each run alone, then after the openings the readers look for (a label, a list item, a table row).
SHAPES = ("{}", "- **a**（{}）：{}b", "| **{}** | {} |")


def runs(piece: str, n: int = N) -> list[str]:
    run = (piece * (n // len(piece) + 1))[:n]
    half = run[: n // 2]
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


def _within(text: str, start: int, end: int) -> bool:
    return 0 <= start <= end <= len(text)


def _partitioned(lines: list[str]) -> bool:
    """Every non-blank line in exactly one block, and no block beyond the lines."""
    got = [n for b in blocks.split_blocks(lines, 1) for n in range(b.span.start, b.span.end + 1)]
    every = set(range(1, len(lines) + 1))
    return len(got) == len(set(got)) and {n for n in every if lines[n - 1].strip()} <= set(got) <= every


# The tags inline_html writes itself; any other `<` in its output would be the note's, unescaped.
_OUR_TAGS = re.compile(
    r'</?(?:strong|em|code|del|mark|sub|sup)>|<a class="ns-cite" href="#ref-\d+" title="">|</a>'
)

# What each reader must return for any text (`t`) of the runs above: its result `r` holds.
CHECKS: dict[str, Callable[[str, Any], bool]] = {
    "inline.scan_inline": lambda t, r: all(_within(t, i.start, i.end) for i in r),
    "inline.strong_spans": lambda t, r: all(
        _within(t, s.start, s.end) and t.startswith(s.delimiter, s.start) for s in r
    ),
    "inline.list_item": lambda t, r: r is None or t[r.indent :].startswith(r.marker),
    "inline.table_cells": lambda t, r: all(cell.strip() in t for cell in r),
    "blocks.atx_heading": lambda t, r: (r is None) == (not t.startswith("#")),
    "blocks.fence_opener": lambda t, r: r is None or r in t,
    "blocks.split_blocks": lambda t, r: _partitioned([t, t, "", t]),
    "citations.find_citations": lambda t, r: all(c.text in t and set(c.numbers) <= KNOWN for c in r),
    "citations.find_citations_any": lambda t, r: all(c.text in t for c in r),
    "references.parse_references": lambda t, r: all(1 <= ref.span.start <= ref.span.end <= 3 for ref in r),
    "references.find_url": lambda t, r: r is None or _within(t, *r),
    "references.is_reference_heading": lambda t, r: r is False,
    "headings.split_number": lambda t, r: r == (None, t) or (r[0] in t and r[1] in t),
    "labelled.split_key": lambda t, r: all(part is None or part in t for part in r),
    "labelled.label_of": lambda t, r: r is None,
    "labelled.without_asides": lambda t, r: len(r) <= len(t),
    "comparisons.row_key": lambda t, r: len(r) <= len(t),
    "comparisons.table_cells": lambda t, r: all(cell.strip() in t for cell in r),
    "subjects.shared_weight": lambda t, r: r >= 0,
    "ratings.parse_rating": lambda t, r: r is None or r.text in t,
    "ratings.parse_range": lambda t, r: r is None or r.text in t,
    "timeline.parse_span": lambda t, r: r is None or r.text in t,
    "plain_text.plain": lambda t, r: len(r) <= len(t),
    "slugs.text_slug": lambda t, r: len(r) <= len(t) and "/" not in r,
    "slugs.path_segment": lambda t, r: len(r) <= len(t) and "/" not in r,
    "slugs.note_folder": lambda t, r: r.count("/") <= 2 * t.count("/") + 1,
    "links.is_external": lambda t, r: r == t.startswith(("http://", "https://", "//")),
    "links.anchor_key": lambda t, r: len(r) <= len(t),
    "render.inline_html": lambda t, r: "<" not in _OUR_TAGS.sub("", r),
    "sanitize.sanitize_html": lambda t, r: not any(bad in r for bad in ("<script", "onclick=", "<!--")),
}


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize("reader", READERS)
def test_every_reader_of_note_text_reads_long_runs_in_linear_time(reader):
    read, check = READERS[reader], CHECKS[reader]

    def sweep(n: int) -> None:
        for piece in PIECES:
            for text in runs(piece, n):
                result = read(text)
                assert check(text, result), f"{reader}({text[:20]!r}…) = {result!r:.200}"

    assert_linear(sweep, N // 4)


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
    assert note.lines == text.removesuffix("\n").split("\n")
    assert [s.title for s in note.sections][1:] == ["参考资料"]
    assert [r.number for r in note.references] == [1]
    found = analyse(note).diagnostics + unsafe_html(note)
    assert all(1 <= d.line <= len(note.lines) for d in found)


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
    ("text", "sections", "references"),
    [
        ("# T\n\n" + _fill("##\n\n"), MB // 4, 0),
        ("# T\n\n" + "".join(f"## S{i}\n\ntext [1]\n\n" for i in range(MB // 20)) + REFS, MB // 20 + 1, 50),
    ],
    ids=["empty headings", "many sections"],
)
def test_a_megabyte_note_of_headings_parses_and_analyses(text, sections, references):
    note = parse_note(text, "notes/n.md")
    assert (len(note.sections), len(note.references)) == (sections, references)
    assert all(1 <= d.line <= len(note.lines) for d in analyse(note).diagnostics)
