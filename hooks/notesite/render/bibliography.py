"""The bibliography page for readers: each reference as a clean citation with its link and the
links back to where it is cited. The link checker's findings are for the author (`notesite links`,
the build log, the optional link report page); a reader sees only a quiet mark and an archived
copy where a link was found broken."""

from __future__ import annotations

import itertools
import string
from collections.abc import Callable, Mapping
from datetime import date
from urllib.parse import unquote

from notesite.knowledge.reference_report import citation_places
from notesite.layout.pages import NoteLayout, PageSpec
from notesite.linkcheck import LinkResult, LinkStatus
from notesite.model.note import Reference
from notesite.model.urls import is_web_url
from notesite.model.words import bracketed, has_cjk
from notesite.render.html import EMPTY, Html, link, markdown_text
from notesite.render.inline_html import inline_html
from notesite.render.text import escape_markdown

# (source line, column) → the rest of the line as Markdown, its links pointing at their targets
SourceText = Callable[[int, int], str]
# (page, anchor) → the finished URL of that anchor of that page from the bibliography page
PageHref = Callable[[PageSpec, str], str]


def bibliography_lines(
    layout: NoteLayout,
    page: PageSpec,
    labels: dict[str, str],
    results: Mapping[str, LinkResult],
    downloads: list[tuple[str, str]],
    written: SourceText,
    href: PageHref,
    today: date | None = None,
) -> list[str]:
    """Markdown for the bibliography page, from the heading to the downloads. `written` gives
    a source line from a column as Markdown, its wiki links linked, for what is shown as written;
    `href` the finished URL of a citing place; `today` (the build date) dates an archived copy of
    a broken link whose check has no date.

    A parsed entry is raw HTML that Python-Markdown passes through: a `markdown` block per entry
    made a bibliography of 10,000 entries take seconds per thousand (md_in_html is superlinear in
    the number of such blocks, and its HTML reader in the number of raw blocks, so parsed entries
    in a row share one). Only an entry shown as written keeps its Markdown."""
    note = layout.note
    assert page.section is not None
    lines = [f"# {escape_markdown(page.section.heading.text)}", ""]
    citing = citation_places(note)
    run: list[str] = []  # parsed entries in a row: one raw HTML block
    for reference in note.references:
        archived = _broken(reference, results, today)
        entry, markdown = _entry(layout, reference, labels, archived, citing, written, href)
        if markdown:
            lines += _raw_block(run) + [entry, ""]
            run = []
        else:
            run.append(entry)
    lines += _raw_block(run)
    covered = {n for r in note.references for n in range(r.span.start, r.span.end + 1)}
    for number in range(page.section.span.start + 1, page.section.span.end + 1):
        line = note.lines[number - 1]
        text = line.strip()
        # Lines that are no entry stay on the page as written (the parser reported them).
        if number not in covered and text and text.strip("-*_ ") != "":
            # The author's Markdown, its links rewritten, as a note's body is.
            shown = Html(written(number, _indent(line)))
            lines += [Html('<p class="ns-ref ns-ref--unparsed" markdown>{}</p>').format(shown), ""]
    if downloads:
        links = Html(" · ").join(
            Html("[{}]({})").format(markdown_text(name), target) for name, target in downloads
        )
        label = markdown_text(labels["downloads"])
        lines += [Html('<p class="ns-downloads" markdown>{}: {}</p>').format(label, links), ""]
    return lines


def _entry(
    layout: NoteLayout,
    reference: Reference,
    labels: dict[str, str],
    archived: str | None,
    citing: dict[int, list[int]],
    written: SourceText,
    href: PageHref,
) -> tuple[str, bool]:
    """The entry's HTML, and whether it holds the author's Markdown (an entry shown as written)."""
    head = Html('<span class="ns-ref__number">[{}]</span>').format(reference.number)
    places = citing.get(reference.number, [])
    if places:  # an uncited entry is the author's business (the build log, `notesite links`)
        head += Html(" ") + citation_backlinks(layout, places, labels, href)
    markdown = not reference.title
    if reference.title:
        source = reference.source or ""
        if reference.domain:
            # An entry with a Chinese title keeps Chinese brackets though its source is Latin
            # ("InfoQ（xie.infoq.cn）"), as its author wrote it.
            chinese = has_cjk(reference.title + source + reference.domain)
            source += bracketed(reference.domain, source or reference.title, chinese=chinese)
        # The entry's words as the note's prose reads them: bold, code and link text kept.
        shown = EMPTY
        if source:
            shown = Html(' <span class="ns-ref__source">{}</span>').format(inline_html(source))
        title = inline_html(reference.title)
        body = [Html('{} <cite class="ns-ref__title">{}</cite>{}').format(head, title, shown)]
        if reference.description:
            description = inline_html(reference.description)
            body.append(Html('<span class="ns-ref__description">{}</span>').format(description))
    else:
        raw = " ".join(
            written(
                number,
                reference.column if number == reference.line else _indent(layout.note.lines[number - 1]),
            )
            for number in range(reference.span.start, reference.span.end + 1)
        )
        body = [
            Html('{} <span class="ns-ref__raw">{}</span> <em class="ns-ref__note">{}</em>').format(
                head, Html(raw), labels["unparsed"]
            )
        ]
    body.append(_url_line(reference, labels, archived))
    inner = Html("<br>\n").join(body)
    start = '<p class="ns-ref" id="ref-{}" markdown>' if markdown else '<p class="ns-ref" id="ref-{}">'
    return Html(start).format(reference.number) + Html("\n") + inner + Html("\n</p>"), markdown


def _raw_block(entries: list[str]) -> list[str]:
    """Entries as one block of raw HTML, without a blank line that could end it."""
    return ['<div class="ns-refs">', *entries, "</div>", ""] if entries else []


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def citation_backlinks(layout: NoteLayout, places: list[int], labels: dict[str, str], href: PageHref) -> Html:
    """Wikipedia's "^ a b": one link per citing place (`places`, as `citation_places` counts
    them), to `href` of the page it is on and titled with it."""
    letters = ["^"] if len(places) == 1 else _letters(len(places))
    prefix = "" if len(places) == 1 else "^ "
    citations = layout.note.citations
    # Address and title per citing page, not per citation: a reference may be cited 100,000 times
    # (the places are in reading order, so a line's citations come one after another).
    targets: dict[str, tuple[str, str]] = {}
    links: list[Html] = []
    line, address, title = 0, "", ""
    for letter, index in zip(letters, places, strict=True):
        if citations[index - 1].line != line:
            line = citations[index - 1].line
            citing = layout.page_for_line(line)
            if citing.src_uri not in targets:
                targets[citing.src_uri] = (href(citing, ""), f"{labels['cited_by']}: {citing.title}")
            address, title = targets[citing.src_uri]
        backlink = Html('<a class="ns-backlink" href="{}#cite-{}" title="{}">{}</a>')
        links.append(backlink.format(address, index, title, letter))
    return Html('<span class="ns-ref__backlinks">{}{}</span>').format(prefix, Html(" ").join(links))


def _letters(count: int) -> list[str]:
    """a … z, aa, ab … zz, aaa …: Wikipedia's labels, as short as `count` allows (repeating one
    letter, the 1,000th label would be 39 letters long and a page of them quadratic)."""
    labels = (
        "".join(letters)
        for size in itertools.count(1)
        for letters in itertools.product(string.ascii_lowercase, repeat=size)
    )
    return list(itertools.islice(labels, count))


def _url_line(reference: Reference, labels: dict[str, str], archived: str | None) -> Html:
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
    if archived is None:
        return address
    mark = Html('<span class="ns-ref__broken">{0}</span> {1}').format(
        labels["link_broken"], link(archived, labels["archived_copy"], "ns-ref__archived")
    )
    return Html("{} {}").format(address, mark)


def _broken(reference: Reference, results: Mapping[str, LinkResult], today: date | None) -> str | None:
    """The Wayback Machine's address of a copy of a link found broken, formed without asking the
    network: it serves the snapshot nearest the date (of the check, else of the build)."""
    url = reference.url
    result = results.get(url or "")
    if not is_web_url(url) or result is None or result.status is not LinkStatus.BROKEN:
        return None
    day = (result.checked_at or "")[:10] or (today.isoformat() if today else "")
    return f"https://web.archive.org/web/{day.replace('-', '')}/{url}"
