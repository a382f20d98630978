"""A note's source lines as they appear on a generated page.

Lines are copied as written; only two things change: headings move up a level so the page's own
title is the only `<h1>`, and inline citations become links to the bibliography.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from notesite.blocks import ATX_HEADING
from notesite.front_matter import HTML_TAG
from notesite.note import BlockKind, Citation, LineSpan, Note
from notesite.pages import PageSpec
from notesite.render.text import escape_markdown

# reference number → (Markdown link target, hover text)
CitationTarget = Callable[[int], tuple[str, str]]


def heading_line(level: int, text: str) -> str:
    """A heading whose text is shown literally when it carries HTML."""
    shown = escape_markdown(text) if HTML_TAG.search(text) else text
    return f"{'#' * level} {shown}"


class NoteText:
    """Copies a note's lines onto its pages; what every page needs is worked out once per note."""

    def __init__(self, note: Note, citation_target: Callable[[PageSpec], CitationTarget | None]):
        self.note = note
        self.citation_target = citation_target
        self.citations: dict[int, list[tuple[int, Citation]]] = {}
        for index, citation in enumerate(note.citations, start=1):
            self.citations.setdefault(citation.line, []).append((index, citation))
        # Python-Markdown needs a blank line before a list that CommonMark lets follow text.
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
        """The page's Markdown for `spans`: headings moved up by `shift`, citations linked.

        `after` adds generated lines after given source lines (a table after the prose it
        came from).
        """
        target = self.citation_target(page)
        skipped = set(skip)
        out: list[str] = []
        for span in spans:
            for number in range(span.start, span.end + 1):
                if number in skipped:
                    continue
                line = self.note.lines[number - 1]
                if number in self.blank_before:
                    out.append("")
                cited = self.citations.get(number) if target is not None else None
                if number in heading_lines:
                    match = ATX_HEADING.match(line)
                    level = max(1, len(match.group(1)) - shift) if match else 1
                    text = (match.group(2) or "") if match else line
                    if cited and match and not HTML_TAG.search(text):
                        # Citations in a heading link as in text; their columns count from the line.
                        moved = [(i, replace(c, column=c.column - match.start(2))) for i, c in cited]
                        out.append(f"{'#' * level} {link_citations(text, moved, target)}")
                    else:
                        out.append(heading_line(level, text))
                    out.extend((after or {}).get(number, []))
                    continue
                if cited:
                    line = link_citations(line, cited, target)
                out.append(line)
                out.extend((after or {}).get(number, []))
        return out


def link_citations(line: str, cited: list[tuple[int, Citation]], target: CitationTarget) -> str:
    """Each number inside a citation links to its reference; the citation keeps its text."""
    for index, citation in sorted(cited, key=lambda item: -item[1].column):
        end = citation.column + len(citation.text)
        linked = _linked_text(citation.text, index, target)
        line = line[: citation.column] + linked + line[end:]
    return line


def _linked_text(text: str, index: int, target: CitationTarget) -> str:
    parts: list[str] = []
    first = True
    for token in re.findall(r"\d+|.", text):
        if token.isdigit():
            anchor = f"{{#cite-{index} .ns-cite}}" if first else "{.ns-cite}"
            href, title = target(int(token))
            # A `|` would end a table cell around the citation, a `"` the title itself.
            title = title.replace("\\", "").replace('"', "&quot;").replace("|", "&#124;")
            parts.append(f'[{token}]({href} "{title}"){anchor}')
            first = False
        elif token in "[]":
            parts.append("\\" + token)
        else:
            parts.append(token)
    return "".join(parts)
