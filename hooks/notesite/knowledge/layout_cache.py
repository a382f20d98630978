"""Notes laid out once per reading: serve's rebuilds lay out again only the notes an edit changed.

A note's layout is made from the note as read (the very `CheckedNote` the note cache keeps for the
same bytes, notesite.analyse.note_cache) and the site's settings that shape it (its folder, the
interface words, the split threshold, whole-note pages); an entry is used only when the note read
is the same object and the settings are equal, so it can only stand for the layout it was made as.
After each build only the entries that build used are kept.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from notesite.analyse.checked_note import CheckedNote
from notesite.layout.pages import NoteLayout

# The entry holds the note read, so its id is not given to another object while it is kept.
_Entry = tuple[CheckedNote, Hashable, NoteLayout]


class LayoutCache:
    def __init__(self) -> None:
        self._kept: dict[int, _Entry] = {}
        self._used: dict[int, _Entry] = {}
        self.hits = 0

    def layout(self, checked: CheckedNote, settings: Hashable, make: Callable[[], NoteLayout]) -> NoteLayout:
        """`make()`, or the layout it made before for this very note read with equal `settings`."""
        kept = self._kept.get(id(checked))
        if kept is not None and kept[0] is checked and kept[1] == settings:
            layout = kept[2]
            self.hits += 1
        else:
            layout = make()
        self._used[id(checked)] = (checked, settings, layout)
        return layout

    def end_build(self) -> None:
        """Keep what this build laid out, and nothing else."""
        self._kept, self._used, self.hits = self._used, {}, 0
