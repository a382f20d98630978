"""Everything worth telling the author about one note: what the build logs, read the build's way.

`read_note` is the one place a note file becomes a parsed, analysed note with its diagnostics;
the build and `scripts/check_notes.py` both go through it, so they report the same messages.
Beyond what the parser and the analysis report, it adds the HTML the sanitiser will remove.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from notesite.analyse.analysis import NoteAnalysis, analyse
from notesite.analyse.sanitize import HtmlPolicy, unsafe_html
from notesite.model.diagnostics import Diagnostic, NoteError, collapse_repeats, sort_diagnostics
from notesite.model.note import Note
from notesite.read.file_names import file_name_problems
from notesite.read.parser import parse_note_file


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
    unsafe = unsafe_html(note) if html is HtmlPolicy.SANITIZE else []
    named = file_name_problems(shown)
    # Every message about the note is now known: a construct repeated a thousand times is told
    # once. New lists on copies: what the parser and the analysis made is not written to.
    note = replace(note, diagnostics=collapse_repeats(note.diagnostics))
    analysis = replace(analysis, diagnostics=collapse_repeats([*analysis.diagnostics, *unsafe, *named]))
    return CheckedNote(shown, note, analysis)
