"""Inline citations: `[1]`, `[2][4]`, `[1,3]`, `[1-3]`, `【1，3】`, only in prose.

Read by a small hand-written scanner: each bracket group is read once, numbers longer than
`MAX_DIGITS` are not citations (and never become ints), and ranges are checked against the
reference list by bisection rather than expanded, so a line of any length is read in linear time.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from notesite.inline import Inline
from notesite.note import Citation

_OPEN = "[［【"
_CLOSE = "]］】"
_OPEN_PATTERN = re.compile(r"[\[［【]")
_RANGE = "-–~～"
_LIST = ",，、;；"
# A citation is not a link `[1](…)`, a reference link `[1][a]` or a definition `[1]:`, and not
# an index `x[1]`, `a][1]`, an escaped `\[1]` or an image `![1]`.
_NOT_AFTER = frozenset("([:")
_NOT_BEFORE = "_]\\!"
MAX_DIGITS = 6
_MAX_RANGE = 200


@dataclass(frozen=True)
class _Group:
    start: int
    end: int
    bounds: tuple[tuple[int, int], ...]  # (low, high) per number or range, as written


def find_citations(
    line: str,
    line_number: int,
    known: Collection[int] | None = None,
    inlines: Sequence[Inline] = (),
) -> list[Citation]:
    """Citations in one line of prose.

    `inlines` (the line's scanned constructs) mask code, math, links, images and wikilinks.
    With `known` (the reference list's numbers), a bracket group naming none of them stays text,
    the numbers of a citation are those it names from the list, and `missing` holds the rest;
    without it, every numeric group counts and `numbers` lists all it names.
    """
    if known is not None and not known:
        return []
    listed = sorted(set(known)) if known is not None else None
    citations: list[Citation] = []
    for run in _runs(line, inlines):
        current: list[_Group] = []
        for group in run:
            if listed is None or any(_names(listed, low, high) for low, high in group.bounds):
                current.append(group)
                continue
            if current:
                citations.append(_citation(line, line_number, current, listed))
            current = []
        if current:
            citations.append(_citation(line, line_number, current, listed))
    return citations


def _runs(line: str, inlines: Sequence[Inline]) -> list[list[_Group]]:
    """Runs of adjacent numeric bracket groups that stand where a citation can."""
    runs: list[list[_Group]] = []
    masks = iter(sorted((inline.start, inline.end) for inline in inlines))
    mask = next(masks, None)
    position = 0
    while position < len(line):
        start = _next_open(line, position)
        if start == -1:
            break
        while mask is not None and mask[1] <= start:
            mask = next(masks, None)
        if mask is not None and mask[0] <= start:
            position = mask[1]
            continue
        run: list[_Group] = []
        end = start
        while (group := _group(line, end)) is not None:
            run.append(group)
            end = group.end
        position = max(end, start + 1)
        if not run or (start > 0 and (line[start - 1].isalnum() and line[start - 1].isascii())):
            continue
        if start > 0 and line[start - 1] in _NOT_BEFORE:
            continue
        if end < len(line) and line[end] in _NOT_AFTER:
            continue
        if mask is not None and mask[0] < end:
            continue  # the run runs into a link or code span
        runs.append(run)
    return runs


def _next_open(line: str, position: int) -> int:
    match = _OPEN_PATTERN.search(line, position)
    return match.start() if match else -1


def _group(line: str, start: int) -> _Group | None:
    """`[1, 3-5]` at `start`, or None."""
    if start >= len(line) or line[start] not in _OPEN:
        return None
    bounds: list[tuple[int, int]] = []
    i = _skip_space(line, start + 1)
    while True:
        low, i = _number(line, i)
        if low is None:
            return None
        high = low
        i = _skip_space(line, i)
        if i < len(line) and line[i] in _RANGE:
            high, i = _number(line, _skip_space(line, i + 1))
            if high is None:
                return None
            i = _skip_space(line, i)
        bounds.append((low, high if low <= high <= low + _MAX_RANGE else low))
        if i < len(line) and line[i] in _LIST:
            i = _skip_space(line, i + 1)
            continue
        if i < len(line) and line[i] in _CLOSE:
            return _Group(start, i + 1, tuple(bounds))
        return None


def _number(line: str, start: int) -> tuple[int | None, int]:
    end = start
    while end < len(line) and line[end].isdecimal():
        end += 1
        if end - start > MAX_DIGITS:
            return None, end  # not a citation: no reference list is that long
    return (int(line[start:end]) if end > start else None), end


def _skip_space(line: str, position: int) -> int:
    while position < len(line) and line[position].isspace():
        position += 1
    return position


def _names(listed: list[int], low: int, high: int) -> bool:
    k = bisect_left(listed, low)
    return k < len(listed) and listed[k] <= high


def _citation(line: str, line_number: int, groups: list[_Group], listed: list[int] | None) -> Citation:
    start, end = groups[0].start, groups[-1].end
    bounds = [bound for group in groups for bound in group.bounds]
    if listed is None:
        return Citation(_expand(bounds), line[start:end], line_number, start)
    if len(bounds) == 1:
        return _single(line, line_number, start, end, bounds[0], listed)
    numbers: list[int] = []
    missing: list[tuple[int, int]] = []
    seen: set[int] = set()
    for low, high in bounds:
        first, last = bisect_left(listed, low), bisect_right(listed, high)
        expected = low
        for number in listed[first:last]:
            if number > expected:
                missing.append((expected, number - 1))
            expected = number + 1
            if number not in seen:
                seen.add(number)
                numbers.append(number)
        if expected <= high:
            missing.append((expected, high))
    return Citation(tuple(numbers), line[start:end], line_number, start, _merged(missing))


def _merged(ranges: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted, with overlapping and adjacent ranges joined: [201-400], [401-600] → [201-600]."""
    merged: list[tuple[int, int]] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return tuple(merged)


def _single(
    line: str, line_number: int, start: int, end: int, bound: tuple[int, int], listed: list[int]
) -> Citation:
    """The common `[n]` or `[a-b]`: the listed numbers in range, sliced rather than walked."""
    low, high = bound
    numbers = tuple(listed[bisect_left(listed, low) : bisect_right(listed, high)])
    if len(numbers) == high - low + 1:
        missing: tuple[tuple[int, int], ...] = ()
    else:
        missing = _gaps(numbers, low, high)
    return Citation(numbers, line[start:end], line_number, start, missing)


def _gaps(numbers: tuple[int, ...], low: int, high: int) -> tuple[tuple[int, int], ...]:
    gaps, expected = [], low
    for number in numbers:
        if number > expected:
            gaps.append((expected, number - 1))
        expected = number + 1
    if expected <= high:
        gaps.append((expected, high))
    return tuple(gaps)


def _expand(bounds: list[tuple[int, int]]) -> tuple[int, ...]:
    numbers: list[int] = []
    seen: set[int] = set()
    for low, high in bounds:
        for number in range(low, high + 1):
            if number not in seen:
                seen.add(number)
                numbers.append(number)
    return tuple(numbers)


def describe(missing: Sequence[tuple[int, int]], limit: int = 10) -> str:
    """ "[9], [12-15]": the numbers a citation names that the reference list lacks."""
    parts = [f"[{low}]" if low == high else f"[{low}-{high}]" for low, high in missing[:limit]]
    if len(missing) > limit:
        parts.append(f"and {len(missing) - limit} more")
    return ", ".join(parts)
