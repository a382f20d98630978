"""Split Markdown lines into blocks the way Python-Markdown reads them with mkdocs.yml's extensions.

The pages are rendered by Python-Markdown with pymdownx.superfences and md_in_html, so a note's
sections are exactly the headings it renders at the top level of the document. This module
follows its three stages, in its order:

1. fences, as pymdownx.superfences finds them (at any indent, closed by the same fence at the
   opener's indent; an opener whose info string it rejects, or a fence it never sees closed,
   is no fence at all);
2. raw HTML blocks, as md_in_html finds them (a block-level tag within three spaces of the line
   start runs, blank lines and all, to its matching closing tag; `<div markdown>` too, whose
   headings stay inside the `<div>`);
3. the block processors, on the chunks between blank lines: a line starting with `#` is a
   heading anywhere in a chunk; a setext underline makes one only under a chunk's first line; a
   chunk indented four spaces after a list (or admonition, definition, footnote) belongs to it.

Every step scans each line a bounded number of times: no pattern here can backtrack.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from notesite.model.inline import tag_name
from notesite.model.note import Block, BlockKind, LineSpan

TAB_LENGTH = 4
# markdown.util.BLOCK_LEVEL_ELEMENTS (Python-Markdown 3.x): tags that start a raw HTML block.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
    "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul", "canvas", "colgroup", "dd",
    "body", "dt", "group", "html", "iframe", "li", "legend", "math", "map", "noscript", "output",
    "object", "option", "progress", "script", "style", "summary", "tbody", "td", "textarea",
    "tfoot", "th", "thead", "tr", "video", "center",
})  # fmt: skip
RAW_TEXT_TAGS = ("script", "style")  # html.parser reads their content as text, not tags
# For render/body.py's heading lines; linear, since `(.*)$` takes the rest of any line.
ATX_HEADING = re.compile(r"^(#{1,6})[ \t]*(.*)$")
_HL_LINE = re.compile(r"\d+(?:-\d+)?")
_FENCE_OPTIONS = ("title", "title_mode", "hl_lines", "linenums")


def _normal(line: str) -> str:
    """Python-Markdown expands tabs and empties whitespace-only lines before anything else."""
    expanded = line.expandtabs(TAB_LENGTH) if "\t" in line else line
    return expanded if expanded.strip() else ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


# --- headings ------------------------------------------------------------------------------


def atx_heading(line: str) -> tuple[int, str] | None:
    """(level, text) as Python-Markdown reads `## text ##`: hashes at the very start of the line,
    no space needed after them, a closing run of unescaped `#` dropped."""
    line = _normal(line)
    if not line.startswith("#"):
        return None
    if tag_name(line, 0):
        return None  # `#rough` is a tag in Obsidian and text in CommonMark: the renderer keeps it so
    level = min(len(line) - len(line.lstrip("#")), 6)
    content = line[level:]
    escaped_hash = set()  # positions of `#` written as `\#`
    index = content.find("\\")  # from backslash to backslash: a heading may be a megabyte long
    while index != -1:
        if index + 1 == len(content):
            return None  # its pattern cannot consume a backslash that ends the line
        if content[index + 1] == "#":
            escaped_hash.add(index + 1)
        index = content.find("\\", index + 2)
    end = len(content)
    while end and content[end - 1] == "#" and end - 1 not in escaped_hash:
        end -= 1
    return level, content[:end].strip()


def setext_underline(line: str) -> int:
    """1 for `===`, 2 for `---` (no indent, trailing spaces allowed), 0 for anything else."""
    mark = _normal(line).rstrip(" ")
    if mark and mark[0] in "=-" and mark == mark[0] * len(mark):
        return 1 if mark[0] == "=" else 2
    return 0


def heading_of(block: Block) -> tuple[int, str]:
    """(level, text) of a HEADING block: one ATX line, or a setext title and its underline."""
    if len(block.lines) == 2:
        return setext_underline(block.lines[1]), block.lines[0].strip()
    found = atx_heading(block.lines[0])
    return found if found else (0, "")


def heading_level(line: str) -> int:
    found = atx_heading(line)
    return found[0] if found else 0


def heading_text(line: str) -> str:
    found = atx_heading(line)
    return found[1] if found else ""


# --- stage 1: fences -------------------------------------------------------------------------


def _prefix(line: str) -> int:
    """Length of the leading spaces and `>` marks superfences allows before a fence."""
    return len(line) - len(line.lstrip(" >"))


def fence_opener(line: str) -> str | None:
    """The fence (a run of three or more backticks or tildes) `line` opens, or None."""
    line = _normal(line)
    rest = line[_prefix(line) :]
    if not rest.startswith(("```", "~~~")):
        return None
    run = len(rest) - len(rest.lstrip(rest[0]))
    return rest[:run] if _info_accepted(rest[run:].rstrip(" \t")) else None


def fence_language(line: str) -> str:
    """The language a fence opener names (`python` of ```` ```python title="x" ````), lower-cased."""
    fence = fence_opener(line)
    if fence is None:
        return ""
    line = _normal(line)
    info = line[_prefix(line) + len(fence) :].strip(" \t")
    return info.split(None, 1)[0].lstrip(".").lower() if info else ""


def _info_accepted(info: str) -> bool:
    """Whether superfences takes this info string: a language, then `{attributes}` or options it
    knows (title, hl_lines, linenums); anything else, such as a backtick, makes no fence."""
    start = len(info) - len(info.lstrip(" \t"))
    name = start + (1 if info.startswith(".", start) else 0)
    end = name
    while end < len(info) and (info[end].isalnum() or info[end] in "_#.+-"):
        end += 1
    if end > name and (end == len(info) or info[end] in " \t") and _options_accepted(info[end:]):
        return True
    return _options_accepted(info)


def _options_accepted(text: str) -> bool:
    text = text.strip(" \t")
    if not text or (text.startswith("{") and text.endswith("}")):
        return True
    index = 0
    while index < len(text):
        start = index
        if not (text[index].isascii() and text[index].isalpha()):
            return False
        while index < len(text) and text[index].isascii() and (text[index].isalnum() or text[index] == "_"):
            index += 1
        key, value = text[start:index], None
        if text.startswith(('="', "='"), index):
            quote, close = text[index + 1], index + 2
            while True:
                close = text.find(quote, close)
                if close == -1:
                    return False
                if close + 1 == len(text) or text[close + 1] in " \t":
                    break
                close += 1
            value, index = text[index + 2 : close], close + 1
        if index < len(text) and text[index] not in " \t":
            return False
        if not _option_valid(key, value):
            return False
        while index < len(text) and text[index] in " \t":
            index += 1
    return True


def _option_valid(key: str, value: str | None) -> bool:
    """pymdownx.highlight's validator: other keys become attributes, which a fence may not have."""
    if key in ("title", "title_mode"):
        return True
    if key == "hl_lines" and value:
        return all(_HL_LINE.fullmatch(part) for part in re.split(r"[ \t]+", value))
    return key == "linenums" and value is not None and value[:1].isdigit()


@dataclass
class _OpenFence:
    start: int
    fence: str
    width: int  # the opener's prefix: content lines must keep it
    quotes: int  # `>` marks in that prefix


def _fence_spans(shown: list[str]) -> dict[int, int]:
    """First line → last line of each fence superfences stashes (closed ones only), in the
    lines as Python-Markdown sees them (`_normal`)."""
    spans: dict[int, int] = {}
    open_fence: _OpenFence | None = None
    for index, line in enumerate(shown):
        if open_fence is None:
            fence = fence_opener(line)
            if fence:
                width = _prefix(line)
                open_fence = _OpenFence(index, fence, width, line[:width].count(">"))
            continue
        width = min(_prefix(line), open_fence.width)
        prefix, content = line[:width], line[width:]
        quotes = prefix.count(">")
        closes = content.rstrip(" \t") == open_fence.fence
        if open_fence.quotes:
            if quotes > open_fence.quotes or (content and width < open_fence.width):
                open_fence = None
            elif content and closes:
                spans[open_fence.start], open_fence = index, None
        elif quotes:
            open_fence = None
        elif not line:
            continue
        elif width != open_fence.width:
            open_fence = None  # a line less indented than the opener: no fence after all
        elif closes and not content.startswith(" "):
            spans[open_fence.start], open_fence = index, None
    return spans


# --- stage 2: raw HTML blocks -----------------------------------------------------------------


class _Html:
    """The note as one text (stashed fences blanked out), scanned for tags once, left to right."""

    def __init__(self, shown: list[str], fences: dict[int, int]):
        shown = list(shown)
        for start, end in fences.items():
            shown[start : end + 1] = [""] * (end + 1 - start)
        self.text = "\n".join(shown)
        self.lower = self.text.lower()
        self.line_starts = [0]
        for line in shown[:-1]:
            self.line_starts.append(self.line_starts[-1] + len(line) + 1)
        self.next_gt = -2  # cache of the next `>` at or after the last search, -1 when none

    def line_of(self, offset: int) -> int:
        return bisect_left(self.line_starts, offset + 1) - 1

    def gt_after(self, offset: int) -> int:
        if self.next_gt == -1 or (self.next_gt >= offset):
            return self.next_gt
        self.next_gt = self.text.find(">", offset)
        return self.next_gt

    def tag_name(self, offset: int) -> str:
        """The tag name after `<` or `</` at `offset` (html.parser's reading), lower-cased."""
        start = offset + (2 if self.text.startswith("</", offset) else 1)
        end = start
        if end < len(self.text) and self.text[end].isascii() and self.text[end].isalpha():
            while end < len(self.text) and self.text[end] not in "\t\n\r\f />\x00":
                end += 1
        return self.lower[start:end]

    def block_start(self, offset: int) -> bool:
        if self.text.startswith("<!--", offset):
            return self.text.find("-->", offset + 4) != -1
        name = self.tag_name(offset)
        return name.rstrip("/") in BLOCK_TAGS and self.gt_after(offset) != -1

    def end_of_block(self, offset: int) -> int:
        """Line where the raw block opening at `offset` ends (the last line if it never does)."""
        last = len(self.line_starts) - 1
        stack: list[str] = []
        open_tags: dict[str, int] = {}  # how often each name is on the stack
        position = offset
        while True:
            lt = self.text.find("<", position)
            if lt == -1:
                return last
            if self.text.startswith("<!--", lt):
                close = self.text.find("-->", lt + 4)
                if close == -1:
                    return last
                position = close + 3
            elif self.text.startswith(("<!", "<?"), lt) or not self.tag_name(lt):
                gt = self.gt_after(lt + 1) if self.text.startswith(("<!", "<?"), lt) else lt
                if gt == -1:
                    return last
                position = gt + 1
                continue
            else:
                gt = self.gt_after(lt)
                if gt == -1:
                    return last
                name, position = self.tag_name(lt), gt + 1
                if self.text.startswith("</", lt):
                    while open_tags.get(name):  # pops up to the matching tag
                        popped = stack.pop()
                        open_tags[popped] -= 1
                        if popped == name:
                            break
                elif self.text[gt - 1] != "/" and name != "hr":
                    stack.append(name)
                    open_tags[name] = open_tags.get(name, 0) + 1
                    if name in RAW_TEXT_TAGS:
                        close = self.lower.find(f"</{name}", position)
                        if close == -1:
                            return last
                        position = close
            if stack:
                continue
            # The block ends here unless another block-level tag follows on the same line.
            line = self.line_of(position - 1)
            line_end = self.line_starts[line + 1] - 1 if line < last else len(self.text)
            following = self.text.find("<", position, line_end)
            if following == -1 or not self.block_start(following):
                return line
            position = following


def _html_spans(shown: list[str], fences: dict[int, int]) -> dict[int, int]:
    """First line → last line of each raw HTML block md_in_html stashes (in `_normal` lines)."""
    spans: dict[int, int] = {}
    html: _Html | None = None
    index = 0
    while index < len(shown):
        if index in fences:
            index = fences[index] + 1
            continue
        line = shown[index]
        column = _indent(line)
        if column <= 3 and line.startswith("<", column):
            html = html or _Html(shown, fences)
            offset = html.line_starts[index] + column
            if html.block_start(offset):
                spans[index] = max(index, html.end_of_block(offset))
                index = spans[index] + 1
                continue
        index += 1
    return spans


# --- stage 3: block processors on chunks -------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    """A line, or a whole stashed fence (which the block processors see as one line)."""

    first: int
    last: int
    text: str  # the line as the block processors see it


def _is_rule(text: str) -> bool:
    """Python-Markdown's rule: three or more of one of `-*_`, gaps of at most two spaces."""
    if _indent(text) > 3:
        return False
    body = text.strip(" ")
    if not body or body[0] not in "-*_" or body.replace(body[0], "").replace(" ", ""):
        return False
    return body.count(body[0]) >= 3 and "   " not in body


def _is_list_start(text: str) -> bool:
    body = text[_indent(text) :] if _indent(text) <= 3 else ""
    if body[:1] in ("*", "+", "-"):
        return body[1:2] == " "
    digits = len(body) - len(body.lstrip("0123456789"))
    return digits > 0 and body[digits : digits + 2] == ". "


def _list_starts(units: list[_Unit]) -> list[int]:
    """Where a list starts right under a line of text. The renderer puts a blank line there
    (notes write "**标签**：" with the list on the very next line, as CommonMark allows), so
    Python-Markdown sees a chunk of its own; not before a setext underline, which keeps the
    line in its paragraph's chunk."""
    starts = []
    in_list = _is_list_start(units[0].text)
    for index in range(1, len(units)):
        text = units[index].text
        if _is_rule(text) or (text.startswith("#") and atx_heading(text)):
            in_list = False
        elif not in_list and _interrupts(text):
            following = units[index + 1].text if index + 1 < len(units) else ""
            if not setext_underline(following):
                starts.append(index)
                in_list = True
    return starts


def _interrupts(text: str) -> bool:
    """A bullet, or an item numbered 1, with text after it (CommonMark's interrupting items)."""
    body = text[_indent(text) :] if _indent(text) <= 3 else ""
    marker = 1 if body[:1] in ("*", "+", "-") else 2 if body.startswith("1.") else 0
    return marker > 0 and body[marker : marker + 1] == " " and bool(body[marker:].strip())


def _container_start(text: str) -> bool:
    """Admonitions, collapsible details and content tabs hold the indented lines after them."""
    return text.startswith(("!!!", "???", '=== "', '===+ "', '===! "', '===!+ "'))


def _ends_with_pipe(row: str) -> bool:
    """A closing border pipe: one not escaped by a backslash."""
    return row.endswith("|") and (len(row) - 1 - len(row[:-1].rstrip("\\"))) % 2 == 0


def _cells(row: str, border: bool) -> str:
    """The row without its border pipes."""
    if border:
        row = row.removeprefix("|")
        if _ends_with_pipe(row):
            row = row[:-1]
    return row


def _unescaped_pipes(row: str) -> int:
    count, index = 0, 0
    while index < len(row):
        if row[index] == "\\":
            index += 2
            continue
        count += row[index] == "|"
        index += 1
    return count


def _has_border(text: str) -> bool:
    row = text.strip(" ")
    return row.startswith("|") or _ends_with_pipe(row)


def _is_table(units: list[_Unit], low: int, high: int, no_border: list[int]) -> bool:
    """The tables extension's test: a header row and a delimiter row with as many cells; a
    one-column table needs a border pipe on every row (`no_border[i]`: the first row from `i`
    on without one, worked out once per chunk)."""
    if high - low < 2:
        return False
    header, second = units[low].text.strip(" "), units[low + 1].text.strip(" ")
    border = _has_border(header)
    columns = _unescaped_pipes(_cells(header, border)) + 1
    if columns == 1 and (not border or no_border[low + 1] < high):
        return False
    delimiter = _cells(second, border)
    return _unescaped_pipes(delimiter) + 1 == columns and not delimiter.strip("|:- ")


class _Splitter:
    def __init__(self, lines: list[str], first_line: int):
        self.lines = lines
        self.first_line = first_line
        self.shown = [_normal(line) for line in lines]  # as Python-Markdown sees them, once
        self.fences = _fence_spans(self.shown)
        self.html = _html_spans(self.shown, self.fences)
        self.blocks: list[Block] = []
        self.no_border: list[int] = []  # for the chunk being split; see _is_table

    def emit(self, kind: BlockKind, first: int, last: int) -> None:
        span = LineSpan(self.first_line + first, self.first_line + last)
        self.blocks.append(Block(kind, span, self.lines[first : last + 1]))

    def extend_last(self, last: int) -> None:
        """Lines a list or admonition took in: they stay in its block."""
        block = self.blocks[-1]
        first = block.span.start - self.first_line
        self.blocks[-1] = Block(
            block.kind, LineSpan(block.span.start, self.first_line + last), self.lines[first : last + 1]
        )

    def split(self) -> list[Block]:
        container = False
        chunk: list[_Unit] = []
        index = 0
        while index <= len(self.lines):
            if index == len(self.lines) or not self.shown[index] or index in self.html:
                if chunk:
                    container = self.chunk(chunk, container)
                    chunk = []
                if index in self.html:
                    self.emit(BlockKind.HTML, index, self.html[index])
                    container, index = False, self.html[index] + 1
                    continue
                index += 1
                continue
            line = self.shown[index]
            if index in self.fences:
                text = line[: _prefix(line)] + "\x02fence\x03"
                chunk.append(_Unit(index, self.fences[index], text))
                index = self.fences[index] + 1
            else:
                chunk.append(_Unit(index, index, line))
                index += 1
        return self.blocks

    def chunk(self, units: list[_Unit], container: bool) -> bool:
        """Blocks of one chunk; returns whether it ends in something that takes indented chunks."""
        atx = [i for i, unit in enumerate(units) if unit.text.startswith("#") and atx_heading(unit.text)]
        rules = [i for i, unit in enumerate(units) if _is_rule(unit.text)]
        self.no_border = [len(units)] * (len(units) + 1)
        for index in range(len(units) - 1, -1, -1):
            self.no_border[index] = self.no_border[index + 1] if _has_border(units[index].text) else index
        low = 0
        for start in [*_list_starts(units), len(units)]:
            container = self.window(units, low, start, container, atx, rules)
            low = start
        return container

    def window(
        self, units: list[_Unit], low: int, high: int, container: bool, atx: list[int], rules: list[int]
    ) -> bool:
        while low < high:
            first = units[low]
            if _indent(first.text) >= TAB_LENGTH:
                if container:
                    self.extend_last(units[high - 1].last)
                    return True
                code_end = low
                while code_end < high and _indent(units[code_end].text) >= TAB_LENGTH:
                    code_end += 1
                self.emit(BlockKind.PARAGRAPH, first.first, units[code_end - 1].last)
                low, container = code_end, False
                continue
            if _container_start(first.text):
                body_end = low + 1
                while body_end < high and _indent(units[body_end].text) >= TAB_LENGTH:
                    body_end += 1
                self.emit(BlockKind.PARAGRAPH, first.first, units[body_end - 1].last)
                low, container = body_end, True
                continue
            if _is_table(units, low, high, self.no_border):
                self.emit(BlockKind.TABLE, first.first, units[high - 1].last)
                return False
            heading = _next(atx, low, high)
            if heading is not None:
                if heading > low:
                    self.window(units, low, heading, container, atx, rules)
                self.emit(BlockKind.HEADING, units[heading].first, units[heading].last)
                low, container = heading + 1, False
                continue
            if (
                high - low >= 2
                and first.first not in self.fences
                and units[low + 1].first not in self.fences
                and setext_underline(units[low + 1].text)
            ):
                self.emit(BlockKind.HEADING, first.first, units[low + 1].last)
                low, container = low + 2, False
                continue
            rule = _next(rules, low, high)
            if rule is not None:
                if rule > low:
                    self.window(units, low, rule, container, atx, rules)
                self.emit(BlockKind.RULE, units[rule].first, units[rule].last)
                low, container = rule + 1, False
                continue
            if _is_list_start(first.text):
                self.emit(BlockKind.LIST, first.first, units[high - 1].last)
                return True
            return self.paragraph(units[low:high])
        return container

    def paragraph(self, units: list[_Unit]) -> bool:
        """Prose, with its fences as blocks of their own; definitions and footnotes take the
        indented chunks after them, as lists do."""
        start = 0
        for index, unit in enumerate(units):
            if unit.first in self.fences:
                if index > start:
                    self.emit(BlockKind.PARAGRAPH, units[start].first, units[index - 1].last)
                self.emit(BlockKind.FENCE, unit.first, unit.last)
                start = index + 1
        if start < len(units):
            self.emit(BlockKind.PARAGRAPH, units[start].first, units[-1].last)
        return any(_defines(unit.text) for unit in units)


def _defines(text: str) -> bool:
    body = text.lstrip(" ")
    return (_indent(text) <= 3 and body.startswith(":") and body[1:2] == " ") or text.startswith("[^")


def _next(positions: list[int], low: int, high: int) -> int | None:
    found = bisect_left(positions, low)
    return positions[found] if found < len(positions) and positions[found] < high else None


def split_blocks(lines: list[str], first_line: int) -> list[Block]:
    """Blocks of `lines`, whose first entry is source line `first_line`; blank lines are gaps."""
    return read_blocks(lines, first_line)[0]


def read_blocks(lines: list[str], first_line: int) -> tuple[list[Block], set[int]]:
    """`split_blocks`, and from the same pass the source lines inside fenced code, at any
    indent (list items, block quotes) included."""
    splitter = _Splitter(lines, first_line)
    fenced = {first_line + index for start, end in splitter.fences.items() for index in range(start, end + 1)}
    return splitter.split(), fenced


def is_unclosed_fence(block: Block) -> bool:
    """A fence opener that starts a block that is no fence: superfences never saw it closed (or
    saw a line outdented from it), so Python-Markdown shows it as text."""
    return block.kind is not BlockKind.FENCE and fence_opener(block.lines[0]) is not None
