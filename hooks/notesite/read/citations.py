"""Inline citations: `[1]`, `[2][4]`, `[1,3]`, `[1-3]`, `【1，3】`, only in prose.

A run of bracket groups is one match of a pattern that cannot backtrack (possessive quantifiers
over character classes that never overlap where they meet), and each distinct run is read into
citations once; numbers longer than `MAX_DIGITS` are not citations (and never become ints), and
ranges are checked against the reference list by bisection rather than expanded, so a line of any
length is read in linear time.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Sequence

from notesite.model.inline import Inline
from notesite.model.note import Citation

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
_RUN = re.compile(rf"(?:{_GROUP.pattern})++")  # adjacent groups: `[2][4]`

# A bracket group: its columns, and (low, high) per number or range, as written.
_Group = tuple[int, int, tuple[tuple[int, int], ...]]
# A citation read from a run of groups: its columns in the run, its numbers, the missing ones.
_Read = tuple[int, int, tuple[int, ...], tuple[tuple[int, int], ...]]


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
    return CitationReader(known).find(line, line_number, inlines)


class CitationReader:
    """`find_citations` for the lines of one note: the reference list is sorted once, and each
    distinct run of groups is read once for all lines (notes repeat `[1]` a thousand times)."""

    def __init__(self, known: Collection[int] | None = None) -> None:
        self._listed = sorted(set(known)) if known is not None else None
        self._read: dict[str, list[_Read]] = {}

    def find(self, line: str, line_number: int, inlines: Sequence[Inline] = ()) -> list[Citation]:
        if self._listed is not None and not self._listed:
            return []
        citations: list[Citation] = []
        for start, end in _runs(line, inlines):
            run = line[start:end]
            if run not in self._read:
                self._read[run] = _read(run, self._listed)
            for first, last, numbers, missing in self._read[run]:
                citations.append(Citation(numbers, run[first:last], line_number, start + first, missing))
        return citations


def _runs(line: str, inlines: Sequence[Inline]) -> list[tuple[int, int]]:
    """Columns of the runs of adjacent numeric bracket groups that stand where a citation can."""
    runs: list[tuple[int, int]] = []
    masks = iter(sorted((inline.start, inline.end) for inline in inlines))
    mask = next(masks, None)
    position = 0
    while (found := _RUN.search(line, position)) is not None:
        start, end = found.span()
        while mask is not None and mask[1] <= start:
            mask = next(masks, None)
        if mask is not None and mask[0] <= start:
            position = mask[1]
            continue
        position = end
        if start > 0 and (line[start - 1].isalnum() and line[start - 1].isascii()):
            continue
        if start > 0 and line[start - 1] in _NOT_BEFORE:
            continue
        if end < len(line) and line[end] in _NOT_AFTER:
            continue
        if mask is not None and mask[0] < end:
            continue  # the run runs into a link or code span
        runs.append((start, end))
    return runs


def _read(run: str, listed: list[int] | None) -> list[_Read]:
    """The citations of one run: its groups, less those that name no reference, split where
    such a group stood."""
    found: list[_Read] = []
    current: list[_Group] = []
    for match in _GROUP.finditer(run):
        group = _group(match)
        if listed is None or _names_any(listed, group[2]):
            current.append(group)
            continue
        if current:
            found.append(_citation(current, listed))
        current = []
    if current:
        found.append(_citation(current, listed))
    return found


def _group(match: re.Match[str]) -> _Group:
    low, high, rest = match.group(1, 2, 3)
    bounds = [_bound(low, high)]
    if rest:
        bounds += [_bound(*pair) for pair in _BOUNDS.findall(rest)]
    return match.start(), match.end(), tuple(bounds)


def _bound(low_text: str, high_text: str | None) -> tuple[int, int]:
    """(low, high); a range longer than `_MAX_RANGE` or backwards counts as its first number."""
    low = int(low_text)
    high = int(high_text) if high_text else low
    return low, high if low <= high <= low + _MAX_RANGE else low


def _names_any(listed: list[int], bounds: tuple[tuple[int, int], ...]) -> bool:
    """Whether any number or range of a group is in the reference list."""
    for low, high in bounds:
        k = bisect_left(listed, low)
        if k < len(listed) and listed[k] <= high:
            return True
    return False


def _citation(groups: list[_Group], listed: list[int] | None) -> _Read:
    start, end = groups[0][0], groups[-1][1]
    bounds = [bound for group in groups for bound in group[2]]
    if listed is None:
        return start, end, _expand(bounds), ()
    if len(bounds) == 1:
        return (start, end, *_single(bounds[0], listed))
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
    return start, end, tuple(numbers), _merged(missing)


def _merged(ranges: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted, with overlapping and adjacent ranges joined: [201-400], [401-600] → [201-600]."""
    merged: list[tuple[int, int]] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return tuple(merged)


def _single(bound: tuple[int, int], listed: list[int]) -> tuple[tuple[int, ...], tuple[tuple[int, int], ...]]:
    """The common `[n]` or `[a-b]`: the listed numbers in range, sliced rather than walked, and
    the missing ones."""
    low, high = bound
    numbers = tuple(listed[bisect_left(listed, low) : bisect_right(listed, high)])
    if len(numbers) == high - low + 1:
        return numbers, ()
    return numbers, _gaps(numbers, low, high)


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
