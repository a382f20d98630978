"""Inline Markdown reduced to plain words: for titles, summaries, slugs and attributes."""

from __future__ import annotations

import re
import unicodedata

_INLINE_MARKUP = re.compile(r"\*\*|__|~~|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`")
# Each pattern stops at the next bracket it could start again from, so it runs in linear time.
_MD_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_WIKILINK = re.compile(r"!?\[\[([^\[\]|]*)(?:\|([^\[\]]*))?\]\]")
_HTML_TAG = re.compile(r"<[^<>]*>")
# Bidi overrides and zero-width characters: invisible, yet they reorder or split a title.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def visible(text: str) -> str:
    """`text` without bidi overrides and zero-width characters: for every name a reader sees
    (titles, tags, file paths)."""
    return _INVISIBLE.sub("", text)


def plain(text: str) -> str:
    """Inline Markdown reduced to its words: for summaries, titles and attributes."""
    text = _WIKILINK.sub(lambda m: m.group(2) or m.group(1), visible(text))
    text = _HTML_TAG.sub("", _MD_LINK.sub(r"\1", text))
    return " ".join(_INLINE_MARKUP.sub("", text).split())


def shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def shown(text: str) -> str:
    """`text` quoted for a message, its control and invisible characters written as escapes
    (`\x1b` would drive the terminal the message is printed on)."""
    return repr(text) if any(unicodedata.category(char) in ("Cc", "Cf") for char in text) else f"'{text}'"
