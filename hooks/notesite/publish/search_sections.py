"""What a built page says, heading by heading: the text the search index holds.

A page is cut where Material's search cuts it, at each heading that has an id, so a result can
lead to its heading: the text before the first such heading (or under a leading `<h1>`) belongs to
the page itself. Left out, as Material leaves them out: scripts, styles, objects, line numbers of
code, the `¶` permalinks of headings, and every element marked `data-search-exclude` (a heading so
marked drops its whole section). Block elements (paragraphs, list items, table cells) end a word
and inline ones (`<strong>`, `<a>`, `<code>`) do not, so "**算子**融合" is still one run.

One pass of one pattern over the page, which matches at every position, so reading takes time
linear in the page whatever it holds.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

# A comment, a tag (to its `>` or the end), or text up to the next `<`.
_PIECE = re.compile(r"<!--.*?(?:-->|\Z)|<[^>]*(?:>|\Z)|[^<]+|<", re.S)
_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)")
_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_SPACE = re.compile(r"\s+")

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
VOID = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
        "track", "wbr",
    }
)  # fmt: skip
SKIPPED = frozenset({"script", "style", "object"})
# Elements whose edges part words: everything that lays out as a block, a cell or a line break.
BLOCK = frozenset(
    {
        *HEADINGS, "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "dialog",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "label",
        "legend", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
        "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip


@dataclass
class PageSection:
    """A heading's part of a page: `anchor` is None for the part that belongs to the page."""

    anchor: str | None
    title: str
    text: str


@dataclass
class _Open:
    anchor: str | None
    excluded: bool = False
    title: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


def page_sections(page_html: str) -> list[PageSection]:
    """The sections of a page's content HTML, in order, without those excluded from search."""
    sections: list[_Open] = []
    skip_tag, skip_depth = "", 0  # an element being left out, and how deep in it we are
    heading = ""  # the heading whose title is being read
    for match in _PIECE.finditer(page_html):
        piece = match.group()
        name = _NAME.match(piece) if piece[0] == "<" else None
        if name is None:
            # Text, or a comment, doctype or processing instruction (no text of the page).
            if not skip_tag and not piece.startswith(("<!", "<?")):
                if not sections:
                    sections.append(_Open(None))
                current = sections[-1]
                (current.title if heading else current.text).append(piece)
            continue
        tag, closing = name.group(1).lower(), piece[1] == "/"
        if skip_tag:
            if tag == skip_tag:
                skip_depth += -1 if closing else 1
                if skip_depth == 0:
                    skip_tag = ""
            continue
        if closing:
            if tag == heading:
                heading = ""
        elif tag in HEADINGS and (anchor := _id(piece)) is not None:
            if tag != "h1" and not sections:
                sections.append(_Open(None))
            excluded = "data-search-exclude" in piece
            sections.append(_Open(anchor if sections else None, excluded))
            heading = tag
            if excluded:
                skip_tag, skip_depth = tag, 1
                continue
        elif tag not in VOID and (tag in SKIPPED or _left_out(piece)):
            skip_tag, skip_depth = tag, 1
            continue
        if tag in BLOCK and sections:
            sections[-1].text.append(" ")
    return [
        PageSection(section.anchor, _plain("".join(section.title)), _plain("".join(section.text)))
        for section in sections
        if not section.excluded
    ]


def _id(tag: str) -> str | None:
    found = _ID.search(tag)
    if found is None:
        return None
    return html.unescape(next(group for group in found.groups() if group is not None))


def _left_out(tag: str) -> bool:
    """Marked for no search, a heading's permalink, or the line numbers of a code block."""
    return "data-search-exclude" in tag or 'class="headerlink"' in tag or 'class="linenodiv"' in tag


def _plain(text: str) -> str:
    return _SPACE.sub(" ", html.unescape(text).replace("\u200b", "")).strip()
