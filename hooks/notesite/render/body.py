"""A note's source lines as they appear on a generated page.

Lines are copied as written; only two things change: headings move up a level so the page's own
title is the only `<h1>`, and inline citations become links to the bibliography.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from notesite.blocks import ATX_HEADING
from notesite.front_matter import HTML_TAG
from notesite.note import Citation, LineSpan, Note
from notesite.render.text import escape_markdown

# reference number → (Markdown link target, hover text)
CitationTarget = Callable[[int], tuple[str, str]]


def heading_line(level: int, text: str) -> str:
    """A heading whose text is shown literally when it carries HTML."""
    shown = escape_markdown(text) if HTML_TAG.search(text) else text
    return f"{'#' * level} {shown}"


def page_body(
    note: Note,
    spans: Iterable[LineSpan],
    heading_lines: set[int],
    shift: int,
    citation_target: CitationTarget | None,
    citations_by_line: dict[int, list[tuple[int, Citation]]],
    skip: set[int] = frozenset(),  # type: ignore[assignment]
) -> list[str]:
    """The page's Markdown lines for `spans` of the note."""
    out: list[str] = []
    for span in spans:
        for number in range(span.start, span.end + 1):
            if number in skip:
                continue
            line = note.lines[number - 1]
            if number in heading_lines:
                match = ATX_HEADING.match(line)
                level = max(1, len(match.group(1)) - shift) if match else 1
                out.append(heading_line(level, (match.group(2) or "") if match else line))
                continue
            cited = citations_by_line.get(number)
            if cited and citation_target is not None:
                line = link_citations(line, cited, citation_target)
            out.append(line)
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
            title = title.replace("\\", "").replace('"', "&quot;")
            parts.append(f'[{token}]({href} "{title}"){anchor}')
            first = False
        elif token in "[]":
            parts.append("\\" + token)
        else:
            parts.append(token)
    return "".join(parts)
