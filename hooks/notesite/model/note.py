"""The typed model of one study note: what the parser produces and everything else reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from notesite.model.diagnostics import Diagnostic
from notesite.model.inline import Inline


@dataclass(frozen=True, slots=True)
class LineSpan:
    """Lines of the source file, 1-based and inclusive."""

    start: int
    end: int

    def __contains__(self, line: int) -> bool:
        return self.start <= line <= self.end

    def as_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass(slots=True)
class FrontMatter:
    created: date | None = None
    last_reviewed: date | None = None
    next_review: date | None = None
    review_count: int | None = None
    difficulty: str | None = None
    mastery_level: float | None = None
    tags: list[str] = field(default_factory=list)
    # Keys this project does not interpret, kept so nothing the author wrote is lost.
    extra: dict[str, Any] = field(default_factory=dict)
    span: LineSpan | None = None
    lines: dict[str, int] = field(default_factory=dict)  # top-level key → its line in the file

    def line_of(self, key: str) -> int:
        """Where `key` is written (the front matter's first line when it cannot be told)."""
        return self.lines.get(key) or (self.span.start if self.span else 1)

    def as_json(self) -> dict[str, Any]:
        typed = {
            "created": self.created,
            "last_reviewed": self.last_reviewed,
            "next_review": self.next_review,
            "review_count": self.review_count,
            "difficulty": self.difficulty,
            "mastery_level": self.mastery_level,
            "tags": self.tags,
        }
        merged = {**self.extra, **{k: v for k, v in typed.items() if v not in (None, [])}}
        return {k: v.isoformat() if isinstance(v, date) else v for k, v in merged.items()}


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST = "list"
    TABLE = "table"
    FENCE = "fence"
    HTML = "html"
    RULE = "rule"


@dataclass(slots=True)
class Block:
    kind: BlockKind
    span: LineSpan
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True, slots=True)
class Callout:
    """Obsidian's `> [!type]± Title`: a block quote that shows as a titled, maybe folded box."""

    line: int  # the marker line
    end: int  # its last line (nested callouts end at or before it)
    depth: int  # the `>` marks before the marker: 1 for a callout at the top of its quote
    kind: str  # Material's admonition type the written one maps to
    title: str  # as written after the marker, else the written type as Obsidian shows it
    fold: str  # "" open, "-" folded, "+" foldable and open


@dataclass(slots=True)
class Heading:
    level: int
    text: str  # as written, without the leading hashes
    number: str | None  # "1.1", "一", "3" — the author's numbering, if any
    label: str  # the text without its number
    line: int
    title: str = ""  # the text as plain words, for navigation, <title> and cards


@dataclass(slots=True)
class Section:
    heading: Heading
    span: LineSpan  # from the heading line to the section's last line
    blocks: list[Block]  # the section's own blocks, before its first subsection
    children: list[Section] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.heading.title

    def walk(self) -> list[Section]:
        return [self, *(s for child in self.children for s in child.walk())]

    def all_blocks(self) -> list[Block]:
        return [*self.blocks, *(b for child in self.children for b in child.all_blocks())]


@dataclass(slots=True)
class Reference:
    number: int
    raw: str
    span: LineSpan
    source: str | None = None
    domain: str | None = None
    title: str | None = None
    description: str | None = None
    url: str | None = None
    column: int = 0  # where `raw` starts in its first line, after the entry's number or bullet

    @property
    def line(self) -> int:
        return self.span.start


@dataclass(frozen=True, slots=True)
class Citation:
    numbers: tuple[int, ...]
    text: str  # as written, e.g. "[2][4]" or "[1-3]"
    line: int
    column: int  # 0-based offset of the citation in its line
    # Numbers it names that the reference list lacks, as (low, high) ranges; the parser warns once.
    missing: tuple[tuple[int, int], ...] = ()


@dataclass(slots=True)
class Note:
    path: str  # relative to the docs folder, e.g. "notes/guide.md"
    lines: list[str]  # the whole source, one entry per line, without line endings
    front_matter: FrontMatter
    title: str
    title_line: int | None
    lead: list[Block]  # what stands between the H1 and the first H2
    sections: list[Section]  # the H2 sections, in order, each with its H3 children
    references: list[Reference] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)  # in reading order
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Where the body starts: the first line after the front matter.
    body_start: int = 1
    # The heading level that starts a page: 2, or 1 in notes that use `#` for chapters.
    section_level: int = 2
    # Where the title came from: "front matter", "heading" or "file name".
    titled_by: str = "file name"
    # "zh" or "en", from the title and first lines: the language of the words pages add.
    language: str = "en"
    # Inline constructs of each body line outside fenced code (source line number → constructs),
    # scanned once by the parser so nothing else re-reads lines for links, code or math.
    inlines: dict[int, list[Inline]] = field(default_factory=dict)
    # Obsidian callouts, by marker line, outer before inner.
    callouts: dict[int, Callout] = field(default_factory=dict)
    # Footnote definitions (`[^label]: …` and the indented lines that continue it), by label.
    footnotes: dict[str, LineSpan] = field(default_factory=dict)
    # Obsidian `%%comments%%`: source line → hidden columns [start, end), never published.
    comments: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    # Tags written in the text (`#数据库`, `#面试/高频`), in order of first use.
    inline_tags: list[str] = field(default_factory=list)
    # Formulas written over several lines between `$$` lines: first line → their lines.
    math_blocks: dict[int, LineSpan] = field(default_factory=dict)
    # Obsidian block ids (`^id` ending a paragraph or list item) → their line, the first of each.
    block_ids: dict[str, int] = field(default_factory=dict)

    @property
    def tags(self) -> list[str]:
        """The front matter's tags, then those written in the text."""
        return list(dict.fromkeys([*self.front_matter.tags, *self.inline_tags]))

    def blocks(self) -> list[Block]:
        """Every block of the note, in source order (headings of sections excluded)."""
        return [*self.lead, *(b for section in self.sections for b in section.all_blocks())]

    def source(self, span: LineSpan) -> list[str]:
        return self.lines[span.start - 1 : span.end]
