"""Bold-labelled groups inside a section: `**定义**：…`, then list items such as `- **需求量级**：…`.

Notes lay out parallel material as a bold label followed by a list; comparisons and the timeline
read that shape from here instead of each matching Markdown on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from notesite.note import Block, BlockKind, Section

_LIST_MARKER = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])\s+(.*)$")
# "**label**：text", "**label**（aside）：", "**label：**" or a line that is only "**label**".
_LABEL = re.compile(
    r"^\*\*(?P<label>[^*]+?)\*\*\s*(?P<aside>[（(][^）)]*[）)])?\s*(?:[：:]\s*(?P<text>.*)|$)"
)
# An item's key: "**需求量级**：…" or a short plain "推理优化：…" (no sentence punctuation in it).
_BOLD_KEY = re.compile(r"^\*\*(?P<key>[^*]+?)\*\*\s*[：:]\s*(?P<value>.*)$")
_PLAIN_KEY = re.compile(r"^(?P<key>[^：:。，,；;!?！？*]{1,40}?)\s*[：:]\s*(?P<value>.*)$")
_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*$")


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


def split_key(text: str) -> tuple[str | None, str]:
    """("需求量级", "极高") for "**需求量级**：极高"; (None, text) when the item has no key."""
    match = _BOLD_KEY.match(text) or _PLAIN_KEY.match(text)
    if not match or _URL_SCHEME.match(match.group("key")) and text[match.end("key") :].startswith(":/"):
        return None, text
    return match.group("key").strip().strip("*"), match.group("value").strip()


def _item(text: str, line: int) -> Item:
    key, value = split_key(text)
    return Item(text, key, value, line)


def labelled_groups(section: Section) -> list[LabelledGroup]:
    """The section's own groups in order (not its subsections'), each with its list items."""
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
            current = _read_line(groups, current, line, number)
    return groups


def _read_line(
    groups: list[LabelledGroup], current: LabelledGroup | None, line: str, number: int
) -> LabelledGroup | None:
    """Add one line to the groups; returns the group that following items belong to."""
    marker = _LIST_MARKER.match(line)
    if marker and not marker.group(1):
        if current is None:
            current = LabelledGroup(None, "", number, number)
            groups.append(current)
        current.items.append(_item(marker.group(2).strip(), number))
        current.end = number
        return current
    if (marker or line[:1].isspace()) and current is not None and current.items:
        # A nested item or a continuation line belongs to the item above it.
        last = current.items[-1]
        extra = (marker.group(2) if marker else line).strip()
        current.items[-1] = _item(f"{last.text} {extra}".strip(), last.line)
        current.end = number
        return current
    label = _LABEL.match(line.strip())
    if label:
        text = " ".join(part for part in (label.group("aside"), label.group("text")) if part)
        name = label.group("label").strip().rstrip("：:").strip()
        group = LabelledGroup(name, text.strip(), number, number)
        groups.append(group)
        return group
    # Prose between groups ends the current one: items after it are not the label's.
    return None
