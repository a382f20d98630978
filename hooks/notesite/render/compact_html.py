"""HTML without its indentation: half of a built page's bytes were the spaces that indent
Material's templates, repeated on every page, and a browser shows none of them. The templates are
compacted once, as they are loaded (notesite_mkdocs.theme), so every page is born without them.

Only the whitespace that follows a line break goes, and the line break stays, so text reads the
same everywhere (a run of whitespace between words is shown as one space either way). Inside
`<pre>`, `<textarea>`, `<script>` and `<style>` every character is kept.
"""

from __future__ import annotations

import re

_KEPT = ("pre", "textarea", "script", "style")
_INDENT = re.compile(r"\n[ \t]+")


def compact_html(html: str) -> str:
    """`html` with the indentation after each line break removed, outside preformatted elements."""
    lower = html.lower()
    # The next opening of each kept tag, found again only once passed: every find moves forward,
    # so a page is read a bounded number of times whatever it holds.
    upcoming = {tag: _find_open(lower, tag, 0) for tag in _KEPT}
    parts: list[str] = []
    at = 0
    while True:
        for tag, start in upcoming.items():
            if 0 <= start < at:
                upcoming[tag] = _find_open(lower, tag, at)
        opened = [(start, tag) for tag, start in upcoming.items() if start >= 0]
        if not opened:
            parts.append(_INDENT.sub("\n", html[at:]))
            return "".join(parts)
        start, tag = min(opened)
        close = lower.find(f"</{tag}", start)
        end = len(html) if close < 0 else close
        parts += [_INDENT.sub("\n", html[at:start]), html[start:end]]
        at = end


def _find_open(lower: str, tag: str, at: int) -> int:
    """Where `<tag` opens at or after `at` (not `<tagname`), or -1."""
    start = lower.find(f"<{tag}", at)
    while start >= 0 and lower[start + len(tag) + 1 : start + len(tag) + 2].isalnum():
        start = lower.find(f"<{tag}", start + 1)
    return start
