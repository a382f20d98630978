"""The subjects a note compares, found in the note itself, with the short forms it uses for them.

Where they come from, first match wins:

1. Front matter, for notes where detection is wrong::

       compare:
         subjects: [Data engineering, ML engineering]   # an empty list turns comparisons off
         aliases:                                       # optional short forms per subject
           Data engineering: [DE, data]

2. The title, split at "还是", "vs", "versus", "or" or "对比" ("…选择A还是B？", "A vs B vs C"). Each part
   is trimmed to a heading that names it (an H3 label such as "1.1 A", or what differs between
   sibling headings such as "2.1 Tools for A" / "2.2 Tools for B"), else cut at punctuation.
3. Sibling headings alone, when at least two groups of siblings differ by the same words.

Short forms are read from parallel keys: in "- 推理优化：…" / "- 算子开发：…" each key is the part of
one subject's name that the note uses on its own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import TypeVar

from notesite.analyse.groups import LabelledGroup, labelled_groups
from notesite.model.diagnostics import Diagnostic
from notesite.model.note import Note, Section

# Each section's labelled groups, by the line of its heading (see `notesite.analyse.context`).
GroupsByLine = Mapping[int, list[LabelledGroup]]

FRONT_MATTER_KEY = "compare"

# A Latin word (with "C++", "C#", "Node.js") or one CJK character: the unit of every comparison here.
_UNIT = re.compile(r"[A-Za-z0-9][A-Za-z0-9+#]*(?:\.[A-Za-z0-9]+)*|[\u3400-\u9fff]")
_CONNECTIVE = re.compile(r"\s*(?:还是|对比)\s*|\s+(?:vs\.?|versus|or)\s+", re.IGNORECASE)
_LEADING_CUT = re.compile(r"^.*[：:。？?！!；;]")
_TRAILING_CUT = re.compile(r"[：:。？?！!；;，,（(].*$")
_LIST_SEPARATOR = re.compile(r"\s*[、,，]\s*(?:or\s+|and\s+)?")
# Two CJK characters or one Latin word: less than that is a coincidence, not a name.
MIN_WEIGHT = 2
# More subjects than this are no comparison the page could show side by side: a title or a run
# of headings that seems to name more is read as naming none (front matter may name more).
MAX_SUBJECTS = 12
# Words read from one heading, label or name; longer texts are prose, compared by their start.
MAX_UNITS = 64
T = TypeVar("T")


@dataclass(frozen=True)
class Subject:
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def short(self) -> str:
        return self.aliases[0] if self.aliases else self.name

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Subjects:
    items: tuple[Subject, ...] = ()
    origin: str = ""  # "front matter", "title" or "headings"; "" when nothing was found
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)

    def __iter__(self) -> Iterator[Subject]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def names(self) -> list[str]:
        return [subject.name for subject in self.items]

    def match(self, text: str) -> Subject | None:
        """The one subject `text` names, by the longest run of words it shares with a form."""
        return best_match(text, self.items)


# --- units: words and CJK characters ---------------------------------------------------------


def _units(text: str) -> list[re.Match[str]]:
    """The first `MAX_UNITS` units of `text`: names and labels are short, and comparing two texts
    costs the product of their lengths."""
    return list(islice(_UNIT.finditer(text), MAX_UNITS))


def _key(match: re.Match[str]) -> str:
    return match.group(0).casefold()


def _weight(units: Sequence[str]) -> int:
    return sum(1 if len(unit) == 1 and not unit.isascii() else 2 for unit in units)


def _common_run(a: Sequence[str], b: Sequence[str]) -> list[str]:
    """The longest run of units that `a` and `b` share."""
    best: tuple[int, int] = (0, 0)  # (length, end in a)
    previous = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        current = [0] * (len(b) + 1)
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                current[j] = previous[j - 1] + 1
                if current[j] > best[0]:
                    best = (current[j], i)
        previous = current
    return list(a[best[1] - best[0] : best[1]])


def shared_weight(text: str, other: str) -> int:
    run = _common_run([_key(u) for u in _units(text)], [_key(u) for u in _units(other)])
    return _weight(run)


def best_match(text: str, subjects: Sequence[Subject]) -> Subject | None:
    """The subject sharing the longest run with `text`; None when none does or two tie."""
    scores = [(max(shared_weight(text, form) for form in s.forms), s) for s in subjects]
    scores.sort(key=lambda pair: -pair[0])
    if not scores or scores[0][0] < MIN_WEIGHT or len(scores) > 1 and scores[1][0] == scores[0][0]:
        return None
    return scores[0][1]


def strip_affixes(texts: Sequence[str]) -> tuple[list[str], int]:
    """What differs between parallel texts, and how much they share around it.

    ["Tools for data engineers", "Tools for ML engineers"] → (["data", "ML"], weight of the
    shared "Tools for … engineers"). Works on whole words so "deep"/"data" share no "d".
    """
    units = [_units(text) for text in texts]
    keys = [[_key(u) for u in row] for row in units]
    shortest = min((len(row) for row in keys), default=0)
    prefix = 0
    while prefix < shortest and len({row[prefix] for row in keys}) == 1:
        prefix += 1
    suffix = 0
    while suffix < shortest - prefix and len({row[-1 - suffix] for row in keys}) == 1:
        suffix += 1
    middles = []
    for text, row in zip(texts, units, strict=True):
        inner = row[prefix : len(row) - suffix]
        middles.append(text[inner[0].start() : inner[-1].end()] if inner else "")
    return middles, _weight(keys[0][:prefix] + keys[0][len(keys[0]) - suffix :]) if keys else 0


def subject_runs(things: list[T], owner_of: Callable[[T], Subject | None]) -> list[list[tuple[T, Subject]]]:
    """Maximal runs of consecutive things that each belong to a different subject (two or more)."""
    runs: list[list[tuple[T, Subject]]] = []
    current: list[tuple[T, Subject]] = []
    for thing in things:
        owner = owner_of(thing)
        if owner is None or any(owner is seen for _, seen in current):
            if len(current) >= 2:
                runs.append(current)
            current = [(thing, owner)] if owner else []
            continue
        current.append((thing, owner))
    if len(current) >= 2:
        runs.append(current)
    return runs


# --- detection -------------------------------------------------------------------------------


def find_subjects(note: Note, groups: GroupsByLine | None = None) -> Subjects:
    """The subjects `note` compares, in the order the note names them; empty when it compares none.

    `groups` are the note's labelled groups when already read.
    """
    if groups is None:
        groups = {
            s.heading.line: labelled_groups(s, note.inlines) for top in note.sections for s in top.walk()
        }
    problems: list[Diagnostic] = []
    if FRONT_MATTER_KEY in note.front_matter.extra:
        chosen = _from_front_matter(note, problems)
        if chosen is not None:
            return chosen
    runs = parallel_heading_runs(note)
    names, origin = _from_title(note, runs), "title"
    if not names:
        names, origin = _from_headings(runs), "headings"
    if not 2 <= len(names) <= MAX_SUBJECTS:
        return Subjects(diagnostics=tuple(problems))
    subjects = tuple(Subject(name) for name in names)
    return Subjects(_with_short_forms(note, subjects, groups), origin, tuple(problems))


def parallel_heading_runs(note: Note) -> list[tuple[list[Section], list[str]]]:
    """Runs of sibling H3 sections whose labels share words around one differing middle.

    "2.1 A 所需技能" / "2.2 B 所需技能" → ([2.1, 2.2], ["A", "B"]). A run grows while the siblings
    still share those words and each keeps a distinct, non-empty middle.
    """
    runs = []
    for top in note.sections:
        children, start = top.children, 0
        while start < len(children) - 1:
            end = start + 2
            while end <= len(children) and _middles(children[start:end]):
                end += 1
            if end - 1 > start + 1:
                sections = children[start : end - 1]
                runs.append((sections, _middles(sections) or []))
                start = end - 1
            else:
                start += 1
    return runs


def _middles(sections: list[Section]) -> list[str] | None:
    middles, shared = strip_affixes([s.heading.label for s in sections])
    distinct = len({m.casefold() for m in middles}) == len(middles)
    return middles if all(middles) and distinct and shared >= MIN_WEIGHT else None


def _from_title(note: Note, runs: list[tuple[list[Section], list[str]]]) -> list[str]:
    parts = _CONNECTIVE.split(note.title)
    if len(parts) < 2:
        return []
    first = _LEADING_CUT.sub("", parts[0])
    last = _TRAILING_CUT.sub("", parts[-1])
    pieces = [*_LIST_SEPARATOR.split(first), *parts[1:-1], last]
    candidates = {middle for _, middles in runs for middle in middles}
    candidates |= {child.heading.label for top in note.sections for child in top.children}
    # Each candidate's words are read once, and each distinct piece trimmed once: a title may
    # repeat "A vs B" a hundred thousand times.
    words = [(candidate, [_key(u) for u in _units(candidate)]) for candidate in candidates]
    trimmed: dict[tuple[str, bool], str] = {}
    names = []
    for index, piece in enumerate(pieces):
        key = (piece, index == 0)
        if key not in trimmed:
            trimmed[key] = _trim_to_heading(piece, words, at_end=index == 0)
        names.append(trimmed[key].strip(" \"'“”‘’《》「」"))
    return names if all(names) else []


def _trim_to_heading(piece: str, candidates: list[tuple[str, list[str]]], at_end: bool) -> str:
    """The longest heading candidate (given with its words) that ends (first piece) or starts
    (last piece) `piece`."""
    keys = [_key(u) for u in _units(piece)]
    fitting = []
    for candidate, ckeys in candidates:
        edge = keys[len(keys) - len(ckeys) :] if at_end else keys[: len(ckeys)]
        if ckeys and edge == ckeys:
            fitting.append((candidate, len(ckeys)))
    return max(fitting, key=lambda fit: fit[1], default=(piece.strip(), 0))[0]


def _from_headings(runs: list[tuple[list[Section], list[str]]]) -> list[str]:
    """Middles that at least two runs of siblings share, such as "2.1 A 技能" and "3.1 A 路径"."""
    votes = Counter(tuple(m.casefold() for m in middles) for _, middles in runs)
    if not votes:
        return []
    winner, count = votes.most_common(1)[0]
    if count < 2:
        return []
    return next(middles for _, middles in runs if tuple(m.casefold() for m in middles) == winner)


def _from_front_matter(note: Note, problems: list[Diagnostic]) -> Subjects | None:
    """The subjects the author named; None (with a diagnostic) when the key can't be read."""
    value = note.front_matter.extra[FRONT_MATTER_KEY]
    raw = value.get("subjects") if isinstance(value, dict) else None
    aliases = (value.get("aliases") or {}) if isinstance(value, dict) else {}
    names = [str(n).strip() for n in raw if str(n).strip()] if isinstance(raw, list) else []
    if not isinstance(raw, list) or not isinstance(aliases, dict) or len(names) == 1:
        problems.append(
            Diagnostic(
                note.path,
                _front_matter_line(note),
                f"front matter '{FRONT_MATTER_KEY}' should be "
                "'{subjects: [A, B, ...], aliases: {A: [a]}}' with two or more subjects (or none to "
                "turn comparisons off); the subjects are detected from the note instead",
            )
        )
        return None
    subjects = []
    for name in names:
        forms = aliases.get(name) or []
        forms = [forms] if isinstance(forms, str) else forms
        if not isinstance(forms, list):
            problems.append(
                Diagnostic(
                    note.path,
                    _front_matter_line(note),
                    f"front matter '{FRONT_MATTER_KEY}': the aliases of '{name}' should be a list of "
                    f"short forms, like '{name}: [short]'; they are ignored",
                )
            )
            forms = []
        subjects.append(Subject(name, tuple(str(f).strip() for f in forms if str(f).strip())))
    return Subjects(tuple(subjects), "front matter", tuple(problems))


def _front_matter_line(note: Note) -> int:
    span = note.front_matter.span
    pattern = re.compile(rf"^{FRONT_MATTER_KEY}\s*:")
    lines = range(span.start, span.end + 1) if span else range(0)
    return next((n for n in lines if pattern.match(note.lines[n - 1])), span.start if span else 1)


# --- short forms -----------------------------------------------------------------------------


def _with_short_forms(note: Note, subjects: tuple[Subject, ...], groups: GroupsByLine) -> tuple[Subject, ...]:
    """Each subject with the part of its name the note uses on its own in parallel keys."""
    votes: dict[str, Counter[str]] = {s.name: Counter() for s in subjects}
    matches: dict[str, Subject | None] = {}  # notes repeat their keys: each is matched once
    for keys in _parallel_keys(note, groups):
        mapped = [(key, _memo(matches, key, lambda k: best_match(k, subjects))) for key in keys]
        hits = [(key, s) for key, s in mapped if s is not None]
        if len(hits) < 2 or len({s.name for _, s in hits}) < len(hits):
            continue
        for key, subject in hits:
            run = _common_run([_key(u) for u in _units(key)], [_key(u) for u in _units(subject.name)])
            form = _original(subject.name, run)
            others = [o for o in subjects if o is not subject]
            if (
                form
                and _weight(run) >= MIN_WEIGHT
                and form != subject.name
                and not any(shared_weight(form, o.name) >= _weight(run) for o in others)
            ):
                votes[subject.name][form] += 1
    # The form used most often comes first (it becomes `short`); ties go to the longer form.
    ranked = {name: sorted(forms, key=lambda f: (-forms[f], -len(f))) for name, forms in votes.items()}
    return tuple(Subject(s.name, tuple(ranked[s.name])) for s in subjects)


def _parallel_keys(note: Note, groups: GroupsByLine) -> Iterator[list[str]]:
    """Texts the note writes in parallel: sibling labels, item keys, bold labels of a section."""
    for top in note.sections:
        yield [child.heading.label for child in top.children]
        for section in top.walk():
            own = groups[section.heading.line]
            yield [g.label for g in own if g.label]
            for group in own:
                keys = [item.key for item in group.items]
                if keys and all(keys):
                    yield [k for k in keys if k]


def _memo(memo: dict[str, T], key: str, compute: Callable[[str], T]) -> T:
    if key not in memo:
        memo[key] = compute(key)
    return memo[key]


def _original(name: str, run: list[str]) -> str:
    """The text of `name` that the unit run `run` covers."""
    units = _units(name)
    keys = [_key(u) for u in units]
    for start in range(len(keys) - len(run) + 1):
        if run and keys[start : start + len(run)] == run:
            return name[units[start].start() : units[start + len(run) - 1].end()]
    return ""
