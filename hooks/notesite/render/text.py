"""Putting text from a note into generated Markdown and HTML safely."""

from __future__ import annotations

import html
import re

from notesite.model.inline import InlineKind
from notesite.model.note import Note
from notesite.model.plain_text import plain
from notesite.read.callouts import marker, quote_depth

# Characters Python-Markdown lets a backslash escape; `<`, `>` and `&` become entities instead.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]{}#!])")


def escape_html(text: object) -> str:
    """Text for the values MkDocs puts into HTML unescaped (page titles in the navigation and
    `<title>`); the HTML of generated pages is `render.html.Html`, which escapes the same way."""
    return html.escape(str(text), quote=True)


def escape_markdown(text: str) -> str:
    """Plain text that Markdown shows exactly as written, with no HTML let through."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", html.escape(text, quote=False))


# Marks that are no words: footnote references and block ids.
_MARKS = (InlineKind.FOOTNOTE, InlineKind.BLOCK_ID)


def line_words(note: Note, number: int) -> str:
    """What a reader reads of source line `number` of a paragraph or list, for summaries and
    descriptions: no list bullets, quote marks, callout markers (a callout's title stays),
    footnote markers, block ids or comments."""
    line = note.lines[number - 1]
    marks = [(i.start, i.end) for i in note.inlines.get(number, ()) if i.kind in _MARKS]
    # A definition's `[^1]:` goes with its colon.
    marks += [
        (i.start, i.end + 1) for i in note.inlines.get(number, ()) if i.kind is InlineKind.FOOTNOTE_DEFINITION
    ]
    cuts = sorted([*marks, *note.comments.get(number, ())])
    if cuts:
        kept, column = [], 0
        for start, end in cuts:
            kept.append(line[column:start])
            column = max(column, end)
        line = "".join([*kept, line[column:]])
    _, column = quote_depth(line)
    text = line[column:]
    found = marker(text)
    return plain((found[2] if found else text).strip(" -*"))
