"""A note's source lines as they appear on a generated page.

Lines are copied as written; only three things change: headings move up a level so the page's own
title is the only `<h1>`, inline citations become links to the bibliography, and links to other
notes, headings and files point where those now are.
"""

from __future__ import annotations

import html
import posixpath
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping

from notesite.layout.links import FileTarget, MissingTarget, ResolvedLink, UnresolvedTarget
from notesite.layout.pages import PageSpec
from notesite.model.inline import InlineKind
from notesite.model.note import BlockKind, LineSpan, Note
from notesite.model.words import labels_for
from notesite.read.blocks import ATX_HEADING, atx_heading, fence_language, setext_underline
from notesite.read.callouts import marker, quote_depth
from notesite.read.front_matter import has_html_tag
from notesite.render.html import Html, link
from notesite.render.text import escape_markdown

# reference number → (Markdown link target, hover text)
CitationTarget = Callable[[int], tuple[str, str]]


def heading_line(level: int, text: str) -> str:
    """A heading whose text is shown literally when it carries HTML.

    Runs of spaces become one here and in `_heading`, as the page shows them anyway:
    Python-Markdown's heading and attr_list patterns are quadratic in a long run of spaces (a
    megabyte of them hangs it).
    """
    shown = escape_markdown(text) if has_html_tag(text) else text
    return f"{'#' * level} {' '.join(shown.split())}"


# (page, resolved link, as a finished URL for HTML?) → the URL of its target from that page
LinkHref = Callable[[PageSpec, ResolvedLink, bool], str]
# (page, tag name) → the URL of the tag's page from that page, None when it has none
TagHref = Callable[[PageSpec, str], str | None]
# A replacement of columns [start, end) of a source line.
_Edit = tuple[int, int, str]


class NoteText:
    """Copies a note's lines onto its pages; what every page needs is worked out once per note."""

    def __init__(
        self,
        note: Note,
        citation_target: Callable[[PageSpec], CitationTarget | None],
        links: Iterable[ResolvedLink] = (),
        link_href: LinkHref | None = None,
        tag_href: TagHref = lambda page, name: None,
    ):
        self.note = note
        self.citation_target = citation_target
        self.link_href = link_href
        self.tag_href = tag_href
        # Citations come in reading order, so a line's are one slice of them, found by bisection.
        self.citation_lines = [citation.line for citation in note.citations]
        self.links: dict[int, list[ResolvedLink]] = {}
        for resolved in links:
            self.links.setdefault(resolved.line, []).append(resolved)
        # Python-Markdown needs a blank line before a list that CommonMark lets follow text.
        self.callouts = _CalloutLines(note)
        # Dataview queries run only inside Obsidian: each is labelled, its fence kept as written.
        self.dataview = {
            block.span.start
            for block in note.blocks()
            if block.kind is BlockKind.FENCE and fence_language(block.lines[0]) in ("dataview", "dataviewjs")
        }
        self.dataview_label = labels_for(note)["dataview"]
        self.blank_before = {
            block.span.start
            for block in note.blocks()
            if block.kind is BlockKind.LIST
            and block.span.start > 1
            and note.lines[block.span.start - 2].strip()
        }

    def lines(
        self,
        page: PageSpec,
        spans: Iterable[LineSpan],
        heading_lines: set[int],
        shift: int,
        skip: Iterable[int] = (),
        after: Mapping[int, list[str]] | None = None,
    ) -> list[str]:
        """The page's Markdown for `spans`: headings moved up by `shift`, citations and links
        pointing where their targets now are.

        `after` adds generated lines after given source lines (a table after the prose it
        came from).
        """
        target = self.citation_target(page)
        linked: dict[str, tuple[str, str]] = {}  # citation text → its links on this page
        skipped = set(skip)
        after = after or {}
        spans = list(spans)
        footnotes = _PageFootnotes(self.note, spans, skipped)
        out: list[str] = []
        for span in spans:
            for number in range(span.start, span.end + 1):
                if number in skipped:
                    continue
                if number in self.blank_before:
                    out.append("")
                if number in self.dataview:
                    out += [Html('<p class="ns-dataview">{}</p>').format(self.dataview_label), ""]
                line, edits = (
                    self.note.lines[number - 1],
                    self._edits(page, number, target, linked, footnotes.cited, number in heading_lines),
                )
                if number in heading_lines:
                    # A setext heading (`Title` over `---`) is written as an ATX one, moved too.
                    below = self.note.lines[number] if number < len(self.note.lines) else ""
                    setext = 0 if atx_heading(line) else setext_underline(below)
                    if setext:
                        skipped.add(number + 1)
                        line = "#" * setext + " " + line
                        edits = [(start + setext + 1, end + setext + 1, text) for start, end, text in edits]
                    out.append(_heading(line, shift, edits))
                else:
                    out.append(self.callouts.shown(number, _apply(line, edits)))
                if number in after:
                    out.extend(after[number])
        # Definitions of the footnotes this page cites that other pages own travel with them.
        for number in footnotes.carried():
            if number in footnotes.starts:
                out.append("")
            out.append(
                self.callouts.shown(
                    number,
                    _apply(
                        self.note.lines[number - 1],
                        self._edits(page, number, target, linked, footnotes.cited, number in heading_lines),
                    ),
                )
            )
        return out

    def _edits(
        self,
        page: PageSpec,
        number: int,
        target: CitationTarget | None,
        linked: dict[str, tuple[str, str]],
        cited: set[str],
        heading: bool,
    ) -> list[_Edit]:
        edits: list[_Edit] = [(start, end, "") for start, end in self.note.comments.get(number, [])]
        if target is not None:
            first = bisect_left(self.citation_lines, number)
            last = bisect_right(self.citation_lines, number, first)
            for index in range(first + 1, last + 1):  # 1-based, as the ids count them
                citation = self.note.citations[index - 1]
                if citation.text not in linked:
                    linked[citation.text] = _linked_text(citation.text, target)
                head, tail = linked[citation.text]
                end = citation.column + len(citation.text)
                edits.append((citation.column, end, f"{head}{index}{tail}"))
        for inline in self.note.inlines.get(number, []):
            if inline.kind is InlineKind.FOOTNOTE_DEFINITION and inline.text not in cited:
                # Defined here, cited on other pages: a numbered line, with no dead back-link.
                edits.append((inline.start, inline.end + 1, Html("<sup>{}</sup>").format(inline.text)))
            elif inline.kind is InlineKind.TAG and not heading:
                edits.append((inline.start, inline.end, _tag(inline.text, self.tag_href(page, inline.text))))
        if self.link_href is not None:
            edits += [
                _link_edit(link, self.link_href(page, link, False), self.link_href(page, link, True))
                for link in self.links.get(number, [])
            ]
        return edits


def _heading(line: str, shift: int, edits: list[_Edit]) -> str:
    """The heading `shift` levels up; shown literally when it carries HTML."""
    match = ATX_HEADING.match(line)
    if not match:
        return _apply(line, edits)
    level = min(6, max(1, len(match.group(1)) - shift))
    text = match.group(2) or ""
    if has_html_tag(text):
        return heading_line(level, text)
    shown = _apply(line, edits)[match.start(2) :] if match.group(2) else ""
    return f"{'#' * level} {' '.join(shown.split())}"


def _apply(line: str, edits: list[_Edit]) -> str:
    """Replacements of disjoint columns, joined once: linear in the line however many there are."""
    if len(edits) == 1:  # the common cases: none, one link or citation
        start, end, text = edits[0]
        return "".join((line[:start], text, line[end:]))  # not `+`: an Html edit would escape the line
    if not edits:
        return line
    parts, position = [], 0
    for start, end, text in sorted(edits, key=lambda edit: edit[0]):
        parts += [line[position:start], text]
        position = end
    parts.append(line[position:])
    return "".join(parts)


def _link_edit(link: ResolvedLink, markdown_href: str, html_href: str) -> _Edit:
    inline = link.inline
    if isinstance(link.target, UnresolvedTarget):
        shown = inline.text or link.target.name
        return (inline.start, inline.end, Html('<span class="ns-unresolved">{}</span>').format(shown))
    if isinstance(link.target, MissingTarget) and inline.kind is InlineKind.HTML:
        return (inline.start, inline.start, "")  # raw HTML is not checked by MkDocs: as written
    if inline.kind is InlineKind.HTML:
        return (inline.target_start, inline.target_end, Html.escape(html_href))
    if inline.kind in (InlineKind.WIKILINK, InlineKind.EMBED):
        name, _, heading = inline.target.partition("#")
        # As Obsidian shows it: the alias, else "note > heading".
        shown = inline.text or " > ".join(part for part in (posixpath.basename(name), heading) if part)
        image = inline.kind is InlineKind.EMBED and isinstance(link.target, FileTarget)
        return (
            inline.start,
            inline.end,
            f"{'!' if image else ''}[{escape_markdown(shown)}]({markdown_href})",
        )
    return (inline.target_start, inline.target_end, markdown_href)


def _tag(name: str, href: str | None) -> str:
    """A tag written in the text, linked to its page (as HTML: `#x` must not start a heading)."""
    if href is None:
        return Html('<span class="ns-tag">{}</span>').format("#" + name)
    return link(href, "#" + name, "ns-tag")


def _linked_text(text: str, target: CitationTarget) -> tuple[str, str]:
    """The citation's numbers as links, split where the first link's id number goes: a note
    cites the same `[1]` thousands of times, and only that id differs between them.

    The links are raw HTML with finished URLs, never Markdown `[1](url)`: Python-Markdown's link
    pattern is quadratic in a line of thousands of them (10,000 citations on one line took
    minutes), while an HTML tag is read in one pass.
    """
    parts: list[str] = []
    split = 0
    for token in re.findall(r"\d+|.", text):
        if token.isdigit():
            href, title = target(int(token))
            # A `|` would end a table cell around the citation.
            attributes = f'href="{_attribute(href)}" title="{_attribute(title)}">{token}</a>'
            if not split:
                parts.append('<a class="ns-cite" id="cite-')
                split = len(parts)
                parts.append(f'" {attributes}')
            else:
                parts.append(f'<a class="ns-cite" {attributes}')
        elif token in "[]":
            parts.append("\\" + token)
        else:
            parts.append(html.escape(token))
    return "".join(parts[:split]), "".join(parts[split:])


def _attribute(text: str) -> str:
    return html.escape(text, quote=True).replace("|", "&#124;")


class _CalloutLines:
    """Callout lines as Material admonitions: each callout's quote level becomes four spaces of
    indent under `!!! type "Title"` (`???` folded, `???+` foldable), so nesting and plain quotes
    inside keep their places, and callouts in a row stay apart. One line in, one line out."""

    def __init__(self, note: Note) -> None:
        self.markers = note.callouts
        self.levels: dict[int, set[int]] = {}  # line → quote levels that are callouts
        self.columns: dict[int, tuple[int, int]] = {}  # line → (`>` marks, where its text starts)
        for callout in note.callouts.values():
            for number in range(callout.line, callout.end + 1):
                self.levels.setdefault(number, set()).add(callout.depth)
                if number not in self.columns:
                    self.columns[number] = quote_depth(note.lines[number - 1])

    def shown(self, number: int, line: str) -> str:
        levels = self.levels.get(number)
        if levels is None:
            return line
        depth, column = self.columns[number]
        if not depth:  # a lazy continuation line: inside every callout around it
            return "    " * len(levels) + line.lstrip(" ")
        callout = self.markers.get(number)
        last = callout.depth - 1 if callout else depth
        prefix = "".join("    " if level in levels else "> " for level in range(1, last + 1))
        if callout is None:
            return prefix + line[column:]
        found = marker(line[column:])
        title = found[2] if found and found[2] else callout.title
        opener = {"": "!!!", "-": "???", "+": "???+"}[callout.fold]
        return f'{prefix}{opener} {callout.kind} "{title}"'


class _PageFootnotes:
    """The footnotes one page cites, and the definition lines it must carry from other pages."""

    def __init__(self, note: Note, spans: list[LineSpan], skipped: set[int]) -> None:
        self.note = note
        shown = [n for span in spans for n in range(span.start, span.end + 1) if n not in skipped]
        self.shown = set(shown)
        self.cited: set[str] = set()
        self.order: list[str] = []
        for number in shown:
            for inline in note.inlines.get(number, []):
                if inline.kind is InlineKind.FOOTNOTE and inline.text not in self.cited:
                    self.cited.add(inline.text)
                    self.order.append(inline.text)
        self.starts: set[int] = set()

    def carried(self) -> list[int]:
        """Source lines of the cited definitions this page does not hold, in citing order."""
        lines: list[int] = []
        for label in self.order:
            span = self.note.footnotes.get(label)
            if span is not None and span.start not in self.shown:
                self.starts.add(span.start)
                lines += range(span.start, span.end + 1)
        return lines
