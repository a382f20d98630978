"""What every analysis of a note needs, worked out once: each section's labelled groups, the
subjects the note compares, and which sections belong to which subject.

Comparisons, the timeline and the checks all read these from one `NoteContext`, so they cannot
disagree about them and none recomputes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from notesite.analyse.groups import LabelledGroup, labelled_groups
from notesite.analyse.subjects import Subject, Subjects, find_subjects, subject_runs
from notesite.model.note import Note, Section


@dataclass
class NoteContext:
    note: Note
    subjects: Subjects
    # Keyed by the section's heading line, which is unique in a note.
    _groups: dict[int, list[LabelledGroup]]
    _owners: dict[int, Subject | None] = field(default_factory=dict)
    _runs: dict[int, list[list[tuple[Section, Subject]]]] = field(default_factory=dict)
    _matches: dict[str, Subject | None] = field(default_factory=dict)

    def groups(self, section: Section) -> list[LabelledGroup]:
        """The section's own bold-labelled groups (see `notesite.analyse.groups`)."""
        return self._groups[section.heading.line]

    def match(self, text: str) -> Subject | None:
        """The subject `text` names (see `Subjects.match`), each text worked out once."""
        if text not in self._matches:
            self._matches[text] = self.subjects.match(text)
        return self._matches[text]

    def owner(self, section: Section) -> Subject | None:
        """The subject a section's heading names, if exactly one."""
        return self.match(section.heading.label)

    def runs(self, top: Section) -> list[list[tuple[Section, Subject]]]:
        """Runs of consecutive child sections of `top`, each about a different subject."""
        line = top.heading.line
        if line not in self._runs:
            self._runs[line] = subject_runs(top.children, self.owner)
        return self._runs[line]


def note_context(note: Note) -> NoteContext:
    groups = {
        section.heading.line: labelled_groups(section, note.inlines)
        for top in note.sections
        for section in top.walk()
    }
    subjects = find_subjects(note, groups)
    return NoteContext(note, subjects, groups)
