"""Property: for any note, the generated pages together hold every line, and no fence is split."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notesite.layout.pages import layout_note
from notesite.model.note import BlockKind
from notesite.read.parser import parse_note
from notesite.render.note_pages import PageLinks, render_note

WORDS = st.sampled_from(["alpha", "beta", "模型", "算子", "gamma", "量化", "x", "TensorRT"])
sentence = st.lists(WORDS, min_size=1, max_size=6).map(" ".join)
HEADINGS = st.sampled_from(["Notes", "1. Intro", "2. Tools", "二、技能", "Notes", "Summary"])


@st.composite
def block(draw) -> list[str]:
    kind = draw(st.sampled_from(["paragraph", "fence", "table", "list"]))
    if kind == "paragraph":
        return draw(st.lists(sentence, min_size=1, max_size=3))
    if kind == "fence":
        inner = draw(
            st.lists(
                st.one_of(sentence, st.just("## not a heading"), st.just("# nor this"), st.just("")),
                max_size=4,
            )
        )
        return ["```text", *inner, "```"]
    if kind == "table":
        rows = draw(st.lists(st.tuples(sentence, sentence), min_size=1, max_size=3))
        return ["| a | b |", "| --- | --- |", *[f"| {a} | {b} |" for a, b in rows]]
    return [f"- {item}" for item in draw(st.lists(sentence, min_size=1, max_size=4))]


@st.composite
def section(draw, level: int) -> list[str]:
    lines = [f"{'#' * level} {draw(HEADINGS)}", ""]
    for chunk in draw(st.lists(block(), max_size=3)):
        lines += [*chunk, ""]
    if level == 2:
        for child in draw(st.lists(section(3), max_size=2)):
            lines += child
    return lines


@st.composite
def notes(draw) -> str:
    lines = ["---", "tags: [t]", "---"] if draw(st.booleans()) else []
    lines += ["# Title", ""]
    for chunk in draw(st.lists(block(), max_size=2)):
        lines += [*chunk, ""]
    for part in draw(st.lists(section(2), max_size=5)):
        lines += part
    return "\n".join(lines) + "\n"


# The fast suite tries a few dozen notes; the slow one the full count.
SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}


# Every note split by its sections, some split and some on one page, every one on one page.
THRESHOLDS = st.sampled_from([0, 200, 10**9])


@settings(max_examples=25, **SETTINGS)
@given(notes(), THRESHOLDS)
def test_pages_partition_the_note_and_keep_fences_whole(text, threshold):
    assert_partition(text, threshold)


@pytest.mark.slow
@settings(max_examples=150, **SETTINGS)
@given(notes(), THRESHOLDS)
def test_pages_partition_many_notes_and_keep_fences_whole(text, threshold):
    assert_partition(text, threshold)


def assert_partition(text: str, threshold: int) -> None:
    note = parse_note(text, "notes/p.md")
    layout = layout_note(note, "p", split_threshold=threshold)
    rendered = render_note(layout, PageLinks(lambda path, span: None), {}, {})

    owner: dict[int, str] = {}
    for page in layout.pages:
        for span in page.spans:
            for number in range(span.start, span.end + 1):
                assert number not in owner, f"line {number} is on two pages"
                owner[number] = page.src_uri
    assert sorted(owner) == list(range(1, len(note.lines) + 1))

    headings = {s.heading.line for top in note.sections for s in top.walk()}
    for number, line in enumerate(note.lines, start=1):
        in_front_matter = note.front_matter.span and number in note.front_matter.span
        if line.strip() and number not in headings and number != note.title_line and not (in_front_matter):
            assert line in rendered[owner[number]].splitlines(), (number, line)

    fences = [b for top in note.sections for b in top.all_blocks() if b.kind is BlockKind.FENCE]
    for fence in fences:
        page_lines = rendered[owner[fence.span.start]].splitlines()
        size = len(fence.lines)
        assert any(page_lines[start : start + size] == fence.lines for start in range(len(page_lines))), (
            fence.lines
        )
        assert {owner[n] for n in range(fence.span.start, fence.span.end + 1)} == {owner[fence.span.start]}
