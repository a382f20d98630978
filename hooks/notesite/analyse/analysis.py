"""What a note's structure says beyond its text: the subjects it compares, side by side, in time.

`analyse` works out the shared `NoteContext` once (labelled groups, subjects, which section is
about which subject) and every analysis reads it; their messages are gathered in
`NoteAnalysis.diagnostics`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from notesite.analyse.comparisons import Comparison, ComparisonKind, find_comparisons
from notesite.analyse.context import NoteContext, note_context
from notesite.analyse.formulas import convert_formulas
from notesite.analyse.reference_checks import reference_diagnostics
from notesite.analyse.subjects import Subject, Subjects
from notesite.analyse.timeline import Timeline, build_timeline
from notesite.model.diagnostics import Diagnostic, Severity
from notesite.model.note import Note, Section


@dataclass
class NoteAnalysis:
    subjects: Subjects | None = None
    comparisons: list[Comparison] = field(default_factory=list)
    timeline: Timeline | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # The note's formulas as MathML, by where each starts (analyse/formulas.py).
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)

    @property
    def derived_tables(self) -> list[Comparison]:
        """Comparisons the note writes as prose: these get a generated table on their page."""
        return [c for c in self.comparisons if c.kind is not ComparisonKind.TABLE]


def analyse(note: Note) -> NoteAnalysis:
    context = note_context(note)
    comparisons = find_comparisons(context)
    timeline, problems = build_timeline(context)
    unpaired = unpaired_sections(context, comparisons)
    formulas = convert_formulas(note)
    return NoteAnalysis(
        context.subjects,
        comparisons,
        timeline,
        [
            *context.subjects.diagnostics,
            *problems,
            *unpaired,
            *reference_diagnostics(note),
            *formulas.diagnostics,
        ],
        formulas=formulas.mathml,
    )


def unpaired_sections(context: NoteContext, comparisons: list[Comparison]) -> list[Diagnostic]:
    """Sibling sections that each name a different subject but ended up in no comparison.

    "1.1 A" / "1.2 B" become a side-by-side table only when they follow each other and share
    bold labels (`**定义**：…`). A heuristic, so the message is INFO: `--strict` still passes.
    """
    note = context.note
    if len(context.subjects) < 2:
        return []
    paired = {
        id(section)
        for comparison in comparisons
        if comparison.kind is ComparisonKind.SECTIONS
        for section in comparison.sections
    }
    found: list[Diagnostic] = []
    for top in note.sections:
        named = [(child, owner) for child in top.children if (owner := context.owner(child)) is not None]
        if len({owner.name for _, owner in named}) < 2:
            continue  # sections about one subject only: nothing to pair them with
        runs = context.runs(top)
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
