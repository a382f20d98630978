"""Inline citations: `[1]`, `[2][4]`, `[1,3]`, `[1-3]`, `【1，3】`, only in prose.

A bracket group is one match of a pattern that cannot backtrack (possessive quantifiers over
character classes that never overlap where they meet), so each group is read once; numbers longer
than `MAX_DIGITS` are not citations (and never become ints), and ranges are checked against the
reference list by bisection rather than expanded, so a line of any length is read in linear time.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Sequence
from typing import NamedTuple

from notesite.inline import Inline
from notesite.note import Citation

# A citation is not a link `[1](…)`, a reference link `[1][a]` or a definition `[1]:`, and not
# an index `x[1]`, `a][1]`, an escaped `\[1]` or an image `![1]`.
_NOT_AFTER = frozenset("([:")
_NOT_BEFORE = "_]\\!"
MAX_DIGITS = 6
_MAX_RANGE = 200
# `n` or `n-m`, spaces allowed around the dash; `[1, 3-5]` is a first bound, then the rest.
_BOUND = rf"(\d{{1,{MAX_DIGITS}}}+)\s*+(?:[-–~～]\s*+(\d{{1,{MAX_DIGITS}}}+)\s*+)?+"
_GROUP = re.compile(rf"[\[［【]\s*+{_BOUND}((?:[,，、;；]\s*+{_BOUND})*+)[\]］】]")
_BOUNDS = re.compile(_BOUND)


class _Group(NamedTuple):
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
    while (found := _GROUP.search(line, position)) is not None:
        start = found.start()
        while mask is not None and mask[1] <= start:
            mask = next(masks, None)
        if mask is not None and mask[0] <= start:
            position = mask[1]
            continue
        run = [_group(found)]
        end = found.end()
        while (found := _GROUP.match(line, end)) is not None:
            run.append(_group(found))
            end = found.end()
        position = end
        if start > 0 and (line[start - 1].isalnum() and line[start - 1].isascii()):
            continue
        if start > 0 and line[start - 1] in _NOT_BEFORE:
            continue
        if end < len(line) and line[end] in _NOT_AFTER:
            continue
        if mask is not None and mask[0] < end:
            continue  # the run runs into a link or code span
        runs.append(run)
    return runs


def _group(match: re.Match[str]) -> _Group:
    low, high, rest = match.group(1, 2, 3)
    bounds = [_bound(low, high)]
    if rest:
        bounds += [_bound(*pair) for pair in _BOUNDS.findall(rest)]
    return _Group(match.start(), match.end(), tuple(bounds))


def _bound(low_text: str, high_text: str | None) -> tuple[int, int]:
    """(low, high); a range longer than `_MAX_RANGE` or backwards counts as its first number."""
    low = int(low_text)
    high = int(high_text) if high_text else low
    return low, high if low <= high <= low + _MAX_RANGE else low


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
