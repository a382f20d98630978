"""Everything worth telling the author about one note: what the build logs, read the build's way.

`read_note` is the one place a note file becomes a parsed, analysed note with its diagnostics;
the build and `scripts/check_notes.py` both go through it, so they report the same messages.
Beyond what the parser and the analysis report, it adds what only shows when the two are read
together: sibling sections about different subjects that were not paired into a comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from notesite.analysis import NoteAnalysis, analyse
from notesite.comparisons import ComparisonKind
from notesite.diagnostics import Diagnostic, NoteError, Severity
from notesite.links import LinkResolver
from notesite.note import Note, Section
from notesite.parser import parse_note_file
from notesite.sanitize import HtmlPolicy, unsafe_html
from notesite.subjects import Subject, Subjects, subject_runs
from notesite.vault import find_notes, published_files

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass
class CheckedNote:
    """A note read as the build reads it: its model and analysis, or the error that stopped it."""

    path: str  # relative to the docs folder, as in every message
    note: Note | None = None
    analysis: NoteAnalysis | None = None
    error: Diagnostic | None = None

    @property
    def diagnostics(self) -> list[Diagnostic]:
        if self.error is not None:
            return [self.error]
        assert self.note is not None and self.analysis is not None
        return sort_diagnostics([*self.note.diagnostics, *self.analysis.diagnostics])


def read_note(path: Path, docs_dir: Path, html: HtmlPolicy = HtmlPolicy.SANITIZE) -> CheckedNote:
    """Parse and analyse the note at `path`; messages name it relative to `docs_dir`.

    With `html` SANITIZE, the note's HTML that its pages will not show is reported too.
    """
    shown = path.relative_to(docs_dir).as_posix()
    try:
        note = parse_note_file(path, docs_dir)
    except NoteError as error:
        return CheckedNote(shown, error=error.diagnostic)
    analysis = analyse(note)
    # Findings of reading the two together travel with the analysis, so whatever logs the
    # analysis (the build logs `NoteLayout.diagnostics`) logs them too.
    analysis.diagnostics.extend(unpaired_sections(note, analysis))
    if html is HtmlPolicy.SANITIZE:
        analysis.diagnostics.extend(unsafe_html(note))
    return CheckedNote(shown, note, analysis)


def check_note(path: Path, docs_dir: Path, links: VaultLinks | None = None) -> list[Diagnostic]:
    """Every message the build would log for the note at `path`, by line, most severe first;
    with `links`, also its links that lead nowhere."""
    checked = read_note(path, docs_dir)
    if links is None or checked.note is None:
        return checked.diagnostics
    return sort_diagnostics([*checked.diagnostics, *links.problems(checked.note)])


class VaultLinks:
    """The notes and files of a docs folder, to resolve a note's links as the build does.

    Walks the folder once; other notes are parsed only when a link names one of their headings.
    """

    def __init__(self, docs_dir: Path, notes_folder: str = "notes") -> None:
        self.docs_dir = docs_dir
        notes, _ = find_notes(docs_dir, notes_folder)
        files = [path for path in published_files(docs_dir) if path not in set(notes)]
        self.resolver = LinkResolver(notes, files, self._load, notes_folder + "/")
        self._parsed: dict[str, Note | None] = {}

    def problems(self, note: Note) -> list[Diagnostic]:
        return self.resolver.links_of(note)[1]

    def _load(self, path: str) -> Note | None:
        if path not in self._parsed:
            checked = read_note(self.docs_dir / path, self.docs_dir)
            self._parsed[path] = checked.note
        return self._parsed[path]


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """By file and line; at one line, the most severe first. Duplicates are dropped."""
    unique = list(dict.fromkeys(diagnostics))
    return sorted(unique, key=lambda d: (d.path, d.line, _SEVERITY_ORDER[d.severity], d.message))


def unpaired_sections(note: Note, analysis: NoteAnalysis) -> list[Diagnostic]:
    """Sibling sections that each name a different subject but ended up in no comparison.

    "1.1 A" / "1.2 B" become a side-by-side table only when they follow each other and share
    bold labels (`**定义**：…`). A heuristic, so the message is INFO: `--strict` still passes.
    """
    subjects = analysis.subjects or Subjects()
    if len(subjects) < 2:
        return []
    paired = {
        id(section)
        for comparison in analysis.comparisons
        if comparison.kind is ComparisonKind.SECTIONS
        for section in comparison.sections
    }
    found: list[Diagnostic] = []
    for top in note.sections:
        owners = [(child, subjects.match(child.heading.label)) for child in top.children]
        named = [(child, owner) for child, owner in owners if owner is not None]
        if len({owner.name for _, owner in named}) < 2:
            continue  # sections about one subject only: nothing to pair them with
        runs = subject_runs(top.children, lambda child: subjects.match(child.heading.label))
        in_run = {id(section) for run in runs for section, _ in run}
        for run in runs:
            if not any(id(section) in paired for section, _ in run):
                found.append(_no_shared_labels(note, run))
        for child, owner in named:
            if id(child) not in paired and id(child) not in in_run:
                found.append(_not_adjacent(note, child, owner, named))
    return found


def _no_shared_labels(note: Note, run: list[tuple[Section, Subject]]) -> Diagnostic:
    titles = " / ".join(f"'{section.title}'" for section, _ in run)
    return Diagnostic(
        note.path,
        run[0][0].heading.line,
        f"comparison: sections {titles} name different subjects but share no bold label "
        "(such as '**定义**：…'), so no side-by-side table is made; give them the same labels",
        Severity.INFO,
    )


def _not_adjacent(
    note: Note, section: Section, owner: Subject, named: list[tuple[Section, Subject]]
) -> Diagnostic:
    others = ", ".join(
        f"'{other.title}' (line {other.heading.line})"
        for other, subject in named
        if subject.name != owner.name
    )
    return Diagnostic(
        note.path,
        section.heading.line,
        f"comparison: section '{section.title}' is about '{owner.name}' but is not paired with "
        f"its sibling {others}; put sections about different subjects right after one another",
        Severity.INFO,
    )
