"""Who links here: every link from one note to another, turned around, page by page.

A link is an edge from (note, line) to (note, heading line); the pages at both ends are the
pages that now hold those lines (`NoteLayout.page_for_line`). Links inside one note are its own
cross-references, not backlinks, and are left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from notesite.layout.links import NoteTarget, ResolvedLink
from notesite.layout.pages import NoteLayout, PageSpec
from notesite.model.plain_text import plain, shorten

_SENTENCE_ENDS = "。！？!?；;"
_MARKERS = " \t>#-*+"
_CONTEXT = 140  # characters of the sentence kept around the link


@dataclass(frozen=True)
class Backlink:
    source: NoteLayout  # the note that links
    source_page: PageSpec  # the page of it that shows the link
    line: int  # the linking line in the source note
    target: NoteLayout  # the note linked to
    target_page: PageSpec  # the page that shows the target line (the overview for the note)
    target_line: int | None
    sentence: str  # plain text of the sentence around the link


class Backlinks:
    """The backlinks of a whole build, looked up by the page or note they lead to."""

    def __init__(self, links: Mapping[str, list[ResolvedLink]], layouts: Mapping[str, NoteLayout]) -> None:
        self._by_page: dict[str, list[Backlink]] = {}
        self._by_note: dict[str, list[Backlink]] = {}
        seen: set[tuple[str, str]] = set()
        for path in sorted(links):
            source = layouts.get(path)
            if source is None:
                continue
            for link in links[path]:
                target = link.target
                if not isinstance(target, NoteTarget) or target.path == path or target.path not in layouts:
                    continue
                other = layouts[target.path]
                page = other.overview if target.line is None else other.page_for_line(target.line)
                source_page = source.page_for_line(link.line)
                # One entry per (linking page, linked page): the first link's sentence stands for all.
                key = (source_page.src_uri, page.src_uri)
                if key in seen:
                    continue
                seen.add(key)
                backlink = Backlink(
                    source, source_page, link.line, other, page, target.line, sentence_around(source, link)
                )
                self._by_page.setdefault(page.src_uri, []).append(backlink)
                self._by_note.setdefault(target.path, []).append(backlink)

    def to_page(self, page: PageSpec) -> list[Backlink]:
        """Links that lead to this very page."""
        return self._by_page.get(page.src_uri, [])

    def to_note(self, path: str) -> list[Backlink]:
        """Links that lead anywhere in the note, in the order of the linking notes' paths."""
        return self._by_note.get(path, [])


def sentence_around(layout: NoteLayout, link: ResolvedLink) -> str:
    """The sentence of the source line that holds the link, as plain text."""
    line = layout.note.lines[link.line - 1] if 0 < link.line <= len(layout.note.lines) else ""
    inline = link.inline
    start, end = max(0, inline.start), max(inline.start, inline.end)
    before = _sentence_start(line[:start])
    after = _sentence_end(line[end:])
    shown = inline.text or inline.target
    # The spaces around the link as written: none between Chinese words, one between English ones.
    left = " " if before[-1:].isspace() else ""
    right = " " if after[:1].isspace() else ""
    text = plain(before.lstrip(_MARKERS)) + left + plain(shown) + right + plain(after)
    return shorten(text.strip(), _CONTEXT)


def _sentence_start(text: str) -> str:
    """What follows the last sentence end before the link."""
    cut = max(text.rfind(mark) for mark in _SENTENCE_ENDS)
    dot = text.rfind(". ")
    cut = max(cut, dot + 1 if dot >= 0 else -1)
    return text[cut + 1 :] if cut >= 0 else text


def _sentence_end(text: str) -> str:
    """Up to and including the first sentence end after the link."""
    ends = [i for i in (text.find(mark) for mark in _SENTENCE_ENDS) if i >= 0]
    dot = text.find(". ")
    if dot >= 0:
        ends.append(dot)
    return text[: min(ends) + 1] if ends else text
