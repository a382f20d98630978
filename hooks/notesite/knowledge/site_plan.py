"""Everything decided about a site before a page is rendered: each note read and laid out (or
broken), every address claimed, links resolved, the knowledge base made.

`plan_site` is what the build and `notesite check` share, so the checker reports every message
the build logs or stops on, cross-note ones included: two files at one address (on any file
system: addresses that differ only in case or Unicode form are one), a note at a site page's
address, unresolved related notes.
"""

from __future__ import annotations

import posixpath
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from notesite.analyse.checked_note import CheckedNote, read_note
from notesite.analyse.sanitize import HtmlPolicy
from notesite.knowledge.base import KnowledgeBase, knowledge_base
from notesite.knowledge.plan_cache import PlanCache, vault_key
from notesite.layout.embeds import Embed, plan_embeds
from notesite.layout.links import LinkResolver, ResolvedLink, note_aliases
from notesite.layout.page_size import DEFAULT_SPLIT_THRESHOLD
from notesite.layout.pages import (
    HomePage,
    LinkReportPage,
    NoteLayout,
    OverviewPage,
    PageKind,
    PageSpec,
    layout_note,
)
from notesite.layout.slugs import note_folder
from notesite.model.diagnostics import Diagnostic, Severity
from notesite.model.note import LineSpan
from notesite.model.plain_text import visible
from notesite.model.words import labels_for, site_labels
from notesite.read.parser import source_lines
from notesite.read.source_text import display_text

NOTES_FOLDER = "notes/"


@dataclass
class BrokenNote:
    """A note that could not be read: published as a page that says why, so serve survives."""

    path: str
    folder: str
    error: Diagnostic
    text: str
    page: PageSpec


Entry = NoteLayout | BrokenNote


@dataclass
class SitePlan:
    layouts: list[NoteLayout] = field(default_factory=list)
    broken: list[BrokenNote] = field(default_factory=list)
    home: HomePage | None = None
    # Links between notes and to files, per note path, and those that lead nowhere.
    links: dict[str, list[ResolvedLink]] = field(default_factory=dict)
    link_problems: list[Diagnostic] = field(default_factory=list)
    # Obsidian embeds shown in place: embedding note's path → line → what it shows.
    embeds: dict[str, dict[int, Embed]] = field(default_factory=dict)
    # Backlinks, related notes, review state and tags, with the site-wide pages made from them.
    knowledge: KnowledgeBase | None = None
    # The interface words of every generated page (notesite.model.words).
    labels: Mapping[str, str] = field(default_factory=dict)
    # Two files at one address: the build stops on these.
    collisions: list[Diagnostic] = field(default_factory=list)
    # The author's page of link checks, when the site asks for one.
    link_report: LinkReportPage | None = None

    @property
    def diagnostics(self) -> list[Diagnostic]:
        found = [d for layout in self.layouts for d in layout.diagnostics]
        known = self.knowledge.diagnostics if self.knowledge else []
        return found + self.link_problems + known + [b.error for b in self.broken] + self.collisions

    def entries(self) -> list[Entry]:
        return sorted([*self.layouts, *self.broken], key=entry_path)


def entry_path(entry: Entry) -> str:
    return entry.note.path if isinstance(entry, NoteLayout) else entry.path


def entry_pages(entry: Entry) -> list[PageSpec]:
    """Every page the entry publishes, the whole-note page included."""
    if isinstance(entry, BrokenNote):
        return [entry.page]
    return [*entry.pages, *([entry.whole] if entry.whole else [])]


def plan_site(
    docs_dir: Path,
    note_paths: list[str],
    *,
    other_files: Mapping[str, str] | None = None,
    directory_urls: bool = True,
    html: HtmlPolicy = HtmlPolicy.SANITIZE,
    today: date | None = None,
    show_hidden_tags: bool = False,
    whole_note: bool = False,
    split_threshold: int = DEFAULT_SPLIT_THRESHOLD,
    read: Callable[[Path, Path, HtmlPolicy], CheckedNote] = read_note,
    labels: Mapping[str, str] | None = None,
    link_report: bool = False,
    kept: PlanCache | None = None,
) -> SitePlan:
    """Read and lay out every note, claim each page's address, resolve links, know the vault.

    `other_files` maps the files of docs/ that are no notes, by the path MkDocs writes them to,
    to their source. `today` is the date the review dashboard counts from. `labels`: the
    interface words of the site's language (None: from the notes' own). A note whose sections hold
    no more than `split_threshold` characters is on one page (notesite.layout.page_size).
    `link_report`: publish the author's page of link checks too. `kept`: layouts and links kept between
    serve's rebuilds.
    """
    plan = SitePlan()
    shaped = (tuple(sorted(labels.items())) if labels else None, split_threshold, whole_note)
    for path in sorted(note_paths):
        # The same reading as `notesite check`, so both report the same messages.
        checked = read(docs_dir / path, docs_dir, html)
        relative = path.removeprefix(NOTES_FOLDER)
        if checked.note is None or checked.analysis is None:
            assert checked.error is not None
            plan.broken.append(_broken(path, note_folder(relative), checked.error, docs_dir))
            continue
        folder = note_folder(relative, checked.note.front_matter.extra.get("slug"))

        def lay_out(checked: CheckedNote = checked, folder: str = folder) -> NoteLayout:
            assert checked.note is not None
            note = checked.note
            if folder == "" and note.titled_by == "file name":
                # The vault's own README, named for what it is (a copy: the read note may be cached).
                note = replace(note, title=(labels or labels_for(note))["notes"])
            layout = layout_note(note, folder, checked.analysis, labels, split_threshold)
            if not whole_note:
                layout.whole = None
            return layout

        plan.layouts.append(kept.layout(checked, (folder, shaped), lay_out) if kept else lay_out())

    plan.labels = labels or site_labels([layout.note for layout in plan.layouts])
    addresses = _Addresses(plan.collisions)
    for dest, source in (other_files or {}).items():
        addresses.claim(dest, _Claim(f"docs/{source}", source, 1))
    if not addresses.holds("index.html") and not any(entry.folder == "" for entry in plan.entries()):
        plan.home = HomePage.in_folder("", plan.labels["notes"])
        addresses.claim("index.html", _Claim("the notes home page", "", 0))
    for entry in plan.entries():
        for page in entry_pages(entry):
            addresses.claim(page.dest(directory_urls), _owner(entry, page))

    notes = {layout.note.path: layout.note for layout in plan.layouts}
    paths, files = [*notes, *(b.path for b in plan.broken)], list((other_files or {}).values())
    aliases = note_aliases((path, note.front_matter) for path, note in notes.items())
    resolver = LinkResolver(paths, files, notes.get, aliases=aliases)
    vault = vault_key(paths, files, aliases) if kept else None
    for layout in plan.layouts:
        note = layout.note
        resolved = kept.links(note, resolver, vault, notes) if kept else resolver.links_of(note)
        plan.links[note.path], problems = resolved
        plan.link_problems += problems
    embeds = plan_embeds({layout.note.path: layout for layout in plan.layouts}, plan.links)
    plan.embeds, plan.link_problems = embeds.by_note, plan.link_problems + embeds.problems
    plan.knowledge = knowledge_base(
        plan.layouts, plan.links, today or date.today(), show_hidden_tags, plan.labels
    )
    if link_report and plan.layouts:
        plan.link_report = LinkReportPage.in_folder("", plan.labels["link_report_title"])
    for page in [*plan.knowledge.pages, *([plan.link_report] if plan.link_report else [])]:
        # Named by kind, not by its title: the title is in the site's language, which the
        # checker does not know, and both must say the same.
        owner = f"the site's {page.kind.value} page ({page.src_uri})"
        addresses.claim(page.dest(directory_urls), _Claim(owner, "", 0))
    return plan


@dataclass(frozen=True)
class _Claim:
    """Who wants an address: as the message names it, and the file and line to point at."""

    owner: str
    path: str  # docs-relative; "" for a page made from all notes
    line: int


class _Addresses:
    """Addresses claimed so far. Two that differ only in case or Unicode form are one: a
    case-insensitive checkout or host (macOS, Windows) keeps one file of the two."""

    def __init__(self, collisions: list[Diagnostic]) -> None:
        self.taken: dict[str, tuple[str, _Claim]] = {}
        self.collisions = collisions

    @staticmethod
    def _key(dest: str) -> str:
        return unicodedata.normalize("NFC", dest).casefold()

    def holds(self, dest: str) -> bool:
        return self._key(dest) in self.taken

    def claim(self, dest: str, claim: _Claim) -> None:
        held = self.taken.setdefault(self._key(dest), (dest, claim))
        if held[1] is claim:
            return
        other_dest, other = held
        where = (
            f"would both be published as {dest}"
            if other_dest == dest
            else f"would be published as {dest} and {other_dest}, one address where case or "
            "Unicode form is ignored (macOS, Windows)"
        )
        # Pointed at the note that can move: the claimant, or the note holding a site page's place.
        at = claim if claim.path else other
        self.collisions.append(
            Diagnostic(
                at.path,
                max(at.line, 1),
                f"{claim.owner} and {other.owner} {where}: rename one of them, or give the note "
                "another `slug:` (or the section another `section_slugs:` entry) in its front matter",
                Severity.ERROR,
            )
        )


def _owner(entry: Entry, page: PageSpec) -> _Claim:
    path = entry_path(entry)
    source = f"docs/{path}"
    if isinstance(entry, BrokenNote):
        return _Claim(source, path, 1)
    if page.kind is PageKind.OVERVIEW or page.section is None:
        front_matter = entry.note.front_matter
        if isinstance(front_matter.extra.get("slug"), str):
            line = front_matter.line_of("slug")
            return _Claim(f"{source} (its `slug:`, line {line})", path, line)
        return _Claim(source, path, 1)
    line = page.section.heading.line
    return _Claim(f"{source} (its section '{page.title}', line {line})", path, line)


def _broken(path: str, folder: str, error: Diagnostic, docs_dir: Path) -> BrokenNote:
    text = display_text(docs_dir / path)
    title = visible(posixpath.basename(path))
    page = OverviewPage.in_folder(folder, title, [LineSpan(1, max(1, len(source_lines(text))))])
    return BrokenNote(path, folder, error, text, page)
