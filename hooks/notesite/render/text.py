"""Putting text from a note into generated Markdown and HTML safely."""

from __future__ import annotations

import html
import re

from notesite.model.plain_text import plain
from notesite.read.callouts import marker, quote_depth

# Characters Python-Markdown lets a backslash escape; `<`, `>` and `&` become entities instead.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]{}#!])")


def escape_html(text: object) -> str:
    return html.escape(str(text), quote=True)


def escape_markdown(text: str) -> str:
    """Plain text that Markdown shows exactly as written, with no HTML let through."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", html.escape(text, quote=False))


def line_words(line: str) -> str:
    """What a reader reads of one line of a paragraph or list, for summaries and descriptions:
    no list bullets, quote marks or callout markers (a callout's title stays)."""
    _, column = quote_depth(line)
    text = line[column:]
    found = marker(text)
    return plain((found[2] if found else text).strip(" -*"))
