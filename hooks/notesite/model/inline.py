"""The inline constructs of one Markdown line: code, math, links, images, wikilinks, autolinks, HTML.

A hand-written scanner shaped like CommonMark's reference inline parser (commonmark.js): one pass
from left to right, a stack of open brackets, and `]` deciding whether the bracket it closes starts
a link. Every "where is the next X" question is answered from an index built once per line (sorted
positions, or a cached forward search that never scans the same stretch twice), so a line of any
length is read in linear time, up to a logarithmic factor for the look-ups. No regular expression
here has nested quantifiers.

Constructs that span lines (a link whose text wraps) are out of reach of a line scanner; so is
knowing whether `[text][id]` names a definition, so reference-style uses are not reported (their
definition lines are).
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class InlineKind(StrEnum):
    CODE = "code"
    MATH = "math"
    LINK = "link"
    IMAGE = "image"
    WIKILINK = "wikilink"
    EMBED = "embed"
    AUTOLINK = "autolink"
    HTML = "html"
    DEFINITION = "definition"
    FOOTNOTE = "footnote"  # `[^label]`, its label in `text`
    FOOTNOTE_DEFINITION = "footnote definition"  # `[^label]:` starting a line
    TAG = "tag"  # Obsidian's `#tag` or `#nested/tag`, its name in `text`
    BLOCK_ID = "block id"  # Obsidian's ` ^id` ending a line: an anchor for `[[note#^id]]`


@dataclass(frozen=True, slots=True)
class Inline:
    kind: InlineKind
    start: int  # 0-based column where the construct starts in the line
    end: int  # column just after it
    text: str = ""  # link text / image alt / wikilink alias / definition label ("" when none)
    # As written: URL or path (LINK, IMAGE, AUTOLINK, DEFINITION), "note#heading" for WIKILINK and
    # EMBED (without the |alias), the href/src value for HTML.
    target: str = ""
    target_start: int = -1  # columns of `target` inside the line, so it can be replaced in place
    target_end: int = -1
    text_start: int = -1  # columns of the text inside the line (-1 when none)
    text_end: int = -1
    # Constructs inside a link's text or an image's alt, e.g. the badge image in `[![b](b.svg)](u)`.
    inner: tuple[Inline, ...] = ()


_ESCAPABLE = frozenset(string.punctuation)
# The next character that may start a construct; a bracketed text with none of them inside and no
# `(` after it (`[1]`, `[note]`) is taken whole, as it opens and closes no link.
_SPECIAL = re.compile(r"\[[^\\`$<\[\]!]*\](?!\()|[\\`$<\[\]!#]")
_NOT_BRACKET = re.compile(r"[^\[]")
_BACKTICKS = re.compile(r"`+")
_SPACE = re.compile(r"[ \t\r\n\f\v]")
_NON_SPACE = re.compile(r"[^ \t\r\n\f\v]")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>")
_EMAIL = re.compile(r"<[^\s<>@]+@[A-Za-z0-9.\-]+>")
_OPEN_TAG = re.compile(r"<[A-Za-z][A-Za-z0-9\-]*")
_CLOSE_TAG = re.compile(r"</[A-Za-z][A-Za-z0-9\-]*\s*>")
_ATTRIBUTE = re.compile(r"[A-Za-z_:][A-Za-z0-9_.:\-]*")
_UNQUOTED = re.compile(r"[^\s\"'=<>`]+")
_DEFINITION_START = re.compile(r" {0,3}\[")
_LINK_ATTRIBUTES = ("href", "src")


def tag_name(line: str, start: int) -> str:
    """The name of the tag whose `#` is at `start`: letters, digits, `_`, `-` and `/` (not at
    its end), not digits alone; "" when none."""
    end = start + 1
    while end < len(line) and (line[end].isalnum() or line[end] in "_-/"):
        end += 1
    name = line[start + 1 : end].rstrip("/")
    return "" if name.isdigit() else name


def is_colour(name: str) -> bool:
    """`#00008B`, `#AFEEEE`, `#fff`: a colour in CSS's hex form (six or eight hex digits, or
    three or four with a digit or one repeated letter, so `#cafe` stays a tag), which Obsidian
    would tag but no author means as one."""
    if not all(char in string.hexdigits for char in name):
        return False
    if len(name) in (6, 8):
        return True
    return len(name) in (3, 4) and (any(char.isdigit() for char in name) or len(set(name.lower())) == 1)


def scan_inline(line: str) -> list[Inline]:
    """The line's constructs in order of `start`, outermost only (nested ones are in `inner`)."""
    definition = _definition(_Index(line))
    if definition is not None:
        return [definition]
    found = _Scanner(line).run()
    block_id = _block_id(line, found)
    return [*found, block_id] if block_id else found


def _block_id(line: str, found: list[Inline]) -> Inline | None:
    """Obsidian's block id: `^` and letters, digits or `-`, after a space or alone, ending the
    line outside any other construct (`x^2`, `[^1]` and `$a^b$` are none)."""
    body = line.rstrip()
    caret = body.rfind("^")
    name = body[caret + 1 :]
    if caret == -1 or not name or not all(c.isascii() and (c.isalnum() or c == "-") for c in name):
        return None
    if (caret and not body[caret - 1].isspace()) or (found and found[-1].end > caret):
        return None
    return Inline(InlineKind.BLOCK_ID, caret, len(body), text=name)


class _Index:
    """Answers "where is the next X from here" for one line without rescanning."""

    def __init__(self, line: str) -> None:
        self.s = line
        self.n = len(line)
        self._escaped: frozenset[int] | None = None
        self._positions: dict[tuple[str, bool], list[int]] = {}
        self._searches: dict[str, tuple[int, int]] = {}
        self._parens: tuple[list[int], list[int], list[int], int] | None = None

    @property
    def escaped(self) -> frozenset[int]:
        """Columns of characters made literal by a backslash."""
        if self._escaped is None:
            s, found = self.s, set()
            i = s.find("\\")
            while i != -1:
                if i + 1 < self.n and s[i + 1] in _ESCAPABLE:
                    found.add(i + 1)
                    i = s.find("\\", i + 2)
                else:
                    i = s.find("\\", i + 1)
            self._escaped = frozenset(found)
        return self._escaped

    def next_char(self, char: str, start: int, raw: bool = False) -> int:
        """Column of the first `char` at or after `start` (not backslash-escaped unless `raw`), or -1."""
        key = (char, raw)
        positions = self._positions.get(key)
        if positions is None:
            positions, s, escaped = [], self.s, (frozenset() if raw else self.escaped)
            i = s.find(char)
            while i != -1:
                if i not in escaped:
                    positions.append(i)
                i = s.find(char, i + 1)
            self._positions[key] = positions
        k = bisect_left(positions, start)
        return positions[k] if k < len(positions) else -1

    def find(self, key: str, start: int, pattern: re.Pattern[str] | None = None) -> int:
        """First match of `key` (a substring, or `pattern` when given) at or after `start`, or -1.

        The last answer is kept: if nothing matched between its start and its result, a later
        question from inside that stretch has the same answer, so no stretch is searched twice.
        """
        cached = self._searches.get(key)
        if cached is not None:
            since, found = cached
            if since <= start and (found == -1 or found >= start):
                return found
        if pattern is None:
            found = self.s.find(key, start)
        else:
            match = pattern.search(self.s, start)
            found = match.start() if match else -1
        self._searches[key] = (start, found)
        return found

    def skip_space(self, start: int) -> int:
        found = self.find("\\S", start, _NON_SPACE)
        return self.n if found == -1 else found

    def next_space(self, start: int) -> int:
        found = self.find("\\s", start, _SPACE)
        return self.n if found == -1 else found

    def paren_close(self, start: int) -> int:
        """Column of the first `)` at or after `start` that closes more parentheses than were
        opened since `start`, or -1."""
        positions, depths, next_lower, first_negative = self._paren_index()
        k = bisect_left(positions, start) - 1  # the last parenthesis before `start`
        if k < 0:
            return positions[first_negative] if first_negative >= 0 else -1
        m = next_lower[k]
        return positions[m] if m >= 0 else -1

    def depth_at(self, column: int) -> int:
        """Parenthesis depth just before `column`, counted from the start of the line."""
        positions, depths, _, _ = self._paren_index()
        k = bisect_left(positions, column) - 1
        return depths[k] if k >= 0 else 0

    def _paren_index(self) -> tuple[list[int], list[int], list[int], int]:
        """Unescaped parentheses, the depth after each, and for each the next one that goes below
        it (a "next smaller value" table, built with one monotonic stack)."""
        if self._parens is None:
            positions = sorted(
                [i for i in self._all(self.s, "(") if i not in self.escaped]
                + [i for i in self._all(self.s, ")") if i not in self.escaped]
            )
            depths, depth = [], 0
            for i in positions:
                depth += 1 if self.s[i] == "(" else -1
                depths.append(depth)
            next_lower = [-1] * len(positions)
            stack: list[int] = []
            for k, depth in enumerate(depths):
                while stack and depths[stack[-1]] > depth:
                    next_lower[stack.pop()] = k
                stack.append(k)
            first_negative = next((k for k, depth in enumerate(depths) if depth < 0), -1)
            self._parens = (positions, depths, next_lower, first_negative)
        return self._parens

    @staticmethod
    def _all(s: str, char: str) -> list[int]:
        found, i = [], s.find(char)
        while i != -1:
            found.append(i)
            i = s.find(char, i + 1)
        return found


class _Scanner:
    def __init__(self, line: str) -> None:
        self.s = line
        self.n = len(line)
        self.index = _Index(line)
        self.out: list[Inline] = []
        self.openers: list[tuple[int, bool]] = []  # (column, is an image's `![`) of open brackets
        # `[` openers before the start of the last link are inactive: links do not nest.
        self.link_floor = -1
        self._runs: tuple[list[int], list[int], dict[int, list[int]]] | None = None

    def run(self) -> list[Inline]:
        s, i = self.s, 0
        while True:
            match = _SPECIAL.search(s, i)
            if match is None:
                return self.out
            i = match.start()
            char = s[i]
            if match.end() > i + 1:
                if s.startswith("[^", i) and match.end() > i + 3:
                    self._footnote(i, match.end())
                i = match.end()  # a bracketed text that is no link
            elif char == "\\":
                i = self._backslash(i)
            elif char == "`":
                i = self._code(i)
            elif char == "$":
                i = self._dollar(i)
            elif char == "<":
                i = self._angle(i)
            elif char == "!":
                i = self._bang(i)
            elif char == "#":
                i = self._hash(i)
            elif char == "[":
                i = self._open_bracket(i)
            else:
                i = self._close_bracket(i)

    def _hash(self, i: int) -> int:
        """Obsidian's tag: `#` after a space or at the line's start, then letters, digits, `_`,
        `-` or `/`, not digits alone (`#1` is a number, `#` in a URL or `C#` no tag, `#fff` a
        colour)."""
        if i and not self.s[i - 1].isspace():
            return i + 1
        name = tag_name(self.s, i)
        if name and not is_colour(name):
            self.out.append(Inline(InlineKind.TAG, i, i + 1 + len(name), text=name))
        return i + 1 + len(name)

    def _footnote(self, start: int, end: int) -> None:
        """`[^label]`, or `[^label]:` within three spaces of the line's start: its definition."""
        defines = self.s.startswith(":", end) and start <= 3 and not self.s[:start].strip(" ")
        kind = InlineKind.FOOTNOTE_DEFINITION if defines else InlineKind.FOOTNOTE
        self.out.append(Inline(kind, start, end, text=self.s[start + 2 : end - 1]))

    # Code and math

    def _backslash(self, i: int) -> int:
        if self.s.startswith("\\(", i):
            close = self.index.find("\\)", i + 2)
            if close != -1:
                self.out.append(Inline(InlineKind.MATH, i, close + 2))
                return close + 2
        return i + 2 if i + 1 < self.n and self.s[i + 1] in _ESCAPABLE else i + 1

    def _code(self, i: int) -> int:
        """A run of n backticks opens a code span closed by the next run of exactly n (CommonMark);
        without one the run is literal."""
        starts, ends, by_length = self._backtick_runs()
        k = bisect_left(starts, i + 1) - 1  # the run holding column i (i may follow an escape)
        run_end = ends[k]
        candidates = by_length.get(run_end - i, [])
        c = bisect_left(candidates, run_end)
        if c == len(candidates):
            return run_end
        end = candidates[c] + run_end - i
        self.out.append(Inline(InlineKind.CODE, i, end))
        return end

    def _backtick_runs(self) -> tuple[list[int], list[int], dict[int, list[int]]]:
        if self._runs is None:
            starts: list[int] = []
            ends: list[int] = []
            by_length: dict[int, list[int]] = {}
            for match in _BACKTICKS.finditer(self.s):
                starts.append(match.start())
                ends.append(match.end())
                by_length.setdefault(match.end() - match.start(), []).append(match.start())
            self._runs = (starts, ends, by_length)
        return self._runs

    def _dollar(self, i: int) -> int:
        """`$…$` as Obsidian (and Pandoc) read it: no space just inside either dollar and no digit
        right after the closing one, so prices like "$5 and $10" or "$5/$10" stay text; `$$…$$`
        on one line too."""
        s = self.s
        if s.startswith("$$", i):
            close = self.index.find("$$", i + 2)
            if close > i + 2:
                self.out.append(Inline(InlineKind.MATH, i, close + 2))
                return close + 2
            return i + 2
        if i + 1 < self.n and not s[i + 1].isspace():
            close = self.index.next_char("$", i + 1)
            if close > i + 1 and not s[close - 1].isspace() and not s[close + 1 : close + 2].isdigit():
                self.out.append(Inline(InlineKind.MATH, i, close + 1))
                return close + 1
        return i + 1

    # Autolinks and HTML

    def _angle(self, i: int) -> int:
        s = self.s
        match = _AUTOLINK.match(s, i)
        if match:
            self.out.append(
                Inline(
                    InlineKind.AUTOLINK,
                    i,
                    match.end(),
                    target=match.group(1),
                    target_start=i + 1,
                    target_end=match.end() - 1,
                )
            )
            return match.end()
        match = _EMAIL.match(s, i) or _CLOSE_TAG.match(s, i)
        if match:
            return match.end()
        if s.startswith("<!--", i):
            close = self.index.find("-->", i + 4)
            return close + 3 if close != -1 else i + 1
        return self._tag(i)

    def _tag(self, i: int) -> int:
        """An open tag; reported when it has an href or src, skipped whole either way so nothing
        inside its attributes is read as Markdown."""
        s, index = self.s, self.index
        match = _OPEN_TAG.match(s, i)
        if match is None:
            return i + 1
        j, target = match.end(), None
        while True:
            k = index.skip_space(j)
            if s.startswith(">", k) or s.startswith("/>", k):
                end = k + (1 if s[k] == ">" else 2)
                break
            name = _ATTRIBUTE.match(s, k) if k > j else None
            if name is None:
                return i + 1
            j = name.end()
            k = index.skip_space(j)
            if not s.startswith("=", k):
                continue
            v = index.skip_space(k + 1)
            if v < self.n and s[v] in "\"'":
                close = index.next_char(s[v], v + 1, raw=True)
                if close == -1:
                    return i + 1
                value, j = (v + 1, close), close + 1
            else:
                unquoted = _UNQUOTED.match(s, v)
                if unquoted is None:
                    return i + 1
                value, j = unquoted.span(), unquoted.end()
            if target is None and name.group(0).lower() in _LINK_ATTRIBUTES:
                target = value
        if target is not None:
            self.out.append(
                Inline(
                    InlineKind.HTML,
                    i,
                    end,
                    target=s[target[0] : target[1]],
                    target_start=target[0],
                    target_end=target[1],
                )
            )
        return end

    # Brackets: wikilinks, links, images

    def _bang(self, i: int) -> int:
        if self.s.startswith("![[", i):
            end = self._wikilink(i, i + 3, InlineKind.EMBED)
            if end != -1:
                return end
        if self.s.startswith("![", i):
            self.openers.append((i, True))
            return i + 2
        return i + 1

    def _open_bracket(self, i: int) -> int:
        if self.s.startswith("[[", i):
            # In a run of `[`, only the last two can open a wikilink (it holds no brackets).
            run_end = self.index.find("[^[]", i, _NOT_BRACKET)
            run_end = self.n if run_end == -1 else run_end
            if run_end > i + 2:
                self.openers.extend((column, False) for column in range(i, run_end - 2))
                return run_end - 2
            end = self._wikilink(i, i + 2, InlineKind.WIKILINK)
            if end != -1:
                return end
        self.openers.append((i, False))
        return i + 1

    def _wikilink(self, start: int, inner: int, kind: InlineKind) -> int:
        """`[[note#heading|alias]]` (Obsidian): no brackets inside; `\\|` is the pipe escaped for tables."""
        s, index = self.s, self.index
        close = index.find("]]", inner)
        if close == -1 or not s[inner:close].strip():
            return -1
        for bracket in "[]":
            found = index.next_char(bracket, inner, raw=True)
            if found != -1 and found < close:
                return -1
        pipe = index.next_char("|", inner, raw=True)
        if pipe == -1 or pipe > close:
            target_end, text_start = close, -1
        else:
            target_end = pipe - 1 if s[pipe - 1] == "\\" else pipe
            text_start = pipe + 1
        text = s[text_start:close] if text_start != -1 else ""
        self.out.append(
            Inline(
                kind,
                start,
                close + 2,
                text=text,
                target=s[inner:target_end],
                target_start=inner,
                target_end=target_end,
                text_start=text_start,
                text_end=close if text_start != -1 else -1,
            )
        )
        return close + 2

    def _close_bracket(self, i: int) -> int:
        if not self.openers:
            return i + 1
        column, image = self.openers.pop()
        if not image and column < self.link_floor:
            return i + 1
        if not self.s.startswith("(", i + 1):
            return i + 1
        destination = _destination(self.index, i + 2)
        if destination is None:
            return i + 1
        target_start, target_end, close = destination
        inner: list[Inline] = []
        while self.out and self.out[-1].start >= column:
            inner.append(self.out.pop())
        text_start = column + (2 if image else 1)
        self.out.append(
            Inline(
                InlineKind.IMAGE if image else InlineKind.LINK,
                column,
                close + 1,
                text=self.s[text_start:i],
                target=self.s[target_start:target_end],
                target_start=target_start,
                target_end=target_end,
                text_start=text_start,
                text_end=i,
                inner=tuple(reversed(inner)),
            )
        )
        if not image:
            self.link_floor = column
        return close + 1


def _destination(index: _Index, start: int) -> tuple[int, int, int] | None:
    """`dest "title")` from `start` (just after `(`): the destination's columns and the `)`'s."""
    parsed = _destination_and_title(index, start)
    if parsed is not None:
        target_start, target_end, after = parsed
        close = index.skip_space(after)
        if index.s.startswith(")", close):
            return target_start, target_end, close
    return _spaced_destination(index, start)


_MAX_SPACED = 2048


def _spaced_destination(index: _Index, start: int) -> tuple[int, int, int] | None:
    """Python-Markdown, which renders the pages, also takes a destination with spaces in it
    (`![a](images/my pic.png "t")`): everything up to the balancing `)`, less a quoted title."""
    close = index.paren_close(start)
    if close == -1:
        return None
    content = index.s[start:close]
    body = content.rstrip()
    if body[-1:] in ("'", '"'):
        opening = max(
            body.rfind(" " + body[-1], 0, len(body) - 1), body.rfind("\t" + body[-1], 0, len(body) - 1)
        )
        if opening != -1:
            body = body[:opening]
    stripped = body.strip()
    if not stripped or stripped.startswith("<"):
        return None
    target_start = start + body.index(stripped[0])
    return target_start, target_start + len(stripped), close


def _destination_and_title(index: _Index, start: int) -> tuple[int, int, int] | None:
    """The destination's columns and the column after it and its optional title."""
    s = index.s
    begin = index.skip_space(start)
    parsed = _bare_destination(index, begin)
    if parsed is None:
        return None
    target_start, target_end, after = parsed
    gap = index.skip_space(after)
    if gap == after or gap == index.n or s[gap] not in "\"'(":
        return target_start, target_end, after
    closing = ")" if s[gap] == "(" else s[gap]
    close = index.next_char(closing, gap + 1)
    if close == -1:
        return None
    if closing == ")":
        opening = index.next_char("(", gap + 1)
        if opening != -1 and opening < close:
            return None
    return target_start, target_end, close + 1


def _bare_destination(index: _Index, begin: int) -> tuple[int, int, int] | None:
    """`<any text>` or a run without spaces whose parentheses balance (CommonMark)."""
    s = index.s
    if s.startswith("<", begin):
        close = index.next_char(">", begin + 1)
        opening = index.next_char("<", begin + 1)
        if close == -1 or (opening != -1 and opening < close):
            return None
        return begin + 1, close, close + 1
    space = index.next_space(begin)
    paren = index.paren_close(begin)
    end = space if paren == -1 else min(space, paren)
    if end != paren and index.depth_at(end) != index.depth_at(begin):
        return None  # a `(` in the destination is never closed
    return begin, end, end


def _definition(index: _Index) -> Inline | None:
    """`[id]: dest "title"` filling the whole line; `[^1]: …` is a footnote, not a definition."""
    s = index.s
    match = _DEFINITION_START.match(s)
    if match is None:
        return None
    label_start = match.end()
    if index.find("]:", label_start) == -1:
        return None  # the common case, answered without indexing every bracket of the line
    close = index.next_char("]", label_start)
    opening = index.next_char("[", label_start)
    if close == -1 or (opening != -1 and opening < close) or not s.startswith(":", close + 1):
        return None
    label = s[label_start:close]
    if not label.strip() or label.startswith("^"):
        return None
    begin = index.skip_space(close + 2)
    if begin == index.n:
        return None
    parsed = _bare_definition_target(index, begin)
    if parsed is None:
        return None
    target_start, target_end, after = parsed
    if index.skip_space(after) != index.n:
        return None
    return Inline(
        InlineKind.DEFINITION,
        0,
        index.n,
        text=label,
        target=s[target_start:target_end],
        target_start=target_start,
        target_end=target_end,
        text_start=label_start,
        text_end=close,
    )


def _bare_definition_target(index: _Index, begin: int) -> tuple[int, int, int] | None:
    parsed = _destination_and_title(index, begin)
    if parsed is None or parsed[0] == parsed[1]:
        return None
    return parsed


# --- Line shapes read from the scan: strong emphasis, list items, table cells -----------------

# Constructs whose whole extent is literal to emphasis; of a link or image only the target is.
_OPAQUE = frozenset({
    InlineKind.CODE, InlineKind.MATH, InlineKind.AUTOLINK, InlineKind.HTML,
    InlineKind.WIKILINK, InlineKind.EMBED,
})  # fmt: skip


@dataclass(frozen=True)
class Strong:
    """`**text**` or `__text__`: columns of the whole run and of the text between the delimiters."""

    start: int
    end: int
    delimiter: str  # "**" or "__"

    @property
    def text_start(self) -> int:
        return self.start + 2

    @property
    def text_end(self) -> int:
        return self.end - 2


def opaque_spans(inlines: Sequence[Inline]) -> list[tuple[int, int]]:
    """Columns no Markdown emphasis or pipe can come from: code, math, HTML, autolinks, wikilinks,
    and the targets of links, images and definitions; in order of their start."""
    spans = []
    for inline in (each for outer in inlines for each in (outer, *outer.inner)):
        if inline.kind in _OPAQUE:
            spans.append((inline.start, inline.end))
        elif inline.target_start != -1:
            spans.append((inline.target_start, inline.target_end))
    return sorted(spans)


def strong_spans(line: str, inlines: Sequence[Inline] | None = None) -> list[Strong]:
    """Strong emphasis in `line`, outside the opaque parts of its `inlines` (scanned when not given).

    Delimiters pair left to right with the next one of the same kind, as Python-Markdown's
    strong pattern (non-greedy) does; an opener followed by a space or a closer after one is
    literal. One pass over the delimiter positions: linear in the line.
    """
    if "**" not in line and "__" not in line:
        return []  # most lines
    masks = opaque_spans(scan_inline(line) if inlines is None else inlines)
    starts = [start for start, _ in masks]

    def masked(column: int) -> bool:
        k = bisect_left(starts, column + 1) - 1
        return k >= 0 and masks[k][1] > column

    found: list[Strong] = []
    for delimiter in ("**", "__"):
        opener = -1
        i = line.find(delimiter)
        while i != -1:
            if masks and (masked(i) or masked(i + 1)):
                i = line.find(delimiter, i + 1)
                continue
            if opener == -1:
                if i + 2 < len(line) and not line[i + 2].isspace():
                    opener = i
            elif i > opener + 2 and not line[i - 1].isspace():
                found.append(Strong(opener, i + 2, delimiter))
                opener = -1
            i = line.find(delimiter, i + 2)
    # A `__` run inside a `**` one (or the reverse) cannot both be strong: the first to open wins.
    found.sort(key=lambda strong: strong.start)
    kept: list[Strong] = []
    for strong in found:
        if not kept or strong.start >= kept[-1].end or strong.end <= kept[-1].end:
            kept.append(strong)
    return kept


@dataclass(frozen=True)
class ListItem:
    """A list item's line: `- text`, `* text`, `+ text`, `1. text` or `1) text`."""

    indent: int  # characters of whitespace before the marker
    marker: str
    content: int  # column where the item's text starts


def list_item(line: str) -> ListItem | None:
    """The list item `line` starts, or None; the marker must be followed by whitespace."""
    indent = len(line) - len(line.lstrip())
    i = indent
    if line[i : i + 1] in ("-", "*", "+") and i < len(line):
        end = i + 1
    else:
        end = i
        while end < len(line) and end - i < 10 and line[end].isdecimal():
            end += 1
        if end == i or end - i > 9 or line[end : end + 1] not in (".", ")") or end == len(line):
            return None
        end += 1
    if end >= len(line) or not line[end].isspace():
        return None
    content = len(line) - len(line[end:].lstrip())
    return ListItem(indent, line[i:end], content)


def table_cells(line: str, inlines: Sequence[Inline] | None = None) -> list[str]:
    """A table row's cells as Python-Markdown's tables split it: at each `|` that is neither
    escaped nor inside code; outer pipes dropped, each cell stripped, `\\|` read as `|`."""
    masks = opaque_spans(
        [i for i in (scan_inline(line) if inlines is None else inlines) if i.kind is InlineKind.CODE]
    )
    cells, start, k = [], 0, 0
    i = line.find("|")
    while i != -1:
        while k < len(masks) and masks[k][1] <= i:
            k += 1
        inside = k < len(masks) and masks[k][0] <= i
        if not inside and not (i > 0 and line[i - 1] == "\\"):
            cells.append(line[start:i])
            start = i + 1
        i = line.find("|", i + 1)
    cells.append(line[start:])
    cells = [cell.strip().replace("\\|", "|") for cell in cells]
    if cells and not cells[0]:
        cells = cells[1:]
    if cells and not cells[-1]:
        cells = cells[:-1]
    return cells
