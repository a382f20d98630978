"""Bold-labelled groups inside a section: `**定义**：…`, then list items such as `- **需求量级**：…`.

Notes lay out parallel material as a bold label followed by a list; comparisons and the timeline
read that shape from here instead of each matching Markdown on its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from notesite.model.inline import Inline, Strong, list_item, scan_inline, strong_spans
from notesite.model.note import Block, BlockKind, Section

_COLONS = ("：", ":")
_ASIDE_OPEN = ("（", "(")
_ASIDE_CLOSE = "）)"
# A plain key is short and holds no sentence punctuation: "推理优化：平缓", not "注意，这里：…".
_PLAIN_KEY_LIMIT = 40
_PLAIN_KEY_STOP = re.compile(r"[：:。，,；;!?！？*]")
_ASIDE_START = re.compile(r"[（(]")
_ASIDE_END = re.compile(r"[）)]")
_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")


@dataclass(frozen=True)
class Item:
    text: str  # the item without its list marker; continuation lines joined by a space
    key: str | None  # "需求量级" in "**需求量级**：极高", "推理优化" in "推理优化：平缓"
    value: str  # what follows the key, or the whole text when there is none
    line: int


@dataclass
class LabelledGroup:
    label: str | None  # None for items that have no bold label above them
    text: str  # what follows the label on its own line, e.g. a definition or "（2025年数据参考）"
    line: int
    end: int  # the group's last source line
    items: list[Item] = field(default_factory=list)
    fence: Block | None = None  # a code block right after the label, such as a stage flow

    def cell_lines(self) -> list[str]:
        """The group's content as lines: its text, then one line per item."""
        return [line for line in (self.text, *(item.text for item in self.items)) if line]


def split_key(text: str, strongs: Sequence[Strong] | None = None) -> tuple[str | None, str]:
    """("需求量级", "极高") for "**需求量级**：极高"; (None, text) when the item has no key.

    `strongs` are the text's strong spans (scanned when not given).
    """
    strongs = strong_spans(text) if strongs is None else strongs
    first = strongs[0] if strongs else None
    if first is not None and first.start == 0 and first.delimiter == "**":
        key = text[first.text_start : first.text_end]
        after = _skip_space(text, first.end)
        if "*" not in key and text[after : after + 1] in _COLONS:
            return key.strip(), text[after + 1 :].strip()
    return _plain_key(text)


def _plain_key(text: str) -> tuple[str | None, str]:
    stop = _PLAIN_KEY_STOP.search(text)
    if stop is None or stop.group(0) not in _COLONS or stop.start() == 0:
        return None, text
    colon = stop.start()
    length = max(1, len(text[:colon].rstrip()))
    key = text[:length]
    if length > _PLAIN_KEY_LIMIT or _is_scheme(key) and text.startswith(":/", length):
        return None, text  # too long for a key, or the scheme of a URL such as "https://…"
    return key.strip(), text[colon + 1 :].strip()


def _is_scheme(word: str) -> bool:
    return word[:1].isascii() and word[:1].isalpha() and all(c in _SCHEME_CHARS for c in word)


def label_of(line: str, strongs: Sequence[Strong]) -> tuple[str, str] | None:
    """(label, text) of a label line: "**label**：text", "**label**（aside）：text", "**label：**"
    or a line that is only "**label**"; the text is the aside and what follows the colon."""
    begin, end = len(line) - len(line.lstrip()), len(line.rstrip())
    first = strongs[0] if strongs else None
    if first is None or first.start != begin or first.delimiter != "**":
        return None
    name = line[first.text_start : first.text_end]
    if "*" in name:
        return None
    i, aside = _skip_space(line, first.end), ""
    if i < end and line[i] in _ASIDE_OPEN:
        close = min((c for c in (line.find(mark, i + 1) for mark in _ASIDE_CLOSE) if c != -1), default=-1)
        if close == -1 or close >= end:
            return None
        aside, i = line[i : close + 1], _skip_space(line, close + 1)
    if i >= end:
        text = aside
    elif line[i] in _COLONS:
        text = " ".join(part for part in (aside, line[i + 1 : end].strip()) if part)
    else:
        return None
    return name.strip().rstrip("：:").strip(), text.strip()


def without_asides(text: str) -> str:
    """`text` without its parenthesised asides: "初级阶段（0-2年）" → "初级阶段".

    An aside runs from `（` or `(` to the next `）` or `)`; an opening never closed is kept. One
    pass, where the pattern `[（(][^）)]*[）)]` would rescan the rest of the line at every `(`.
    """
    out, position = [], 0
    while True:
        opening = _ASIDE_START.search(text, position)
        if opening is None:
            break
        closing = _ASIDE_END.search(text, opening.end())
        if closing is None:
            break
        out.append(text[position : opening.start()])
        position = closing.end()
    out.append(text[position:])
    return "".join(out)


def _skip_space(text: str, start: int) -> int:
    return len(text) - len(text[start:].lstrip()) if start < len(text) else len(text)


def labelled_groups(
    section: Section, inlines: Mapping[int, Sequence[Inline]] | None = None
) -> list[LabelledGroup]:
    """The section's own groups in order (not its subsections'), each with its list items.

    `inlines` are the note's scanned lines (`Note.inlines`); lines missing there are scanned.
    """
    groups: list[LabelledGroup] = []
    current: LabelledGroup | None = None
    for block in section.blocks:
        if block.kind is BlockKind.FENCE and current is not None and not current.items:
            current.fence, current.end = block, block.span.end
            current = None
            continue
        if block.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST):
            current = None
            continue
        for number, line in enumerate(block.lines, start=block.span.start):
            scanned = inlines.get(number) if inlines is not None else None
            current = _read_line(groups, current, line, number, scanned)
    return groups


def _read_line(
    groups: list[LabelledGroup],
    current: LabelledGroup | None,
    line: str,
    number: int,
    inlines: Sequence[Inline] | None,
) -> LabelledGroup | None:
    """Add one line to the groups; returns the group that following items belong to."""
    marker = list_item(line)
    strongs = strong_spans(line, scan_inline(line) if inlines is None else inlines)
    if marker and not marker.indent:
        if current is None:
            current = LabelledGroup(None, "", number, number)
            groups.append(current)
        text = line[marker.content :].strip()
        shifted = [_shift(strong, -marker.content) for strong in strongs if strong.start >= marker.content]
        current.items.append(Item(text, *split_key(text, shifted), number))
        current.end = number
        return current
    if (marker or line[:1].isspace()) and current is not None and current.items:
        # A nested item or a continuation line belongs to the item above it.
        last = current.items[-1]
        extra = (line[marker.content :] if marker else line).strip()
        text = f"{last.text} {extra}".strip()
        current.items[-1] = Item(text, *split_key(text), last.line)
        current.end = number
        return current
    label = label_of(line, strongs)
    if label:
        group = LabelledGroup(label[0], label[1], number, number)
        groups.append(group)
        return group
    # Prose between groups ends the current one: items after it are not the label's.
    return None


def _shift(strong: Strong, by: int) -> Strong:
    return Strong(strong.start + by, strong.end + by, strong.delimiter)
