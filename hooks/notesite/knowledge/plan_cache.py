"""What `plan_site` keeps between serve's rebuilds, so a rebuild lays out and links again only the
notes an edit changed.

A note's layout is made from the note as read (the very `CheckedNote` the note cache keeps for the
same bytes, notesite.analyse.note_cache) and the site's settings that shape it (its folder, the
interface words, the split threshold, whole-note pages). Its links are resolved against the vault:
which notes, files and aliases there are (the vault's key) and the notes they lead into (headings
and blocks of each). An entry is used only for the very note it was made from, with equal settings
or the same vault key and every note its links lead into the same as then. After each build only
the entries that build used are kept.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping

from notesite.analyse.checked_note import CheckedNote
from notesite.layout.links import LinkResolver, NoteTarget, ResolvedLink
from notesite.layout.pages import NoteLayout
from notesite.model.diagnostics import Diagnostic
from notesite.model.note import Note

Links = tuple[list[ResolvedLink], list[Diagnostic]]


class PlanCache:
    def __init__(self) -> None:
        # Each entry holds what its key is the id of, so that id is not another object's meanwhile.
        self._layouts: dict[int, tuple[CheckedNote, Hashable, NoteLayout]] = {}
        self._links: dict[int, tuple[Note, Hashable, list[tuple[str, Note | None]], Links]] = {}
        self._used_layouts: dict[int, tuple[CheckedNote, Hashable, NoteLayout]] = {}
        self._used_links: dict[int, tuple[Note, Hashable, list[tuple[str, Note | None]], Links]] = {}
        self.layouts_reused = 0
        self.links_reused = 0

    def layout(self, checked: CheckedNote, settings: Hashable, make: Callable[[], NoteLayout]) -> NoteLayout:
        """`make()`, or the layout it made before for this very note read with equal `settings`."""
        kept = self._layouts.get(id(checked))
        if kept is not None and kept[0] is checked and kept[1] == settings:
            layout = kept[2]
            self.layouts_reused += 1
        else:
            layout = make()
        self._used_layouts[id(checked)] = (checked, settings, layout)
        return layout

    def links(self, note: Note, resolver: LinkResolver, vault: Hashable, notes: Mapping[str, Note]) -> Links:
        """`resolver.links_of(note)`, or what it gave before for this very note, in a vault with
        the same key `vault`, while every note the links lead into is the same (`notes`: by path)."""
        kept = self._links.get(id(note))
        if (
            kept is not None
            and kept[0] is note
            and kept[1] == vault
            and all(notes.get(path) is target for path, target in kept[2])
        ):
            links = kept[3]
            self.links_reused += 1
        else:
            links = resolver.links_of(note)
        into = {link.target.path for link in links[0] if isinstance(link.target, NoteTarget)}
        self._used_links[id(note)] = (note, vault, [(path, notes.get(path)) for path in sorted(into)], links)
        return links

    def end_build(self) -> None:
        """Keep what this build made, and nothing else."""
        self._layouts, self._used_layouts = self._used_layouts, {}
        self._links, self._used_links = self._used_links, {}
        self.layouts_reused = self.links_reused = 0


def vault_key(notes: Iterable[str], files: Iterable[str], aliases: Mapping[str, str]) -> Hashable:
    """What resolving a link reads of the vault besides the notes it leads into."""
    return (frozenset(notes), frozenset(files), frozenset(aliases.items()))
