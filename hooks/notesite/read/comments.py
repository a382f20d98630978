"""Obsidian comments, `%%…%%` within a line or across lines: the author's, never published."""

from __future__ import annotations

from collections.abc import Iterable

Hidden = dict[int, list[tuple[int, int]]]  # source line → hidden columns [start, end)


def find_comments(lines: list[str], numbers: Iterable[int]) -> Hidden:
    """Columns inside closed `%%` pairs, over the given (unfenced) source lines in order; a `%%`
    never closed hides nothing, so no line is lost to a typo."""
    hidden: Hidden = {}
    pending: Hidden = {}  # of a comment still open
    opened = False
    for number in numbers:
        line = lines[number - 1]
        start = 0
        found = line.find("%%")
        while found != -1 or opened:
            if not opened:
                start, opened = found, True
                found = line.find("%%", found + 2)
                continue
            if found == -1:
                pending.setdefault(number, []).append((start, len(line)))
                break
            for line_number, spans in pending.items():
                hidden.setdefault(line_number, []).extend(spans)
            pending = {}
            hidden.setdefault(number, []).append((start, found + 2))
            opened = False
            found = line.find("%%", found + 2)
        start = 0
    return hidden
