"""The learning path of a note on a shared time axis, one lane per subject.

Three shapes are read, each a `TrackKind`:

- PLAN: a subject's bold label over items keyed by time ("**A 方向**：" then "- 前6个月：…",
  "- 6-12个月：…"; "- First 3 months: …").
- STAGES: career stages in sibling subject sections ("**初级阶段（0-2年）**：" then "- 职位：…").
- FLOW: stages written with arrows in a code block under a subject's label
  ("基础阶段 → 框架使用" with continuation lines "         → 部署基础"); ordered, not timed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from notesite.analyse.context import NoteContext
from notesite.analyse.groups import LabelledGroup
from notesite.model.diagnostics import Diagnostic
from notesite.model.note import Block, Note, Section

# A number starts where a run of digits starts and has at most nine digits before its point, so
# a long run of digits is tried once (linear time) and never becomes an infinite float.
_NUMBER = r"(?<!\d)(\d{1,9}(?:\.\d{1,6})?)(?!\d)"
_UNIT = r"(个多?月|月|months?|mos?\b|年|years?|yrs?\b)"
_TO = r"\s*(?:-|–|—|~|～|到|至|to)\s*"
# Each pattern: (regex, how its numbers and unit become (start, end) in months).
_Span = Callable[..., tuple[float, float | None]]
_SPANS: list[tuple[re.Pattern[str], _Span]] = [
    (re.compile(rf"(?:前|first\s+){_NUMBER}\s*{_UNIT}", re.IGNORECASE), lambda n, u: (0, n * u)),
    (re.compile(rf"{_NUMBER}{_TO}{_NUMBER}\s*{_UNIT}", re.IGNORECASE), lambda a, b, u: (a * u, b * u)),
    (
        re.compile(rf"{_NUMBER}\s*{_UNIT}\s*(?:\+|以上|or more)|{_NUMBER}\s*\+\s*{_UNIT}", re.IGNORECASE),
        lambda n, u: (n * u, None),
    ),
    (re.compile(rf"第{_NUMBER}\s*(年)|(year)\s+{_NUMBER}", re.IGNORECASE), lambda n, u: ((n - 1) * u, n * u)),
]
# The spaces around an arrow are stripped from the parts, not matched: `\s*` on both sides of
# an alternation would try every start in a run of spaces.
_ARROW = re.compile(r"→|->|=>|⟶|➜|➔")


class TrackKind(StrEnum):
    PLAN = "plan"
    STAGES = "stages"
    FLOW = "flow"


@dataclass(frozen=True)
class TimeSpan:
    text: str  # as written: "前6个月", "0-2年", "2+ years"
    start: int  # months from the start of the path
    end: int | None  # None when open-ended ("2年+", "5 years or more")


@dataclass
class TimelineItem:
    title: str  # as written: "前6个月", "初级阶段（0-2年）", "基础阶段"
    details: list[str]  # the item's text, one entry per line or step
    span: TimeSpan | None  # None for flow steps and for a span that could not be read
    line: int
    section_line: int  # the heading line of the section it came from, for linking back


@dataclass
class Track:
    kind: TrackKind
    title: str  # the source section's label (for stages, their parent's); lanes share it
    section_line: int
    items: list[TimelineItem]


@dataclass
class Lane:
    subject: str
    tracks: list[Track] = field(default_factory=list)

    def track(self, kind: TrackKind) -> Track | None:
        return next((t for t in self.tracks if t.kind is kind), None)


@dataclass
class Timeline:
    subjects: list[str]
    lanes: list[Lane]


def parse_span(text: str) -> TimeSpan | None:
    """The first span of time in `text`: 前6个月 → 0-6, 1-2年 → 12-24, "2+ years" → 24-open."""
    found: list[tuple[int, re.Match[str], _Span]] = []
    for pattern, convert in _SPANS:
        match = pattern.search(text)
        if match:
            found.append((match.start(), match, convert))
    if not found:
        return None
    _, match, convert = min(found, key=lambda f: f[0])
    groups = [g for g in match.groups() if g is not None]
    numbers = [float(g) for g in groups if g[0].isdigit()]
    unit = next(g for g in groups if not g[0].isdigit()).lower()
    months = 1 if "月" in unit or unit.startswith("mo") else 12
    start, end = convert(*numbers, months)
    return TimeSpan(match.group(0).strip(), round(start), None if end is None else round(end))


def build_timeline(context: NoteContext) -> tuple[Timeline | None, list[Diagnostic]]:
    """The note's learning path, or None when it has none; spans it cannot read are reported."""
    note = context.note
    subjects = context.subjects
    diagnostics: list[Diagnostic] = []
    if len(subjects) < 2:
        return None, diagnostics
    lanes = {subject.name: Lane(subject.name) for subject in subjects}
    for top in note.sections:
        for run in context.runs(top):
            for section, subject in run:
                track = _stages(note, top, section, context.groups(section), diagnostics)
                if track:
                    lanes[subject.name].tracks.append(track)
        for section in top.walk():
            for group in context.groups(section):
                named = context.match(group.label or "")
                planned = named and (_plan(note, section, group, diagnostics) or _flow(section, group))
                if named and planned:
                    lanes[named.name].tracks.append(planned)
    if not any(lane.tracks for lane in lanes.values()):
        return None, diagnostics
    return Timeline(subjects.names, list(lanes.values())), diagnostics


def _plan(note: Note, section: Section, group: LabelledGroup, diagnostics: list[Diagnostic]) -> Track | None:
    """Items keyed by time, when most of the keys are spans."""
    # Each distinct key is read once: plans repeat their stages.
    read = {key: parse_span(key) for key in {item.key for item in group.items if item.key}}
    spans = [read[item.key] if item.key else None for item in group.items]
    if sum(s is not None for s in spans) < max(2, len(group.items) / 2):
        return None
    items = []
    for item, span in zip(group.items, spans, strict=True):
        if span is None:
            diagnostics.append(_unreadable(note, item.line, item.key or item.text))
        items.append(TimelineItem(item.key or item.text, [item.value], span, item.line, section.heading.line))
    return Track(TrackKind.PLAN, section.heading.label, section.heading.line, items)


def _stages(
    note: Note, top: Section, section: Section, own: list[LabelledGroup], diagnostics: list[Diagnostic]
) -> Track | None:
    """Labels with a span whose items share keys (职位, 工作内容, …); a label like them but
    without a readable span is still a stage."""
    groups = [g for g in own if g.label and g.items]
    timed = [g for g in groups if parse_span(g.label or "")]
    if len(timed) < 2:
        return None
    keys = {item.key for g in timed for item in g.items if item.key}
    items = []
    for group in groups:
        span = parse_span(group.label or "")
        if span is None and not any(item.key in keys for item in group.items):
            continue  # a list about something else, such as lateral moves
        if span is None:
            diagnostics.append(_unreadable(note, group.line, group.label or ""))
        details = [item.text for item in group.items]
        items.append(TimelineItem(group.label or "", details, span, group.line, section.heading.line))
    # Titled after the parent: the lanes' stages come from sibling sections, one per subject.
    return Track(TrackKind.STAGES, top.heading.label, section.heading.line, items)


def _flow(section: Section, group: LabelledGroup) -> Track | None:
    """Stages written with arrows in a code block: "基础阶段 → a", then "   → b" continues it."""
    if group.fence is None:
        return None
    items: list[TimelineItem] = []
    for number, line in _fence_body(group.fence):
        head, *steps = [part.strip() for part in _ARROW.split(line.strip())]
        if not steps:
            continue
        if head and not line[:1].isspace():
            items.append(TimelineItem(head, [], None, number, section.heading.line))
        if items:
            items[-1].details.extend(step for step in steps if step)
    return Track(TrackKind.FLOW, section.heading.label, section.heading.line, items) if items else None


def _fence_body(fence: Block) -> list[tuple[int, str]]:
    return list(enumerate(fence.lines[1:-1], start=fence.span.start + 1))


def _unreadable(note: Note, line: int, text: str) -> Diagnostic:
    return Diagnostic(
        note.path,
        line,
        f"timeline: cannot read the time span in '{text}'; write it like "
        "'前6个月', '6-12个月', '2年+', 'First 3 months' or '2+ years' (the item is shown unplaced)",
    )
