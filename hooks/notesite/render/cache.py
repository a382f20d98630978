"""Each note's pages as Markdown, kept between serve's rebuilds for the notes an edit left alone.

Rendering a note reads the note, and of the rest of the vault only what it shows: where its links
lead (the page and heading anchor of each target), the notes that link to it (their pages, titles
and the sentence around each link), the notes it names as related, its tags' pages, its
neighbours in the connections view, and what is known of its reference URLs. `render_key` is a
digest of all of that, so a note is rendered again when its text changes or something it shows
of another note does, and otherwise its Markdown is the last build's. Line numbers of other notes
are not part of it: a heading that moved down a line is still reached at the same page and anchor.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping

from notesite.analyse.kept import Kept
from notesite.knowledge.base import KnowledgeBase
from notesite.layout.links import NoteTarget, ResolvedLink
from notesite.layout.pages import NoteLayout
from notesite.linkcheck import LinkResult
from notesite.render.hrefs import Hrefs

Pages = dict[str, str]  # src_uri → Markdown


def render_key(
    layout: NoteLayout,
    resolved: Iterable[ResolvedLink],
    hrefs: Hrefs,
    knowledge: KnowledgeBase | None,
    link_results: Mapping[str, LinkResult],
    settings: object,
) -> str:
    """A digest of everything rendering the note's pages reads; `settings` stands for the rest
    (URL style, whole-note pages, where source lines are linked)."""
    note = layout.note
    shown: list[object] = [settings, note.path, note.title, layout.folder, layout.whole is not None]
    for link in resolved:
        target = link.target
        if isinstance(target, NoteTarget):
            holder, anchor = hrefs.place(layout.page_for_line(link.line), layout, target)
            shown.append((link.line, target.path, holder.src_uri, anchor))
        else:
            shown.append((link.line, repr(target)))
    if knowledge is not None:
        shown.append([(name, page.src_uri) for name, page in knowledge.note_tags(layout)])
        for related in knowledge.related.get(note.path, []):
            other = hrefs.layouts.get(related.path)
            shown.append((related.path, other.note.title, other.overview.src_uri) if other else related.path)
        for back in knowledge.backlinks.to_note(note.path):
            source_page, target_page = back.source_page, back.target_page
            shown.append(
                (back.source.note.title, source_page.src_uri, source_page.title, source_page.kind.value)
                + (target_page.src_uri, target_page.title, target_page.kind.value, back.sentence)
            )
        for near in knowledge.neighbours.get(note.path, []):
            other = hrefs.layouts.get(near.path)
            shown.append((repr(near), other.note.title, other.overview.src_uri) if other else near.path)
        shown.append(knowledge.graph_page.src_uri if knowledge.graph_page else None)
    shown.append([repr(link_results.get(ref.url or "")) for ref in note.references])
    digest = hashlib.blake2b("\n".join(note.lines).encode("utf-8", "surrogatepass"), digest_size=16)
    digest.update(json.dumps(shown, ensure_ascii=False, default=str).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class RenderCache(Kept[str, Pages]):
    """Rendered notes by `render_key`; after each build only what that build used is kept."""

    def __init__(self) -> None:
        super().__init__()
        self.hits = 0  # notes served from the cache, over the life of the server

    def pages(self, key: str, render: Callable[[], Pages]) -> Pages:
        pages = self.kept.get(key)
        if pages is None:
            pages = render()
        else:
            self.hits += 1
        self._used[key] = pages
        return pages
