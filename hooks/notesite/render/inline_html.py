"""One line of note text as HTML inside generated figures (comparison tables, the timeline).

The figures are HTML that Python-Markdown passes through untouched, so their text is rendered
here, by the parser's own inline scanner: escaped, with **bold**, `code` and link text kept and
citations linked; no HTML the author wrote ever reaches the page through them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from notesite.model.inline import InlineKind, scan_inline, strong_spans
from notesite.model.note import Citation
from notesite.read.citations import find_citations
from notesite.render.html import EMPTY, Html

# reference number → (finished URL of its bibliography entry, hover text)
CitationLink = Callable[[int], tuple[str, str]]
# Text without a character that could start code, emphasis, a link, HTML or a citation.
_PLAIN = re.compile(r"[^`*_\[\]!<$\\［【]*")


def inline_html(
    text: str, citation_link: CitationLink | None = None, references: Collection[int] = ()
) -> Html:
    """One line of note text as safe HTML: escaped, with bold, code and link text kept, and
    citations of `references` (the note's reference numbers) linked when `citation_link` is given.

    Read with the parser's inline scanner, so code, links and citations are what they are in the
    note's prose: a `[0,127]` naming no reference stays text, and so does `**` inside code.
    """
    if _PLAIN.fullmatch(text):
        return Html.escape(text)  # most cells: nothing to scan for
    inlines = scan_inline(text)
    # (start, end, replacement): the text between edits is escaped as is.
    edits: list[tuple[int, int, Html]] = []
    for inline in (each for outer in inlines for each in (outer, *outer.inner)):
        if inline.kind is InlineKind.CODE:
            ticks = len(text[inline.start : inline.end]) - len(text[inline.start : inline.end].lstrip("`"))
            code = text[inline.start + ticks : inline.end - ticks]
            edits.append((inline.start, inline.end, Html("<code>{}</code>").format(code)))
        elif inline.kind in (InlineKind.LINK, InlineKind.IMAGE):
            # Only the text survives: the brackets and the destination go.
            edits.append((inline.start, inline.text_start, EMPTY))
            edits.append((inline.text_end, inline.end, EMPTY))
        elif inline.kind in (InlineKind.WIKILINK, InlineKind.EMBED):
            edits.append((inline.start, inline.end, Html.escape(inline.text or inline.target)))
    for strong in strong_spans(text, inlines):
        edits.append((strong.start, strong.text_start, Html("<strong>")))
        edits.append((strong.text_end, strong.end, Html("</strong>")))
    if citation_link is not None and references:
        for citation in find_citations(text, 0, references, inlines):
            edits.append(
                (citation.column, citation.column + len(citation.text), _cite(citation, citation_link))
            )
    return _apply(text, edits)


def _apply(text: str, edits: list[tuple[int, int, Html]]) -> Html:
    """`text` escaped, with each edit's columns replaced. Edits come from disjoint constructs
    (strong delimiters and citations lie outside code and link targets); one that overlaps an
    earlier edit all the same is skipped rather than garbling the text."""
    out: list[str] = []
    position = 0
    for start, end, replacement in sorted(edits, key=lambda edit: (edit[0], edit[1])):
        if start < position:
            continue
        out += [text[position:start], replacement]
        position = end
    out.append(text[position:])
    return EMPTY.join(out)


def _cite(citation: Citation, link: CitationLink) -> Html:
    """Each number the citation names linked to its entry; separators and brackets kept."""
    out: list[str] = []
    position, text = 0, citation.text
    named = set(citation.numbers)
    for start, end in _numbers(text):
        number = int(text[start:end])
        if number not in named:
            continue
        href, title = link(number)
        out += [
            text[position:start],
            Html('<a class="ns-cite" href="{}" title="{}">{}</a>').format(href, title, number),
        ]
        position = end
    out.append(text[position:])
    return EMPTY.join(out)


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
