"""Parallel structures in a note, read as side-by-side comparisons of its subjects.

The patterns, each a `ComparisonKind`:

- SECTIONS: sibling sections that differ only by subject ("1.1 A" / "1.2 B", "2.1 A 所需技能" /
  "2.2 B 所需技能"); rows are the bold labels (`**定义**：…`) the siblings have.
- BLOCKS: one bold-labelled list per subject inside a section (`**A 需求**：` then
  `- **需求量级**：…`); rows are the item keys.
- CHECKLISTS: the same, but the items have no keys to align by; rows are the items in order.
- KEYED_BULLETS: bullets keyed by subject under a shared label (`**学习曲线**：` then `- A：…` /
  `- B：…`); rows are the labels.
- TABLE: the note's own Markdown tables whose columns are the subjects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from notesite.analyse.context import NoteContext
from notesite.analyse.groups import LabelledGroup, without_asides
from notesite.analyse.ratings import RangeChart, Rating, cell_ratings, range_chart
from notesite.analyse.subjects import Subject, subject_runs
from notesite.model.inline import Inline, strong_spans
from notesite.model.inline import table_cells as split_cells
from notesite.model.note import Block, BlockKind, LineSpan, Section


class ComparisonKind(StrEnum):
    SECTIONS = "sections"
    BLOCKS = "blocks"
    CHECKLISTS = "checklists"
    KEYED_BULLETS = "keyed-bullets"
    TABLE = "table"


@dataclass
class Row:
    label: str  # as written, e.g. "初级阶段（0-2年）"; "" for checklist rows
    cells: dict[str, str | None]  # per subject, in column order: the text, one line per item
    line: int  # the row's first source line


@dataclass
class Comparison:
    kind: ComparisonKind
    title: str
    subjects: list[str]  # the column headings
    rows: list[Row]
    sections: list[Section]  # where the comparison was read from, for linking back
    span: LineSpan  # the source lines it was read from
    insert_after_line: int  # the line after which a generated table belongs on the section page
    # The numbers of the note's reference list: a bracketed number in a cell is a citation only
    # when it names one, as in the note's prose.
    references: frozenset[int] = field(default_factory=frozenset)
    # Its figures, read once with it: the rating of each cell line that holds one, and the whole
    # comparison as one range chart when every cell is a range in one unit.
    ratings: dict[str, Rating] = field(default_factory=dict)
    chart: RangeChart | None = None


def find_comparisons(context: NoteContext) -> list[Comparison]:
    """Every comparison in the context's note, in source order; empty when it compares nothing."""
    note = context.note
    if len(context.subjects) < 2:
        return []
    found: list[Comparison] = []
    for top in note.sections:
        found.extend(_sibling_sections(top, context))
        for section in top.walk():
            groups = context.groups(section)
            found.extend(_subject_blocks(section, groups, context))
            found.extend(_keyed_bullets(section, groups, context))
            found.extend(_tables(section, context))
    known = frozenset(reference.number for reference in note.references)
    for comparison in found:
        comparison.references = known
        comparison.ratings = cell_ratings(comparison)
        comparison.chart = range_chart(comparison)
    return sorted(found, key=lambda c: c.span.start)


def row_key(label: str) -> str:
    """Labels align without their asides: "初级阶段（0-2年）" and "初级阶段" are one row."""
    return without_asides(label).strip().strip("：:").strip().casefold()


# --- sibling sections ------------------------------------------------------------------------


def _sibling_sections(top: Section, context: NoteContext) -> list[Comparison]:
    found = []
    for run in context.runs(top):
        sections = [section for section, _ in run]
        columns = {subject.name: context.groups(section) for section, subject in run}
        rows = _aligned_rows(
            {
                name: [(g.label, "\n".join(g.cell_lines()), g.line) for g in groups if g.label]
                for name, groups in columns.items()
            }
        )
        if any(sum(cell is not None for cell in row.cells.values()) > 1 for row in rows):
            found.append(
                Comparison(
                    ComparisonKind.SECTIONS,
                    top.heading.label,
                    list(columns),
                    rows,
                    sections,
                    LineSpan(sections[0].span.start, sections[-1].span.end),
                    _last_content_line(sections[-1]),
                )
            )
    return found


# --- blocks within one section ---------------------------------------------------------------


def _subject_blocks(section: Section, groups: list[LabelledGroup], context: NoteContext) -> list[Comparison]:
    """One labelled list per subject: rows by item key when the keys align, else by position."""
    labelled = [g for g in groups if g.label and g.items]
    found = []
    for run in subject_runs(labelled, lambda group: context.match(group.label or "")):
        keyed = all(item.key for group, _ in run for item in group.items)
        rows = (
            _aligned_rows(
                {
                    subject.name: [(item.key or "", item.value, item.line) for item in group.items]
                    for group, subject in run
                }
            )
            if keyed
            else []
        )
        if not any(sum(cell is not None for cell in row.cells.values()) > 1 for row in rows):
            kind, rows = ComparisonKind.CHECKLISTS, _checklist_rows(run)
        else:
            kind = ComparisonKind.BLOCKS
        span = LineSpan(run[0][0].line, run[-1][0].end)
        found.append(
            Comparison(
                kind,
                section.heading.label,
                [s.name for _, s in run],
                rows,
                [section],
                span,
                _last_content_line(section),
            )
        )
    return found


def _checklist_rows(run: list[tuple[LabelledGroup, Subject]]) -> list[Row]:
    depth = max(len(group.items) for group, _ in run)
    rows = []
    for index in range(depth):
        cells = {s.name: g.items[index].text if index < len(g.items) else None for g, s in run}
        line = min(g.items[index].line for g, _ in run if index < len(g.items))
        rows.append(Row("", cells, line))
    return rows


def _keyed_bullets(section: Section, groups: list[LabelledGroup], context: NoteContext) -> list[Comparison]:
    """Labels whose bullets each start with a different subject: one row per label."""
    subjects = context.subjects
    rows: list[Row] = []
    used: list[LabelledGroup] = []
    for group in groups:
        owners = [context.match(item.key or "") for item in group.items]
        names = [owner.name for owner in owners if owner]
        # Every bullet names a different subject; otherwise these are ordinary keyed bullets.
        if not group.label or len(names) < 2 or len(set(names)) != len(group.items):
            continue
        by_subject = {
            owner.name: item.value if _is_form(item.key, owner) else item.text
            for item, owner in zip(group.items, owners, strict=True)
            if owner
        }
        rows.append(Row(group.label, {s.name: by_subject.get(s.name) for s in subjects}, group.line))
        used.append(group)
    if not rows:
        return []
    # Only the subjects some row speaks of become columns.
    columns = [s.name for s in subjects if any(row.cells[s.name] is not None for row in rows)]
    for row in rows:
        row.cells = {name: row.cells[name] for name in columns}
    span = LineSpan(used[0].line, used[-1].end)
    return [
        Comparison(
            ComparisonKind.KEYED_BULLETS,
            section.heading.label,
            columns,
            rows,
            [section],
            span,
            _last_content_line(section),
        )
    ]


def _is_form(key: str | None, subject: Subject) -> bool:
    return key is not None and key.casefold() in {form.casefold() for form in subject.forms}


# --- the note's own tables -------------------------------------------------------------------


def _tables(section: Section, context: NoteContext) -> list[Comparison]:
    found = []
    inlines = context.note.inlines
    for block in section.blocks:
        if block.kind is not BlockKind.TABLE or len(block.lines) < 3:
            continue
        rows_at = (block.span.start, *range(block.span.start + 2, block.span.end + 1))
        header, *body = [table_cells(context.note.lines[n - 1], inlines.get(n)) for n in rows_at]
        owners = [context.match(cell) for cell in header[1:]]
        named = {owner.name for owner in owners if owner}
        if len(named) < 2 or len(named) != sum(owner is not None for owner in owners):
            continue
        columns = header[1:]
        rows = [
            Row(
                cells[0] if cells else "",
                {c: (cells[i + 1] if i + 1 < len(cells) else None) or None for i, c in enumerate(columns)},
                block.span.start + 2 + n,
            )
            for n, cells in enumerate(body)
        ]
        found.append(
            Comparison(
                ComparisonKind.TABLE,
                section.heading.label,
                columns,
                rows,
                [section],
                block.span,
                block.span.end,
            )
        )
    return found


def table_cells(line: str, inlines: Sequence[Inline] | None = None) -> list[str]:
    """A row's cells, a cell that is bold as a whole ("**抽象层次**") without its asterisks."""
    return [_unbolded(cell) for cell in split_cells(line, inlines)]


def _unbolded(cell: str) -> str:
    if not (cell.startswith("**") and cell.endswith("**")):
        return cell
    strongs = strong_spans(cell)
    whole = len(strongs) == 1 and strongs[0].start == 0 and strongs[0].end == len(cell)
    return cell[2:-2].strip() if whole and strongs[0].delimiter == "**" else cell


# --- shared helpers --------------------------------------------------------------------------


def _aligned_rows(columns: dict[str, list[tuple[str, str, int]]]) -> list[Row]:
    """Rows aligned by label across columns, in the order the labels first appear."""
    # Each column's entries by label key, the first of a repeated label winning.
    keyed = {name: _by_key(entries) for name, entries in columns.items()}
    # The order is kept as "labels placed right before each label" (linear, where inserting into
    # a list would be quadratic in the number of labels).
    before: dict[str, list[str]] = {}
    ends: list[str] = []
    for entries in keyed.values():
        placed = set(before)
        keys = list(entries)
        following: list[str | None] = [None] * len(keys)
        for index in range(len(keys) - 2, -1, -1):
            after = keys[index + 1]
            following[index] = after if after in placed else following[index + 1]
        for key, next_shared in zip(keys, following, strict=True):
            if key in placed:
                continue
            # A label only one side has goes before the next label both sides share.
            before[key] = []
            (before[next_shared] if next_shared else ends).append(key)
    rows = []
    for key in _flatten(ends, before):
        found = {name: entries.get(key) for name, entries in keyed.items()}
        first = next(entry for entry in found.values() if entry)
        cells = {name: (entry[1] or None) if entry else None for name, entry in found.items()}
        rows.append(Row(first[0], cells, min(entry[2] for entry in found.values() if entry)))
    return rows


def _by_key(entries: list[tuple[str, str, int]]) -> dict[str, tuple[str, str, int]]:
    keyed: dict[str, tuple[str, str, int]] = {}
    for entry in entries:
        keyed.setdefault(row_key(entry[0]), entry)
    return keyed


def _flatten(keys: list[str], before: dict[str, list[str]]) -> list[str]:
    """`keys` in order, each preceded by the labels placed before it (and theirs, in turn)."""
    out: list[str] = []
    stack: list[tuple[str, bool]] = [(key, False) for key in reversed(keys)]
    while stack:
        key, expanded = stack.pop()
        if expanded:
            out.append(key)
            continue
        stack.append((key, True))
        stack.extend((earlier, False) for earlier in reversed(before[key]))
    return out


def _last_content_line(section: Section) -> int:
    """The last line of prose in the section: a table goes there, before any closing rule."""
    blocks: list[Block] = [b for b in section.all_blocks() if b.kind is not BlockKind.RULE]
    return blocks[-1].span.end if blocks else section.heading.line
