"""A `Comparison` as an HTML table: subjects as columns, labels as row headers, "—" for a gap.

Every text from the note is escaped; of its inline Markdown only **bold**, `code` and link text
survive, so no HTML the author wrote ever reaches the page. Star ratings get a meter beside
their text, and a comparison whose cells are all ranges gets a range chart below the table.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Collection

from notesite.analyse.comparisons import Comparison
from notesite.analyse.ratings import parse_rating, range_chart
from notesite.model.inline import InlineKind, scan_inline, strong_spans
from notesite.model.note import Citation
from notesite.read.citations import find_citations
from notesite.render.body import CitationTarget
from notesite.render.charts import render_range_chart, render_rating

MISSING = "—"
_MISSING_CELL = f'<span class="ns-compare__missing">{MISSING}</span>'
# Text without a character that could start code, emphasis, a link, HTML or a citation.
_PLAIN = re.compile(r"[^`*_\[\]!<$\\［【]*")


def inline_html(
    text: str, citation_target: CitationTarget | None = None, references: Collection[int] = ()
) -> str:
    """One line of note text as safe HTML: escaped, with bold, code and link text kept, and
    citations of `references` (the note's reference numbers) linked when `citation_target` is given.

    Read with the parser's inline scanner, so code, links and citations are what they are in the
    note's prose: a `[0,127]` naming no reference stays text, and so does `**` inside code.
    """
    if _PLAIN.fullmatch(text):
        return html.escape(text, quote=True)  # most cells: nothing to scan for
    inlines = scan_inline(text)
    # (start, end, replacement): the text between edits is escaped as is.
    edits: list[tuple[int, int, str]] = []
    for inline in (each for outer in inlines for each in (outer, *outer.inner)):
        if inline.kind is InlineKind.CODE:
            ticks = len(text[inline.start : inline.end]) - len(text[inline.start : inline.end].lstrip("`"))
            code = text[inline.start + ticks : inline.end - ticks]
            edits.append((inline.start, inline.end, f"<code>{html.escape(code, quote=True)}</code>"))
        elif inline.kind in (InlineKind.LINK, InlineKind.IMAGE):
            # Only the text survives: the brackets and the destination go.
            edits.append((inline.start, inline.text_start, ""))
            edits.append((inline.text_end, inline.end, ""))
        elif inline.kind in (InlineKind.WIKILINK, InlineKind.EMBED):
            shown = inline.text or inline.target
            edits.append((inline.start, inline.end, html.escape(shown, quote=True)))
    for strong in strong_spans(text, inlines):
        edits.append((strong.start, strong.text_start, "<strong>"))
        edits.append((strong.text_end, strong.end, "</strong>"))
    if citation_target is not None and references:
        for citation in find_citations(text, 0, references, inlines):
            edits.append(
                (citation.column, citation.column + len(citation.text), _cite(citation, citation_target))
            )
    return _apply(text, edits)


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    """`text` escaped, with each edit's columns replaced. Edits come from disjoint constructs
    (strong delimiters and citations lie outside code and link targets); one that overlaps an
    earlier edit all the same is skipped rather than garbling the text."""
    out, position = [], 0
    for start, end, replacement in sorted(edits, key=lambda edit: (edit[0], edit[1])):
        if start < position:
            continue
        out.append(html.escape(text[position:start], quote=True))
        out.append(replacement)
        position = end
    out.append(html.escape(text[position:], quote=True))
    return "".join(out)


def _cite(citation: Citation, target: CitationTarget) -> str:
    """Each number the citation names linked to its entry; separators and brackets kept."""
    out, position, text = [], 0, citation.text
    named = set(citation.numbers)
    for start, end in _numbers(text):
        number = int(text[start:end])
        if number not in named:
            continue
        href, title = target(number)
        out.append(html.escape(text[position:start]))
        out.append(
            f'<a class="ns-cite" href="{html.escape(href, quote=True)}" '
            f'title="{html.escape(title, quote=True)}">{number}</a>'
        )
        position = end
    out.append(html.escape(text[position:]))
    return "".join(out)


def _numbers(text: str) -> list[tuple[int, int]]:
    """Columns of each run of ASCII digits (citations hold at most a few, each short)."""
    found, start = [], -1
    for i, char in enumerate(text + " "):
        if "0" <= char <= "9":
            start = i if start == -1 else start
        elif start != -1:
            found.append((start, i))
            start = -1
    return found


def render_cell(text: str | None, line_html: Callable[[str], str]) -> str:
    """A cell's content: one line as is, several lines as a list, each line by `line_html`."""
    if not text:
        return _MISSING_CELL
    rendered = [line_html(line) for line in text.split("\n")]
    if len(rendered) == 1:
        return rendered[0]
    return "<ul>" + "".join(f"<li>{line}</li>" for line in rendered) + "</ul>"


def _line_html(line: str, citation_target: CitationTarget | None, references: Collection[int]) -> str:
    """One line of a cell, with a meter when it is a rating."""
    rating = parse_rating(line)
    meter = render_rating(rating) if rating else ""
    return meter + inline_html(line, citation_target, references)


def render_comparison(
    comparison: Comparison,
    citation_target: CitationTarget | None = None,
    with_chart: bool = True,
) -> str:
    """The comparison as a captioned table in a scrolling wrapper, plus its chart if it has one."""
    # Cells repeat their lines (高, ✓, one item in every row): each distinct line is rendered once.
    line_html = functools.cache(lambda line: _line_html(line, citation_target, comparison.references))
    row_headers = any(row.label for row in comparison.rows)
    head = "".join(f'<th scope="col">{inline_html(name)}</th>' for name in comparison.subjects)
    corner = '<td class="ns-compare__corner"></td>' if row_headers else ""
    body = []
    for row in comparison.rows:
        header = f'<th scope="row">{inline_html(row.label)}</th>' if row_headers else ""
        cells = "".join(
            (
                f"<td>{render_cell(text, line_html)}</td>"
                if text
                else f'<td class="ns-compare__gap">{_MISSING_CELL}</td>'
            )
            for text in row.cells.values()
        )
        body.append(f"<tr>{header}{cells}</tr>")
    kind = f"ns-compare--{comparison.kind.value}"
    # A frame that may scroll sideways must be reachable by keyboard and named for screen readers.
    caption = f"ns-compare-{comparison.span.start}"
    table = (
        f'<div class="ns-compare-wrap" tabindex="0" role="region" aria-labelledby="{caption}">'
        f'<table class="ns-compare {kind}">'
        f'<caption id="{caption}">{inline_html(comparison.title)}</caption>'
        f"<thead><tr>{corner}{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )
    chart = range_chart(comparison) if with_chart else None
    return table + (render_range_chart(chart) if chart else "")
