"""Read a note once into the typed `Note` model; everything else derives from that model."""

from __future__ import annotations

from pathlib import Path

from notesite.blocks import heading_of, is_unclosed_fence, split_blocks
from notesite.citations import find_citations
from notesite.diagnostics import Diagnostic, Severity
from notesite.front_matter import HTML_TAG, front_matter_span, read_front_matter
from notesite.headings import split_number
from notesite.note import Block, BlockKind, FrontMatter, Heading, LineSpan, Note, Section
from notesite.references import is_reference_heading, parse_references

LONG_LINE = 5000


def parse_note_file(path: Path, docs_dir: Path | None = None) -> Note:
    """Parse a note from disk; its path in messages is relative to `docs_dir` when given."""
    shown = path.relative_to(docs_dir).as_posix() if docs_dir else path.as_posix()
    return parse_note(path.read_text(encoding="utf-8-sig"), shown)


def source_lines(text: str) -> list[str]:
    """Lines as git and GitHub number them: split at newlines only (not at U+2028 or form feeds,
    as str.splitlines does), without their line endings."""
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def parse_note(text: str, path: str) -> Note:
    """The note's model; raises NoteError only when the front matter cannot be read."""
    lines = source_lines(text)
    diagnostics: list[Diagnostic] = []
    fm_span = front_matter_span(path, lines)
    front_matter = read_front_matter(path, lines, fm_span, diagnostics) if fm_span else FrontMatter()
    body_start = fm_span.end + 1 if fm_span else 1
    blocks = split_blocks(lines[body_start - 1 :], body_start)

    note = Note(
        path,
        lines,
        front_matter,
        title="",
        title_line=None,
        lead=[],
        sections=[],
        diagnostics=diagnostics,
        body_start=body_start,
    )
    _build_outline(note, blocks)
    _check_blocks(note, blocks)
    _collect_references_and_citations(note, blocks)
    return note


def _heading(block: Block) -> Heading:
    level, text = heading_of(block)
    number, label = split_number(text)
    return Heading(level, text, number, label, block.span.start)


def _build_outline(note: Note, blocks: list[Block]) -> None:
    """Title, lead and the H2/H3 tree, each section spanning up to the next of its level."""
    warn = _warner(note)
    last_line = len(note.lines)
    current_h2: Section | None = None
    current: Section | None = None
    for block in blocks:
        if block.kind is not BlockKind.HEADING or _heading(block).level > 3:
            (current.blocks if current else note.lead).append(block)
            continue
        heading = _heading(block)
        if HTML_TAG.search(heading.text):
            warn(heading.line, "heading contains HTML; it is shown as plain text")
        if heading.level == 1:
            if note.title_line is None:
                note.title, note.title_line = heading.text, heading.line
                continue
            warn(
                heading.line,
                f"second H1 '{heading.text}' (the title is at line "
                f"{note.title_line}); use '##' for a section",
            )
            (current.blocks if current else note.lead).append(block)
            continue
        section = Section(heading, LineSpan(heading.line, last_line), [])
        if heading.level == 2:
            _close(current_h2, heading.line - 1)
            note.sections.append(section)
            current_h2 = current = section
        elif current_h2 is None:
            warn(
                heading.line,
                f"'### {heading.text}' comes before any '##' section; it is shown on the overview page",
            )
            note.lead.append(block)
        else:
            if current_h2.children:
                _close(current_h2.children[-1], heading.line - 1)
            current_h2.children.append(section)
            current = section
    if note.title_line is None:
        note.title = Path(note.path).stem
        warn(
            _last_or(note, note.body_start), f"the note has no '# ' title; using the file name '{note.title}'"
        )


def _close(section: Section | None, end: int) -> None:
    if section is not None:
        section.span = LineSpan(section.span.start, end)
        if section.children:
            last = section.children[-1]
            last.span = LineSpan(last.span.start, end)


def _check_blocks(note: Note, blocks: list[Block]) -> None:
    warn = _warner(note)
    if not note.sections:
        warn(
            note.title_line or _last_or(note, note.body_start),
            "the note has no '## ' sections; it is published as a single page",
        )
    seen: dict[str, int] = {}
    for section in (s for top in note.sections for s in top.walk()):
        if not section.all_blocks():
            warn(section.heading.line, f"section '{section.title}' is empty")
        key = f"{section.heading.level}:{section.heading.label}"
        if key in seen:
            warn(
                section.heading.line,
                f"heading '{section.title}' repeats the one at line "
                f"{seen[key]}; both get their own page and anchor",
            )
        seen.setdefault(key, section.heading.line)
    for block in blocks:
        if is_unclosed_fence(block):
            warn(block.span.start, "code fence is never closed; it runs to the end of the note")
    for number, line in enumerate(note.lines, start=1):
        if len(line) > LONG_LINE:
            note.diagnostics.append(
                Diagnostic(note.path, number, f"line is {len(line)} characters long", Severity.INFO)
            )


def _collect_references_and_citations(note: Note, blocks: list[Block]) -> None:
    reference_section = next(
        (s for s in reversed(note.sections) if is_reference_heading(s.heading.label)), None
    )
    if reference_section is not None:
        body = LineSpan(reference_section.span.start + 1, reference_section.span.end)
        note.references = parse_references(
            note.path, [line for line in note.source(body)], body.start, note.diagnostics
        )
    untouched = {
        number
        for block in blocks
        if block.kind in (BlockKind.FENCE, BlockKind.HTML)
        for number in range(block.span.start, block.span.end + 1)
    }
    if reference_section is not None:
        untouched.update(range(reference_section.span.start, reference_section.span.end + 1))
    for number in range(note.body_start, len(note.lines) + 1):
        if number not in untouched:
            note.citations.extend(find_citations(note.lines[number - 1], number))
    _check_citations(note)


def _check_citations(note: Note) -> None:
    known = {reference.number for reference in note.references}
    cited: set[int] = set()
    for citation in note.citations:
        for number in citation.numbers:
            cited.add(number)
            if number not in known:
                note.diagnostics.append(
                    Diagnostic(
                        note.path,
                        citation.line,
                        f"citation {citation.text} names reference [{number}], "
                        "which the reference list does not have",
                    )
                )
    for reference in note.references:
        if reference.number not in cited:
            note.diagnostics.append(
                Diagnostic(
                    note.path, reference.line, f"reference [{reference.number}] is never cited", Severity.INFO
                )
            )


def _last_or(note: Note, line: int) -> int:
    """`line`, or the note's last line when the note ends before it (front matter only)."""
    return max(1, min(line, len(note.lines)))


def _warner(note: Note):
    def warn(line: int, message: str) -> None:
        note.diagnostics.append(Diagnostic(note.path, line, message))

    return warn
