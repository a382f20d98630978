"""A `Comparison` as an HTML table: subjects as columns, labels as row headers, "—" for a gap.

Every text from the note is escaped; of its inline Markdown only **bold**, `code` and link text
survive (`inline_html`), so no HTML the author wrote ever reaches the page. Star ratings get a
meter beside their text, and a comparison whose cells are all ranges gets a range chart: both read
by the analysis (`Comparison.ratings`, `Comparison.chart`). On the comparisons page the chart goes
below the table; beside the prose it was read from, the chart is shown and the table waits behind
"show as table" (`render_beside_prose`), so the same figures are not shown three times.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from notesite.analyse.comparisons import Comparison
from notesite.render.charts import render_range_chart, render_rating
from notesite.render.html import EMPTY, Html
from notesite.render.inline_html import CitationLink, inline_html

MISSING = "—"
_MISSING_CELL = Html('<span class="ns-compare__missing">{}</span>').format(MISSING)


def render_cell(text: str | None, line_html: Callable[[str], Html]) -> Html:
    """A cell's content: one line as is, several lines as a list, each line by `line_html`."""
    if not text:
        return _MISSING_CELL
    rendered = [line_html(line) for line in text.split("\n")]
    if len(rendered) == 1:
        return rendered[0]
    return Html("<ul>{}</ul>").format(EMPTY.join(Html("<li>{}</li>").format(line) for line in rendered))


def render_comparison(comparison: Comparison, citation_link: CitationLink | None = None) -> Html:
    """The comparison as a captioned table in a scrolling wrapper, plus its chart if it has one."""
    table = render_table(comparison, citation_link)
    return table + (render_range_chart(comparison.chart) if comparison.chart else EMPTY)


def render_beside_prose(
    comparison: Comparison, show_as_table: str, citation_link: CitationLink | None = None
) -> Html:
    """The comparison next to the author's text that states it: its chart with the table on
    demand (the chart's text alternative, opened for print), or the table when there is no chart."""
    table = render_table(comparison, citation_link)
    if comparison.chart is None:
        return table
    return render_range_chart(comparison.chart) + Html(
        '<details class="ns-table-on-demand"><summary>{}</summary>{}</details>'
    ).format(show_as_table, table)


def render_table(comparison: Comparison, citation_link: CitationLink | None = None) -> Html:
    """The comparison as a captioned table in a scrolling wrapper."""

    # Cells repeat their lines (高, ✓, one item in every row): each distinct line is rendered once.
    @functools.cache
    def line_html(line: str) -> Html:
        rating = comparison.ratings.get(line)
        meter = render_rating(rating) if rating else EMPTY
        return meter + inline_html(line, citation_link, comparison.references)

    row_headers = any(row.label for row in comparison.rows)
    head = EMPTY.join(
        Html('<th scope="col">{}</th>').format(inline_html(name)) for name in comparison.subjects
    )
    corner = Html('<td class="ns-compare__corner"></td>') if row_headers else EMPTY
    body = []
    for row in comparison.rows:
        header = Html('<th scope="row">{}</th>').format(inline_html(row.label)) if row_headers else EMPTY
        cells = EMPTY.join(
            (
                Html("<td>{}</td>").format(render_cell(text, line_html))
                if text
                else Html('<td class="ns-compare__gap">{}</td>').format(_MISSING_CELL)
            )
            for text in row.cells.values()
        )
        body.append(Html("<tr>{}{}</tr>").format(header, cells))
    # A frame that may scroll sideways must be reachable by keyboard and named for screen readers.
    return Html(
        '<div class="ns-compare-wrap" tabindex="0" role="region" aria-labelledby="{0}">'
        '<table class="ns-compare ns-compare--{1}"><caption id="{0}">{2}</caption>'
        "<thead><tr>{3}{4}</tr></thead><tbody>{5}</tbody></table></div>"
    ).format(
        f"ns-compare-{comparison.span.start}",
        comparison.kind.value,
        inline_html(comparison.title),
        corner,
        head,
        EMPTY.join(body),
    )
