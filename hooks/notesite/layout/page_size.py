"""Whether a note is split into a page per section, or published on one page (its overview).

Pages help reading a long note; a short one split by its sections is a row of clicks to three
lines each. A note is split when its sections (all but the reference list) hold more than the
threshold in characters and half of them hold at least a fifth of it (1,000 characters by
default, about a screenful), so a long note made of many short sections stays on one page too:
every page carries the site's header and navigation, which outweigh a section of a few lines.
The site sets the threshold (the plugin's `split_threshold`); a note overrides it with front
matter `split: true`, `split: false` or `split: <threshold>`.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from notesite.model.diagnostics import Diagnostic
from notesite.model.note import Note, Section

# Measured on the real vaults of ../shared/corpora: the seed note (8,518 characters in sections
# of a median 1,162) splits; javaguide's 430 notes (sections of a median 734 characters) publish
# about 1,490 HTML pages (2,316 when half the sections needed a tenth, 3,306 split always).
DEFAULT_SPLIT_THRESHOLD = 5000
# Half of a split note's sections hold at least this share of the threshold.
MEDIAN_SHARE = 5


@dataclass(frozen=True)
class SplitChoice:
    split: bool
    problem: Diagnostic | None = None  # a `split:` the note wrote that could not be read
    # Of a split note, how many of its first sections are too short for a page of their own (a
    # preface, a table of contents): the overview shows them, as it shows a lead.
    short_lead: int = 0


def section_size(note: Note, section: Section) -> int:
    """The characters of a section's source lines, its heading included."""
    return sum(len(note.lines[line - 1]) for line in range(section.span.start, section.span.end + 1))


def choose_split(note: Note, sections: list[Section], site_threshold: int) -> SplitChoice:
    """Whether `note` is split into a page for each of `sections` (the ones pages may hold)."""
    written = note.front_matter.extra.get("split")
    threshold, problem = site_threshold, None
    if isinstance(written, bool):
        return SplitChoice(written and bool(sections))
    if isinstance(written, int) and written >= 0:
        threshold = written
    elif written is not None:
        problem = Diagnostic(
            note.path,
            note.front_matter.line_of("split"),
            f"front matter split: expected true, false or a number of characters, got {written!r};"
            f" the site's threshold ({site_threshold}) applies",
        )
    sizes = [section_size(note, section) for section in sections]
    short = threshold / MEDIAN_SHARE
    long_enough = bool(sizes) and sum(sizes) > threshold and median(sizes) >= short
    # Half the sections are long, so the run of short ones at the start ends before the last.
    short_lead = next((n for n, size in enumerate(sizes) if size >= short), 0) if long_enough else 0
    return SplitChoice(long_enough, problem, short_lead)
