"""Notes read once per content: `mkdocs serve` rebuilds every note on each edit, but a note whose
bytes did not change reads the same, so its parsed and analysed form is kept between rebuilds.

The key is the file's path, its bytes (by hash) and how HTML is treated, so an entry can only be
used for the very text it was made from. After each build only the entries that build used are
kept: a deleted or edited note leaves nothing behind.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from notesite.analyse.checked_note import CheckedNote, read_note
from notesite.analyse.kept import Kept
from notesite.analyse.sanitize import HtmlPolicy

_Key = tuple[str, str, str, str]


class NoteCache(Kept[_Key, CheckedNote]):
    def __init__(self) -> None:
        super().__init__()
        self.hits = 0

    def read(self, path: Path, docs_dir: Path, html: HtmlPolicy = HtmlPolicy.SANITIZE) -> CheckedNote:
        """`read_note`, or what it returned before for the same bytes at the same path."""
        try:
            digest = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
        except OSError:
            return read_note(path, docs_dir, html)  # read_note tells what is wrong with the file
        key = (str(docs_dir), str(path), digest, html.value)
        checked = self.kept.get(key)
        if checked is None:
            checked = read_note(path, docs_dir, html)
        else:
            self.hits += 1
        self._used[key] = checked
        return checked

    def end_build(self) -> None:
        super().end_build()
        self.hits = 0
