"""The reference list, in the forms notes use:

- numbered: `[1] Source（domain）. "Title". description. URL` (also `1.`, `【1】`, `- [1]`);
- a list of Markdown links: `- [Title](url)`, `1. [Title](url) - description`, `* [Title](url)：说明`;
- a list of bare URLs: `- https://…` or `- <https://…>`.

Entries without a number of their own are numbered by their position in the list. The patterns
here have no nested quantifiers; the searches that could retry from every position are written
out by hand so each reads the entry once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from notesite.model.diagnostics import Diagnostic, Severity
from notesite.model.inline import Inline, InlineKind
from notesite.model.note import LineSpan, Reference

REFERENCE_HEADINGS = re.compile(
    r"^(参考文献|参考资料|参考链接|引用|文献|资料来源|references?|bibliography|sources|works cited)"
    r"\s*[:：]?$",
    re.IGNORECASE,
)
# "[1] …", "［1］…", "【1】…", "1. …", "- [1] …" at the start of an entry; `[2023](url)` is a link.
_ENTRY_START = re.compile(r"^\s*(?:[-*+]\s+)?(?:[\[［【]\s*(\d+)\s*[\]］】](?!\()|(\d+)[.、)]\s)\s*(.*)$")
# A bullet at the list's top level (an indented one continues the entry above it).
_BULLET = re.compile(r"^ ?[-*+]\s+(.*)$")
_SCHEME = re.compile(r"(?:https?|ftp|file|javascript|mailto|data):", re.IGNORECASE)
_URL_BODY = re.compile(r"[^\s<>\"'）)]*")
_URL_END_PUNCTUATION = "。，,.;；"
_TITLE_QUOTES = (('"', '"'), ("“", "”"), ("「", "」"), ("《", "》"), ("'", "'"))
_EDGE_PUNCTUATION = " \t.．。,，;；:：-—"
# What separates a linked title from its description: "- ", "：", " — ", " | ".
_DESCRIPTION_EDGE = _EDGE_PUNCTUATION + "–|｜"


def is_reference_heading(label: str) -> bool:
    return bool(REFERENCE_HEADINGS.match(label.strip()))


def parse_references(
    path: str,
    lines: list[str],
    first_line: int,
    diagnostics: list[Diagnostic],
    inlines: Mapping[int, Sequence[Inline]] | None = None,
) -> list[Reference]:
    """Entries of a reference section's body; wrapped lines join the entry above them.

    `inlines` (source line → scanned constructs) finds a linked title without reading the line again.
    """
    entries: list[tuple[int | None, int, int, list[str]]] = []  # (number, line, column, text lines)
    for offset, line in enumerate(lines):
        number = first_line + offset
        match = _ENTRY_START.match(line)
        bullet = None if match else _BULLET.match(line)
        if match:
            own = int(match.group(1) or match.group(2))
            entries.append((own, number, match.start(3), [match.group(3)]))
        elif bullet:
            entries.append((None, number, bullet.start(1), [bullet.group(1)]))
        elif line.strip() and entries and number == _end_of(entries[-1]) + 1:
            entries[-1][3].append(line.strip())
        elif line.strip():
            diagnostics.append(
                Diagnostic(
                    path,
                    number,
                    "line in the reference list is not an entry like "
                    "'[1] Source. \"Title\". URL' or '- [Title](URL)'; it is shown as written",
                    Severity.INFO,  # the author's own style, shown as written: nothing to act on
                )
            )
    references = []
    for position, (written, start, column, parts) in enumerate(entries, start=1):
        link = _leading_link((inlines or {}).get(start, ()), column)
        # Links inside the entry's text: the author's own style, shown as written with its links.
        inside = [
            i for n in range(start, start + len(parts)) for i in (inlines or {}).get(n, ()) if i is not link
        ]
        as_written = any(i.kind in (InlineKind.LINK, InlineKind.WIKILINK) for i in inside)
        own_number = written if written is not None else position
        references.append(_parse_entry(path, own_number, start, column, parts, link, as_written, diagnostics))
    _report_duplicates(path, references, diagnostics)
    return references


def _end_of(entry: tuple[int | None, int, int, list[str]]) -> int:
    return entry[1] + len(entry[3]) - 1


def _leading_link(inlines: Sequence[Inline], column: int) -> Inline | None:
    """The Markdown link or autolink the entry's text starts with, if any."""
    first = inlines[0] if inlines else None
    if first is not None and first.start == column and first.kind in (InlineKind.LINK, InlineKind.AUTOLINK):
        return first
    return None


def _parse_entry(
    path: str,
    number: int,
    line: int,
    column: int,
    parts: list[str],
    link: Inline | None,
    as_written: bool,
    diagnostics: list[Diagnostic],
) -> Reference:
    text = " ".join(part.strip() for part in parts)
    reference = Reference(number, text, LineSpan(line, line + len(parts) - 1), column=column)
    if link is not None:
        _parse_linked_entry(reference, text, link)
    elif as_written:
        found = find_url(text)
        reference.url = text[found[0] : found[1]] if found else None
    elif _SCHEME.match(text):
        _parse_url_entry(reference, text)
    else:
        _parse_numbered_entry(path, reference, text, diagnostics)
    if reference.url is None:
        diagnostics.append(Diagnostic(path, line, f"reference [{number}] has no URL", Severity.INFO))
    return reference


def _parse_linked_entry(reference: Reference, text: str, link: Inline) -> None:
    """`[Title](url) - description` or `<url> description`."""
    reference.url = link.target or None
    reference.title = link.text.strip() or None
    length = link.end - link.start
    reference.description = text[length:].strip(_DESCRIPTION_EDGE) or None


def _parse_url_entry(reference: Reference, text: str) -> None:
    """`https://… description`: the URL, and whatever follows it as the description."""
    found = find_url(text)
    if found is not None:
        start, end = found
        reference.url = text[start:end]
        reference.description = text[end:].strip(_DESCRIPTION_EDGE) or None


def _parse_numbered_entry(path: str, reference: Reference, text: str, diagnostics: list[Diagnostic]) -> None:
    found = find_url(text)
    if found:
        reference.url = text[found[0] : found[1]]
        text = (text[: found[0]] + text[found[1] :]).strip()
    title = _find_title(text)
    if title is None:
        diagnostics.append(
            Diagnostic(
                path,
                reference.line,
                f"reference [{reference.number}] has no quoted title; "
                "write it as '[n] Source. \"Title\". description. URL' or '- [Title](URL)'",
                Severity.INFO,
            )
        )
        reference.description = text.strip(_EDGE_PUNCTUATION) or None
        return
    open_at, close_at = title
    reference.title = text[open_at + 1 : close_at]
    head = text[:open_at].strip(_EDGE_PUNCTUATION)
    reference.source, reference.domain = _source_and_domain(head)
    reference.description = text[close_at + 1 :].strip(_EDGE_PUNCTUATION) or None


def find_url(text: str) -> tuple[int, int] | None:
    """Columns of the first URL in `text`, without the sentence punctuation that ends it."""
    position = 0
    while (scheme := _SCHEME.search(text, position)) is not None:
        body = _URL_BODY.match(text, scheme.end())
        end = body.end() if body else scheme.end()
        while end > scheme.end() and text[end - 1] in _URL_END_PUNCTUATION:
            end -= 1
        if end > scheme.end():
            return scheme.start(), end
        # Only punctuation followed the scheme, so no other scheme starts inside it.
        position = scheme.end()
    return None


def _find_title(text: str) -> tuple[int, int] | None:
    """Columns of the quotes around the first quoted title: "…", “…”, 「…」, 《…》 or '…'."""
    best: tuple[int, int] | None = None
    for opening, closing in _TITLE_QUOTES:
        start = text.find(opening)
        while start != -1 and (best is None or start < best[0]):
            end = text.find(closing, start + 1)
            if end == -1:
                break  # no later opening has a closing either
            if end > start + 1:
                best = (start, end)
                break
            start = text.find(opening, start + 1)  # an empty pair: look further
    return best


def _source_and_domain(head: str) -> tuple[str | None, str | None]:
    """ "搜狐科技（sohu.com）" → ("搜狐科技", "sohu.com"); without a trailing bracket, all source."""
    if head.endswith((")", "）")):
        opening = max(head.rfind("("), head.rfind("（"))
        inner = head[opening + 1 : -1]
        if opening != -1 and inner.strip() and not any(char in inner for char in "()（）"):
            return head[:opening].strip(), inner.strip()
    return head or None, None


def _report_duplicates(path: str, references: list[Reference], diagnostics: list[Diagnostic]) -> None:
    seen: dict[int, Reference] = {}
    for reference in references:
        if reference.number in seen:
            diagnostics.append(
                Diagnostic(
                    path,
                    reference.line,
                    f"reference [{reference.number}] is numbered "
                    f"again (first at line {seen[reference.number].line})",
                )
            )
        seen.setdefault(reference.number, reference)
