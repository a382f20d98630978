"""Putting text from a note into generated Markdown and HTML safely."""

from __future__ import annotations

import html
import re

# Characters Python-Markdown lets a backslash escape; `<`, `>` and `&` become entities instead.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]{}#!])")
_INLINE_MARKUP = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def escape_html(text: object) -> str:
    return html.escape(str(text), quote=True)


def escape_markdown(text: str) -> str:
    """Plain text that Markdown shows exactly as written, with no HTML let through."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", html.escape(text, quote=False))


def plain(text: str) -> str:
    """Inline Markdown reduced to its words: for summaries, titles and attributes."""
    return _INLINE_MARKUP.sub("", _MD_LINK.sub(r"\1", text)).strip()


def shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def is_web_url(url: str | None) -> bool:
    """Only http(s) URLs ever become links."""
    return bool(url) and re.match(r"^https?://[^\s/]+", url or "", re.IGNORECASE) is not None
