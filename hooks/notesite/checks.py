"""Everything worth telling the author about one note: what the build logs, read the build's way.

`read_note` is the one place a note file becomes a parsed, analysed note with its diagnostics;
the build and `scripts/check_notes.py` both go through it, so they report the same messages.
Beyond what the parser and the analysis report, it adds the HTML the sanitiser will remove.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from notesite.analysis import NoteAnalysis, analyse
from notesite.diagnostics import Diagnostic, NoteError, Severity
from notesite.links import LinkResolver
from notesite.note import Note
from notesite.parser import parse_note_file
from notesite.sanitize import HtmlPolicy, unsafe_html
from notesite.vault import find_notes, published_files

_DIGITS = re.compile(r"\d+")
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
    # Every message about the note is now known: a construct repeated a thousand times is told once.
    note.diagnostics[:] = collapse_repeats(note.diagnostics)
    analysis.diagnostics[:] = collapse_repeats(analysis.diagnostics)
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


# More messages of one kind than this in a note are told once, with a count and where.
REPEAT_LIMIT = 3
_SHOWN_LINES = 5


def collapse_repeats(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """One message per construct, however often the note repeats it.

    The same message at one line (a thousand identical unknown citations on a line) becomes one
    message with a count. More than `REPEAT_LIMIT` messages that differ only in their numbers (ten
    thousand empty headings, each "titled 'Section N'") become the first of them, saying how many
    more there are and at which lines.
    """
    same: dict[Diagnostic, int] = {}
    for diagnostic in diagnostics:
        same[diagnostic] = same.get(diagnostic, 0) + 1
    kinds: dict[tuple[str, Severity, str], list[Diagnostic]] = {}
    for diagnostic in same:
        key = (diagnostic.path, diagnostic.severity, _DIGITS.sub("#", diagnostic.message))
        kinds.setdefault(key, []).append(diagnostic)
    collapsed = []
    for group in kinds.values():
        shown = group if len(group) <= REPEAT_LIMIT else group[:1]
        for diagnostic in shown:
            message = diagnostic.message
            if same[diagnostic] > 1:
                message += f" ({same[diagnostic]:,} times on this line)"
            if len(group) > REPEAT_LIMIT:
                lines = ", ".join(str(d.line) for d in group[1 : 1 + _SHOWN_LINES])
                more = "…" if len(group) > 1 + _SHOWN_LINES else ""
                message += f" (and {len(group) - 1:,} more like it, at lines {lines}{more})"
            collapsed.append(Diagnostic(diagnostic.path, diagnostic.line, message, diagnostic.severity))
    return collapsed
