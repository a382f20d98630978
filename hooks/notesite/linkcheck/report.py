"""Summaries of a run for people: a plain-text table for the terminal and a Markdown report.

`sources` maps a URL to where the notes cite it, e.g. ["notes/guide.md:120 [3]"], so a problem
names the line to fix.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from .result import LinkResult, LinkStatus

# Statuses that need no one's attention.
FINE = frozenset({LinkStatus.OK, LinkStatus.REDIRECTED})

Sources = Mapping[str, Sequence[str]]


def counts(results: Sequence[LinkResult]) -> dict[str, int]:
    """Number of URLs per status, in the order of LinkStatus, omitting zeros."""
    seen = Counter(result.status for result in results)
    return {status.value: seen[status] for status in LinkStatus if seen[status]}


def problems(results: Sequence[LinkResult]) -> list[LinkResult]:
    """Results worth a look, worst first (broken before blocked before unchecked...)."""
    order = {status: rank for rank, status in enumerate(LinkStatus)}
    return sorted((r for r in results if r.status not in FINE), key=lambda r: (order[r.status], r.url))


def text_summary(results: Sequence[LinkResult], sources: Sources, seconds: float) -> str:
    """A table of counts, then one block per problem with its error and citing lines."""
    lines = [f"Checked {len(results)} URLs in {seconds:.1f} s", ""]
    lines += [f"  {status:<13}{n:>6}" for status, n in counts(results).items()]
    trouble = problems(results)
    if trouble:
        lines += ["", "Needs attention:"]
    for result in trouble:
        code = "" if result.http_status is None else str(result.http_status)
        lines.append(f"  {result.status:<13}{code:>4}  {result.url}")
        if result.error:
            lines.append(f"  {'':<17}  {result.error}")
        lines += [f"  {'':<17}  cited at {where}" for where in sources.get(result.url, ())]
    return "\n".join(lines) + "\n"


def markdown_report(results: Sequence[LinkResult], sources: Sources, checked_at: str) -> str:
    """A Markdown page: counts, then a table of the URLs that need attention."""
    lines = ["# Link check report", "", f"Checked {len(results)} URLs at {checked_at}.", ""]
    lines += ["| Status | URLs |", "| --- | ---: |"]
    lines += [f"| {status} | {n} |" for status, n in counts(results).items()]
    trouble = problems(results)
    if trouble:
        lines += ["", "## Needs attention", "", "| Status | HTTP | URL | Error | Cited at |"]
        lines.append("| --- | --- | --- | --- | --- |")
    for result in trouble:
        cells = [
            result.status.value,
            "" if result.http_status is None else str(result.http_status),
            f"<{result.url}>",
            result.error or "",
            "<br>".join(sources.get(result.url, ())),
        ]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"
