"""All notes of a docs folder, laid out as pages: the core of one build, rebuilt every time."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from notesite.diagnostics import Diagnostic, NoteError
from notesite.exports import to_bibtex, to_csl_json
from notesite.labels import labels_for
from notesite.linkcheck import LinkResult
from notesite.note import Citation, LineSpan, Note
from notesite.pages import NoteLayout, PageKind, PageSpec, layout_note
from notesite.parser import parse_note_file
from notesite.render.bibliography import bibliography_lines
from notesite.render.body import CitationTarget, heading_line, page_body
from notesite.render.overview import card_grid, metadata_card, section_summary
from notesite.render.text import escape_html, escape_markdown
from notesite.slugs import note_slug

NOTES_FOLDER = "notes/"
DOWNLOAD_FORMATS = {"references.bib": "BibTeX", "references.json": "CSL-JSON"}

# (note path relative to docs, source lines) → URL of those lines in the repository, or None.
SourceLinker = Callable[[str, LineSpan], str | None]


@dataclass
class BrokenNote:
    """A note that could not be read: published as a page that says why, so serve survives."""

    path: str
    slug: str
    error: Diagnostic
    text: str
    page: PageSpec


@dataclass
class NoteSite:
    layouts: list[NoteLayout] = field(default_factory=list)
    broken: list[BrokenNote] = field(default_factory=list)
    home: PageSpec | None = None
    markdown: dict[str, str] = field(default_factory=dict)  # src_uri → generated Markdown
    downloads: dict[str, str] = field(default_factory=dict)  # src_uri → other generated files
    link_results: dict[str, LinkResult] = field(default_factory=dict)  # URL → latest check

    @property
    def diagnostics(self) -> list[Diagnostic]:
        found = [d for layout in self.layouts for d in layout.note.diagnostics]
        return found + [b.error for b in self.broken]

    @property
    def pages(self) -> list[PageSpec]:
        """Every generated page, in navigation order."""
        head = [self.home] if self.home else []
        return head + [
            page
            for entry in self._entries()
            for page in (entry.pages if isinstance(entry, NoteLayout) else [entry.page])
        ]

    def generated(self) -> list[tuple[PageSpec, str, str]]:
        """(page, Markdown, path of the source note) for every generated page."""
        rows = [(self.home, self.markdown[self.home.src_uri], "")] if self.home else []
        for entry in self._entries():
            pages = entry.pages if isinstance(entry, NoteLayout) else [entry.page]
            rows += [(page, self.markdown[page.src_uri], _path_of(entry)) for page in pages]
        return rows

    def _entries(self) -> list[NoteLayout | BrokenNote]:
        return sorted([*self.layouts, *self.broken], key=lambda entry: _path_of(entry))

    def nav(self) -> list[Any]:
        """MkDocs `nav` for the notes: flat when one note is the home, else a section per note."""
        entries = self._entries()
        nav: list[Any] = [self.home.src_uri] if self.home else []
        for entry in entries:
            if isinstance(entry, BrokenNote):
                nav.append(entry.page.src_uri)
            elif entry.overview.src_uri == "index.md":
                nav += [page.src_uri for page in entry.pages]
            else:
                nav.append({escape_html(entry.note.title): [page.src_uri for page in entry.pages]})
        return nav


def _path_of(entry: NoteLayout | BrokenNote) -> str:
    return entry.note.path if isinstance(entry, NoteLayout) else entry.path


def build_site(
    docs_dir: Path,
    note_paths: list[str],
    has_home: bool,
    source_link: SourceLinker = lambda path, span: None,
    statuses: Callable[[list[str]], Mapping[str, LinkResult]] = lambda urls: {},
) -> NoteSite:
    """Parse each note once, learn what is known of its reference URLs, render all its pages."""
    site = NoteSite()
    at_root = not has_home and len(note_paths) == 1
    taken: set[str] = set()
    for index, path in enumerate(sorted(note_paths), start=1):
        stem = posixpath.splitext(posixpath.basename(path))[0]
        try:
            note = parse_note_file(docs_dir / path, docs_dir)
        except NoteError as error:
            slug = _unique(note_slug(stem, None, index), taken)
            site.broken.append(_broken(path, slug, error.diagnostic, docs_dir, at_root))
            continue
        slug = _unique(note_slug(stem, note.front_matter.extra.get("slug"), index), taken)
        site.layouts.append(layout_note(note, slug, at_root))

    site.link_results = dict(statuses(
        [ref.url for layout in site.layouts for ref in layout.note.references if ref.url]
    ))
    for layout in site.layouts:
        downloads = _downloads(layout)
        site.downloads.update(downloads)
        site.markdown.update(render_note(layout, source_link, site.link_results, downloads))
    for broken in site.broken:
        site.markdown[broken.page.src_uri] = _broken_markdown(broken)
    if not has_home and len(note_paths) > 1:
        site.home = PageSpec(PageKind.OVERVIEW, "index.md", "Notes", [])
        site.markdown["index.md"] = _home_markdown(site)
    return site


def _unique(slug: str, taken: set[str]) -> str:
    candidate, suffix = slug, 2
    while candidate in taken:
        candidate, suffix = f"{slug}-{suffix}", suffix + 1
    taken.add(candidate)
    return candidate


def _downloads(layout: NoteLayout) -> dict[str, str]:
    if not layout.note.references or layout.bibliography is None:
        return {}
    # Next to the bibliography page, so its links to them are plain file names.
    folder = posixpath.dirname(layout.bibliography.src_uri)
    return {
        f"{folder}/references.bib": to_bibtex(layout.note, layout.slug),
        f"{folder}/references.json": to_csl_json(layout.note, layout.slug),
    }


def render_note(
    layout: NoteLayout,
    source_link: SourceLinker,
    link_results: Mapping[str, LinkResult],
    downloads: dict[str, str],
) -> dict[str, str]:
    """Markdown for every page of one note."""
    note = layout.note
    labels = labels_for(note)
    citations = _citations_by_line(note)
    rendered: dict[str, str] = {}
    for page in layout.pages:
        target = _citation_target(layout, page)
        if page.kind is PageKind.OVERVIEW:
            lines = _overview_lines(layout, labels, target, citations)
        elif page.kind is PageKind.BIBLIOGRAPHY:
            files = [(DOWNLOAD_FORMATS[posixpath.basename(uri)], posixpath.basename(uri))
                     for uri in downloads]
            lines = bibliography_lines(layout, page, labels, link_results, files)
        else:
            section = page.section
            assert section is not None
            heading_lines = {s.heading.line for s in section.walk()} | {
                b.span.start for b in section.all_blocks() if b.kind.value == "heading"
            }
            body = page_body(note, page.spans, heading_lines, section.heading.level - 1, target,
                             citations)
            lines = [*body, ""]
        span = page.source_span
        link = source_link(note.path, span) if span else None
        if span:
            where = labels["source_lines"].format(start=span.start, end=span.end)
            text = escape_markdown(f"{labels['source']}: {note.path} {where}")
            lines.append(f'<p class="ns-source" markdown>[{text}]({link})</p>' if link else
                         f'<p class="ns-source" markdown>{text}</p>')
        rendered[page.src_uri] = _with_meta(page, note) + "\n".join(lines) + "\n"
    return rendered


def _with_meta(page: PageSpec, note: Note) -> str:
    # MkDocs puts page titles into the navigation and <title> unescaped: give it an escaped one.
    meta: dict[str, Any] = {"title": escape_html(page.title)}
    if page.kind is PageKind.OVERVIEW and note.front_matter.tags:
        meta["tags"] = note.front_matter.tags
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"


def _citations_by_line(note: Note) -> dict[int, list[tuple[int, Citation]]]:
    by_line: dict[int, list[tuple[int, Citation]]] = {}
    for index, citation in enumerate(note.citations, start=1):
        by_line.setdefault(citation.line, []).append((index, citation))
    return by_line


def _citation_target(layout: NoteLayout, page: PageSpec) -> CitationTarget | None:
    if layout.bibliography is None:
        return None
    bibliography = layout.bibliography
    hover = {
        ref.number: " — ".join(part for part in (ref.title or ref.raw, ref.source) if part)
        for ref in layout.note.references
    }

    def target(number: int) -> tuple[str, str]:
        return page.link_to(bibliography, f"ref-{number}"), hover.get(number, f"[{number}]")

    return target


def _overview_lines(
    layout: NoteLayout,
    labels: dict[str, str],
    target: CitationTarget | None,
    citations: dict[int, list[tuple[int, Citation]]],
) -> list[str]:
    note = layout.note
    overview = layout.overview
    lines = [heading_line(1, note.title), ""]
    lines += metadata_card(note.front_matter, labels)
    heading_lines = {s.heading.line for top in layout.lead_sections for s in top.walk()}
    skip = {note.title_line} if note.title_line else set()
    body_spans = [LineSpan(note.body_start, span.end) for span in overview.spans
                  if span.end >= note.body_start]
    lines += page_body(note, body_spans, heading_lines, 0, target, citations, skip)
    cards = [
        (page.title, overview.link_to(page),
         section_summary(page.section) if page.section else "")
        for page in layout.pages[1:]
    ]
    if cards:
        lines += ["", f"## {labels['contents']}", "", *card_grid(cards)]
    return lines


def _broken(path: str, slug: str, error: Diagnostic, docs_dir: Path, at_root: bool) -> BrokenNote:
    text = (docs_dir / path).read_text(encoding="utf-8-sig", errors="replace")
    uri = "index.md" if at_root else f"{slug}/index.md"
    page = PageSpec(PageKind.OVERVIEW, uri, slug, [LineSpan(1, max(1, len(text.splitlines())))])
    return BrokenNote(path, slug, error, text, page)


def _broken_markdown(broken: BrokenNote) -> str:
    """The error, then the note as written, so nothing is lost while it is being fixed."""
    fence = "`" * max(3, 1 + max((len(run) for run in _backtick_runs(broken.text)), default=0))
    return "\n".join([
        f"# {escape_markdown(broken.slug)}",
        "",
        '!!! failure "This note could not be read"',
        "",
        f"    {escape_markdown(str(broken.error))}",
        "",
        f"{fence}text",
        broken.text.rstrip("\n"),
        fence,
        "",
    ])


def _backtick_runs(text: str) -> list[str]:
    return re.findall(r"`{3,}", text)


def _home_markdown(site: NoteSite) -> str:
    cards = []
    for layout in sorted(site.layouts, key=lambda item: item.note.path):
        count = len(layout.sections)
        summary = labels_for(layout.note)["sections_count"].format(count=count)
        cards.append((layout.note.title, layout.overview.src_uri, summary))
    for broken in site.broken:
        cards.append((broken.slug, broken.page.src_uri, str(broken.error)))
    title = labels_for(site.layouts[0].note)["notes"] if site.layouts else "Notes"
    return "\n".join([f"# {title}", "", *card_grid(cards)])

