"""The numbered reference list: `[1] Source（domain）. "Title". description. URL`."""

from __future__ import annotations

import re

from notesite.diagnostics import Diagnostic
from notesite.note import LineSpan, Reference

REFERENCE_HEADINGS = re.compile(
    r"^(参考文献|参考资料|参考链接|引用|文献|资料来源|references?|bibliography|sources|works cited)"
    r"\s*[:：]?$",
    re.IGNORECASE,
)
# "[1] …", "［1］…", "【1】…", "1. …", "- [1] …" at the start of an entry.
_ENTRY_START = re.compile(r"^\s*(?:[-*+]\s+)?(?:[\[［【]\s*(\d+)\s*[\]］】]|(\d+)[.、)]\s)\s*(.*)$")
_URL = re.compile(r"(?:https?|ftp|file|javascript|mailto|data):[^\s<>\"'）)]*[^\s<>\"'）)。，,.;；]", re.I)
_SOURCE_DOMAIN = re.compile(r"^(.*?)\s*[（(]\s*([^（()）]+?)\s*[）)]\s*$")
_TITLE = re.compile(r"\"([^\"]+)\"|“([^”]+)”|「([^」]+)」|《([^》]+)》|'([^']+)'")
_EDGE_PUNCTUATION = " \t.．。,，;；:：-—"


def is_reference_heading(label: str) -> bool:
    return bool(REFERENCE_HEADINGS.match(label.strip()))


def parse_references(
    path: str, lines: list[str], first_line: int, diagnostics: list[Diagnostic]
) -> list[Reference]:
    """Entries of a reference section's body; wrapped lines join the entry above them."""
    entries: list[tuple[int, int, list[str]]] = []  # (number, start line, text lines)
    for offset, line in enumerate(lines):
        number = first_line + offset
        match = _ENTRY_START.match(line)
        if match:
            entries.append((int(match.group(1) or match.group(2)), number, [match.group(3)]))
        elif line.strip() and entries and number == _end_of(entries[-1]) + 1:
            entries[-1][2].append(line.strip())
        elif line.strip():
            diagnostics.append(
                Diagnostic(
                    path,
                    number,
                    "line in the reference list is not an entry like "
                    "'[1] Source. \"Title\". URL'; it is shown as written",
                )
            )
    references = [_parse_entry(path, *entry, diagnostics) for entry in entries]
    _report_duplicates(path, references, diagnostics)
    return references


def _end_of(entry: tuple[int, int, list[str]]) -> int:
    return entry[1] + len(entry[2]) - 1


def _parse_entry(
    path: str, number: int, line: int, parts: list[str], diagnostics: list[Diagnostic]
) -> Reference:
    text = " ".join(part.strip() for part in parts)
    reference = Reference(number, text, LineSpan(line, line + len(parts) - 1))
    url_match = _URL.search(text)
    if url_match:
        reference.url = url_match.group(0)
        text = (text[: url_match.start()] + text[url_match.end() :]).strip()
    title_match = _TITLE.search(text)
    if title_match:
        reference.title = next(group for group in title_match.groups() if group)
        head = text[: title_match.start()].strip(_EDGE_PUNCTUATION)
        tail = text[title_match.end() :].strip(_EDGE_PUNCTUATION)
        source_match = _SOURCE_DOMAIN.match(head)
        if source_match:
            reference.source, reference.domain = source_match.group(1), source_match.group(2)
        else:
            reference.source = head or None
        reference.description = tail or None
    else:
        diagnostics.append(
            Diagnostic(
                path,
                line,
                f"reference [{number}] has no quoted title; "
                "write it as '[n] Source. \"Title\". description. URL'",
            )
        )
        reference.description = text.strip(_EDGE_PUNCTUATION) or None
    if reference.url is None:
        diagnostics.append(Diagnostic(path, line, f"reference [{number}] has no URL"))
    return reference


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
