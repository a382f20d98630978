"""Markdown for every page of one note: overview, sections, comparisons, timeline, bibliography."""

from __future__ import annotations

import functools
import json
import posixpath
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from notesite.analyse.comparisons import Comparison
from notesite.knowledge.base import KnowledgeBase
from notesite.knowledge.tags import tag_key
from notesite.layout.embeds import Embed
from notesite.layout.links import NoteTarget, ResolvedLink
from notesite.layout.pages import (
    BibliographyPage,
    ComparisonsPage,
    NoteLayout,
    OverviewPage,
    PageKind,
    PageSpec,
    SectionPage,
    TimelinePage,
    WholeNotePage,
)
from notesite.linkcheck import LinkResult
from notesite.model.note import Block, BlockKind, LineSpan, Section
from notesite.model.plain_text import plain, shorten, visible
from notesite.model.words import counted, labels_for
from notesite.render.backlinks import backlinks_block, related_block
from notesite.render.bibliography import bibliography_lines
from notesite.render.body import CitationTarget, NoteText
from notesite.render.comparison import render_beside_prose, render_comparison
from notesite.render.connections import connections_block
from notesite.render.hrefs import Hrefs
from notesite.render.html import Html, markdown_text
from notesite.render.overview import card_grid, metadata_card, section_summary
from notesite.render.page_facts import page_facts
from notesite.render.tags import tag_chips
from notesite.render.text import escape_html, escape_markdown, line_words
from notesite.render.timeline import render_timeline

# (note path relative to docs, source lines) → URL of those lines in the repository, or None.
SourceLinker = Callable[[str, LineSpan], str | None]
DOWNLOAD_FORMATS = {"references.bib": "BibTeX", "references.json": "CSL-JSON"}


@dataclass(frozen=True)
class PageLinks:
    """How generated pages link out: to the repository's lines, and in finished URLs."""

    source: SourceLinker
    directory_urls: bool = True
    hrefs: Hrefs | None = None  # to other notes' pages; None renders links as written


def render_note(
    layout: NoteLayout,
    links: PageLinks,
    link_results: Mapping[str, LinkResult],
    downloads: Mapping[str, str],
    resolved: Iterable[ResolvedLink] = (),
    knowledge: KnowledgeBase | None = None,
    labels: Mapping[str, str] | None = None,
    changed: date | None = None,
    embeds: Mapping[int, Embed] | None = None,
) -> dict[str, str]:
    """src_uri → Markdown, for every page of one note; `knowledge` adds its tags, related notes
    and backlinks; `labels` are the site's interface words (by default, in the note's language);
    `changed` is the day the note last changed, shown under each page's title; `embeds` shows
    other notes' text in place of the lines that embed them."""
    renderer = _NoteRenderer(
        layout, links, link_results, downloads, resolved, knowledge, labels, changed, embeds
    )
    pages = [*layout.pages, *([layout.whole] if layout.whole else [])]
    return {page.src_uri: renderer.page(page) for page in pages}


class _NoteRenderer:
    def __init__(
        self,
        layout: NoteLayout,
        links: PageLinks,
        link_results: Mapping[str, LinkResult],
        downloads: Mapping[str, str],
        resolved: Iterable[ResolvedLink],
        knowledge: KnowledgeBase | None = None,
        labels: Mapping[str, str] | None = None,
        changed: date | None = None,
        embeds: Mapping[int, Embed] | None = None,
    ) -> None:
        self.knowledge = knowledge
        self.changed = changed  # see _with_facts
        self.layout = layout
        self.note = layout.note
        self.links = links
        self.link_results = link_results
        self.downloads = downloads
        self.labels = dict(labels or labels_for(self.note))
        hrefs = self.hrefs = links.hrefs or Hrefs({self.note.path: layout}, links.directory_urls)
        self.text = NoteText(
            self.note,
            self._citation_target,
            resolved,
            lambda page, link, html: hrefs.href(page, layout, link.target, html),
            self._tag_href,
            embeds,
            layout.analysis.formulas,
        )
        self._tables: dict[tuple[int, str, bool], Html] = {}  # see _comparison_html
        self._entries: list[str] | None = None  # see _bibliography
        self.hover = {
            ref.number: " — ".join(part for part in (ref.title or ref.raw, ref.source) if part)
            for ref in self.note.references
        }

    def page(self, page: PageSpec) -> str:
        renderers: dict[type[PageSpec], Callable[[PageSpec], list[str]]] = {
            OverviewPage: self._overview,
            SectionPage: self._section,
            ComparisonsPage: self._comparisons,
            TimelinePage: self._timeline,
            BibliographyPage: self._bibliography,
            WholeNotePage: self._whole,
        }
        body = renderers[type(page)](page)
        if isinstance(page, (OverviewPage, SectionPage, WholeNotePage)):
            body = self._with_facts(page, body)
        return self._meta(page) + "\n".join([*body, *self._source_line(page)]) + "\n"

    def _with_facts(self, page: PageSpec, body: list[str]) -> list[str]:
        """The reading time and last change under the page's title: the overview and the whole
        note count the whole note, a section page its own lines."""
        note = self.note
        spans = page.spans if isinstance(page, SectionPage) else [LineSpan(note.body_start, len(note.lines))]
        text = (line for span in spans for line in note.lines[span.start - 1 : span.end])
        title = next((i for i, line in enumerate(body) if line.startswith("# ")), None)
        if title is None:
            return body
        return [*body[: title + 1], "", page_facts(text, self.changed, self.labels), *body[title + 1 :]]

    # --- the kinds of page ---------------------------------------------------------------------

    def _overview(self, page: PageSpec) -> list[str]:
        note = self.note
        lines = [f"# {escape_markdown(note.title)}", "", *metadata_card(note.front_matter, self.labels)]
        lines += self._tags(page)
        declared = self._declared_description()
        if declared and not self._lead_blocks():
            lines += [Html('<p class="ns-description">{}</p>').format(declared), ""]
        heading_lines = {s.heading.line for top in self.layout.lead_sections for s in top.walk()}
        body = [
            LineSpan(max(span.start, note.body_start), span.end)
            for span in page.spans
            if span.end >= note.body_start
        ]
        # Chapters written as `#` go one level down, under the note's title.
        tables = {line: table for span in body for line, table in self._derived_tables(page, span).items()}
        shift = note.section_level - 2 if self.layout.one_page else 0
        lines += self.text.lines(page, body, heading_lines, shift, skip=[note.title_line or 0], after=tables)
        lines += self._moved_anchors(page)
        cards = [(other.title, page.link_to(other), self._summary(other)) for other in self.layout.pages[1:]]
        if cards:
            lines += ["", f"## {self.labels['contents']}", "", *card_grid(cards)]
        if self.layout.whole:
            label = markdown_text(self.labels["read_whole"])
            lines += [
                Html('<p class="ns-whole" markdown>[{}]({})</p>').format(
                    label, page.link_to(self.layout.whole)
                ),
                "",
            ]
        return [*lines, *self._related(page), *self._backlinks(page), *self._connections(page)]

    def _section(self, page: PageSpec) -> list[str]:
        section = page.section
        assert section is not None
        heading_lines = {s.heading.line for s in section.walk()} | {
            b.span.start for b in section.all_blocks() if b.kind.value == "heading"
        }
        lines = self.text.lines(
            page,
            page.spans,
            heading_lines,
            section.heading.level - 1,
            after=self._derived_tables(page, section.span),
        )
        return [*lines, "", *self._backlinks(page)]

    def _whole(self, page: PageSpec) -> list[str]:
        """The note in one piece: title and card, every section, then the bibliography as on its
        own page (entries escaped, with their statuses), its heading one level down."""
        note = self.note
        headings = {s.heading.line for top in note.sections for s in top.walk()}
        bibliography = self.layout.bibliography
        skipped = (
            set(range(bibliography.spans[0].start, bibliography.spans[0].end + 1)) if bibliography else set()
        )
        skipped.add(note.title_line or 0)
        body = LineSpan(note.body_start, len(note.lines))
        lines = [f"# {escape_markdown(note.title)}", "", *metadata_card(note.front_matter, self.labels)]
        # Chapters written as `#` go one level down, under the note's title.
        shift = note.section_level - 2
        lines += self.text.lines(
            page, [body], headings, shift, skip=skipped, after=self._derived_tables(page, body)
        )
        if bibliography:
            entries = self._bibliography(bibliography)
            lines += ["", "#" + entries[0], *entries[1:]]
        return lines

    def _moved_anchors(self, page: PageSpec) -> list[str]:
        """On a split note's overview, where each heading anchor the note would have on one page
        now leads (moved-anchors.js follows it): addresses from before it grew keep working."""
        moved = {} if self.layout.one_page else self.hrefs.moved_anchors(page, self.layout)
        if not moved:
            return []
        data = json.dumps(moved, ensure_ascii=False, separators=(",", ":"))
        return [Html('<div class="ns-moved" hidden data-ns-moved="{}"></div>').format(data), ""]

    def _derived_tables(self, page: PageSpec, span: LineSpan) -> dict[int, list[str]]:
        """Generated comparison tables (or charts), keyed by the source line they follow."""
        tables: dict[int, list[str]] = {}
        title = self.labels["generated_table"]
        for comparison in self.layout.analysis.derived_tables:
            if comparison.insert_after_line in span:
                table = self._comparison_html(page, comparison, beside_prose=True)
                tables.setdefault(comparison.insert_after_line, []).extend(
                    ["", Html('<div class="ns-derived" title="{}">{}</div>').format(title, table), ""]
                )
        return tables

    def _comparisons(self, page: PageSpec) -> list[str]:
        lines = [f"# {escape_markdown(page.title)}", ""]
        for comparison in self.layout.analysis.comparisons:
            sources = Html(" · ").join(
                Html("[{}]({})").format(markdown_text(plain(s.title)), self._link_to_section(page, s))
                for s in comparison.sections
            )
            label = markdown_text(self.labels["derived_from"])
            lines += [
                f"## {escape_markdown(plain(comparison.title))}",
                "",
                Html('<p class="ns-from" markdown>{}: {}</p>').format(label, sources),
                "",
                self._comparison_html(page, comparison),
                "",
            ]
        return lines

    def _timeline(self, page: PageSpec) -> list[str]:
        timeline = self.layout.analysis.timeline
        assert timeline is not None

        @functools.cache  # items link to their section: many items, few sections
        def link_for(line: int) -> str:
            return self.hrefs.href(page, self.layout, NoteTarget(self.note.path, line), html=True)

        return [
            f"# {escape_markdown(page.title)}",
            "",
            render_timeline(timeline, link_for, self.labels),
            "",
        ]

    def _bibliography(self, page: PageSpec) -> list[str]:
        # The whole note repeats this page (`_whole`): its back-links, one per citation, are
        # worked out once.
        if self._entries is None:
            files = [
                (DOWNLOAD_FORMATS[posixpath.basename(uri)], posixpath.basename(uri)) for uri in self.downloads
            ]
            today = self.knowledge.today if self.knowledge else None
            from_source = self.links.hrefs.from_source if self.links.hrefs else False
            self._entries = bibliography_lines(
                self.layout,
                page,
                self.labels,
                self.link_results,
                files,
                lambda number, column: self.text.inline_markdown(page, number, column),
                lambda other, anchor: page.href_to(other, self.links.directory_urls, anchor, from_source),
                today,
            )
        return self._entries

    # --- pieces --------------------------------------------------------------------------------

    def _tags(self, page: PageSpec) -> list[str]:
        kb = self.knowledge
        if kb is None:
            return []
        return tag_chips(page, kb.note_tags(self.layout), self.labels["tags"], self.links.directory_urls)

    def _tag_href(self, page: PageSpec, name: str) -> str | None:
        tag_page = self.knowledge.tag_pages.get(tag_key(name)) if self.knowledge else None
        return page.href_to(tag_page, self.links.directory_urls) if tag_page else None

    def _related(self, page: PageSpec) -> list[str]:
        kb = self.knowledge
        layouts = self.hrefs.layouts
        if kb is None:
            return []
        named = [
            (layouts[r.path].note.title, layouts[r.path].overview)
            for r in kb.related.get(self.note.path, [])
            if r.path in layouts
        ]
        return related_block(page, named, self.labels["related"], self.links.directory_urls)

    def _backlinks(self, page: PageSpec) -> list[str]:
        """On the overview every link to the note; on a section page the links to it."""
        kb = self.knowledge
        if kb is None:
            return []
        found = (
            kb.backlinks.to_note(self.note.path)
            if page.kind is PageKind.OVERVIEW
            else kb.backlinks.to_page(page)
        )
        return backlinks_block(page, found, self.labels["linked_from"], self.links.directory_urls)

    def _connections(self, page: PageSpec) -> list[str]:
        """The note among its strongest neighbours, drawn (render/connections.py)."""
        kb = self.knowledge
        if kb is None:
            return []
        layouts = self.hrefs.layouts
        near = [(n, layouts[n.path]) for n in kb.neighbours.get(self.note.path, []) if n.path in layouts]
        return connections_block(
            page, near, kb.graph_page, self.labels, self.links.directory_urls, self.hrefs.from_source
        )

    def _summary(self, page: PageSpec) -> str:
        analysis = self.layout.analysis
        if page.kind is PageKind.COMPARISON:
            return " · ".join(plain(c.title) for c in analysis.comparisons[:4]) + (
                " …" if len(analysis.comparisons) > 4 else ""
            )
        if page.kind is PageKind.TIMELINE and analysis.timeline:
            return " · ".join(analysis.timeline.subjects)
        if page.kind is PageKind.BIBLIOGRAPHY:
            return counted(self.labels, "references_count", len(self.note.references))
        return section_summary(self.note, page.section) if page.section else ""

    def _description(self, page: PageSpec) -> str:
        """The page's lead text, for search engines and link cards in chat apps."""
        if page.kind is PageKind.OVERVIEW:
            blocks = self._lead_blocks()
            if not blocks and self._declared_description():
                return shorten(self._declared_description(), 120)
        elif page.section is not None and page.kind is PageKind.SECTION:
            blocks = page.section.all_blocks()
        else:
            return f"{self.note.title} · {page.title}"
        text = ""
        for block in blocks:
            if block.kind.value in ("paragraph", "list") and len(text) < 60:
                for number in range(block.span.start, block.span.end + 1):
                    words = line_words(self.note, number)
                    text += words + " "
                    if words and len(text.strip()) > 120:
                        break  # `shorten` cuts the rest off: a list of 70,000 items is not read
        return shorten(text.strip(), 120) or self.note.title

    def _lead_blocks(self) -> list[Block]:
        """What the overview shows of the note's own text: before and in its lead sections."""
        lead = [*self.note.lead, *(b for s in self.layout.lead_sections for b in s.all_blocks())]
        return [b for b in lead if b.kind in (BlockKind.PARAGRAPH, BlockKind.LIST, BlockKind.TABLE)]

    def _declared_description(self) -> str:
        value = self.note.front_matter.extra.get("description")
        return plain(str(value)) if isinstance(value, str | int | float) else ""

    def _link_to_section(self, page: PageSpec, section: Section) -> str:
        return self.hrefs.href(
            page, self.layout, NoteTarget(self.note.path, section.heading.line), html=False
        )

    def _comparison_html(self, page: PageSpec, comparison: Comparison, beside_prose: bool = False) -> Html:
        """A comparison's table, rendered once for all pages that reach the bibliography alike
        (a section page, the comparison page and the whole note sit at one depth); beside the
        prose it came from, its chart comes first and the table on demand."""
        bibliography = self.layout.bibliography
        base = page.href_to(bibliography, self.links.directory_urls) if bibliography else ""
        key = (id(comparison), base, beside_prose)
        if key not in self._tables:
            cite = self._citation_target(page)
            self._tables[key] = (
                render_beside_prose(comparison, self.labels["show_as_table"], cite)
                if beside_prose
                else render_comparison(comparison, cite)
            )
        return self._tables[key]

    def _citation_target(self, page: PageSpec) -> CitationTarget | None:
        """Finished URLs from `page` to the bibliography: citations are raw HTML (render/body.py),
        which MkDocs does not rewrite."""
        bibliography = self.layout.bibliography
        if bibliography is None:
            return None

        # One address from this page to the bibliography; each citation adds its anchor.
        from_source = self.links.hrefs.from_source if self.links.hrefs else False
        base = page.href_to(bibliography, self.links.directory_urls, from_source=from_source)

        def target(number: int) -> tuple[str, str]:
            return f"{base}#ref-{number}", self.hover.get(number, f"[{number}]")

        return target

    def _source_line(self, page: PageSpec) -> list[str]:
        span = page.source_span
        if span is None:
            return []
        where = self.labels["source_lines"].format(start=span.start, end=span.end)
        text = escape_markdown(f"{self.labels['source']}: {visible(self.note.path)} {where}")
        link = self.links.source(self.note.path, span)
        shown = f"[{text}]({link})" if link else text
        # A paragraph with attr_list's class, not HTML for md_in_html: that reads every page twice.
        return ["", shown, "{: .ns-source }"]

    def _meta(self, page: PageSpec) -> str:
        # MkDocs puts page titles into the navigation and <title> unescaped: give it escaped.
        # `title` names the page in the navigation; `html_title` names it in <title> and og:title
        # (notesite_mkdocs/theme_overrides/main.html), with its note's title so pages of
        # different notes differ.
        meta: dict[str, Any] = {
            "title": escape_html(page.title),
            "html_title": escape_html(page.tab_title(self.note.title, self.labels)),
        }
        description = self._description(page)
        if description:
            meta["description"] = escape_html(description)
        if page.kind is PageKind.WHOLE:
            meta["search"] = {"exclude": True}
        if isinstance(page, TimelinePage):  # the lanes take the width the table of contents had
            meta["hide"] = ["toc"]
        # JSON is YAML too, and writes a megabyte of title in a blink where YAML's emitter crawls.
        fields = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())
        return f"---\n{fields}---\n\n"
