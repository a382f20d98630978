"""Which pages a note becomes, and which of its source lines each page holds."""

from __future__ import annotations

import posixpath
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import takewhile
from typing import ClassVar, Self

from notesite.analyse.analysis import NoteAnalysis
from notesite.layout.links import heading_texts
from notesite.layout.page_size import DEFAULT_SPLIT_THRESHOLD, choose_split
from notesite.layout.slugs import section_slugs
from notesite.model.diagnostics import Diagnostic
from notesite.model.note import LineSpan, Note, Section
from notesite.model.words import labels_for
from notesite.read.references import is_reference_heading


def relative_path(target: str, folder: str) -> str:
    """`target` as seen from `folder`, both relative to one root: `posixpath.relpath` without
    the file system (it asks for the working folder on every call, which a note of a hundred
    thousand citations feels)."""
    there = [part for part in target.split("/") if part and part != "."]
    here = [part for part in folder.split("/") if part and part != "."]
    common = 0
    while common < min(len(there), len(here)) and there[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "."


class PageKind(StrEnum):
    """What a page is, as notes.json and the search index name it."""

    OVERVIEW = "overview"
    SECTION = "section"
    COMPARISON = "comparison"
    TIMELINE = "timeline"
    BIBLIOGRAPHY = "bibliography"
    WHOLE = "whole"
    HOME = "home"
    REVIEW = "review"
    TAGS = "tags"
    TAG = "tag"
    GRAPH = "graph"
    LINK_REPORT = "link-report"


@dataclass
class PageSpec:
    """A generated page: where MkDocs believes it lives inside docs/, its title, and the source
    lines it shows. Each kind of page is a subclass that knows its address; `render/` has one
    renderer per subclass."""

    kind: ClassVar[PageKind]
    # The kind's file in its note's folder (or the site's), when the kind has a fixed name.
    file_name: ClassVar[str] = ""

    src_uri: str
    title: str
    spans: list[LineSpan] = field(default_factory=list)  # the source lines this page shows
    section: Section | None = None

    @classmethod
    def in_folder(cls, folder: str, title: str, spans: list[LineSpan] | None = None) -> Self:
        """The kind's page in `folder` ("" for the site root)."""
        return cls(posixpath.join(folder, cls.file_name), title, spans or [])

    def tab_title(self, note_title: str, labels: dict[str, str]) -> str:
        """The browser tab's title: the page's own, then its note's, so every tab tells them apart."""
        return f"{self.title} · {note_title}"

    @property
    def source_span(self) -> LineSpan | None:
        """The whole range of source lines behind the page, for links back to the source."""
        if not self.spans:
            return None
        return LineSpan(self.spans[0].start, self.spans[-1].end)

    def link_to(self, other: PageSpec, anchor: str = "") -> str:
        """A Markdown link target from this page to `other`, which MkDocs resolves and checks."""
        target = relative_path(other.src_uri, posixpath.dirname(self.src_uri))
        return f"{target}#{anchor}" if anchor else target

    def url(self, directory_urls: bool) -> str:
        """The page's URL relative to the site root, as MkDocs will publish it."""
        stem = self.src_uri.removesuffix(".md")
        if not directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return stem + "/"

    def dest(self, directory_urls: bool) -> str:
        """The file MkDocs writes for the page, relative to the site folder."""
        url = self.url(directory_urls)
        return url + "index.html" if url.endswith("/") or not url else url

    def href_to(
        self, other: PageSpec, directory_urls: bool, anchor: str = "", from_source: bool = False
    ) -> str:
        """A finished relative URL from this page to `other`, for raw HTML (MkDocs won't rewrite).
        `from_source`: relative to this page's source file instead, for an engine that rewrites
        relative links in raw HTML as it does Markdown links (Zensical)."""
        here, there = self.url(directory_urls), other.url(directory_urls)
        if from_source:
            folder = posixpath.dirname(self.src_uri)
        else:
            folder = here if here.endswith("/") or not here else posixpath.dirname(here)
        target = relative_path(there or ".", folder)
        if there.endswith("/") or not there:
            target = "./" if target == "." else target + "/"
        return f"{target}#{anchor}" if anchor else target


# --- the pages of a note -----------------------------------------------------------------------


class OverviewPage(PageSpec):
    """The note's first page: its title, card and lead, and a card for each other page."""

    kind = PageKind.OVERVIEW
    file_name = "index.md"

    def tab_title(self, note_title: str, labels: dict[str, str]) -> str:
        return note_title


class SectionPage(PageSpec):
    """One H2 section of the note, named by its slug."""

    kind = PageKind.SECTION

    @classmethod
    def of(cls, folder: str, slug: str, section: Section) -> SectionPage:
        return cls(posixpath.join(folder, f"{slug}.md"), section.title, [section.span], section)


class ComparisonsPage(PageSpec):
    """Every comparison the analysis found in the note, as tables."""

    kind = PageKind.COMPARISON
    file_name = "comparisons.md"


class TimelinePage(PageSpec):
    """The note's subjects side by side in time."""

    kind = PageKind.TIMELINE
    file_name = "timeline.md"


class BibliographyPage(PageSpec):
    """The note's reference list, each entry linked back to where it is cited."""

    kind = PageKind.BIBLIOGRAPHY
    file_name = "references.md"

    @classmethod
    def of(cls, folder: str, section: Section) -> BibliographyPage:
        return cls(posixpath.join(folder, cls.file_name), section.title, [section.span], section)


class WholeNotePage(PageSpec):
    """The whole note on one page, for reading or printing in one piece. It repeats every other
    page, so it stays out of the navigation, notes.json and the search index."""

    kind = PageKind.WHOLE
    file_name = "full.md"

    def tab_title(self, note_title: str, labels: dict[str, str]) -> str:
        return f"{labels['whole_title']} · {note_title}"


# Names the pages of a note take besides its sections: no section may take them.
RESERVED = tuple(
    kind.file_name.removesuffix(".md")
    for kind in (OverviewPage, ComparisonsPage, TimelinePage, BibliographyPage, WholeNotePage)
)


# --- the pages of the whole site, made from every note -----------------------------------------


class HomePage(PageSpec):
    """The front door: what is due, a search box, every note by folder."""

    kind = PageKind.HOME
    file_name = "index.md"


class ReviewPage(PageSpec):
    """The review dashboard."""

    kind = PageKind.REVIEW
    file_name = "review.md"


class TagIndexPage(PageSpec):
    """Every tag as a tree, with the notes under each."""

    kind = PageKind.TAGS
    file_name = "tags/index.md"


class GraphPage(PageSpec):
    """The whole vault as folders and the links between them, bounded however large it grows.
    Not `graph/`: a note on graph theory may well be `graph.md`, and would take that address."""

    kind = PageKind.GRAPH
    file_name = "vault-graph.md"


@dataclass
class TagPage(PageSpec):
    """One tag: its place in the tree and the notes under it."""

    kind = PageKind.TAG
    key: str = ""  # the tag's key in the tree, as in its address

    @classmethod
    def of(cls, key: str, title: str) -> TagPage:
        return cls(f"tags/{key}.md", title, key=key)


class LinkReportPage(PageSpec):
    """For the author, when a site asks for it: every reference's link check, grouped by note.
    Out of the navigation, the search index, notes.json and search engines."""

    kind = PageKind.LINK_REPORT
    file_name = "link-report.md"


@dataclass
class NoteLayout:
    note: Note
    folder: str  # where its pages live below the site root; "" for the root itself
    overview: OverviewPage
    # The sections the overview shows with their headings: the lead, or every section of a note
    # published on one page (layout/page_size.py).
    lead_sections: list[Section]
    sections: list[SectionPage]
    bibliography: BibliographyPage | None
    analysis: NoteAnalysis = field(default_factory=NoteAnalysis)
    derived: list[PageSpec] = field(default_factory=list)  # comparison and timeline pages
    whole: WholeNotePage | None = None
    # (line, text) of every heading below the title, by line: what links to a heading reach.
    headings: list[tuple[int, str]] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)  # what laying it out found
    _by_start: list[tuple[int, int, PageSpec]] | None = field(default=None, init=False, repr=False)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [*self.note.diagnostics, *self.analysis.diagnostics, *self.problems]

    @property
    def one_page(self) -> bool:
        """The note's own text is all on its overview (a short note, or one without sections)."""
        return not self.sections

    @property
    def pages(self) -> list[PageSpec]:
        """In reading order: the order of the navigation and of previous/next."""
        tail = [self.bibliography] if self.bibliography else []
        return [self.overview, *self.sections, *self.derived, *tail]

    def page_for_line(self, line: int) -> PageSpec:
        """The page that shows source line `line` (the overview for lines no page shows)."""
        if self._by_start is None:
            # Spans never overlap: sorted by start, the one before a line is the only candidate.
            self._by_start = sorted(
                (span.start, span.end, page) for page in self.pages for span in page.spans
            )
        index = bisect_right(self._by_start, (line, float("inf"))) - 1
        if index >= 0 and line <= self._by_start[index][1]:
            return self._by_start[index][2]
        return self.overview


def lead_sections(note: Note) -> list[Section]:
    """Unnumbered H2s before the first numbered one (a short answer, an abstract)."""
    if not any(section.heading.number for section in note.sections):
        return []
    lead: list[Section] = []
    for section in note.sections:
        if section.heading.number or is_reference_heading(section.heading.label):
            break
        lead.append(section)
    return lead


def layout_note(
    note: Note,
    folder: str,
    analysis: NoteAnalysis | None = None,
    labels: Mapping[str, str] | None = None,
    split_threshold: int = DEFAULT_SPLIT_THRESHOLD,
) -> NoteLayout:
    """Assign every source line of `note` to exactly one page; add pages derived from it (titled
    in the site's interface words, `labels`; by default the note's language).

    `folder` is where the note's pages live below the site root ("" for the site root itself).
    A note whose sections hold no more than `split_threshold` characters is on one page (see
    layout/page_size.py).
    """
    lead = lead_sections(note)
    body = [s for s in note.sections if s not in lead]
    reference = next((s for s in reversed(body) if is_reference_heading(s.heading.label)), None)
    own_pages = [s for s in body if s is not reference]
    choice = choose_split(note, own_pages, split_threshold)
    if not choice.split:
        lead, own_pages = [s for s in note.sections if s is not reference], []
    # Short unnumbered first sections (a preface, a table of contents) join the lead on the
    # overview, as a short answer before the first numbered section does; never past the references.
    short = list(
        takewhile(
            lambda s: not s.heading.number and (not reference or s.span.start < reference.span.start),
            own_pages[: choice.short_lead],
        )
    )
    lead, own_pages = [*lead, *short], own_pages[len(short) :]

    # The overview ends where the first page of its own starts (the references may come first);
    # on one page it holds every line around the references.
    starts = [s.span.start for s in [*own_pages[:1], *([reference] if reference else [])]]
    overview_end = min(starts) - 1 if starts else len(note.lines)
    spans = [LineSpan(1, overview_end)]
    if reference and not own_pages and reference.span.end < len(note.lines):
        spans.append(LineSpan(reference.span.end + 1, len(note.lines)))
    overview = OverviewPage.in_folder(folder, note.title, spans)

    overrides = note.front_matter.extra.get("section_slugs") or {}
    slugs = section_slugs(own_pages, {str(k): str(v) for k, v in dict(overrides).items()}, RESERVED)
    sections = [SectionPage.of(folder, slugs[s.heading.line], s) for s in own_pages]
    bibliography = BibliographyPage.of(folder, reference) if reference else None
    analysis = analysis or NoteAnalysis()
    titles = labels or labels_for(note)
    derived: list[PageSpec] = []
    if analysis.comparisons:
        derived.append(ComparisonsPage.in_folder(folder, titles["comparisons_title"]))
    if analysis.timeline:
        derived.append(TimelinePage.in_folder(folder, titles["timeline_title"]))
    whole = WholeNotePage.in_folder(folder, note.title, [LineSpan(1, len(note.lines))]) if own_pages else None
    headings = [heading for heading in heading_texts(note) if heading[0] != note.title_line]
    problems = [choice.problem] if choice.problem else []
    return NoteLayout(
        note, folder, overview, lead, sections, bibliography, analysis, derived, whole, headings, problems
    )
