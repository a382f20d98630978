"""Obsidian callouts: a block quote whose first line is `[!type]`, `[!type]-` or `[!type]+`.

Obsidian shows them as titled boxes (folded with `-`, foldable with `+`), nested by quoting
deeper; Material shows admonitions of the same families, whose aliases are mapped here.
"""

from __future__ import annotations

from notesite.model.note import Block, BlockKind, Callout

# Obsidian's types and aliases → Material's admonition types; anything else is a plain note.
KINDS = {
    **dict.fromkeys(("note",), "note"),
    **dict.fromkeys(("abstract", "summary", "tldr"), "abstract"),
    **dict.fromkeys(("info",), "info"),
    **dict.fromkeys(("todo",), "todo"),
    **dict.fromkeys(("tip", "hint", "important"), "tip"),
    **dict.fromkeys(("success", "check", "done"), "success"),
    **dict.fromkeys(("question", "help", "faq"), "question"),
    **dict.fromkeys(("warning", "caution", "attention"), "warning"),
    **dict.fromkeys(("failure", "fail", "missing"), "failure"),
    **dict.fromkeys(("danger", "error"), "danger"),
    **dict.fromkeys(("bug",), "bug"),
    **dict.fromkeys(("example",), "example"),
    **dict.fromkeys(("quote", "cite"), "quote"),
}


def quote_depth(line: str) -> tuple[int, int]:
    """(`>` marks, column where the quoted text starts), as Python-Markdown strips them: each
    mark within three spaces of the previous one, and one space after it. One pass."""
    depth = content = column = 0
    while True:
        start = column
        while column < len(line) and line[column] == " " and column - start < 4:
            column += 1
        if column - start > 3 or column == len(line) or line[column] != ">":
            return depth, content
        depth, column = depth + 1, column + 1
        if line[column : column + 1] == " ":
            column += 1
        content = column


def marker(text: str) -> tuple[str, str, str] | None:
    """(written type, fold, title) of `[!type]± title`, or None."""
    if not text.startswith("[!"):
        return None
    close = text.find("]", 2)
    written = text[2:close] if close > 2 else ""
    if not written or not all(char.isalnum() or char in "-_" for char in written):
        return None
    rest = text[close + 1 :]
    fold = rest[:1] if rest[:1] in ("-", "+") else ""
    return written, fold, rest[len(fold) :].strip()


def _quotes(blocks: list[Block]) -> list[tuple[int, list[str]]]:
    """(first line, lines) of each quote: quoted paragraphs with the quoted fences between them
    (the splitter makes a fence a block of its own), line after line."""
    quotes: list[tuple[int, list[str]]] = []
    end = 0
    for block in blocks:
        if block.kind not in (BlockKind.PARAGRAPH, BlockKind.FENCE):
            continue
        if not block.lines[0].lstrip(" ").startswith(">"):
            continue
        if quotes and block.span.start == end + 1:
            quotes[-1][1].extend(block.lines)
        elif block.kind is BlockKind.PARAGRAPH:
            quotes.append((block.span.start, list(block.lines)))
        else:
            continue  # a quoted fence of its own: no callout starts in code
        end = block.span.end
    return quotes


def find_callouts(blocks: list[Block]) -> dict[int, Callout]:
    """The callouts of quoted paragraphs, by marker line."""
    found: dict[int, Callout] = {}
    for start, lines in _quotes(blocks):
        open_callouts: list[tuple[int, int, str, str, str]] = []  # line, depth, written, fold, title
        last_depth = 0
        for offset, line in enumerate(lines):
            number = start + offset
            depth, column = quote_depth(line)
            depth, opens = depth or last_depth, depth > last_depth  # lazy lines stay in their quote
            last_depth = depth
            while open_callouts and open_callouts[-1][1] > depth:
                _close(found, open_callouts.pop(), number - 1)
            # Only the first line of a quote (or of a deeper one) makes it a callout.
            found_marker = marker(line[column:]) if opens else None
            if found_marker:
                open_callouts.append((number, depth, *found_marker))
        while open_callouts:
            _close(found, open_callouts.pop(), start + len(lines) - 1)
    return dict(sorted(found.items()))


def _close(found: dict[int, Callout], opened: tuple[int, int, str, str, str], end: int) -> None:
    line, depth, written, fold, title = opened
    kind = KINDS.get(written.lower(), "note")
    found[line] = Callout(line, end, depth, kind, title or written[:1].upper() + written[1:].lower(), fold)
