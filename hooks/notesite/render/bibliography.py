"""The bibliography page: each reference with its checked status and links back to its citations."""

from __future__ import annotations

import itertools
import string
from collections.abc import Mapping
from urllib.parse import unquote

from notesite.analyse.reference_checks import ReferenceCheck
from notesite.layout.pages import NoteLayout, PageSpec
from notesite.linkcheck import LinkResult, LinkStatus
from notesite.linkcheck.link_status import status_of
from notesite.model.note import Reference
from notesite.model.urls import is_web_url
from notesite.model.words import bracketed
from notesite.render.html import EMPTY, Html, link, markdown_text
from notesite.render.text import escape_markdown


def bibliography_lines(
    layout: NoteLayout,
    page: PageSpec,
    labels: dict[str, str],
    results: Mapping[str, LinkResult],
    downloads: list[tuple[str, str]],
    directory_urls: bool,
) -> list[str]:
    """Markdown for the bibliography page, from the heading to the downloads. Each entry is raw
    HTML with finished links: Python-Markdown slows down faster than linearly with the number of
    `markdown` blocks on a page, and a note may list 10,000 references."""
    note = layout.note
    assert page.section is not None
    lines = [f"# {escape_markdown(page.section.heading.text)}", ""]
    citing = _citing(layout)
    entries = [_entry(layout, page, r, labels, results, citing, directory_urls) for r in note.references]
    if entries:
        # One HTML block for the whole list: Python-Markdown copies the rest of the page at the
        # end of each block, so a block per entry made the page quadratic.
        lines += [Html('<div class="ns-references">\n{}\n</div>').format(Html("\n").join(entries)), ""]
    covered = {n for r in note.references for n in range(r.span.start, r.span.end + 1)}
    for number in range(page.section.span.start + 1, page.section.span.end + 1):
        text = note.lines[number - 1].strip()
        # Lines that are no entry stay on the page as written (the parser reported them).
        if number not in covered and text and text.strip("-*_ ") != "":
            lines += [Html('<p class="ns-ref ns-ref--unparsed">{}</p>').format(text), ""]
    if downloads:
        links = Html(" · ").join(
            Html("[{}]({})").format(markdown_text(name), target) for name, target in downloads
        )
        label = markdown_text(labels["downloads"])
        lines += [Html('<p class="ns-downloads" markdown>{}: {}</p>').format(label, links), ""]
    return lines


def _entry(
    layout: NoteLayout,
    page: PageSpec,
    reference: Reference,
    labels: dict[str, str],
    results: Mapping[str, LinkResult],
    citing: dict[int, list[int]],
    directory_urls: bool,
) -> Html:
    backlinks = _backlinks(layout, page, citing.get(reference.number, []), labels, directory_urls)
    head = Html('<span class="ns-ref__number">[{}]</span> {}').format(reference.number, backlinks)
    if reference.title:
        source = reference.source or ""
        if reference.domain:
            source += bracketed(reference.domain, source or reference.title)
        shown = Html(' <span class="ns-ref__source">{}</span>').format(source) if source else EMPTY
        body = [Html('{} <cite class="ns-ref__title">{}</cite>{}').format(head, reference.title, shown)]
        if reference.description:
            body.append(Html('<span class="ns-ref__description">{}</span>').format(reference.description))
    else:
        body = [
            Html('{} <span class="ns-ref__raw">{}</span> <em class="ns-ref__note">{}</em>').format(
                head, reference.raw, labels["unparsed"]
            )
        ]
    body.append(_url_line(reference, labels, results))
    check = layout.analysis.references.get(reference.number, ReferenceCheck())
    for problem in _problems(check, labels):
        body.append(Html('<span class="ns-ref__problem">⚠ {}</span>').format(problem))
    if check.declared and not check.mismatched_host:
        # Say so when the check passed too, so a reader sees it was made.
        text = labels["domain_ok"].format(declared=check.declared)
        body.append(Html('<span class="ns-ref__domain-ok">✓ {}</span>').format(text))
    inner = Html("<br>\n").join(body)
    return Html('<p class="ns-ref" id="ref-{}">{}</p>').format(reference.number, inner)


def _backlinks(
    layout: NoteLayout, page: PageSpec, places: list[int], labels: dict[str, str], directory_urls: bool
) -> Html:
    """Wikipedia's "^ a b": one link per citing place, titled with the page it is on."""
    if not places:
        return Html('<span class="ns-ref__backlinks">({})</span>').format(labels["not_cited"])
    letters = ["^"] if len(places) == 1 else _letters(len(places))
    prefix = "" if len(places) == 1 else "^ "
    citations = layout.note.citations
    # Address and title per citing page, not per citation: a reference may be cited 100,000 times
    # (the places are in reading order, so a line's citations come one after another).
    targets: dict[str, tuple[str, str]] = {}
    links: list[Html] = []
    line, href, title = 0, "", ""
    for letter, index in zip(letters, places, strict=True):
        if citations[index - 1].line != line:
            line = citations[index - 1].line
            citing = layout.page_for_line(line)
            if citing.src_uri not in targets:
                cited_by = f"{labels['cited_by']}: {citing.title}"
                targets[citing.src_uri] = (page.href_to(citing, directory_urls), cited_by)
            href, title = targets[citing.src_uri]
        links.append(
            Html('<a class="ns-backlink" href="{}#cite-{}" title="{}">{}</a>').format(
                href, index, title, letter
            )
        )
    return Html('<span class="ns-ref__backlinks">{}{}</span>').format(prefix, Html(" ").join(links))


def _citing(layout: NoteLayout) -> dict[int, list[int]]:
    """Reference number → the index (from 1, as the ids count) of every citation naming it."""
    found: dict[int, list[int]] = {}
    for index, citation in enumerate(layout.note.citations, start=1):
        for number in dict.fromkeys(citation.numbers):
            found.setdefault(number, []).append(index)
    return found


def _letters(count: int) -> list[str]:
    """a … z, aa, ab … zz, aaa …: Wikipedia's labels, as short as `count` allows (repeating one
    letter, the 1,000th label would be 39 letters long and a page of them quadratic)."""
    labels = (
        "".join(letters)
        for size in itertools.count(1)
        for letters in itertools.product(string.ascii_lowercase, repeat=size)
    )
    return list(itertools.islice(labels, count))


def _url_line(reference: Reference, labels: dict[str, str], results: Mapping[str, LinkResult]) -> Html:
    url = reference.url
    if url is None:
        return EMPTY
    # Shown decoded, so a percent-encoded Chinese path reads as Chinese; the link is untouched.
    shown = unquote(url)
    address = (
        link(url, shown, "ns-ref__url")
        if is_web_url(url)
        else Html('<code class="ns-ref__url">{}</code>').format(shown)
    )
    status, result = status_of(url, results)
    text = labels[f"status_{status.value}"].format(
        final=(result.final_url if result else "") or "",
        code=(result.http_status if result else "") or "?",
    )
    if result and result.checked_at and status is not LinkStatus.INVALID:
        text += " · " + labels["checked_on"].format(date=result.checked_at[:10])
    return Html('{0} <span class="ns-status ns-status--{1}" data-status="{1}">{2}</span>').format(
        address, status.value, text
    )


def _problems(check: ReferenceCheck, labels: dict[str, str]) -> list[str]:
    problems = list(check.identifier_problems)
    if check.mismatched_host:
        problems.insert(
            0, labels["domain_mismatch"].format(declared=check.declared, host=check.mismatched_host)
        )
    return problems
