"""What a note's structure says beyond its text: the subjects it compares, side by side, in time."""

from __future__ import annotations

from dataclasses import dataclass, field

from notesite.comparisons import Comparison, ComparisonKind, find_comparisons
from notesite.diagnostics import Diagnostic
from notesite.note import Note
from notesite.subjects import Subjects, find_subjects
from notesite.timeline import Timeline, build_timeline


@dataclass
class NoteAnalysis:
    subjects: Subjects | None = None
    comparisons: list[Comparison] = field(default_factory=list)
    timeline: Timeline | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def derived_tables(self) -> list[Comparison]:
        """Comparisons the note writes as prose: these get a generated table on their page."""
        return [c for c in self.comparisons if c.kind is not ComparisonKind.TABLE]


def analyse(note: Note) -> NoteAnalysis:
    subjects = find_subjects(note)
    comparisons = find_comparisons(note, subjects)
    timeline, problems = build_timeline(note, subjects)
    return NoteAnalysis(subjects, comparisons, timeline, [*subjects.diagnostics, *problems])
