"""Footnote definitions: which lines define each `[^label]`, so a page that shows a reference
can carry its definition too, wherever the note keeps it."""

from __future__ import annotations

from notesite.model.inline import Inline, InlineKind
from notesite.model.note import Block, BlockKind, LineSpan


def footnote_definitions(blocks: list[Block], inlines: dict[int, list[Inline]]) -> dict[str, LineSpan]:
    """Label → the lines of its definition: from its `[^label]:` line up to the next definition
    in the same block, or the block's end (indented continuations belong to the block)."""
    found: dict[str, LineSpan] = {}
    for block in blocks:
        if block.kind is not BlockKind.PARAGRAPH:
            continue
        starts = [
            (number, inline.text)
            for number in range(block.span.start, block.span.end + 1)
            for inline in inlines.get(number, [])[:1]
            if inline.kind is InlineKind.FOOTNOTE_DEFINITION
        ]
        ends = [number - 1 for number, _ in starts[1:]] + [block.span.end]
        for (number, label), end in zip(starts, ends, strict=False):  # no ends without starts
            found[label] = LineSpan(number, end)  # the last one wins, as in Python-Markdown
    return found
