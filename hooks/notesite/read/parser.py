"""Read a note once into the typed `Note` model; everything else derives from that model."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath

from notesite.model.diagnostics import Diagnostic, Severity
from notesite.model.inline import InlineKind, scan_inline
from notesite.model.note import Block, BlockKind, FrontMatter, Heading, LineSpan, Note, Section
from notesite.model.plain_text import plain, visible
from notesite.model.words import labels_for, note_language
from notesite.read.blocks import heading_of, is_unclosed_fence, read_blocks
from notesite.read.callouts import find_callouts
from notesite.read.citations import CitationReader, describe
from notesite.read.comments import find_comments
from notesite.read.footnotes import footnote_definitions
from notesite.read.front_matter import front_matter_span, has_html_tag, only_styling_html, read_front_matter
from notesite.read.headings import split_number
from notesite.read.math import find_math_blocks
from notesite.read.references import is_reference_heading, parse_references
from notesite.read.source_text import read_source

LONG_LINE = 5000


def parse_note_file(path: Path, docs_dir: Path | None = None) -> Note:
    """Parse a note from disk; its path in messages is relative to `docs_dir` when given.

    NoteError when the file cannot be read or is not text (see `notesite.read.source_text`).
    """
    shown = path.relative_to(docs_dir).as_posix() if docs_dir else path.as_posix()
    source = read_source(path, shown)
    note = parse_note(source.text, shown)
    # How the file was decoded comes first: a wrong encoding explains every message after it.
    note.diagnostics[:0] = source.diagnostics
    return note


def read_front_matter_file(path: Path, docs_dir: Path) -> FrontMatter:
    """Only the front matter of the note at `path` (its `aliases:` name it for links); NoteError
    when it cannot be read."""
    shown = path.relative_to(docs_dir).as_posix()
    lines = source_lines(read_source(path, shown).text)
    span = front_matter_span(shown, lines)
    return read_front_matter(shown, lines, span, []) if span else FrontMatter()


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
    blocks, fenced = read_blocks(lines[body_start - 1 :], body_start)

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
    _scan_inlines(note, fenced)
    _build_outline(note, blocks)
    note.callouts = find_callouts(blocks)
    _check_blocks(note, blocks, fenced)
    note.footnotes = footnote_definitions(blocks, note.inlines)
    _collect_references_and_citations(note, blocks)
    return note


def _heading(block: Block) -> Heading:
    level, text = heading_of(block)
    number, label = split_number(text)
    return Heading(level, text, number, label, block.span.start, plain(text))


def _build_outline(note: Note, blocks: list[Block]) -> None:
    """Title, lead and the section tree, each section spanning up to the next of its level.

    Sections are the `##` headings under one `#` title; in a note with several `#` headings,
    those are its chapters and start the pages instead, and a note without `##` uses `###`.
    """
    warn = _warner(note)
    headings = {block.span.start: _heading(block) for block in blocks if block.kind is BlockKind.HEADING}
    levels = [heading.level for heading in headings.values() if heading.level <= 3]
    chapters = levels.count(1) > 1
    # Pages start at the highest level below the title: notes without `##` use their `###`.
    top = note.section_level = 1 if chapters else min((lv for lv in levels if lv > 1), default=2)
    last_line = len(note.lines)
    current_top: Section | None = None
    current: Section | None = None
    h1: Heading | None = None
    for block in blocks:
        heading = headings.get(block.span.start) if block.kind is BlockKind.HEADING else None
        if heading is None or heading.level > top + 1:
            (current.blocks if current else note.lead).append(block)
            continue
        if has_html_tag(heading.text) and only_styling_html(heading.text):
            # A coloured heading (`<span style="color:…">`): its words are all a reader needs.
            _warner(note, Severity.INFO)(
                heading.line, f"heading is shown without its HTML, as '{heading.title}'"
            )
        elif has_html_tag(heading.text):
            warn(heading.line, "heading contains HTML; it is shown as plain text")
        if heading.level < top:
            if h1 is None and all(_only_tags(note, before) for before in blocks[: blocks.index(block)]):
                h1, note.title_line = heading, heading.line
            else:
                # A `#` heading below the note's start (or a second one) does not name the
                # note, as in Obsidian: it stays where it is, a heading of its page.
                (current.blocks if current else note.lead).append(block)
            continue
        section = Section(heading, LineSpan(heading.line, last_line), [])
        if heading.level == top:
            _close(current_top, heading.line - 1)
            note.sections.append(section)
            current_top = current = section
        elif current_top is None:
            # Nothing is lost (the overview shows it), so --strict still passes.
            _warner(note, Severity.INFO)(
                heading.line,
                f"'{block.lines[0].strip()}' comes before any section; it is shown on the overview page",
            )
            note.lead.append(block)
        else:
            if current_top.children:
                _close(current_top.children[-1], heading.line - 1)
            current_top.children.append(section)
            current = section
    _name_note(note, h1, chapters)
    note.language = note_language(note)  # read once: the sample may be a megabyte long
    _name_untitled_sections(note)


def _only_tags(note: Note, block: Block) -> bool:
    """A paragraph of nothing but `#tags`: Obsidian's metadata, which may stand above a title."""
    if block.kind is not BlockKind.PARAGRAPH:
        return False
    for number in range(block.span.start, block.span.end + 1):
        tags = sum(i.end - i.start for i in note.inlines.get(number, []) if i.kind is InlineKind.TAG)
        if tags != len(note.lines[number - 1].replace(" ", "")):
            return False
    return True


def _name_note(note: Note, h1: Heading | None, chapters: bool) -> None:
    """The note's title: front matter `title`, else its `#` heading, else its file name."""
    declared = note.front_matter.extra.get("title")
    if isinstance(declared, str | int | float) and plain(str(declared)):
        note.title, note.titled_by = plain(str(declared)), "front matter"
        return
    if h1 is not None and h1.title:
        note.title, note.titled_by = h1.title, "heading"
        return
    path = PurePosixPath(note.path)
    note.title = visible(
        path.parent.name if path.stem.lower() in ("readme", "index") and path.parent.name else path.stem
    )
    if chapters:
        why = "its '# ' headings are chapters"
    elif h1 is not None:
        why = "its '# ' title is empty"
    else:
        why = "it has no '# ' title"
    line = h1.line if h1 else _last_or(note, note.body_start)
    # Worth knowing, yet the page is right: plain MkDocs names such pages after the file too.
    tell = _warner(note, Severity.INFO)
    tell(line, f"{why}; the note is titled '{note.title}' after its file: add `title:` to the front matter")


def _name_untitled_sections(note: Note) -> None:
    """A heading with no words still names a page: "Section 3" in the note's language."""
    untitled = labels_for(note)["untitled_section"]
    for position, top in enumerate(note.sections, start=1):
        for section in top.walk():
            if not section.heading.title:
                section.heading.title = untitled.format(n=position)
                _warner(note)(
                    section.heading.line,
                    f"heading has no text; its page is titled '{section.heading.title}'",
                )


def _close(section: Section | None, end: int) -> None:
    if section is not None:
        section.span = LineSpan(section.span.start, end)
        if section.children:
            last = section.children[-1]
            last.span = LineSpan(last.span.start, end)


def _check_blocks(note: Note, blocks: list[Block], fenced: set[int]) -> None:
    warn = _warner(note)
    # Shapes a note may well have on purpose: said, and the build still passes --strict.
    tell = _warner(note, Severity.INFO)
    if not note.sections:
        tell(
            note.title_line or _last_or(note, note.body_start),
            "the note has no '## ' sections; it is published as a single page",
        )
    seen: dict[str, int] = {}
    for section in (s for top in note.sections for s in top.walk()):
        if not section.all_blocks():
            tell(section.heading.line, f"section '{section.title}' is empty")
        key = f"{section.heading.level}:{section.heading.label}"
        if key in seen:
            tell(
                section.heading.line,
                f"heading '{section.title}' repeats the one at line "
                f"{seen[key]}; both get their own page and anchor",
            )
        seen.setdefault(key, section.heading.line)
    for block in blocks:
        if is_unclosed_fence(block) and block.span.start in fenced:
            # Closed, but indented 4 spaces under a paragraph: Python-Markdown shows it as
            # indented code, ``` lines included, as plain Material does; nothing is lost.
            tell(
                block.span.start,
                "code fence is indented 4 spaces, so it is shown as indented code with its ``` lines",
            )
        elif is_unclosed_fence(block):
            warn(block.span.start, "code fence is never closed, so it is shown as text: add its closing line")
    for number, line in enumerate(note.lines, start=1):
        if len(line) > LONG_LINE:
            note.diagnostics.append(
                Diagnostic(note.path, number, f"line is {len(line)} characters long", Severity.INFO)
            )


def _scan_inlines(note: Note, fenced: set[int]) -> None:
    unfenced = [n for n in range(note.body_start, len(note.lines) + 1) if n not in fenced]
    note.comments = find_comments(note.lines, unfenced)
    note.math_blocks = find_math_blocks(note.lines, unfenced)
    # A formula's lines are TeX: no link, tag or citation is in them.
    formula = {n for span in note.math_blocks.values() for n in range(span.start, span.end + 1)}
    tags: dict[str, None] = {}
    for number in (n for n in unfenced if n not in formula):
        found = scan_inline(note.lines[number - 1])
        hidden = note.comments.get(number)
        if hidden:  # what a comment holds is no link, tag or citation
            found = [i for i in found if not any(start <= i.start < end for start, end in hidden)]
        note.inlines[number] = found
        tags.update((inline.text, None) for inline in found if inline.kind is InlineKind.TAG)
        if found and found[-1].kind is InlineKind.BLOCK_ID:
            note.block_ids.setdefault(found[-1].text, number)
    note.inline_tags = list(tags)


def _collect_references_and_citations(note: Note, blocks: list[Block]) -> None:
    reference_section = next(
        (s for s in reversed(note.sections) if is_reference_heading(s.heading.label)), None
    )
    if reference_section is not None:
        body = LineSpan(reference_section.span.start + 1, reference_section.span.end)
        note.references = parse_references(
            note.path, note.source(body), body.start, note.diagnostics, note.inlines
        )
    if not note.references:
        return  # without a reference list, bracketed numbers are just text
    known = {reference.number for reference in note.references}
    untouched = {
        number
        for block in blocks
        if block.kind is BlockKind.HTML
        for number in range(block.span.start, block.span.end + 1)
    }
    if reference_section is not None:
        untouched.update(range(reference_section.span.start, reference_section.span.end + 1))
    # Lines without inlines are fenced code (see _scan_inlines).
    reader = CitationReader(known)
    for number, inlines in note.inlines.items():
        if number not in untouched:
            hidden = note.comments.get(number, [])
            note.citations.extend(
                found
                for found in reader.find(note.lines[number - 1], number, inlines)
                if not any(start <= found.column < end for start, end in hidden)
            )
    _check_citations(note)


def _check_citations(note: Note) -> None:
    """One warning per citation that names missing references; a note for each uncited one."""
    cited: set[int] = set()
    for citation in note.citations:
        cited.update(citation.numbers)
        if citation.missing:
            count = sum(high - low + 1 for low, high in citation.missing)
            noun = "reference" if count == 1 else "references"
            verb = "does" if count == 1 else "do"
            note.diagnostics.append(
                Diagnostic(
                    note.path,
                    citation.line,
                    f"citation {_shorten(citation.text)} names {noun} {describe(citation.missing)}, "
                    f"which the reference list {verb} not have",
                )
            )
    for reference in note.references:
        if reference.number not in cited:
            note.diagnostics.append(
                Diagnostic(
                    note.path, reference.line, f"reference [{reference.number}] is never cited", Severity.INFO
                )
            )


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _last_or(note: Note, line: int) -> int:
    """`line`, or the note's last line when the note ends before it (front matter only)."""
    return max(1, min(line, len(note.lines)))


def _warner(note: Note, severity: Severity = Severity.WARNING) -> Callable[[int, str], None]:
    def warn(line: int, message: str) -> None:
        note.diagnostics.append(Diagnostic(note.path, line, message, severity))

    return warn
