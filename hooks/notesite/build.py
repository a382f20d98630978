"""All notes of a docs folder, laid out as pages: the core of one build, rebuilt every time."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

from notesite.analyse.checked_note import CheckedNote, read_note
from notesite.analyse.sanitize import HtmlPolicy
from notesite.knowledge.plan_cache import PlanCache
from notesite.knowledge.site_plan import (
    NOTES_FOLDER,
    BrokenNote,
    SitePlan,
    entry_pages,
    entry_path,
    plan_site,
)
from notesite.layout.embeds import Embed, embeds_key
from notesite.layout.links import ResolvedLink
from notesite.layout.page_size import DEFAULT_SPLIT_THRESHOLD
from notesite.layout.pages import NoteLayout, PageSpec
from notesite.layout.slugs import note_folder
from notesite.linkcheck import LinkResult
from notesite.model.note import LineSpan
from notesite.model.plain_text import visible
from notesite.model.words import counted
from notesite.render.cache import RenderCache, render_key
from notesite.render.home import front_door
from notesite.render.hrefs import Hrefs
from notesite.render.link_report import link_report_markdown
from notesite.render.note_pages import PageLinks, SourceLinker, render_note
from notesite.render.reference_files import to_bibtex, to_csl_json
from notesite.render.site_pages import SitePages
from notesite.render.text import escape_html, escape_markdown


class LayoutError(Exception):
    """Two files would be published at one address: the build must stop. The plan's
    diagnostics name each pair (and hold every other message about the notes)."""

    def __init__(self, plan: SitePlan) -> None:
        count = len(plan.collisions)
        super().__init__(f"{count} file(s) would be published at an address another file has (named above)")
        self.plan = plan


@dataclass
class NoteSite(SitePlan):
    """The plan of the site (notesite.knowledge.site_plan) with every page rendered."""

    markdown: dict[str, str] = field(default_factory=dict)  # src_uri → generated Markdown
    downloads: dict[str, str] = field(default_factory=dict)  # src_uri → other generated files
    link_results: dict[str, LinkResult] = field(default_factory=dict)  # URL → latest check

    @property
    def site_pages(self) -> list[PageSpec]:
        """The pages made from all notes together: home, review dashboard, tag index, tags."""
        head = [self.home] if self.home else []
        return head + (self.knowledge.pages if self.knowledge else [])

    @property
    def pages(self) -> list[PageSpec]:
        """Every generated page, in navigation order."""
        head = [self.home] if self.home else []
        return head + [
            page
            for entry in self.entries()
            for page in (entry.pages if isinstance(entry, NoteLayout) else [entry.page])
        ]

    def generated(self) -> list[tuple[PageSpec, str, str]]:
        """(page, Markdown, path of the source note) for every generated page."""
        shown = [*self.site_pages, *([self.link_report] if self.link_report else [])]
        rows = [(page, self.markdown[page.src_uri], "") for page in shown]
        for entry in self.entries():
            rows += [(page, self.markdown[page.src_uri], entry_path(entry)) for page in entry_pages(entry)]
        return rows

    def nav(self) -> list[Any]:
        """MkDocs `nav` for the notes: a section per folder, in it a section per note."""
        root = _NavFolder("")
        for entry in self.entries():
            path = entry_path(entry).removeprefix(NOTES_FOLDER)
            node = root
            for name in posixpath.dirname(path).split("/") if "/" in path else []:
                node = node.folders.setdefault(name, _NavFolder(name))
            pages = [p.src_uri for p in (entry.pages if isinstance(entry, NoteLayout) else [entry.page])]
            if entry.folder == _folder_of_path(posixpath.dirname(path)):
                node.title, node.own = _title_of(entry), pages  # the folder's README
            else:
                node.notes.append((posixpath.basename(path), _title_of(entry), pages))
        # The review dashboard and the tag index follow the notes, so previous/next of a note's
        # first page is still the home page.
        known = self.knowledge
        shown = [p.src_uri for p in (known.review_page, known.tags_page) if p] if known else []
        return ([self.home.src_uri] if self.home else []) + root.nav() + shown


@dataclass
class _NavFolder:
    name: str
    title: str = ""
    own: list[str] = field(default_factory=list)  # the pages of the folder's own README
    folders: dict[str, _NavFolder] = field(default_factory=dict)
    notes: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (file, title, pages)

    def nav(self) -> list[Any]:
        items: list[tuple[str, Any]] = [
            (name, pages[0] if len(pages) == 1 else {escape_html(title): _grouped(pages)})
            for name, title, pages in self.notes
        ]
        items += [
            (name, {escape_html(visible(sub.title or name)): sub.nav()}) for name, sub in self.folders.items()
        ]
        own = _grouped(self.own) if self.own else []
        # A folder of thousands of notes is grouped as a long note's pages are, so the navigation
        # every page carries stays a few dozen entries however full the folder.
        return [*own, *_groups([item for _, item in sorted(items, key=lambda pair: pair[0])], 1)]


# Material renders the open branch of the navigation into every page, and each entry it shows
# costs as many steps as the entry has children. A note's pages (and a folder's notes) beyond
# NAV_FLAT are grouped in nested runs of at most NAV_GROUP, so a page of a note with 25,000
# sections, or of a folder of 5,000 notes, carries a few dozen entries, not all of them, and
# building it stays linear in its sections or notes.
NAV_FLAT = 40
NAV_GROUP = 20


def _grouped(pages: list[str]) -> list[Any]:
    """The note's overview, then its other pages, in nested groups named by their positions."""
    return pages[:1] + _groups(pages[1:], 1)


def _groups(pages: list[Any], first: int) -> list[Any]:
    if len(pages) <= NAV_FLAT:
        return list(pages)
    size = NAV_GROUP
    while len(pages) > size * NAV_GROUP:
        size *= NAV_GROUP
    groups = [(start, pages[start : start + size]) for start in range(0, len(pages), size)]
    return [
        {f"{first + start}–{first + start + len(chunk) - 1}": _groups(chunk, first + start)}
        for start, chunk in groups
    ]


def _title_of(entry: NoteLayout | BrokenNote) -> str:
    return entry.note.title if isinstance(entry, NoteLayout) else entry.page.title


def _folder_of_path(folder: str) -> str:
    """The site folder of a folder of notes: where its README's pages go."""
    return note_folder(posixpath.join(folder, "README.md"))


def _no_source_link(path: str, span: LineSpan) -> str | None:
    return None


def _nothing_known(urls: list[str]) -> Mapping[str, LinkResult]:
    return {}


@dataclass(frozen=True)
class BuildOptions:
    """How one build runs: the site's settings, with their one set of defaults (the plugin's
    options fall back to these), and what the caller brings of the world outside the notes."""

    # The files of docs/ that are no notes, by the path MkDocs writes them to in the site, to
    # their source: a note that would replace one stops the build.
    other_files: Mapping[str, str] = field(default_factory=dict)
    # Where a note's lines are in the repository's web view, if anywhere.
    source_link: SourceLinker = _no_source_link
    # What is known of reference URLs: URL → latest check (a link cache, or the network).
    statuses: Callable[[list[str]], Mapping[str, LinkResult]] = _nothing_known
    directory_urls: bool = True
    html: HtmlPolicy = HtmlPolicy.SANITIZE
    # The build date the review dashboard counts from (the caller reads the clock, never the
    # core); None: today.
    today: date | None = None
    # Tags starting with `_` shown to readers.
    show_hidden_tags: bool = False
    # Each note on one page (full.md) as well, which repeats all its other pages.
    whole_note: bool = False
    # Notes whose sections hold more characters than this are split into a page per section;
    # shorter ones are on one page (notesite.layout.page_size; a note's `split:` overrides it).
    split_threshold: int = DEFAULT_SPLIT_THRESHOLD
    # Reads one note (a cache under serve: notesite.analyse.note_cache).
    read: Callable[[Path, Path, HtmlPolicy], CheckedNote] = read_note
    # Keeps notes' pages between serve's rebuilds (notesite.render.cache).
    rendered: RenderCache | None = None
    # Keeps notes' layouts and links between serve's rebuilds (notesite.knowledge.plan_cache).
    planned: PlanCache | None = None
    # The interface words in the site's language (notesite.model.words.interface_labels); None:
    # the first note's language.
    labels: Mapping[str, str] | None = None
    # When each note (by its path under docs/) last changed, from git or the file's date: the
    # caller finds out, shown under each page's title.
    changed: Mapping[str, date] = field(default_factory=dict)
    # For an engine that rewrites relative links inside raw HTML as if written from the source
    # file (Zensical, through `notesite export`); MkDocs leaves them as written.
    html_links_from_source: bool = False
    # The author's page of every reference's link check (`link-report/`), out of nav and search.
    link_report: bool = False


def build_site(docs_dir: Path, note_paths: list[str], options: BuildOptions = BuildOptions()) -> NoteSite:
    """Parse each note once, learn what is known of its reference URLs, render all its pages
    (`options`: see `BuildOptions`)."""
    plan = plan_site(
        docs_dir,
        note_paths,
        other_files=options.other_files,
        directory_urls=options.directory_urls,
        html=options.html,
        today=options.today,
        show_hidden_tags=options.show_hidden_tags,
        whole_note=options.whole_note,
        split_threshold=options.split_threshold,
        read=options.read,
        labels=options.labels,
        link_report=options.link_report,
        kept=options.planned,
    )
    if plan.collisions:
        raise LayoutError(plan)
    site = NoteSite(**{f.name: getattr(plan, f.name) for f in fields(SitePlan)})
    assert site.knowledge is not None
    directory_urls, source_link = options.directory_urls, options.source_link
    unread = {b.path: b.page for b in site.broken}
    hrefs = Hrefs(_by_path(site.layouts), directory_urls, unread, options.html_links_from_source)
    page_links = PageLinks(source_link, directory_urls, hrefs)

    site.link_results = dict(
        options.statuses([ref.url for layout in site.layouts for ref in layout.note.references if ref.url])
    )
    # What every note's rendering depends on besides the vault (see notesite.render.cache).
    source_base = source_link("", LineSpan(1, 1))
    settings = (
        directory_urls,
        options.whole_note,
        options.split_threshold,
        options.show_hidden_tags,
        source_base,
        site.knowledge.today,
        site.labels,
    )
    for layout in site.layouts:
        downloads = _downloads(layout)
        site.downloads.update(downloads)
        resolved = site.links[layout.note.path]
        embedded = site.embeds.get(layout.note.path, {})
        changed = options.changed.get(layout.note.path)

        def render(
            layout: NoteLayout = layout,
            downloads: dict[str, str] = downloads,
            resolved: list[ResolvedLink] = resolved,
            embedded: dict[int, Embed] = embedded,
            changed: date | None = changed,
        ) -> dict[str, str]:
            known = site.knowledge
            return render_note(
                layout,
                page_links,
                site.link_results,
                downloads,
                resolved,
                known,
                site.labels,
                changed,
                embedded,
            )

        if options.rendered is None:
            site.markdown.update(render())
        else:
            key = render_key(
                layout,
                resolved,
                hrefs,
                site.knowledge,
                site.link_results,
                (settings, changed, embeds_key(embedded)),
            )
            site.markdown.update(options.rendered.pages(key, render))
    for broken in site.broken:
        site.markdown[broken.page.src_uri] = _broken_markdown(broken)
    if site.home:
        site.markdown["index.md"] = _home_markdown(site, directory_urls)
    elif root := next((layout for layout in site.layouts if layout.folder == ""), None):
        # The vault's own README is its front door: what is due and every note follow its text.
        site.markdown[root.overview.src_uri] += "\n" + "\n".join(_front_door(site, root, directory_urls))
    site.markdown.update(_knowledge_markdown(site, directory_urls))
    if site.link_report:
        site.markdown[site.link_report.src_uri] = link_report_markdown(
            site.link_report,
            site.layouts,
            site.link_results,
            dict(site.labels),
            directory_urls,
            hrefs.from_source,
        )
    return site


def _by_path(layouts: list[NoteLayout]) -> dict[str, NoteLayout]:
    return {layout.note.path: layout for layout in layouts}


def _downloads(layout: NoteLayout) -> dict[str, str]:
    if not layout.note.references or layout.bibliography is None:
        return {}
    # Next to the bibliography page, so its links to them are plain file names.
    folder = posixpath.dirname(layout.bibliography.src_uri)
    return {
        f"{folder}/references.bib": to_bibtex(layout.note, layout.folder or "notes"),
        f"{folder}/references.json": to_csl_json(layout.note, layout.folder or "notes"),
    }


def _broken_markdown(broken: BrokenNote) -> str:
    """The error, then the note as written, so nothing is lost while it is being fixed."""
    fence = "`" * max(3, 1 + max((len(run) for run in _backtick_runs(broken.text)), default=0))
    return "\n".join(
        [
            f"# {escape_markdown(broken.page.title)}",
            "",
            '!!! failure "This note could not be read"',
            "",
            f"    {escape_markdown(str(broken.error))}",
            "",
            f"{fence}text",
            broken.text.rstrip("\n"),
            fence,
            "",
        ]
    )


def _backtick_runs(text: str) -> list[str]:
    return re.findall(r"`{3,}", text)


def _home_markdown(site: NoteSite, directory_urls: bool) -> str:
    """The generated home: the notes' label as its title, then the front door."""
    assert site.home is not None
    title = f"# {escape_markdown(site.home.title)}"
    return "\n".join([title, "", *_front_door(site, None, directory_urls)])


def _front_door(site: NoteSite, page_of: NoteLayout | None, directory_urls: bool) -> list[str]:
    """What is due, recently reviewed notes and every note by folder, on the home page or after
    the text of the vault's own README (`page_of`, which is left out of its own cards)."""
    page = page_of.overview if page_of else site.home
    assert page is not None
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for entry in site.entries():
        folder = posixpath.dirname(entry_path(entry).removeprefix(NOTES_FOLDER))
        if entry is page_of:
            continue
        if isinstance(entry, NoteLayout):
            summary = counted(site.labels, "sections_count", len(entry.sections or entry.lead_sections))
            card = (entry.note.title, entry.overview.src_uri, summary)
        else:
            card = (entry.page.title, entry.page.src_uri, str(entry.error))
        groups.setdefault(folder, []).append(card)
    return front_door(page, site.knowledge, groups, _by_path(site.layouts), dict(site.labels), directory_urls)


def _knowledge_markdown(site: NoteSite, directory_urls: bool) -> dict[str, str]:
    """src_uri → Markdown of the review dashboard, the tag index and each tag's page."""
    if site.knowledge is None or not site.layouts:
        return {}
    return SitePages(site.knowledge, _by_path(site.layouts), dict(site.labels), directory_urls).markdown()
