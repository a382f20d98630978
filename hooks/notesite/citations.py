"""Inline citations: `[1]`, `[2][4]`, `[1,3]`, `[1-3]`, `【1，3】`, never inside code."""

from __future__ import annotations

import re

from notesite.note import Citation

_GROUP = r"[\[［【]\s*\d+(?:\s*[-–~～,，、;；]\s*\d+)*\s*[\]］】]"
# A run of adjacent groups is one citation; not a link `[1](…)`, a definition `[1]:` or `x[1]`.
_CITATION = re.compile(rf"(?<![A-Za-z0-9_\]\\!])(?:{_GROUP})+(?![(\[:])")
_NUMBERS = re.compile(r"\d+(?:\s*[-–~～]\s*\d+)?")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_MAX_RANGE = 200


def expand(text: str) -> tuple[int, ...]:
    """ "[1-3][5]" → (1, 2, 3, 5); ranges are bounded so a typo cannot explode."""
    numbers: list[int] = []
    for part in _NUMBERS.findall(text):
        bounds = [int(n) for n in re.split(r"\s*[-–~～]\s*", part)]
        low, high = bounds[0], bounds[-1]
        if high < low or high - low > _MAX_RANGE:
            high = low
        numbers.extend(n for n in range(low, high + 1) if n not in numbers)
    return tuple(numbers)


def find_citations(line: str, line_number: int) -> list[Citation]:
    """Citations in one line of prose, with code spans masked out."""
    masked = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
    return [
        Citation(expand(match.group(0)), match.group(0), line_number, match.start())
        for match in _CITATION.finditer(masked)
    ]
