"""The author's link report page: every reference's check, which the readers' bibliography leaves
out, grouped by note with broken links first (knowledge/reference_report.py finds it all)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from urllib.parse import unquote

from notesite.knowledge.reference_report import ReferenceFindings, reference_findings
from notesite.layout.pages import LinkReportPage, NoteLayout, PageSpec
from notesite.linkcheck import LinkResult
from notesite.model.urls import is_web_url
from notesite.render.bibliography import PageHref, citation_backlinks
from notesite.render.html import Html, link
from notesite.render.text import escape_html, escape_markdown


def link_report_markdown(
    page: LinkReportPage,
    layouts: list[NoteLayout],
    results: Mapping[str, LinkResult],
    labels: dict[str, str],
    directory_urls: bool = True,
    from_source: bool = False,
) -> str:
    """Markdown of the report: a heading per note that has references, an entry per reference.
    `directory_urls` and `from_source` as for PageSpec.href_to: the citing places are raw HTML."""
    # Kept out of search engines, the site's search and (by the adapter) the navigation.
    meta = {"title": escape_html(page.title), "robots": "noindex", "search": {"exclude": True}}
    lines = [
        "---",
        *(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()),
        "---",
    ]
    lines += [
        "",
        f"# {escape_markdown(page.title)}",
        "",
        Html('<p class="ns-report__intro">{}</p>').format(labels["link_report_intro"]),
        "",
    ]
    found = [
        (layout, reference_findings(layout.note, results)) for layout in layouts if layout.note.references
    ]
    found.sort(key=lambda pair: (not any(f.broken for f in pair[1]), pair[0].note.path))
    if not found:
        lines += [escape_markdown(labels["report_nothing"]), ""]

    def href(other: PageSpec, anchor: str) -> str:
        return page.href_to(other, directory_urls, anchor, from_source)

    for layout, findings in found:
        target = page.link_to(layout.bibliography or layout.overview)
        lines += [f"## [{escape_markdown(layout.note.title)}]({target})", ""]
        for finding in findings:
            lines += _entry(layout, finding, labels, href)
    return "\n".join(lines) + "\n"


def _entry(
    layout: NoteLayout, finding: ReferenceFindings, labels: dict[str, str], href: PageHref
) -> list[str]:
    reference, result = finding.reference, finding.result
    status = labels[f"report_status_{finding.status.value}"]
    status += f" ({result.http_status})" if result and result.http_status else ""
    checked = (result.checked_at or "")[:10] if result else ""
    facts = [Html('<strong class="ns-report__status">{}</strong>').format(status)]
    if checked:
        facts.append(Html("{}").format(labels["report_checked"].format(date=checked)))
    if result and result.error:
        facts.append(Html("<code>{}</code>").format(result.error))
    check = finding.check
    if check.mismatched_host:
        facts.append(
            Html("{}").format(
                labels["report_host_mismatch"].format(declared=check.declared, host=check.mismatched_host)
            )
        )
    elif check.declared:
        facts.append(Html("{}").format(labels["report_host_ok"].format(domain=check.declared)))
    facts += [Html("{}").format(problem) for problem in check.identifier_problems]
    if finding.citations:
        places = citation_backlinks(layout, finding.citations, labels, href)
        facts.append(Html("{}: {}").format(labels["cited_by"], places))
    else:
        facts.append(Html('<em class="ns-report__uncited">{}</em>').format(labels["report_uncited"]))
    url = reference.url or ""
    # Shown decoded as on the bibliography, so a Chinese path reads as Chinese; the link is untouched.
    shown = unquote(url)
    address = link(url, shown, "ns-ref__url") if is_web_url(url) else Html("<code>{}</code>").format(shown)
    head = Html('<span class="ns-ref__number">[{}]</span> <cite>{}</cite>').format(
        reference.number, reference.title or reference.raw
    )
    inner = Html("<br>\n").join([head, *([address] if url else []), Html(" · ").join(facts)])
    css = "ns-report ns-report--broken" if finding.broken else "ns-report"
    return [Html('<p class="{}" markdown>').format(css), inner, "</p>", ""]
