"""A note's links checked against its vault, as the build resolves them: for `notesite check`."""

from __future__ import annotations

from pathlib import Path

from notesite.analyse.checked_note import read_note
from notesite.layout.links import LinkResolver, note_aliases
from notesite.model.diagnostics import Diagnostic, NoteError, sort_diagnostics
from notesite.model.note import Note
from notesite.read.parser import read_front_matter_file
from notesite.read.vault import find_notes, published_files


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
        self.resolver = LinkResolver(
            notes, files, self._load, notes_folder + "/", aliases=self._aliases(notes)
        )
        self._parsed: dict[str, Note | None] = {}

    def problems(self, note: Note) -> list[Diagnostic]:
        return self.resolver.links_of(note)[1]

    def _aliases(self, notes: list[str]) -> dict[str, str]:
        """Obsidian's other names of the notes, from their front matter alone."""
        found = []
        for path in notes:
            try:
                found.append((path, read_front_matter_file(self.docs_dir / path, self.docs_dir)))
            except NoteError:
                continue  # the note's own check says why it cannot be read
        return note_aliases(found)

    def _load(self, path: str) -> Note | None:
        if path not in self._parsed:
            checked = read_note(self.docs_dir / path, self.docs_dir)
            self._parsed[path] = checked.note
        return self._parsed[path]
