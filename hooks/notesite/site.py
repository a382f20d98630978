"""All notes of a docs folder, laid out as pages: the core of one build, rebuilt every time."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from notesite.checks import read_note
from notesite.diagnostics import Diagnostic
from notesite.exports import to_bibtex, to_csl_json
from notesite.labels import labels_for
from notesite.linkcheck import LinkResult
from notesite.note import LineSpan
from notesite.pages import NoteLayout, PageKind, PageSpec, layout_note
from notesite.parser import source_lines
from notesite.render.note_pages import PageLinks, SourceLinker, render_note
from notesite.render.overview import card_grid
from notesite.render.text import escape_html, escape_markdown
from notesite.sanitize import HtmlPolicy
from notesite.slugs import note_slug

NOTES_FOLDER = "notes/"


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
        found = [d for layout in self.layouts for d in layout.diagnostics]
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
            if isinstance(entry, BrokenNote):
                pages = [entry.page]
            else:
                pages = [*entry.pages, *([entry.whole] if entry.whole else [])]
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
    directory_urls: bool = True,
    html: HtmlPolicy = HtmlPolicy.SANITIZE,
) -> NoteSite:
    """Parse each note once, learn what is known of its reference URLs, render all its pages."""
    site = NoteSite()
    at_root = not has_home and len(note_paths) == 1
    taken: set[str] = set()
    for index, path in enumerate(sorted(note_paths), start=1):
        stem = posixpath.splitext(posixpath.basename(path))[0]
        # The same reading as scripts/check_notes.py, so both report the same messages.
        checked = read_note(docs_dir / path, docs_dir, html)
        if checked.note is None or checked.analysis is None:
            assert checked.error is not None
            slug = _unique(note_slug(stem, None, index), taken)
            site.broken.append(_broken(path, slug, checked.error, docs_dir, at_root))
            continue
        note = checked.note
        slug = _unique(note_slug(stem, note.front_matter.extra.get("slug"), index), taken)
        site.layouts.append(layout_note(note, slug, at_root, checked.analysis))

    site.link_results = dict(
        statuses([ref.url for layout in site.layouts for ref in layout.note.references if ref.url])
    )
    for layout in site.layouts:
        downloads = _downloads(layout)
        site.downloads.update(downloads)
        site.markdown.update(
            render_note(layout, PageLinks(source_link, directory_urls), site.link_results, downloads)
        )
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


def _broken(path: str, slug: str, error: Diagnostic, docs_dir: Path, at_root: bool) -> BrokenNote:
    text = (docs_dir / path).read_text(encoding="utf-8-sig", errors="replace")
    uri = "index.md" if at_root else f"{slug}/index.md"
    page = PageSpec(PageKind.OVERVIEW, uri, slug, [LineSpan(1, max(1, len(source_lines(text))))])
    return BrokenNote(path, slug, error, text, page)


def _broken_markdown(broken: BrokenNote) -> str:
    """The error, then the note as written, so nothing is lost while it is being fixed."""
    fence = "`" * max(3, 1 + max((len(run) for run in _backtick_runs(broken.text)), default=0))
    return "\n".join(
        [
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
        ]
    )


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
