"""The block splitter reads a note as Python-Markdown (with mkdocs.yml's extensions) renders it."""

from __future__ import annotations

import pytest

from notesite.model.note import BlockKind
from notesite.read.blocks import (
    atx_heading,
    fence_opener,
    heading_of,
    is_unclosed_fence,
    setext_underline,
    split_blocks,
)
from notesite.read.headings import split_number

from .growth import assert_linear


def headings(text: str) -> list[tuple[int, str]]:
    return [heading_of(b) for b in split_blocks(text.split("\n"), 1) if b.kind is BlockKind.HEADING]


def kinds(text: str) -> list[BlockKind]:
    return [b.kind for b in split_blocks(text.split("\n"), 1)]


def test_setext_underlines_make_level_one_and_two_headings():
    assert headings("Title\n===\n\nPart\n---\n\ntext") == [(1, "Title"), (2, "Part")]


def test_a_setext_heading_spans_its_title_and_underline():
    (block,) = split_blocks(["Part", "---"], 5)
    assert block.kind is BlockKind.HEADING and block.span.as_list() == [5, 6]


def test_dashes_after_a_blank_line_are_a_rule():
    assert kinds("text\n\n---") == [BlockKind.PARAGRAPH, BlockKind.RULE]


def test_dashes_under_the_second_line_of_a_paragraph_are_a_rule():
    assert kinds("one\ntwo\n---") == [BlockKind.PARAGRAPH, BlockKind.RULE]


def test_a_setext_heading_can_follow_an_atx_heading_directly():
    assert headings("## a\nb\n---") == [(2, "a"), (2, "b")]


def test_atx_heading_drops_its_closing_hashes():
    assert atx_heading("## Tools ##") == (2, "Tools")
    assert atx_heading("## C# ##") == (2, "C#")


def test_atx_heading_drops_a_trailing_hash_even_without_a_space_as_python_markdown_does():
    assert atx_heading("## C#") == (2, "C")


def test_atx_heading_keeps_an_escaped_closing_hash():
    assert atx_heading("## C\\#") == (2, "C\\#")


def test_atx_heading_needs_no_space_but_must_start_the_line():
    assert atx_heading("##x") == (2, "x")
    assert atx_heading("  ## x") is None


def test_seven_hashes_are_a_level_six_heading_starting_with_a_hash():
    assert atx_heading("####### x") == (6, "# x")


def test_setext_underline_takes_no_indent():
    assert setext_underline("---  ") == 2 and setext_underline(" ---") == 0


@pytest.mark.parametrize("opener", ["``` foo`bar", "```js``` prose", "~~~ a`b", "```text hello world"])
def test_an_opener_superfences_rejects_is_no_fence_and_swallows_nothing(opener):
    assert fence_opener(opener) is None
    assert headings(f"{opener}\n## after\n```") == [(2, "after")]


@pytest.mark.parametrize(
    "opener", ["```", "```py", '```py title="a`b"', "``` {.py}", '```py hl_lines="1 3-4"']
)
def test_superfences_openers_hide_headings_until_their_close(opener):
    assert headings(f"{opener}\n## inside\n```\n## after") == [(2, "after")]


def test_a_longer_backtick_run_does_not_close_a_fence():
    assert headings("```\n## a\n````\n## b\n```\n## c") == [(2, "c")]


def test_an_unclosed_fence_is_text_and_is_flagged():
    blocks = split_blocks(["```", "## after"], 1)
    assert [b.kind for b in blocks] == [BlockKind.PARAGRAPH, BlockKind.HEADING]
    assert is_unclosed_fence(blocks[0])


def test_a_fence_under_a_list_item_ends_with_the_item():
    assert headings("- item\n\n    ```\n    ## a\n\n## b\n    ```") == [(2, "b")]


def test_a_fence_under_a_list_item_belongs_to_the_list():
    assert kinds("- item\n\n    ```\n    ## a\n    ```") == [BlockKind.LIST]


@pytest.mark.parametrize(
    "html",
    [
        "<div>\n\n## x\n\n</div>",
        "<div markdown>\n\n## x\n\n</div>",
        "<pre>\ncode\n\n## x\n</pre>",
        "<details>\n<summary>s</summary>\n\n## x\n\n</details>",
        "<!--\n\n## x\n\n-->",
    ],
)
def test_a_heading_inside_an_html_block_is_no_section(html):
    assert headings(f"{html}\n## after") == [(2, "after")]
    assert split_blocks(html.split("\n"), 1)[0].kind is BlockKind.HTML


def test_an_unclosed_div_runs_to_the_end():
    assert headings("<div>\n\n## a\n\n## b") == []


def test_an_inline_tag_starts_no_html_block():
    assert headings("<span>\n\n## a\n\n</span>") == [(2, "a")]


def test_a_heading_indented_under_a_list_item_is_no_section():
    assert headings("- a\n  ## x\n\n1. b\n\n    ## y\n\n- c\n\n  ## z") == []


def test_a_heading_right_after_a_list_item_line_is_a_section():
    assert headings("- a\n## x") == [(2, "x")]


def test_a_heading_in_a_block_quote_is_no_section():
    assert headings("> ## x\n> text") == []


def test_a_heading_right_after_a_table_is_a_table_row():
    assert headings("| a | b |\n| - | - |\n## x") == []


def test_every_non_blank_line_is_in_exactly_one_block():
    text = "# T\n\n- a\n\n    more\n\n<div>\n\nx\n</div>\n```\nc\n```\n| a | b |\n|-|-|\n\nT\n---\n***"
    lines = text.split("\n")
    covered = [n for b in split_blocks(lines, 1) for n in range(b.span.start, b.span.end + 1)]
    assert len(covered) == len(set(covered))
    assert {n for n, line in enumerate(lines, 1) if line.strip()} <= set(covered)


# Adversarial inputs: long runs of every character the splitter gives meaning to. The fast tests
# check what the readers make of them; the slow ones that the time grows linearly with the run.
RUNS = [" ", "`", "~", "#", "|", "-", "<", "0", "\t", ">", "=", "*", "\\", "<div>", "</div>", "<a "]


def adversarial_lines(run: str, n: int) -> list[str]:
    return [run * n, f"## a{run * n}b", f"```{run * n}", f"- {run * n}x", f"<div{run * n}", f"1.{run * n}"]


def assert_partition(lines: list[str]) -> None:
    """Every non-blank line is in exactly one block, and blocks hold only lines of `lines`."""
    covered = [n for b in split_blocks(lines, 1) for n in range(b.span.start, b.span.end + 1)]
    assert len(covered) == len(set(covered)) and set(covered) <= set(range(1, len(lines) + 1))
    assert {n for n, line in enumerate(lines, 1) if line.strip()} <= set(covered)


def read_line(line: str) -> None:
    """Every reader of one line, with what it must find there."""
    heading = atx_heading(line)
    assert (heading is None) == (not line.startswith("#"))
    if heading:
        assert 1 <= heading[0] <= 6 and heading[1] in line.expandtabs(4)
    mark = line.rstrip(" ")
    assert setext_underline(line) == (1 if set(mark) == {"="} else 2 if set(mark) == {"-"} else 0)
    fence = fence_opener(line)
    if not line.lstrip(" ").startswith(("```", "~~~")):
        assert fence is None
    assert fence is None or (len(fence) >= 3 and len(set(fence)) == 1 and fence in line)
    number, text = split_number(line)
    assert (number, text) == (None, line) or (number in line and text in line)
    assert_partition([line, line])
    assert_partition(["para", line, "---"])


@pytest.mark.parametrize("run", RUNS, ids=repr)
def test_line_readers_read_long_runs(run):
    for line in adversarial_lines(run, 2_000):
        read_line(line)


@pytest.mark.parametrize("run", RUNS, ids=repr)
def test_splitting_many_lines_of_runs_keeps_every_line(run):
    for line in (run, f"{run}x", f"## {run}", f"<div>{run}", "```", f"    {run}"):
        assert_partition([line] * 500)
        assert_partition([line, ""] * 250)


@pytest.mark.slow
@pytest.mark.parametrize("run", RUNS, ids=repr)
def test_line_readers_stay_linear_on_long_runs(run):
    def read(n: int) -> None:
        for line in adversarial_lines(run, n):
            atx_heading(line)
            setext_underline(line)
            fence_opener(line)
            split_number(line)
            split_blocks([line, line], 1)
            split_blocks(["para", line, "---"], 1)

    assert_linear(read, 25_000)


@pytest.mark.slow
@pytest.mark.parametrize("run", RUNS, ids=repr)
def test_splitting_many_lines_stays_linear(run):
    def split(n: int) -> None:
        for line in (run, f"{run}x", f"## {run}", f"<div>{run}", "```", f"    {run}"):
            split_blocks([line] * n, 1)
            split_blocks([line, ""] * (n // 2), 1)

    assert_linear(split, 5_000)


def test_a_list_right_under_a_line_of_text_is_a_block_of_its_own():
    assert kinds("**标签**：\n- a\n- b") == [BlockKind.PARAGRAPH, BlockKind.LIST]


def test_a_list_line_over_a_setext_underline_stays_in_its_paragraph():
    assert kinds("text\n- a\n---") == [BlockKind.PARAGRAPH, BlockKind.RULE]
