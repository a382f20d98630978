"""A `Comparison` as an HTML table: subjects as columns, labels as row headers, "—" for a gap.

Every text from the note is escaped; of its inline Markdown only **bold**, `code` and link text
survive, so no HTML the author wrote ever reaches the page. Star ratings get a meter beside
their text, and a comparison whose cells are all ranges gets a range chart below the table.
"""

from __future__ import annotations

import html
import re

from notesite.citations import find_citations
from notesite.comparisons import Comparison
from notesite.ratings import parse_rating, range_chart
from notesite.render.body import CitationTarget
from notesite.render.charts import render_range_chart, render_rating

MISSING = "—"
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_CODE = re.compile(r"`([^`]+)`")


def inline_html(text: str, citation_target: CitationTarget | None = None) -> str:
    """One line of note text as safe HTML: escaped, with bold, code and citation links kept."""
    out: list[str] = []
    position = 0
    for citation in find_citations(text, 0) if citation_target else []:
        out.append(_markup(text[position : citation.column]))
        out.append(_cite(citation.text, citation_target))
        position = citation.column + len(citation.text)
    out.append(_markup(text[position:]))
    return "".join(out)


def _markup(text: str) -> str:
    escaped = html.escape(_LINK.sub(r"\1", text), quote=True)
    escaped = _CODE.sub(r"<code>\1</code>", escaped)
    return _BOLD.sub(lambda m: f"<strong>{m.group(1) or m.group(2)}</strong>", escaped)


def _cite(text: str, target: CitationTarget) -> str:
    def link(match: re.Match[str]) -> str:
        href, title = target(int(match.group(0)))
        return (
            f'<a class="ns-cite" href="{html.escape(href, quote=True)}" '
            f'title="{html.escape(title, quote=True)}">{match.group(0)}</a>'
        )

    return re.sub(r"\d+", link, html.escape(text))


def render_cell(text: str | None, citation_target: CitationTarget | None = None) -> str:
    """A cell's content: one line as is, several lines as a list, a rating with its meter."""
    if not text:
        return f'<span class="ns-compare__missing">{MISSING}</span>'
    lines = text.split("\n")
    rendered = []
    for line in lines:
        rating = parse_rating(line)
        meter = render_rating(rating) if rating else ""
        rendered.append(meter + inline_html(line, citation_target))
    if len(rendered) == 1:
        return rendered[0]
    return "<ul>" + "".join(f"<li>{line}</li>" for line in rendered) + "</ul>"


def render_comparison(
    comparison: Comparison,
    citation_target: CitationTarget | None = None,
    with_chart: bool = True,
) -> str:
    """The comparison as a captioned table in a scrolling wrapper, plus its chart if it has one."""
    row_headers = any(row.label for row in comparison.rows)
    head = "".join(f'<th scope="col">{inline_html(name)}</th>' for name in comparison.subjects)
    corner = '<td class="ns-compare__corner"></td>' if row_headers else ""
    body = []
    for row in comparison.rows:
        header = f'<th scope="row">{inline_html(row.label)}</th>' if row_headers else ""
        cells = "".join(
            (
                f"<td>{render_cell(text, citation_target)}</td>"
                if text
                else f'<td class="ns-compare__gap">{render_cell(None)}</td>'
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
