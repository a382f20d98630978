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

from notesite.layout.embeds import Embed
from notesite.layout.links import FileTarget, MissingTarget, ResolvedLink, UnresolvedTarget
from notesite.layout.pages import PageSpec
from notesite.model.inline import InlineKind
from notesite.model.note import BlockKind, LineSpan, Note
from notesite.model.plain_text import plain
from notesite.model.words import labels_for
from notesite.read.blocks import (
    ATX_HEADING,
    atx_heading,
    fence_language,
    fence_opener,
    heading_of,
    setext_underline,
)
from notesite.read.callouts import marker, quote_depth
from notesite.read.front_matter import has_html_tag, only_styling_html
from notesite.render.html import Html, link, markdown_text
from notesite.render.text import escape_markdown

# reference number → (Markdown link target, hover text)
CitationTarget = Callable[[int], tuple[str, str]]


def heading_line(level: int, text: str) -> str:
    """A heading whose HTML is shown literally, or left out when it only styles the words.

    Runs of spaces become one here and in `_heading`, as the page shows them anyway:
    Python-Markdown's heading and attr_list patterns are quadratic in a long run of spaces (a
    megabyte of them hangs it).
    """
    if has_html_tag(text):
        text = escape_markdown(plain(text) if only_styling_html(text) else text)
    return f"{'#' * level} {' '.join(text.split())}"


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
        embeds: Mapping[int, Embed] | None = None,
        formulas: Mapping[tuple[int, int], str] | None = None,
    ):
        self.note = note
        self.embeds = embeds or {}  # line → the note text it shows in place (layout/embeds.py)
        self.formulas = formulas or {}  # (line, column) → MathML (analyse/formulas.py)
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
        # Mermaid diagrams: their fences marked for the site's own copy of Mermaid to draw.
        self.diagrams = {
            block.span.start
            for block in note.blocks()
            if block.kind is BlockKind.FENCE and fence_language(block.lines[0]) == "mermaid"
        }
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
                if number in self.embeds:
                    out += self._embed(page, self.embeds[number])
                    continue
                formula = self._formula_block(number)
                if formula is not None:
                    out.append(formula)
                    skipped.update(range(number + 1, self.note.math_blocks[number].end + 1))
                    continue
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
                    out.append(self.callouts.shown(number, self._diagram(number, _apply(line, edits))))
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

    def _embed(self, page: PageSpec, embed: Embed) -> list[str]:
        """The embedded lines in a box titled with a link to where they come from."""
        inline = embed.link.inline
        heading = inline.target.partition("#")[2]
        if heading.startswith("^"):
            heading = ""  # a block id names no place a reader would know
        title = " › ".join(part for part in (embed.note.title, heading) if part)
        href = self.link_href(page, embed.link, False) if self.link_href else ""
        text = NoteText(
            embed.note,
            lambda page: None,
            embed.links,
            self.link_href,
            self.tag_href,
            embed.inner,
            embed.formulas,
        )
        return [
            "",
            '<div class="ns-embed" markdown>',
            Html('<p class="ns-embed__title" markdown>[{}]({})</p>').format(markdown_text(title), href),
            "",
            *text.embedded(page, embed.span),
            "",
            "</div>",
            "",
        ]

    def embedded(self, page: PageSpec, span: LineSpan) -> list[str]:
        """The note's lines of `span` shown inside another page: headings as bold lines (they
        are no headings of that page), no footnote definitions, no ids, embeds within followed."""
        headings = {s.heading.line: s.heading.text for top in self.note.sections for s in top.walk()}
        underlines: set[int] = set()
        for block in self.note.blocks():
            if block.kind is BlockKind.HEADING:
                headings[block.span.start] = heading_of(block)[1]
                underlines.update(range(block.span.start + 1, block.span.end + 1))
        footnotes = {n for lines in self.note.footnotes.values() for n in range(lines.start, lines.end + 1)}
        # A converted formula's first line stands for all of its lines.
        formula_lines = {
            n
            for start, lines in self.note.math_blocks.items()
            if (start, 0) in self.formulas
            for n in range(start, lines.end + 1)
        }
        out: list[str] = []
        for number in range(span.start, span.end + 1):
            if number == self.note.title_line or number in underlines or number in footnotes:
                continue
            if number in headings:
                heading = Html('<p class="ns-embed__heading"><strong>{}</strong></p>')
                out += ["", heading.format(plain(headings[number])), ""]
            elif number in self.embeds:
                out += self._embed(page, self.embeds[number])
            elif number in formula_lines:
                out.append(self._formula_block(number) or "")
            else:
                if number in self.blank_before:
                    out.append("")
                edits = self._edits(page, number, None, {}, set(), heading=False, own_page=False)
                edits += [
                    (inline.start, inline.end, Html("<sup>{}</sup>").format(inline.text))
                    for inline in self.note.inlines.get(number, [])
                    if inline.kind is InlineKind.FOOTNOTE  # its definition is not shown here
                ]
                out.append(
                    self.callouts.shown(
                        number, self._diagram(number, _apply(self.note.lines[number - 1], edits))
                    )
                )
        return out

    def _diagram(self, number: int, line: str) -> str:
        """A mermaid fence's opener as one of class `ns-mermaid` (its lines stay code, the text
        shown without a script); the site's script draws it, and Material's own Mermaid
        integration, which loads Mermaid from another host, never sees it."""
        if number not in self.diagrams:
            return line
        fence = fence_opener(line) or "```"
        return line[: line.find(fence)] + fence + "{.text .ns-mermaid}"

    def _formula_block(self, number: int) -> str | None:
        """A `$$` formula of several lines as one line of MathML at the first line's indent, if
        it starts at `number` and was converted; its other lines are left out."""
        mathml = self.formulas.get((number, 0)) if number in self.note.math_blocks else None
        if mathml is None:
            return None
        line = self.note.lines[number - 1]
        return line[: len(line) - len(line.lstrip())] + mathml

    def inline_markdown(self, page: PageSpec, number: int, column: int) -> str:
        """Source line `number` from `column` as Markdown for one line of a page's own making
        (a reference entry): links and tags pointing where their targets are, comments gone."""
        edits = self._edits(page, number, None, {}, set(), heading=False)
        line = self.note.lines[number - 1]
        return _apply(line, [edit for edit in edits if edit[0] >= column])[column:].strip()

    def _edits(
        self,
        page: PageSpec,
        number: int,
        target: CitationTarget | None,
        linked: dict[str, tuple[str, str]],
        cited: set[str],
        heading: bool,
        own_page: bool = True,
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
            elif inline.kind is InlineKind.MATH and (number, inline.start) in self.formulas:
                edits.append((inline.start, inline.end, self.formulas[number, inline.start]))
            elif inline.kind is InlineKind.BLOCK_ID:
                # `[[note#^id]]` lands here (render/hrefs.py), on the page that owns the line;
                # its text is not for reading.
                anchor = Html('<a id="^{}"></a>').format(inline.text) if own_page else ""
                edits.append((inline.start, inline.end, anchor))
        if self.link_href is not None:
            edits += [
                _link_edit(link, self.link_href(page, link, False), self.link_href(page, link, True))
                for link in self.links.get(number, [])
            ]
        return edits


def _heading(line: str, shift: int, edits: list[_Edit]) -> str:
    """The heading `shift` levels up; its HTML as `heading_line` shows it."""
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
        size = _image_size(inline.text) if image else ""
        if size:  # `![[pic.png|120x80]]`: the text is its size, the name its alternative text
            shown = posixpath.basename(name)
        return (
            inline.start,
            inline.end,
            f"{'!' if image else ''}[{escape_markdown(shown)}]({markdown_href}){size}",
        )
    return (inline.target_start, inline.target_end, markdown_href)


def _image_size(text: str) -> str:
    """Obsidian's `|120` (width) or `|120x80` (width and height) as attr_list attributes."""
    width, _, height = text.strip().partition("x")
    if not (width + height).isascii() or not width.isdigit() or not (height.isdigit() or not height):
        return ""
    return f'{{ width="{width}"' + (f' height="{height}"' if height else "") + " }"


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
