"""Everything worth telling the author about one note: what the build logs, read the build's way.

`read_note` is the one place a note file becomes a parsed, analysed note with its diagnostics;
the build and `scripts/check_notes.py` both go through it, so they report the same messages.
Beyond what the parser and the analysis report, it adds the HTML the sanitiser will remove.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from notesite.analysis import NoteAnalysis, analyse
from notesite.diagnostics import Diagnostic, NoteError, Severity
from notesite.links import LinkResolver
from notesite.note import Note
from notesite.parser import parse_note_file
from notesite.sanitize import HtmlPolicy, unsafe_html
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
    # Findings of the sanitiser travel with the analysis, so whatever logs the analysis (the
    # build logs `NoteLayout.diagnostics`) logs them too.
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
