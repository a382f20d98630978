"""`related_outlines` and `related` in front matter: other notes named by path, file name or title."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

from notesite.model.diagnostics import Diagnostic, Severity
from notesite.model.note import Note
from notesite.model.plain_text import shown

RELATED_KEYS = ("related_outlines", "related")


@dataclass(frozen=True)
class Related:
    name: str  # as written
    path: str  # the note it names


class NoteNames:
    """Every note of the build by the names a contributor may use for it."""

    def __init__(self, notes: Iterable[Note], notes_folder: str = "notes/") -> None:
        self._names: dict[str, str] = {}
        for note in sorted(notes, key=lambda n: n.path):
            short = note.path.removeprefix(notes_folder)
            stem = posixpath.splitext(posixpath.basename(short))[0]
            for name in (note.path, short, posixpath.splitext(short)[0], stem, note.title):
                self._names.setdefault(_key(name), note.path)

    def find(self, name: str) -> str | None:
        cleaned = name.strip().removeprefix("[[").removesuffix("]]").split("|")[0].split("#")[0]
        return self._names.get(_key(cleaned.strip().lstrip("./").lstrip("/")))


def related_notes(note: Note, names: NoteNames) -> tuple[list[Related], list[Diagnostic]]:
    """The notes the front matter names, each once; a warning with the line of each unknown name."""
    found: list[Related] = []
    problems: list[Diagnostic] = []
    for key in RELATED_KEYS:
        for name in _names_in(note.front_matter.extra.get(key)):
            path = names.find(name)
            if path is None:
                message = (
                    f"front matter '{key}': {shown(name)} names no note of the site "
                    "(by path, file name or title)"
                )
                problems.append(Diagnostic(note.path, _line_of(note, key, name), message, Severity.WARNING))
            elif path != note.path and all(r.path != path for r in found):
                found.append(Related(name, path))
    return found, problems


def _names_in(value: object) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list):
        return [str(item) for item in value if isinstance(item, str | int | float) and str(item).strip()]
    return []


def _line_of(note: Note, key: str, name: str) -> int:
    """The front matter line that writes `name` under `key`, else the key's line."""
    span = note.front_matter.span
    if span is None:
        return 1
    key_line = span.start
    for number in range(span.start, span.end + 1):
        if note.lines[number - 1].startswith(f"{key}:"):
            key_line = number
            break
    for number in range(key_line, span.end + 1):
        if name in note.lines[number - 1]:
            return number
    return key_line


def _key(name: str) -> str:
    return name.strip().lower().removesuffix(".md")
