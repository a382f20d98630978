"""Split Markdown lines into blocks: the one place that knows where fences, tables and lists end.

This is deliberately a small subset of CommonMark block parsing: enough to never mistake a line
inside a fence or an HTML block for a heading, and to know each block's exact source lines.
"""

from __future__ import annotations

import re

from notesite.note import Block, BlockKind, LineSpan

FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
NESTED_FENCE = re.compile(r"^\s+(`{3,}|~{3,})(.*)$")
ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
LIST_INTERRUPT = re.compile(r"^ {0,3}(?:[-*+]|1[.)])[ \t]+\S")
TABLE_DELIMITER = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
HTML_START = re.compile(r"^ {0,3}<(?:!--|/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$))")


def heading_level(line: str) -> int:
    match = ATX_HEADING.match(line)
    return len(match.group(1)) if match else 0


def heading_text(line: str) -> str:
    match = ATX_HEADING.match(line)
    return (match.group(2) or "").strip() if match else ""


def _is_blank(line: str) -> bool:
    return not line.strip()


def _fence_end(lines: list[str], start: int, nested: bool = False) -> int:
    """Index of the closing fence line, or the last line when the fence never closes.

    A fence `nested` in a list item may open and close at any indent.
    """
    marker = (NESTED_FENCE if nested else FENCE_OPEN).match(lines[start]).group(1)  # type: ignore[union-attr]
    indent = r"\s*" if nested else " {0,3}"
    closing = re.compile(rf"^{indent}{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$")
    for index in range(start + 1, len(lines)):
        if closing.match(lines[index]):
            return index
    return len(lines) - 1


def _until_blank(lines: list[str], start: int) -> int:
    """Up to a blank line, or to a heading: Python-Markdown renders a heading that follows a
    table or an HTML block without a blank line, so it must still start its section."""
    index = start
    while index + 1 < len(lines) and not _is_blank(lines[index + 1]):
        if heading_level(lines[index + 1]):
            break
        index += 1
    return index


def _html_end(lines: list[str], start: int) -> int:
    if lines[start].lstrip().startswith("<!--"):
        for index in range(start, len(lines)):
            if "-->" in lines[index]:
                return index
        return len(lines) - 1
    return _until_blank(lines, start)


def _list_end(lines: list[str], start: int) -> int:
    """A list runs on through blank lines while indented or new items follow.

    A fence indented under an item belongs to the item, with everything up to its closing line:
    a `# comment` in a shell snippet there is no heading.
    """
    index = start
    last_content = start
    while index + 1 < len(lines):
        following = lines[index + 1]
        if _is_blank(following):
            index += 1
            continue
        starts_item = LIST_ITEM.match(following) is not None
        indented = following.startswith((" ", "\t"))
        if FENCE_OPEN.match(following) and not indented:
            break
        if indented and NESTED_FENCE.match(following):
            index = last_content = _fence_end(lines, index + 1, nested=True)
            continue
        if heading_level(following) or RULE.match(following):
            break
        if not (starts_item or indented) and _is_blank(lines[index]):
            break
        index += 1
        last_content = index
    return last_content


def split_blocks(lines: list[str], first_line: int) -> list[Block]:
    """Blocks of `lines`, whose first entry is source line `first_line`; blank lines are gaps."""
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if _is_blank(line):
            index += 1
            continue
        if FENCE_OPEN.match(line):
            kind, end = BlockKind.FENCE, _fence_end(lines, index)
        elif heading_level(line):
            kind, end = BlockKind.HEADING, index
        elif RULE.match(line):
            kind, end = BlockKind.RULE, index
        elif HTML_START.match(line):
            kind, end = BlockKind.HTML, _html_end(lines, index)
        elif "|" in line and index + 1 < len(lines) and TABLE_DELIMITER.match(lines[index + 1]):
            kind, end = BlockKind.TABLE, _until_blank(lines, index)
        elif LIST_ITEM.match(line):
            kind, end = BlockKind.LIST, _list_end(lines, index)
        else:
            kind, end = BlockKind.PARAGRAPH, _paragraph_end(lines, index)
        span = LineSpan(first_line + index, first_line + end)
        blocks.append(Block(kind, span, lines[index : end + 1]))
        index = end + 1
    return blocks


def _paragraph_end(lines: list[str], start: int) -> int:
    """A paragraph stops at a blank line or at a line that starts another block.

    As in CommonMark, a bullet or a list starting at 1 interrupts a paragraph: notes write
    "**标签**：" with the list on the very next line.
    """
    index = start
    while index + 1 < len(lines):
        following = lines[index + 1]
        if _is_blank(following) or FENCE_OPEN.match(following) or heading_level(following):
            break
        if RULE.match(following) or HTML_START.match(following) or LIST_INTERRUPT.match(following):
            break
        index += 1
    return index


def is_unclosed_fence(block: Block) -> bool:
    if block.kind is not BlockKind.FENCE or len(block.lines) < 2:
        return block.kind is BlockKind.FENCE
    marker = FENCE_OPEN.match(block.lines[0]).group(1)  # type: ignore[union-attr]
    last = block.lines[-1].strip()
    return not (last.startswith(marker[0] * len(marker)) and set(last) == {marker[0]})
